/* SPDX-License-Identifier: MIT */
/* Guest user mode (user.c, arch/x86_64/entry.S). */
#ifndef GUEST_USER_H
#define GUEST_USER_H

#include <stdint.h>
#include <guest/traps.h>

/* System calls of the user program (rax), arguments in rdi, rsi, rdx. */
#define SYS_write	1	/* buf, len: prints; returns len */
#define SYS_report	2	/* cs, rsp, value: prints them */
#define SYS_exit	60	/* code: ends the program */

/* User program modes, read from the first word of its data page. */
#define USER_MODE_EXIT		0	/* exits by syscall */
#define USER_MODE_FAULT		1	/* reads a kernel address */
#define USER_MODE_INT80		2	/* exits by int $0x80 */

/* Layout of the user address space. */
#define USER_CODE	0x400000UL
#define USER_DATA	0x401000UL
#define USER_STACK_TOP	0x403000UL
#define USER_END	0x403000UL

/* entry.S: enter user mode; user_return() makes user_run() return. */
uint64_t user_run(uint64_t rip, uint64_t rsp);
void user_return(uint64_t value) __attribute__((noreturn));

/* The user program (arch/x86_64/user_prog.S), copied to USER_CODE. */
extern const char user_prog_start[], user_prog_end[];

/* Called by entry.S for a syscall from user mode; result in f->rax. */
void syscall_handle(struct trap_frame *f);
/* A trap from user mode: ends the user program. */
void user_trap(const struct trap_frame *f, uint64_t cr2);

/*
 * The `usermode` command: runs the user program once in each mode.
 * Returns 0, or a negative XEN_E* if a hypercall setting it up failed.
 */
int user_demo(void);

#endif
