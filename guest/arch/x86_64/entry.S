/* SPDX-License-Identifier: MIT */
/*
 * Entries into the kernel from the hypervisor: the exception stubs the
 * trap table points at, the event, failsafe and syscall callbacks, and
 * the way into guest user mode.
 *
 * Xen bounces every entry onto the guest kernel stack as
 *	rcx, r11, [error code], rip, cs, rflags, rsp, ss
 * (lowest address first). The stubs pop rcx and r11 back into their
 * registers, push a zero error code where the CPU gives none and the
 * vector, then trap_common saves the other registers as a struct
 * trap_frame (include/guest/traps.h) and calls trap_handle(). The kernel
 * runs in ring 3, so a same-mode return is a plain iretq once RPL 3 is
 * put back into the saved CS and SS (Xen clears it for kernel mode).
 * Returning to guest user mode needs the iret hypercall, which also
 * switches page tables: syscall_callback ends with it.
 */
#include <public/xen.h>

#define EVENT_VECTOR	256
#define SYSCALL_VECTOR	258
#define IRET_SLOT	(__HYPERVISOR_iret * 32)

	.macro SAVE_REGS
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	.endm

	.macro RESTORE_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	.endm

	/* Calls fn(frame) on a 16-byte aligned stack; %rbx keeps the frame. */
	.macro CALL_C fn
	movq	%rsp, %rdi
	movq	%rsp, %rbx
	andq	$-16, %rsp
	cld
	call	\fn
	movq	%rbx, %rsp
	.endm

	/* One 16-byte stub per vector; has_error: the CPU pushes a code. */
	.macro TRAP_STUB vector, has_error
	.balign 16
	popq	%rcx
	popq	%r11
	.if \has_error == 0
	pushq	$0
	.endif
	pushq	$\vector
	jmp	trap_common
	.endm

	.text
	.balign 16
	.globl trap_entry_table
trap_entry_table:
	TRAP_STUB 0, 0
	TRAP_STUB 1, 0
	TRAP_STUB 2, 0
	TRAP_STUB 3, 0
	TRAP_STUB 4, 0
	TRAP_STUB 5, 0
	TRAP_STUB 6, 0
	TRAP_STUB 7, 0
	TRAP_STUB 8, 1
	TRAP_STUB 9, 0
	TRAP_STUB 10, 1
	TRAP_STUB 11, 1
	TRAP_STUB 12, 1
	TRAP_STUB 13, 1
	TRAP_STUB 14, 1
	TRAP_STUB 15, 0
	TRAP_STUB 16, 0
	TRAP_STUB 17, 1
	TRAP_STUB 18, 0
	TRAP_STUB 19, 0
	TRAP_STUB 20, 0
	TRAP_STUB 21, 1
	TRAP_STUB 22, 0
	TRAP_STUB 23, 0
	TRAP_STUB 24, 0
	TRAP_STUB 25, 0
	TRAP_STUB 26, 0
	TRAP_STUB 27, 0
	TRAP_STUB 28, 0
	TRAP_STUB 29, 1
	TRAP_STUB 30, 1
	TRAP_STUB 31, 0
	.balign 16
	/* Software interrupt 0x80 from guest user mode (trap table DPL 3). */
	.globl trap_entry_int80
trap_entry_int80:
	TRAP_STUB 0x80, 0

trap_common:
	SAVE_REGS
	CALL_C	trap_handle
	RESTORE_REGS
	addq	$16, %rsp		/* vector, error code */
	orb	$3, 8(%rsp)		/* CS: back to RPL 3 */
	orb	$3, 32(%rsp)		/* SS */
	iretq

	/*
	 * Event upcall: a bounce frame without error code; the hypervisor
	 * has set evtchn_upcall_mask. We return with the iret hypercall,
	 * which sets the mask from the saved RFLAGS.IF (clear: it was clear
	 * when the upcall came) as it returns, so an event that arrived
	 * meanwhile is delivered then, not nested on this stack. CS keeps
	 * only its selector (bits 32-39 hold the saved mask).
	 */
	.globl event_callback
event_callback:
	popq	%rcx
	popq	%r11
	pushq	$0
	pushq	$EVENT_VECTOR
	SAVE_REGS
	CALL_C	trap_handle
	RESTORE_REGS
	addq	$16, %rsp		/* vector, error code */
	movl	$0, 12(%rsp)		/* CS bits 32-63 */
	movw	$0, 10(%rsp)		/* CS bits 16-31 */
	pushq	$0			/* iret_context.flags */
	jmp	hypercall_page + IRET_SLOT

	/*
	 * Failsafe: the hypervisor could not load our segment registers on
	 * return. Frame: rcx, r11, ds, es, fs, gs, rip, cs, rflags, rsp, ss.
	 */
	.globl failsafe_callback
failsafe_callback:
	movq	%rsp, %rdi
	andq	$-16, %rsp
	call	failsafe_handle
	ud2

	/*
	 * A syscall from guest user mode, on the stack_switch stack:
	 * rcx, r11, rip, cs, rflags, rsp, ss. syscall_handle() puts the
	 * result in the frame's rax; we go back to user mode with the iret
	 * hypercall, flags 0, so rcx and r11 come back from the stub's
	 * pushes as the user's values.
	 */
	.globl syscall_callback
syscall_callback:
	popq	%rcx
	popq	%r11
	pushq	$0
	pushq	$SYSCALL_VECTOR
	SAVE_REGS
	CALL_C	syscall_handle
	RESTORE_REGS
	addq	$16, %rsp		/* vector, error code */
	pushq	$0			/* iret_context.flags */
	jmp	hypercall_page + IRET_SLOT

	/*
	 * uint64_t user_run(uint64_t rip, uint64_t rsp): enters guest user
	 * mode at rip with stack rsp and events masked (IF clear); returns
	 * the value given to user_return(), called from a handler when the
	 * user program is done.
	 */
	.globl user_run
user_run:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, user_kernel_rsp(%rip)
	pushq	$FLAT_USER_SS
	pushq	%rsi
	pushq	$0x2			/* rflags: IF clear */
	pushq	$FLAT_USER_CS
	pushq	%rdi
	pushq	$0			/* iret_context.flags */
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	jmp	hypercall_page + IRET_SLOT

	/* void user_return(uint64_t value): back into user_run's caller. */
	.globl user_return
user_return:
	movq	%rdi, %rax
	movq	user_kernel_rsp(%rip), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret

	/*
	 * void iret_to(rip, cs, rflags, rsp, ss): the iret hypercall with
	 * this frame, from kernel mode (abicpu.c, hostile.c).
	 */
	.globl iret_to
iret_to:
	pushq	%r8
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	$0			/* iret_context.flags */
	jmp	hypercall_page + IRET_SLOT

	.bss
	.balign 8
user_kernel_rsp:
	.quad	0

	.section .note.GNU-stack, "", @progbits
