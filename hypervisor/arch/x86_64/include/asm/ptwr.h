/* SPDX-License-Identifier: MIT */
/*
 * Writable page tables: emulation of a guest's own writes to its L1
 * tables (ptwr.c). The decoder and executor are exposed for host tests.
 */
#ifndef ASM_PTWR_H
#define ASM_PTWR_H

#include <asm/regs.h>
#include <hv/domain.h>

#define PTWR_MAX_INSN	15

#define X86_FLAGS_CF	(1UL << 0)
#define X86_FLAGS_PF	(1UL << 2)
#define X86_FLAGS_AF	(1UL << 4)
#define X86_FLAGS_ZF	(1UL << 6)
#define X86_FLAGS_SF	(1UL << 7)
#define X86_FLAGS_OF	(1UL << 11)

/* One decoded memory-writing instruction. */
struct ptwr_insn {
	unsigned int	opcode;		/* 0x0f xx as 0x1xx */
	unsigned int	width;		/* operand bytes: 1, 2, 4, 8 */
	unsigned int	reg;		/* ModRM reg field, REX.R applied */
	unsigned int	len;		/* instruction bytes */
	uint8_t		rex;
	bool		riprel;
	uint64_t	ea;		/* effective address written */
	uint64_t	imm;		/* immediate, sign-extended */
};

/*
 * Decodes the len bytes at b (fetched from regs->rip) as one of the
 * instructions ptwr.c emulates: 0, or -EINVAL for anything else.
 */
int ptwr_decode(const uint8_t *b, unsigned int len,
		const struct trap_frame *regs, struct ptwr_insn *i);

/*
 * Computes what i stores over the operand value old (*new), updating
 * registers and *rflags as the instruction would; false when it stores
 * nothing (CMPXCHG that did not match).
 */
bool ptwr_execute(const struct ptwr_insn *i, struct trap_frame *regs,
		  uint64_t old, uint64_t *new, uint64_t *rflags);

/*
 * Called first on a guest #PF at cr2: true if it was a write to one of
 * v's own L1 tables, emulated (RIP advanced, or left for a retry); false
 * to deliver the fault to the guest as it is (including when the new
 * entry fails validation).
 */
bool pv_ptwr_fault(struct vcpu *v, struct trap_frame *regs, uint64_t cr2);

#endif
