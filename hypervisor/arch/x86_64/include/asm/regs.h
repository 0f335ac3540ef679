/* SPDX-License-Identifier: MIT */
/*
 * The register frame saved on every entry to the hypervisor, and the
 * per-CPU cpu_info at the top of each hypervisor stack. A guest entry
 * (interrupt, exception, SYSCALL) builds its frame exactly at
 * cpu_info.guest_regs: TSS.RSP0 points just past its ss field.
 */
#ifndef ASM_REGS_H
#define ASM_REGS_H

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10;
	uint64_t r9, r8, rax, rcx, rdx, rsi, rdi;
	uint64_t entry_vector;	/* pushed by the stub */
	uint64_t error_code;	/* by the CPU, or 0 by the stub */
	uint64_t rip, cs, rflags, rsp, ss;	/* the hardware frame */
};

struct vcpu;

struct cpu_info {
	struct trap_frame	guest_regs;
	uint64_t		syscall_rsp;	/* scratch for the SYSCALL path */
	uint64_t		stack_top;	/* &guest_regs.ss + 1 */
	struct vcpu		*current;
	unsigned int		cpu;
	unsigned int		pad;
};
#endif

/* Offsets used by entry.S; pinned by BUILD_BUG_ON in traps.c. */
#define UREGS_r15		0
#define UREGS_r11		48
#define UREGS_rax		80
#define UREGS_rcx		88
#define UREGS_entry_vector	120
#define UREGS_error_code	128
#define UREGS_rip		136
#define UREGS_cs		144
#define UREGS_rflags		152
#define UREGS_rsp		160
#define UREGS_ss		168
#define UREGS_size		176
#define CPUINFO_syscall_rsp	176
#define CPUINFO_stack_top	184
#define CPUINFO_size		208
/* Space reserved at each stack top for cpu_info (16-byte aligned). */
#define CPUINFO_RESERVED	256

#endif
