/* SPDX-License-Identifier: MIT */
/*
 * Raw copies between hypervisor and guest memory, and MSR accesses that
 * may fault. The one instruction that touches guest memory, rep movsb,
 * has an exception-table entry: a page fault there resumes at the fixup,
 * which returns how many bytes were left (rcx). CR0.WP is set, so a
 * write to a page the guest maps read-only faults too. rdmsr and wrmsr
 * of an MSR the CPU lacks raise #GP, fixed up the same way.
 */
	.text
/* size_t raw_copy_from_guest(void *dst, uint64_t src, size_t len) */
	.globl	raw_copy_from_guest
	.globl	raw_copy_to_guest
raw_copy_from_guest:
raw_copy_to_guest:
	movq	%rdx, %rcx
1:	rep movsb
	xorl	%eax, %eax
	ret
2:	movq	%rcx, %rax
	ret

	.section ex_table, "a"
	.balign	8
	.long	1b - .
	.long	2b - .

/* int rdmsr_safe(uint32_t msr, uint64_t *val): 0, or -1 on #GP. */
	.text
	.globl	rdmsr_safe
rdmsr_safe:
	movl	%edi, %ecx
3:	rdmsr
	shlq	$32, %rdx
	movl	%eax, %eax
	orq	%rdx, %rax
	movq	%rax, (%rsi)
	xorl	%eax, %eax
	ret
4:	movl	$-1, %eax
	ret

/* int wrmsr_safe(uint32_t msr, uint64_t val): 0, or -1 on #GP. */
	.globl	wrmsr_safe
wrmsr_safe:
	movl	%edi, %ecx
	movl	%esi, %eax
	movq	%rsi, %rdx
	shrq	$32, %rdx
5:	wrmsr
	xorl	%eax, %eax
	ret
6:	movl	$-1, %eax
	ret

	.section ex_table, "a"
	.balign	8
	.long	3b - .
	.long	4b - .
	.long	5b - .
	.long	6b - .
