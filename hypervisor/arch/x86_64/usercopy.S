/* SPDX-License-Identifier: MIT */
/*
 * Raw copies between hypervisor and guest memory. The one instruction
 * that touches guest memory, rep movsb, has an exception-table entry: a
 * page fault there resumes at the fixup, which returns how many bytes
 * were left (rcx). CR0.WP is set, so a write to a page the guest maps
 * read-only faults too.
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
