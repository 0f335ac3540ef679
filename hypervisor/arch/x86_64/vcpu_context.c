/* SPDX-License-Identifier: MIT */
/*
 * VCPUOP_initialise on x86-64: a PV vCPU's first state from a
 * vcpu_guest_context. Everything in it is guest input and checked as the
 * hypercalls that set the same things check it: handler addresses in the
 * guest's range, Xen's flat selectors, the kernel page table a validated
 * L4 of the domain's own (it gets an L4 type reference, as
 * MMUEXT_NEW_BASEPTR takes one), the user one likewise or 0.
 */
#include <asm/mm.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/spinlock.h>
#include <public/xen.h>

/* The context is 5 KiB: copied under a lock into one static buffer. */
static struct vcpu_guest_context ctxt_buf;
static spinlock_t ctxt_lock = SPIN_LOCK_UNLOCKED;

static bool selectors_ok(const struct cpu_user_regs *r)
{
	return (r->cs | 3) == FLAT_KERNEL_CS && (r->ss | 3) == FLAT_KERNEL_SS;
}

static int take_table(struct vcpu *v, uint64_t cr3, unsigned long *mfn)
{
	*mfn = cr3 >> PAGE_SHIFT;
	if (cr3 == 0)
		return 0;
	return get_page_and_type(*mfn, v->domain, PGT_l4_page_table);
}

static void load_traps(struct arch_vcpu *a, const struct vcpu_guest_context *c)
{
	for (unsigned int i = 0; i < 256; i++) {
		const struct trap_info *t = &c->trap_ctxt[i];

		a->traps[i] = (struct pv_trap){
			.address = guest_range_ok(t->address, 1) ?
				   t->address : 0,
			.dpl = t->flags & 3,
			.mask_events = (t->flags & 4) != 0,
		};
	}
}

static int check_context(const struct vcpu_guest_context *c)
{
	if (!selectors_ok(&c->user_regs) || !is_canonical(c->user_regs.rip) ||
	    !(c->flags & VGCF_in_kernel))
		return -EINVAL;
	if (!guest_range_ok(c->event_callback_eip, 1) ||
	    !guest_range_ok(c->failsafe_callback_eip, 1) ||
	    !guest_range_ok(c->syscall_callback_eip, 1) ||
	    !is_canonical(c->fs_base) || !is_canonical(c->gs_base_kernel) ||
	    !is_canonical(c->gs_base_user))
		return -EINVAL;
	if (c->gdt_ents || c->ldt_ents)
		return -EOPNOTSUPP;	/* set_gdt / SET_LDT first */
	return 0;
}

static void load_regs(struct trap_frame *f, const struct cpu_user_regs *r)
{
	memset(f, 0, sizeof(*f));
	f->r15 = r->r15; f->r14 = r->r14; f->r13 = r->r13; f->r12 = r->r12;
	f->rbp = r->rbp; f->rbx = r->rbx; f->r11 = r->r11; f->r10 = r->r10;
	f->r9 = r->r9; f->r8 = r->r8; f->rax = r->rax; f->rcx = r->rcx;
	f->rdx = r->rdx; f->rsi = r->rsi; f->rdi = r->rdi;
	f->rip = r->rip;
	f->cs = FLAT_KERNEL_CS;
	f->rflags = (r->rflags & ~(3UL << 12)) | X86_RFLAGS_IF;
	f->rsp = r->rsp;
	f->ss = FLAT_KERNEL_SS;
}

long arch_vcpu_initialise(struct vcpu *v, uint64_t arg)
{
	struct vcpu_guest_context *c = &ctxt_buf;
	struct arch_vcpu *a = &v->arch;
	unsigned long flags, l4, l4u;
	long rc;

	if (v->initialised)
		return -EEXIST;
	flags = spin_lock_irqsave(&ctxt_lock);
	rc = copy_from_guest(c, arg, sizeof(*c)) ? -EFAULT : check_context(c);
	if (rc == 0)
		rc = take_table(v, c->ctrlreg[3], &l4);
	if (rc == 0 && c->ctrlreg[3] == 0)
		rc = -EINVAL;
	if (rc == 0) {
		rc = take_table(v, c->ctrlreg[1], &l4u);
		if (rc)
			put_page_and_type(mfn_to_page(l4));
	}
	if (rc) {
		spin_unlock_irqrestore(&ctxt_lock, flags);
		return rc;
	}
	load_regs(&a->regs, &c->user_regs);
	load_traps(a, c);
	a->event_cb = (struct pv_callback){ c->event_callback_eip, false };
	a->failsafe_cb = (struct pv_callback){ c->failsafe_callback_eip,
		c->flags & VGCF_failsafe_disables_events };
	a->syscall_cb = (struct pv_callback){ c->syscall_callback_eip,
		c->flags & VGCF_syscall_disables_events };
	a->kernel_ss = c->kernel_ss | 3;
	a->kernel_sp = c->kernel_sp;
	a->fs_base = c->fs_base;
	a->gs_base_kernel = c->gs_base_kernel;
	a->gs_base_user = c->gs_base_user;
	a->in_kernel = true;
	v->mm.guest_table = l4;
	v->mm.guest_table_user = c->ctrlreg[1] ? l4u : 0;
	a->cr3 = (uint64_t)l4 << PAGE_SHIFT;
	a->cr3_user = (uint64_t)v->mm.guest_table_user << PAGE_SHIFT;
	if (c->flags & VGCF_i387_valid)
		memcpy(a->fpu, c->fpu_ctxt.x, sizeof(a->fpu));
	else
		arch_vcpu_fpu_init(v);
	v->initialised = true;
	spin_unlock_irqrestore(&ctxt_lock, flags);
	return 0;
}
