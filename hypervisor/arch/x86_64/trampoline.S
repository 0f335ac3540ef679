/* SPDX-License-Identifier: MIT */
/*
 * The application processors' way into long mode. smpboot.c copies this
 * code to TRAMPOLINE_PA (below 1 MiB) and starts each AP there with a
 * startup IPI, in real mode at CS:IP = (TRAMPOLINE_PA >> 4):0. It loads
 * its own GDT, enters protected mode, turns on PAE, the boot page tables
 * (boot.S: they identity-map the first GiB, where this page is), long
 * mode and paging, then jumps to ap_start64 in the image with the stack
 * smpboot.c left in the parameter block at the end.
 */
#include <asm/layout.h>
#include <asm/regs.h>
#include <asm/smp.h>

#define REL(x)		((x) - trampoline_start)
#define ABS(x)		(TRAMPOLINE_PA + REL(x))

	.section .rodata.trampoline, "a"
	.code16
	.globl	trampoline_start
trampoline_start:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	lgdtl	REL(tr_gdt_ptr)
	movl	%cr0, %eax
	orl	$1, %eax
	movl	%eax, %cr0
	ljmpl	$0x08, $ABS(tr_protected)

	.code32
tr_protected:
	movw	$0x10, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movl	%cr4, %eax
	orl	$0x20 | 0x80, %eax		/* PAE, PGE */
	movl	%eax, %cr4
	movl	ABS(tr_cr3), %eax
	movl	%eax, %cr3
	movl	$0xc0000080, %ecx
	rdmsr
	orl	ABS(tr_efer), %eax		/* LME, NXE as the BSP has */
	wrmsr
	movl	%cr0, %eax
	orl	$0x80010001, %eax		/* PG, WP, PE */
	movl	%eax, %cr0
	ljmpl	$0x18, $ABS(tr_long)

	.code64
tr_long:
	movq	ABS(tr_stack), %rsp
	movq	ABS(tr_entry), %rax
	jmp	*%rax

	.balign	8
tr_gdt:
	.quad	0
	.quad	0x00cf9a000000ffff		/* 0x08: 32-bit code */
	.quad	0x00cf92000000ffff		/* 0x10: data */
	.quad	0x00af9a000000ffff		/* 0x18: 64-bit code */
tr_gdt_end:
tr_gdt_ptr:
	.short	tr_gdt_end - tr_gdt - 1
	.long	ABS(tr_gdt)

	/* Parameters, filled by smpboot.c before each startup IPI. */
	.balign	8
	.globl	tr_params
tr_params:
tr_cr3:		.long	0
tr_efer:	.long	0
tr_entry:	.quad	0
tr_stack:	.quad	0
	.globl	trampoline_end
trampoline_end:
