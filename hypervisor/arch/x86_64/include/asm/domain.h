/* SPDX-License-Identifier: MIT */
/*
 * The x86-64 part of a PV vCPU and domain: page tables, privilege mode,
 * the virtual IDT and callbacks, segment bases, virtual CR0.TS, debug
 * registers and I/O privilege.
 *
 * Locking: [v] only the vCPU itself changes it, while running (its own
 * hypercalls and traps), so no lock; [a] any vCPU of the domain, atomic.
 */
#ifndef ASM_DOMAIN_H
#define ASM_DOMAIN_H

#include <asm/regs.h>
#include <stdbool.h>

/* A registered guest entry point: address and whether to mask events. */
struct pv_callback {
	uint64_t	address;	/* 0: none */
	bool		mask_events;
};

struct pv_trap {
	uint64_t	address;	/* 0: no handler */
	uint8_t		dpl;		/* lowest privilege allowed to int n */
	bool		mask_events;
};

struct arch_vcpu {
	struct trap_frame regs;		/* [r] saved while not running */
	uint8_t		fpu[512] __attribute__((aligned(16))); /* FXSAVE */
	uint64_t	cr3;		/* [v] machine address of the kernel L4 */
	uint64_t	cr3_user;	/* [v] user L4; 0 = none */
	bool		in_kernel;	/* [v] guest kernel (vs. user) mode */
	uint64_t	fs_base;	/* [v] */
	uint64_t	gs_base_kernel;	/* [v] GS base in guest kernel mode */
	uint64_t	gs_base_user;	/* [v] GS base in guest user mode */
	uint64_t	kernel_ss;	/* [v] stack_switch: user->kernel stack */
	uint64_t	kernel_sp;	/* [v] */
	struct pv_trap	traps[256];	/* [v] the virtual IDT */
	struct pv_callback event_cb, failsafe_cb, syscall_cb, syscall32_cb,
			sysenter_cb;	/* [v] (the NMI one is traps[2]) */
	bool		virt_ts;	/* [v] virtual CR0.TS */
	uint64_t	guest_cr2;	/* [v] last page-fault address */
	uint64_t	dr[8];		/* [v] debug registers (4, 5 unused) */
	uint8_t		iopl;		/* [v] virtual IOPL (physdev set_iopl) */
	uint64_t	gdt_frames[14];	/* [v] set_gdt: typed seg_desc */
	unsigned int	gdt_ents;	/* [v] */
	bool		nmi_pending;	/* [a] VCPUOP_send_nmi, not delivered */
	bool		nmi_masked;	/* [v] in the NMI handler until iret */
	bool		runstate_retry;	/* [v] area missed in user mode */
	uint64_t	time_area;	/* [v] guest vcpu_time_info VA, 0: none */
};

struct arch_domain {
	/* I/O ports the domain may use (bit set = allowed). [I] */
	uint8_t		io_allowed[65536 / 8];
};

#endif
