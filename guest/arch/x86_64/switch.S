/* SPDX-License-Identifier: MIT */
/*
 * Cooperative thread switch (thread.c). The callee-saved registers go on
 * the old thread's stack, its stack pointer into *save; then the new
 * thread's registers come off its stack and `ret` resumes it.
 */

	.text
	/* void thread_switch(uint64_t *save, uint64_t next_rsp) */
	.globl thread_switch
thread_switch:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret

	/* First "return" of a new thread: %r12 = fn, %r13 = arg. */
	.globl thread_entry
thread_entry:
	movq	%r13, %rdi
	call	*%r12
	call	thread_exit
	ud2

	/*
	 * int ctx_save(struct ctx *c): saves where to resume and returns 0;
	 * ctx_resume(c, v) later makes that call return v a second time.
	 * struct ctx (include/guest/traps.h): rip rsp rbx rbp r12-r15.
	 */
	.globl ctx_save
ctx_save:
	movq	(%rsp), %rax
	movq	%rax, 0(%rdi)
	leaq	8(%rsp), %rax
	movq	%rax, 8(%rdi)
	movq	%rbx, 16(%rdi)
	movq	%rbp, 24(%rdi)
	movq	%r12, 32(%rdi)
	movq	%r13, 40(%rdi)
	movq	%r14, 48(%rdi)
	movq	%r15, 56(%rdi)
	xorl	%eax, %eax
	ret

	/* void ctx_resume(struct ctx *c, int value) */
	.globl ctx_resume
ctx_resume:
	movl	%esi, %eax
	movq	16(%rdi), %rbx
	movq	24(%rdi), %rbp
	movq	32(%rdi), %r12
	movq	40(%rdi), %r13
	movq	48(%rdi), %r14
	movq	56(%rdi), %r15
	movq	8(%rdi), %rsp
	jmpq	*0(%rdi)

	.section .note.GNU-stack, "", @progbits
