/* SPDX-License-Identifier: MIT */
/*
 * The iret hypercall (23) and the failsafe callback. A guest kernel
 * returns from a bounce with `jmp hypercall_page + 23 * 32`: the stub
 * has pushed rax, r11, rcx above flags, rip, cs, rflags, rsp, ss
 * (struct iret_context at the guest's rsp). An RPL-3 CS returns to guest
 * user mode (which needs a user page table); RPL 0 stays in kernel mode.
 *
 * Before any return to a guest the frame is checked: code and stack
 * selectors must be the flat ring-3 ones Xen gives PV guests, RIP
 * canonical. A frame that fails (from a hostile or buggy iret) goes to
 * the guest's failsafe callback, as on Xen when the hardware iret
 * faults; without one the domain crashes. The hardware iretq in
 * entry.S also has an exception fixup, should a frame slip through.
 */
#include <asm/cpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <public/xen.h>

#define RFLAGS_IOPL	(3UL << 12)
#define RFLAGS_VM	(1UL << 17)

static bool frame_ok(const struct trap_frame *regs)
{
	uint64_t cs = regs->cs & 0xffff, ss = regs->ss & 0xffff;

	if (cs != FLAT_RING3_CS64 && cs != FLAT_RING3_CS32)
		return false;
	if (ss != FLAT_RING3_SS64)
		return false;
	return cs == FLAT_RING3_CS32 ? regs->rip <= UINT32_MAX :
	       is_canonical(regs->rip);
}

static uint16_t read_sel(unsigned int which)
{
	uint16_t sel = 0;

	switch (which) {
	case 0:
		__asm__ ("mov %%ds, %0" : "=r" (sel));
		break;
	case 1:
		__asm__ ("mov %%es, %0" : "=r" (sel));
		break;
	case 2:
		__asm__ ("mov %%fs, %0" : "=r" (sel));
		break;
	default:
		__asm__ ("mov %%gs, %0" : "=r" (sel));
		break;
	}
	return sel;
}

/*
 * The failsafe frame: RCX, R11, DS, ES, FS, GS, then RIP, CS (+ saved
 * mask), RFLAGS, RSP, SS of the context that could not be resumed.
 */
static void bounce_failsafe(struct vcpu *v, struct trap_frame *regs,
			    bool was_user)
{
	struct vcpu_info *vi = vcpu_info(v);
	const struct pv_callback *cb = &v->arch.failsafe_cb;
	uint8_t mask = vi->evtchn_upcall_mask;
	uint64_t frame[11], sp;

	if (cb->address == 0 || !v->arch.in_kernel) {
		domain_crash(v->domain, "return to a bad guest frame and no "
			     "failsafe callback");
		return;
	}
	frame[0] = regs->rcx;
	frame[1] = regs->r11;
	for (unsigned int i = 0; i < 4; i++)
		frame[2 + i] = read_sel(i);
	frame[6] = regs->rip;
	frame[7] = (regs->cs & 0xffff) | ((uint64_t)mask << 32);
	frame[8] = regs->rflags;
	frame[9] = regs->rsp;
	frame[10] = regs->ss;
	/* A failed return to user mode uses the kernel's entry stack. */
	sp = was_user ? v->arch.kernel_sp : regs->rsp;
	sp = (sp & ~15UL) - sizeof(frame);
	if (!is_canonical(sp) || copy_to_guest(sp, frame, sizeof(frame))) {
		domain_crash(v->domain, "cannot write the failsafe frame");
		return;
	}
	regs->rip = cb->address;
	regs->cs = FLAT_KERNEL_CS;
	regs->ss = FLAT_KERNEL_SS;
	regs->rsp = sp;
	regs->rflags = X86_RFLAGS_IF;
	if (cb->mask_events)
		vi->evtchn_upcall_mask = 1;
}

long do_iret(void)
{
	struct vcpu *v = current_vcpu();
	struct trap_frame *regs = &get_cpu_info()->guest_regs;
	struct iret_context ic;

	if (copy_from_guest(&ic, regs->rsp, sizeof(ic))) {
		domain_crash(v->domain, "iret: frame not readable");
		return -EFAULT;
	}
	if ((ic.cs & 3) == 3) {
		if (v->arch.cr3_user == 0) {
			domain_crash(v->domain, "iret to user mode without "
				     "a user page table");
			return -EINVAL;
		}
		pv_toggle_guest_mode(v);
	}
	regs->rip = ic.rip;
	regs->cs = (ic.cs & 0xffff) | 3;
	regs->rflags = (ic.rflags & ~(RFLAGS_IOPL | RFLAGS_VM)) |
		       X86_RFLAGS_IF;
	regs->rsp = ic.rsp;
	regs->ss = (ic.ss & 0xffff) | 3;
	if (!(ic.flags & VGCF_in_syscall)) {
		regs->r11 = ic.r11;
		regs->rcx = ic.rcx;
	}
	vcpu_info(v)->evtchn_upcall_mask = !(ic.rflags & X86_RFLAGS_IF);
	if (!frame_ok(regs)) {
		bool was_user = !v->arch.in_kernel;

		gprintk(v->domain, "iret to a bad frame cs %#lx ss %#lx rip "
			"%#lx: failsafe\n", regs->cs, regs->ss, regs->rip);
		if (was_user)
			pv_toggle_guest_mode(v);
		bounce_failsafe(v, regs, was_user);
	}
	return ic.rax;
}

void pv_iret_fault(struct trap_frame *regs)
{
	struct vcpu *v = current_vcpu();

	bool was_user = !v->arch.in_kernel;

	gprintk(v->domain, "return to guest faulted at cs %#lx rip %#lx\n",
		regs->cs, regs->rip);
	if (was_user)
		pv_toggle_guest_mode(v);
	bounce_failsafe(v, regs, was_user);
}
