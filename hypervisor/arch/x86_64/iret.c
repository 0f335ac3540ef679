/* SPDX-License-Identifier: MIT */
/*
 * The iret hypercall (23) and the failsafe callback. A guest kernel
 * returns from a bounce with `jmp hypercall_page + 23 * 32`: the stub
 * has pushed rax, r11, rcx above flags, rip, cs, rflags, rsp, ss
 * (struct iret_context at the guest's rsp). An RPL-3 CS returns to guest
 * user mode (which needs a user page table); RPL 0 stays in kernel mode.
 *
 * Before the return the frame is checked: code and stack selectors must
 * be the flat ring-3 ones Xen gives PV guests, RIP canonical. A frame
 * that fails (from a hostile or buggy iret) becomes a #GP for the guest,
 * with the bad selector as error code, which is what Xen's hardware iret
 * fault turns into. The hardware iretq in entry.S also has an exception
 * fixup, should a frame slip through. (The failsafe callback is for
 * segment reloads on return, which Shoji does not do yet.)
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

/*
 * The frame cannot be resumed: as the hardware iret does on Xen, that is
 * a #GP for the guest with the offending selector as error code (0 for
 * a bad rip), delivered with the frame it tried to return to.
 */
static void bad_frame_gp(struct vcpu *v, struct trap_frame *regs)
{
	uint64_t cs = regs->cs & 0xffff, ss = regs->ss & 0xffff;
	uint32_t err = 0;

	if (cs != FLAT_RING3_CS64 && cs != FLAT_RING3_CS32)
		err = cs & 0xfffc;
	else if (ss != FLAT_RING3_SS64)
		err = ss & 0xfffc;
	gprintk(v->domain, "iret to a bad frame cs %#lx ss %#lx rip %#lx: "
		"#GP(%#x)\n", cs, ss, regs->rip, err);
	pv_inject_exception(v, regs, 13, err);
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
	/* The NMI handler, if that is where we were, has returned. */
	v->arch.nmi_masked = false;
	if (!frame_ok(regs)) {
		regs->rax = ic.rax;
		bad_frame_gp(v, regs);
		return regs->rax;
	}
	return ic.rax;
}

void pv_iret_fault(struct trap_frame *regs)
{
	bad_frame_gp(current_vcpu(), regs);
}
