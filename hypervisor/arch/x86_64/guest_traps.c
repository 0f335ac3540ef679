/* SPDX-License-Identifier: MIT */
/*
 * Guest entries into the hypervisor: SYSCALL (a hypercall from guest
 * kernel mode, a system call from guest user mode) and exceptions.
 *
 * An exception first gets a chance to be something the hypervisor
 * handles itself: a privileged instruction to emulate (#GP, or #UD with
 * the forced-emulation prefix), a software interrupt the trap table
 * allows (#GP from an `int n` through our DPL-0 gate), the lazy FPU
 * switch (#NM). Anything else is bounced to the guest's own handler;
 * a guest without one crashes, alone.
 */
#include <asm/cpu.h>
#include <asm/processor.h>
#include <asm/ptwr.h>
#include <asm/traps.h>
#include <hv/console.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/sched.h>

#define SYSCALL_INSN_LEN	2

/* A system call from guest user mode goes to the syscall callback. */
static void user_syscall(struct vcpu *v, struct trap_frame *regs)
{
	const struct pv_callback *cb = &v->arch.syscall_cb;

	if (cb->address == 0) {
		regs->rip -= SYSCALL_INSN_LEN;
		pv_inject_exception(v, regs, 6, TRAP_NO_ERROR);
		return;
	}
	pv_bounce(v, regs, cb->address, TRAP_NO_ERROR, cb->mask_events);
}

void do_syscall(struct trap_frame *regs);
void do_syscall(struct trap_frame *regs)
{
	struct vcpu *v = current_vcpu();
	const uint64_t args[5] = {
		regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8,
	};

	if (!v->arch.in_kernel)
		user_syscall(v, regs);
	else
		regs->rax = hypercall_dispatch(v, regs->rax, args);
	exit_to_guest();
}

/*
 * `int n` arrives as #GP with the IDT bit (our gates are DPL 0). The
 * vector comes from the instruction itself (QEMU 7.2 reports a wrong
 * error code here). Returns true if it was delivered or refused.
 */
static bool soft_interrupt(struct vcpu *v, struct trap_frame *regs)
{
	uint8_t insn[2];
	const struct pv_trap *t;
	unsigned int need = v->arch.in_kernel ? 1 : 3;

	if (!(regs->error_code & 2) ||
	    copy_from_guest(insn, regs->rip, 2) || insn[0] != 0xcd)
		return false;
	t = &v->arch.traps[insn[1]];
	if (t->address == 0 || t->dpl < need) {
		pv_inject_exception(v, regs, 13, (insn[1] << 3) | 2);
		return true;
	}
	regs->rip += 2;
	pv_bounce(v, regs, t->address, TRAP_NO_ERROR, t->mask_events);
	return true;
}

/* #NM: the FPU was touched with (virtual) CR0.TS set. */
static void device_not_available(struct vcpu *v, struct trap_frame *regs)
{
	write_cr0(read_cr0() & ~X86_CR0_TS);
	if (v->arch.virt_ts) {
		v->arch.virt_ts = false;
		pv_inject_exception(v, regs, 7, TRAP_NO_ERROR);
	}
}

void guest_trap(struct vcpu *v, struct trap_frame *regs, unsigned int vec,
		uint64_t cr2)
{
	switch (vec) {
	case 14:
		if (pv_ptwr_fault(v, regs, cr2))
			return;
		pv_inject_page_fault(v, regs, cr2, regs->error_code);
		return;
	case 13:
		if (soft_interrupt(v, regs) ||
		    pv_emulate_privileged(v, regs, 13))
			return;
		pv_inject_exception(v, regs, 13, regs->error_code);
		return;
	case 6:
		if (pv_emulate_privileged(v, regs, 6))
			return;
		pv_inject_exception(v, regs, 6, TRAP_NO_ERROR);
		return;
	case 7:
		device_not_available(v, regs);
		return;
	case 1:
		__asm__ __volatile__("mov %%db6, %0" : "=r" (v->arch.dr[6]));
		pv_inject_exception(v, regs, 1, TRAP_NO_ERROR);
		return;
	case 2:
		printk(KERN_WARN "NMI while d%u ran; ignored\n",
		       v->domain->domain_id);
		return;
	default:
		pv_inject_exception(v, regs, vec, regs->error_code);
		return;
	}
}
