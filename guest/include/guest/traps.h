/* SPDX-License-Identifier: MIT */
/*
 * Exceptions and callbacks (traps.c, arch/x86_64/entry.S).
 *
 * Faults the kernel expects are declared next to the instruction that
 * may take them with EXTABLE(insn, fixup): the trap handler resumes at
 * fixup and records what happened in trap_last, so a probe reads
 *	trap_clear(); <instruction>; vector = trap_vector();
 */
#ifndef GUEST_TRAPS_H
#define GUEST_TRAPS_H

#include <stdbool.h>
#include <stdint.h>

/* The registers entry.S saves, then the bounce frame as Xen left it. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error;		/* 0 for vectors without an error code */
	uint64_t rip;
	uint64_t cs;		/* bits 32-39: saved evtchn_upcall_mask */
	uint64_t rflags;
	uint64_t rsp;
	uint64_t ss;
};

#define TRAP_NONE	(-1)

/* The last fault taken at an EXTABLE instruction. */
struct trap_record {
	int		vector;		/* or TRAP_NONE */
	uint64_t	error;
	uint64_t	rip;
	uint64_t	cr2;		/* #PF: vcpu_info arch.cr2 */
};
extern volatile struct trap_record trap_last;
/* When set, expected faults are printed ("guest: page fault at ..."). */
extern bool trap_verbose;

#define EXTABLE(insn, fixup)					\
	".pushsection .extable, \"a\"\n\t.balign 8\n\t"		\
	".quad " #insn ", " #fixup "\n\t.popsection\n\t"

static inline void trap_clear(void)
{
	trap_last.vector = TRAP_NONE;
	__asm__ volatile("" ::: "memory");
}

static inline int trap_vector(void)
{
	__asm__ volatile("" ::: "memory");
	return trap_last.vector;
}

/*
 * A resume point: ctx_save() returns 0, then again the value passed to
 * ctx_resume() (switch.S). Used to come back from an iret hypercall or
 * a failsafe callback that we provoked on purpose.
 */
struct ctx {
	uint64_t rip, rsp, rbx, rbp, r12, r13, r14, r15;
};
int ctx_save(struct ctx *c) __attribute__((returns_twice));
void ctx_resume(struct ctx *c, int value) __attribute__((noreturn));
/*
 * While set, a failsafe callback resumes here with value 1, and a kernel
 * fault with no EXTABLE entry with RECOVER_TRAP | vector (recorded in
 * trap_last); either clears it.
 */
extern struct ctx *recover_ctx;
#define RECOVER_TRAP	0x100
/* entry.S: the iret hypercall with this frame; does not return. */
void iret_to(uint64_t rip, uint64_t cs, uint64_t rflags, uint64_t rsp,
	     uint64_t ss) __attribute__((noreturn));

/* Installs the trap table and the callbacks; 0 or a negative XEN_E*. */
int traps_init(void);
/* Copies the trap table and the callbacks into a new vCPU's context. */
struct vcpu_guest_context;
void traps_fill_context(struct vcpu_guest_context *c);

/* From entry.S: the trap table targets and the callbacks. */
void trap_handle(struct trap_frame *f);
/* frame: rcx, r11, ds, es, fs, gs, rip, cs, rflags, rsp, ss. */
void failsafe_handle(const uint64_t *frame) __attribute__((noreturn));
extern char trap_entry_table[];		/* 32 stubs of TRAP_STUB_SIZE */
#define TRAP_STUB_SIZE	16
void event_callback(void);
void failsafe_callback(void);
void syscall_callback(void);

/* Probes: TRAP_NONE if the access worked, else the vector it raised. */
int probe_read64(const volatile void *p, uint64_t *val);
int probe_write64(volatile void *p, uint64_t val);

/* The `pf` command: faults on purpose and recovers. */
void traps_pf_demo(void);

#endif
