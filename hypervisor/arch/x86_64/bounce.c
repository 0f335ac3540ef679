/* SPDX-License-Identifier: MIT */
/*
 * Bounce frames: how exceptions, system calls and (later) event upcalls
 * reach a PV guest, exactly as Xen builds them (XEN-ABI.md 2.4). The
 * frame goes on the guest kernel stack: the current one when the guest
 * was in kernel mode, else the one it registered with stack_switch (and
 * the vCPU moves to kernel mode). From the new RSP upward: RCX, R11,
 * [error code], RIP, CS (RPL 0 if the guest kernel was interrupted, 3 for
 * user; the saved upcall mask in bits 32-39), RFLAGS (IF = !saved mask),
 * RSP, SS. The handler then runs with Xen's flat kernel selectors.
 */
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <hv/console.h>
#include <hv/guest_access.h>
#include <hv/vcpu.h>
#include <public/xen.h>

#define RFLAGS_TF	(1UL << 8)
#define RFLAGS_IOPL	(3UL << 12)
#define RFLAGS_NT	(1UL << 14)
#define RFLAGS_RF	(1UL << 16)
#define RFLAGS_VM	(1UL << 17)
#define RFLAGS_AC	(1UL << 18)

void pv_toggle_guest_mode(struct vcpu *v)
{
	struct arch_vcpu *a = &v->arch;

	if (a->in_kernel)
		a->gs_base_kernel = rdmsr(MSR_GS_BASE);
	else
		a->gs_base_user = rdmsr(MSR_GS_BASE);
	a->in_kernel = !a->in_kernel;
	write_cr3(a->in_kernel ? a->cr3 : a->cr3_user);
	wrmsr(MSR_GS_BASE, a->in_kernel ? a->gs_base_kernel : a->gs_base_user);
	/* A runstate area the user page table did not map: now it does. */
	if (a->in_kernel && a->runstate_retry) {
		a->runstate_retry = false;
		vcpu_runstate_area_update(v);
	}
}

int pv_bounce(struct vcpu *v, struct trap_frame *regs, uint64_t handler,
	      int error_code, bool mask_events)
{
	struct vcpu_info *vi = vcpu_info(v);
	bool from_user = !v->arch.in_kernel;
	uint8_t saved_mask = vi->evtchn_upcall_mask;
	uint64_t frame[8], sp, cs;
	unsigned int n = 0;

	if (from_user) {
		if (v->arch.kernel_sp == 0) {
			domain_crash(v->domain, "bounce from user mode with no "
				     "kernel stack (stack_switch)");
			return -EFAULT;
		}
		sp = v->arch.kernel_sp;
	} else {
		sp = regs->rsp;
	}
	cs = (regs->cs & ~3UL) | (from_user ? 3 : 0);
	frame[n++] = regs->rcx;
	frame[n++] = regs->r11;
	if (error_code != TRAP_NO_ERROR)
		frame[n++] = (uint32_t)error_code;
	frame[n++] = regs->rip;
	frame[n++] = cs | ((uint64_t)saved_mask << 32);
	frame[n++] = (regs->rflags & ~X86_RFLAGS_IF) |
		     (saved_mask ? 0 : X86_RFLAGS_IF);
	frame[n++] = regs->rsp;
	frame[n++] = regs->ss;
	sp = (sp & ~15UL) - n * 8;
	/* The kernel stack is mapped in the kernel page table only. */
	if (from_user)
		pv_toggle_guest_mode(v);
	if (copy_to_guest(sp, frame, n * 8)) {
		domain_crash(v->domain, "cannot write a bounce frame to the "
			     "guest kernel stack");
		return -EFAULT;
	}
	regs->rip = handler;
	regs->cs = FLAT_KERNEL_CS;
	regs->ss = FLAT_KERNEL_SS;
	regs->rsp = sp;
	regs->rflags &= ~(RFLAGS_TF | RFLAGS_VM | RFLAGS_RF | RFLAGS_NT |
			  RFLAGS_AC | RFLAGS_IOPL);
	regs->rflags |= X86_RFLAGS_IF;
	if (mask_events)
		vi->evtchn_upcall_mask = 1;
	return 0;
}

static bool has_error_code(unsigned int vec)
{
	return vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 ||
	       vec == 21 || vec == 29 || vec == 30;
}

void pv_inject_exception(struct vcpu *v, struct trap_frame *regs,
			 unsigned int vec, int error_code)
{
	const struct pv_trap *t = &v->arch.traps[vec & 0xff];
	char why[128];

	if (t->address == 0) {
		snprintf(why, sizeof(why), "%s at %04lx:%lx, error %#x, cr2 "
			 "%#lx, and no handler in the trap table",
			 trap_name(vec), regs->cs, regs->rip, error_code,
			 v->arch.guest_cr2);
		domain_crash(v->domain, why);
		return;
	}
	if (!has_error_code(vec))
		error_code = TRAP_NO_ERROR;
	pv_bounce(v, regs, t->address, error_code, t->mask_events);
}

void pv_inject_page_fault(struct vcpu *v, struct trap_frame *regs,
			  uint64_t cr2, uint32_t error_code)
{
	/* The guest kernel runs in ring 3; tell it which mode faulted. */
	if (v->arch.in_kernel)
		error_code &= ~4U;
	else
		error_code |= 4U;
	v->arch.guest_cr2 = cr2;
	vcpu_info(v)->arch.cr2 = cr2;
	pv_inject_exception(v, regs, 14, error_code);
}
