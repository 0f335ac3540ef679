/* SPDX-License-Identifier: MIT */
/*
 * Delivering exceptions and callbacks to PV guests: the bounce frame.
 * A bounce rewrites the guest's saved registers (the trap_frame the
 * hypervisor returns through) so that the return lands in the guest's
 * handler, with Xen's frame on the guest kernel stack (XEN-ABI.md 2.4).
 */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <hv/domain.h>

#define TRAP_NO_ERROR	(-1)

/*
 * Bounces regs to handler: switches a guest in user mode to kernel
 * mode, pushes rcx, r11, [error_code], rip, cs (with the saved upcall
 * mask), rflags, rsp, ss on the guest kernel stack, and masks events if
 * asked. A frame that cannot be written crashes the domain. Returns 0, or
 * -EFAULT after crashing it.
 */
int pv_bounce(struct vcpu *v, struct trap_frame *regs, uint64_t handler,
	      int error_code, bool mask_events);

/*
 * Delivers exception vec (with error_code, or TRAP_NO_ERROR) to v's trap
 * table handler; the domain crashes if it has none.
 */
void pv_inject_exception(struct vcpu *v, struct trap_frame *regs,
			 unsigned int vec, int error_code);

/* #PF: records cr2 in vcpu_info and the vCPU, fixes the user bit. */
void pv_inject_page_fault(struct vcpu *v, struct trap_frame *regs,
			  uint64_t cr2, uint32_t error_code);

/* Switches between guest kernel and user mode: page table and GS base. */
void pv_toggle_guest_mode(struct vcpu *v);

/*
 * pv_vcpu.c. On the way back to v's guest: a pending NMI (send_nmi) goes
 * to the handler in trap table entry 2 (callback_op CALLBACKTYPE_nmi),
 * unless v is in its NMI handler still; without a handler it is dropped.
 * True if a frame was bounced.
 */
bool pv_deliver_nmi(struct vcpu *v, struct trap_frame *regs);
/* Copies v's fresh vcpu_time_info to the area it registered, if any. */
void pv_time_area_update(struct vcpu *v, const struct vcpu_time_info *t);

/*
 * Emulates the privileged instruction at regs->rip that raised #GP (or
 * #UD for the forced-emulation prefix). Returns true if it was emulated
 * (rip advanced) or an exception was injected instead.
 */
bool pv_emulate_privileged(struct vcpu *v, struct trap_frame *regs,
			   unsigned int vec);

/* CPUID as a PV guest sees it (policy applied, Xen's leaves added). */
void pv_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t subleaf,
	      uint32_t res[4]);

/* I/O: does v's virtual IOPL allow port I/O in its current mode? */
bool pv_io_iopl_ok(const struct vcpu *v);
/* I/O ports: was v's domain given [port, port + bytes)? */
bool pv_io_permitted(const struct vcpu *v, unsigned int port,
		     unsigned int bytes);
void pv_io_grant(struct domain *d, unsigned int first, unsigned int last);
void pv_io_deny(struct domain *d, unsigned int first, unsigned int last);

/* Loads v's debug registers into the hardware (context switch). */
void arch_load_debugregs(struct vcpu *v);

/* FPU: the boot template, and a new vCPU's initial state. */
void fpu_init_template(void);
void arch_vcpu_fpu_init(struct vcpu *v);

/* Turns on CPUID faulting if this CPU has it; true if on. */
bool cpuid_faulting_enable(void);

/* Called from the return path when an iretq to the guest faulted. */
void pv_iret_fault(struct trap_frame *regs);

#endif
