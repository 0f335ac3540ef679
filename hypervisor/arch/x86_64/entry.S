/* SPDX-License-Identifier: MIT */
/*
 * Entry to and exit from the hypervisor: the IDT stubs, the SYSCALL
 * entry that carries guest hypercalls, and the return to a guest.
 *
 * Every entry builds a struct trap_frame (asm/regs.h): the CPU pushes
 * ss, rsp, rflags, cs, rip (and an error code for some exceptions); the
 * stub pushes a zero error code when the CPU did not, then the vector;
 * SAVE_ALL pushes the general registers. From guest mode the CPU
 * switches to TSS.RSP0, which points just past cpu_info.guest_regs, so
 * the frame lands there. SYSCALL does not switch stacks: the entry finds
 * this CPU's stack through the GS base that swapgs exposes (MSR
 * KERNEL_GS_BASE holds &cpu_info), builds the same frame by hand and
 * swaps back, so the guest's GS base is the only one the hypervisor
 * leaves in GS_BASE.
 */
#include <asm/layout.h>
#include <asm/regs.h>

.macro SAVE_ALL
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

.macro RESTORE_ALL
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
.endm

	.text
/* Vectors that push an error code: 8, 10-14, 17, 21, 29, 30. */
#define HAS_ERRCODE(v)	((v) == 8 || ((v) >= 10 && (v) <= 14) || \
			 (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.balign	16
	.globl	idt_stubs
idt_stubs:
	vector = 0
	.rept	256
	.balign	16
	.if	!HAS_ERRCODE(vector)
	pushq	$0
	.endif
	pushq	$vector
	jmp	common_trap
	vector = vector + 1
	.endr

common_trap:
	cld
	SAVE_ALL
	xorl	%ebp, %ebp
	movq	%rsp, %rdi
	call	do_trap
	/* FALLTHROUGH */
	.globl	return_from_trap
return_from_trap:
	RESTORE_ALL
	addq	$16, %rsp		/* vector and error code */
	.globl	iret_insn
iret_insn:
	iretq

/*
 * The iretq above faulted on a guest frame (traps.c moved us here with
 * rsp at the frame's rip slot and the guest's registers written back):
 * let the guest's failsafe callback have it, then try again.
 */
	.globl	iret_fault_fixup
iret_fault_fixup:
	subq	$UREGS_rip, %rsp
	movq	%rsp, %rdi
	call	pv_iret_fault
	jmp	return_from_trap

/* SYSCALL from a guest: rcx = guest rip, r11 = guest rflags. */
	.balign	16
	.globl	syscall_entry
syscall_entry:
	swapgs
	movq	%rsp, %gs:CPUINFO_syscall_rsp
	movq	%gs:CPUINFO_stack_top, %rsp
	pushq	$FLAT_RING3_DS_SEL
	pushq	%gs:CPUINFO_syscall_rsp
	swapgs
	pushq	%r11
	pushq	$FLAT_RING3_CS64_SEL
	pushq	%rcx
	pushq	$0
	pushq	$0x100			/* entry_vector: SYSCALL */
	cld
	SAVE_ALL
	xorl	%ebp, %ebp
	movq	%rsp, %rdi
	call	do_syscall
	jmp	return_from_trap

/*
 * Start running a guest whose frame is in cpu_info.guest_regs: switch to
 * the top of this CPU's stack and leave through return_from_trap.
 * rdi = &cpu_info.guest_regs.
 */
	.globl	resume_guest
resume_guest:
	movq	%rdi, %rsp
	jmp	return_from_trap
