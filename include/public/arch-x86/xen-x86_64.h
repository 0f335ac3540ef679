/* SPDX-License-Identifier: MIT */
/* x86-64 PV specifics: flat selectors, reserved address range, registers. */
#include "xen.h"

#ifndef __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__

/*
 * Flat selectors in the hypervisor's GDT area. The guest kernel runs in
 * ring 3 like its user space, so kernel and user selectors are the same.
 */
#define FLAT_RING3_CS32	0xe023
#define FLAT_RING3_CS64	0xe033
#define FLAT_RING3_DS32	0xe02b
#define FLAT_RING3_DS64	0x0000		/* the null selector */
#define FLAT_RING3_SS32	0xe02b
#define FLAT_RING3_SS64	0xe02b

#define FLAT_KERNEL_DS64	FLAT_RING3_DS64
#define FLAT_KERNEL_DS32	FLAT_RING3_DS32
#define FLAT_KERNEL_DS		FLAT_KERNEL_DS64
#define FLAT_KERNEL_CS64	FLAT_RING3_CS64
#define FLAT_KERNEL_CS32	FLAT_RING3_CS32
#define FLAT_KERNEL_CS		FLAT_KERNEL_CS64
#define FLAT_KERNEL_SS64	FLAT_RING3_SS64
#define FLAT_KERNEL_SS32	FLAT_RING3_SS32
#define FLAT_KERNEL_SS		FLAT_KERNEL_SS64

#define FLAT_USER_DS64		FLAT_RING3_DS64
#define FLAT_USER_DS32		FLAT_RING3_DS32
#define FLAT_USER_DS		FLAT_USER_DS64
#define FLAT_USER_CS64		FLAT_RING3_CS64
#define FLAT_USER_CS32		FLAT_RING3_CS32
#define FLAT_USER_CS		FLAT_USER_CS64
#define FLAT_USER_SS64		FLAT_RING3_SS64
#define FLAT_USER_SS32		FLAT_RING3_SS32
#define FLAT_USER_SS		FLAT_USER_SS64

/*
 * L4 slots 256..271 belong to the hypervisor in every guest L4. The guest
 * sees the read-only M2P table (one 8-byte PFN per MFN) at its start.
 */
#define __HYPERVISOR_VIRT_START	0xFFFF800000000000
#define __HYPERVISOR_VIRT_END	0xFFFF880000000000
#define __MACH2PHYS_VIRT_START	0xFFFF800000000000
#define __MACH2PHYS_VIRT_END	0xFFFF804000000000

#ifndef HYPERVISOR_VIRT_START
#define HYPERVISOR_VIRT_START	xen_mk_ulong(__HYPERVISOR_VIRT_START)
#define HYPERVISOR_VIRT_END	xen_mk_ulong(__HYPERVISOR_VIRT_END)
#endif

#define MACH2PHYS_VIRT_START	xen_mk_ulong(__MACH2PHYS_VIRT_START)
#define MACH2PHYS_VIRT_END	xen_mk_ulong(__MACH2PHYS_VIRT_END)
#define MACH2PHYS_NR_ENTRIES	((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 3)
#ifndef machine_to_phys_mapping
#define machine_to_phys_mapping	((xen_ulong_t *)HYPERVISOR_VIRT_START)
#endif

/* set_segment_base: which base to write. */
#define SEGBASE_FS		0
#define SEGBASE_GS_USER		1
#define SEGBASE_GS_KERNEL	2
#define SEGBASE_GS_USER_SEL	3	/* load the user %gs selector */

/* iret_context.flags: return like sysret, leaving %rcx and %r11 alone. */
#define _VGCF_in_syscall	8
#define VGCF_in_syscall		(1 << _VGCF_in_syscall)
#define VGCF_IN_SYSCALL		VGCF_in_syscall

#ifndef __ASSEMBLY__
#include <stdint.h>

/*
 * What the guest leaves on its stack before jumping to the iret hypercall
 * slot, lowest address first (the slot itself pushes rcx, r11 and rax).
 */
struct iret_context {
	uint64_t rax;
	uint64_t r11;
	uint64_t rcx;
	uint64_t flags;		/* VGCF_in_syscall */
	uint64_t rip;
	uint64_t cs;
	uint64_t rflags;
	uint64_t rsp;
	uint64_t ss;
};

/*
 * General registers, in the order the hypervisor saves them. Xen's GNU C
 * variant also names the 32/16/8-bit parts (eax, ax, al...) through
 * anonymous unions; we give only the full names, which every Xen variant
 * has, so the header stays C99 and C++.
 */
struct cpu_user_regs {
	uint64_t r15;
	uint64_t r14;
	uint64_t r13;
	uint64_t r12;
	uint64_t rbp;
	uint64_t rbx;
	uint64_t r11;
	uint64_t r10;
	uint64_t r9;
	uint64_t r8;
	uint64_t rax;
	uint64_t rcx;
	uint64_t rdx;
	uint64_t rsi;
	uint64_t rdi;
	uint32_t error_code;
	uint32_t entry_vector;
	uint64_t rip;
	uint16_t cs;
	uint16_t _pad0[1];
	uint8_t saved_upcall_mask;	/* evtchn_upcall_mask at the trap */
	uint8_t _pad1[3];
	uint64_t rflags;
	uint64_t rsp;
	uint16_t ss;
	uint16_t _pad2[3];
	uint16_t es;
	uint16_t _pad3[3];
	uint16_t ds;
	uint16_t _pad4[3];
	uint16_t fs;
	uint16_t _pad5[3];
	uint16_t gs;
	uint16_t _pad6[3];
};
typedef struct cpu_user_regs cpu_user_regs_t;
DEFINE_XEN_GUEST_HANDLE(cpu_user_regs_t);

/* CR3 values in the ABI hold a frame number shifted into place. */
#define xen_pfn_to_cr3(pfn)	((uint64_t)(pfn) << 12)
#define xen_cr3_to_pfn(cr3)	((uint64_t)(cr3) >> 12)

/* Per-vCPU architectural state in vcpu_info. */
struct arch_vcpu_info {
	uint64_t cr2;		/* page-fault address, written before #PF */
	uint64_t pad;
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

typedef uint64_t xen_callback_t;	/* a callback's entry address */
#endif

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__ */
