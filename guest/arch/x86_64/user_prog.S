/* SPDX-License-Identifier: MIT */
/*
 * The user program (user.c copies it to USER_CODE; position-independent).
 * It writes a line, reports its own CS and stack pointer, then ends as
 * the mode word at USER_DATA says: exit by syscall, a read of a kernel
 * address (a page fault from user mode), or exit by int $0x80.
 */
#define SYS_write	1
#define SYS_report	2
#define SYS_exit	60
#define USER_DATA	0x401000
#define KERNEL_ADDR	0xffffffff80000000

	.text
	.globl user_prog_start, user_prog_end
user_prog_start:
	movl	$SYS_write, %eax
	leaq	msg(%rip), %rdi
	movl	$(msg_end - msg), %esi
	syscall
	movq	%rax, %rdx
	movl	$SYS_report, %eax
	movl	%cs, %edi
	movq	%rsp, %rsi
	syscall
	movl	USER_DATA, %ecx
	cmpl	$1, %ecx
	je	1f
	cmpl	$2, %ecx
	je	2f
	movl	$SYS_exit, %eax
	movl	$42, %edi
	syscall
	ud2
1:	movabsq	$KERNEL_ADDR, %rbx
	movq	(%rbx), %rax
	ud2
2:	movl	$SYS_exit, %eax
	movl	$7, %edi
	int	$0x80
	ud2
msg:	.ascii	"user: hello from guest user mode\n"
msg_end:
user_prog_end:

	.section .note.GNU-stack, "", @progbits
