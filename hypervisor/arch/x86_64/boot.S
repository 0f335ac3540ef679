/* SPDX-License-Identifier: MIT */
/*
 * Multiboot2 header and the 32-bit entry: GRUB jumps to start32 in
 * protected mode with paging off, EAX = the multiboot2 magic and EBX = the
 * physical address of the boot information. We check both, build boot page
 * tables (an identity map of the first GiB for the switch, the image at
 * HV_IMAGE_OFFSET and a direct map of the first 4 GiB), enter long mode and
 * jump to start64 at the image's linked address, which calls
 * start_shoji(mbi_paddr) on the boot CPU's stack. paging.c replaces these
 * tables with the final ones.
 */
#include <asm/layout.h>
#include <asm/regs.h>

#define MB2_MAGIC		0xe85250d6
#define MB2_BOOT_MAGIC		0x36d76289
#define MB2_ARCH_I386		0
#define PHYS(sym)		((sym) - HV_IMAGE_OFFSET)

#define PTE_P			0x001
#define PTE_RW			0x002
#define PTE_PS			0x080
#define PTE_TABLE		(PTE_P | PTE_RW)
#define PTE_LARGE		(PTE_P | PTE_RW | PTE_PS)

#define COM1			0x3f8

	.section .text.boot, "ax"
	.balign 8
mb2_header:
	.long	MB2_MAGIC
	.long	MB2_ARCH_I386
	.long	mb2_header_end - mb2_header
	.long	-(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* Entry address tag: GRUB enters at start32's physical address. */
	.balign 8
	.short	3, 0
	.long	12
	.long	PHYS(start32)
	/* Module alignment tag: modules start on a page boundary. */
	.balign 8
	.short	6, 0
	.long	8
	/* End tag. */
	.balign 8
	.short	0, 0
	.long	8
mb2_header_end:

	.code32
	.globl	start32
start32:
	cld
	cli
	movl	%ebx, %edi			/* keep the mbi pointer */
	movl	$PHYS(boot_stack_top), %esp
	cmpl	$MB2_BOOT_MAGIC, %eax
	jne	.Lnot_mb2

	/* Long mode must exist: CPUID 0x80000001 EDX bit 29. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	.Lno_lm
	movl	$0x80000001, %eax
	cpuid
	btl	$29, %edx
	jnc	.Lno_lm
	movl	%edx, %esi			/* bit 20: NX */

	/* L4[0] and L4[image] -> one L3 whose entry 0 maps 0-1 GiB. */
	movl	$PHYS(boot_l3_low) + PTE_TABLE, %eax
	movl	%eax, PHYS(boot_l4)
	movl	$PHYS(boot_l3_img) + PTE_TABLE, %eax
	movl	%eax, PHYS(boot_l4) + HV_IMAGE_L4_SLOT * 8
	movl	$PHYS(boot_l3_dmap) + PTE_TABLE, %eax
	movl	%eax, PHYS(boot_l4) + DIRECTMAP_L4_SLOT * 8
	movl	$PHYS(boot_l2) + PTE_TABLE, %eax
	movl	%eax, PHYS(boot_l3_low)
	movl	%eax, PHYS(boot_l3_img) + HV_IMAGE_L3_SLOT * 8

	/* Direct map: four L2s of 2 MiB pages cover 0-4 GiB. */
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$12, %eax
	addl	$PHYS(boot_l2) + PTE_TABLE, %eax
	movl	%eax, PHYS(boot_l3_dmap)(,%ecx,8)
	incl	%ecx
	cmpl	$4, %ecx
	jb	1b

	/* 2048 entries of 2 MiB: entry i maps i * 2 MiB (high dword: i/2048). */
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$PTE_LARGE, %eax
	movl	%eax, PHYS(boot_l2)(,%ecx,8)
	movl	%ecx, %eax
	shrl	$11, %eax
	movl	%eax, PHYS(boot_l2) + 4(,%ecx,8)
	incl	%ecx
	cmpl	$2048, %ecx
	jb	2b

	/* PAE + PGE, then EFER.LME (and NXE if present), then paging. */
	movl	%cr4, %eax
	orl	$0x20 | 0x80, %eax
	movl	%eax, %cr4
	movl	$PHYS(boot_l4), %eax
	movl	%eax, %cr3
	movl	$0xc0000080, %ecx
	rdmsr
	orl	$0x100, %eax			/* LME */
	btl	$20, %esi
	jnc	3f
	orl	$0x800, %eax			/* NXE */
3:	wrmsr
	movl	%cr0, %eax
	orl	$0x80010001, %eax		/* PG | WP | PE */
	movl	%eax, %cr0

	lgdt	PHYS(boot_gdt_ptr)
	ljmp	$0x08, $PHYS(start64_low)

/* Print the NUL-terminated string at %esi on COM1, then halt. */
.Lnot_mb2:
	movl	$PHYS(msg_not_mb2), %esi
	jmp	early_die
.Lno_lm:
	movl	$PHYS(msg_no_lm), %esi
early_die:
	movw	$COM1 + 5, %dx
1:	inb	%dx, %al
	testb	$0x20, %al
	jz	1b
	lodsb
	testb	%al, %al
	jz	2f
	movw	$COM1, %dx
	outb	%al, %dx
	jmp	early_die
2:	hlt
	jmp	2b

	.code64
start64_low:
	movabsq	$start64, %rax
	jmp	*%rax

	.text
	.globl	start64
start64:
	xorl	%eax, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	leaq	boot_stack_top - CPUINFO_RESERVED(%rip), %rsp
	movl	%edi, %edi			/* mbi paddr, zero-extended */
	xorl	%ebp, %ebp
	call	start_shoji
1:	cli
	hlt
	jmp	1b

/*
 * Application processors arrive here from trampoline.S on the boot page
 * tables, with rsp at the top of their stack block: switch to the final
 * page tables before touching the stack, which may lie above 4 GiB.
 */
	.globl	ap_start64
ap_start64:
	movq	idle_cr3(%rip), %rax
	movq	%rax, %cr3
	xorl	%eax, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%ebp, %ebp
	call	start_secondary
1:	cli
	hlt
	jmp	1b

	.section .rodata.boot, "a"
msg_not_mb2:
	.asciz	"Shoji: not started by a multiboot2 loader; halting\r\n"
msg_no_lm:
	.asciz	"Shoji: this CPU has no long mode (x86-64); halting\r\n"

	.balign 8
boot_gdt:
	.quad	0
	.quad	0x00af9a000000ffff		/* 64-bit ring-0 code */
	.quad	0x00cf92000000ffff		/* data */
boot_gdt_end:
boot_gdt_ptr:
	.short	boot_gdt_end - boot_gdt - 1
	.long	PHYS(boot_gdt)

	.section .bss.boot, "aw", @nobits
	.balign	PAGE_SIZE
	.globl	boot_l4
boot_l4:	.skip	PAGE_SIZE
boot_l3_low:	.skip	PAGE_SIZE
boot_l3_img:	.skip	PAGE_SIZE
boot_l3_dmap:	.skip	PAGE_SIZE
boot_l2:	.skip	4 * PAGE_SIZE
	.balign	STACK_SIZE
	.globl	boot_stack
boot_stack:	.skip	STACK_SIZE
boot_stack_top:
