/* SPDX-License-Identifier: MIT */
/* The x86-64 part of a PV vCPU: its page table and privilege state. */
#ifndef ASM_DOMAIN_H
#define ASM_DOMAIN_H

#include <asm/regs.h>

struct arch_vcpu {
	uint64_t	cr3;		/* machine address of the kernel L4 */
	uint64_t	gs_base_kernel;
	uint64_t	fs_base;
	bool		in_kernel;	/* guest kernel (vs. guest user) mode */
};

#endif
