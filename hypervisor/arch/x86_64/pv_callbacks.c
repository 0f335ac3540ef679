/* SPDX-License-Identifier: MIT */
/*
 * The per-vCPU controls a PV kernel sets up at boot: its virtual IDT
 * (set_trap_table), its entry points (set_callbacks, callback_op), the
 * kernel stack for entries from user mode (stack_switch), segment bases
 * (set_segment_base), the virtual CR0.TS (fpu_taskswitch) and debug
 * registers (set_debugreg, get_debugreg). docs/hypercalls.md lists every
 * error. Addresses a guest registers must be canonical and outside the
 * hypervisor's range.
 */
#include <asm/layout.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <public/callback.h>
#include <public/xen.h>

#define MAX_TRAP_ENTRIES	1024

/* A guest code address: canonical and in the guest's part. */
static bool guest_code_ok(uint64_t va)
{
	return guest_range_ok(va, 1);
}

long do_set_trap_table(uint64_t traps)
{
	struct arch_vcpu *a = &current_vcpu()->arch;

	if (traps == 0) {
		memset(a->traps, 0, sizeof(a->traps));
		return 0;
	}
	for (unsigned int i = 0; i < MAX_TRAP_ENTRIES; i++) {
		struct trap_info ti;

		if (copy_from_guest(&ti, traps + i * sizeof(ti), sizeof(ti)))
			return -EFAULT;
		if (ti.address == 0)
			return 0;
		if (!guest_code_ok(ti.address))
			return -EINVAL;
		a->traps[ti.vector] = (struct pv_trap){
			.address = ti.address,
			.dpl = ti.flags & 3,
			.mask_events = (ti.flags & 4) != 0,
		};
	}
	return -E2BIG;		/* no terminating entry */
}

static long register_callback(struct arch_vcpu *a, unsigned int type,
			      uint64_t address, bool mask)
{
	struct pv_callback cb = { address, mask };

	if (!guest_code_ok(address))
		return -EINVAL;
	switch (type) {
	case CALLBACKTYPE_event:
		a->event_cb = cb;
		return 0;
	case CALLBACKTYPE_failsafe:
		a->failsafe_cb = cb;
		return 0;
	case CALLBACKTYPE_syscall:
		a->syscall_cb = cb;
		return 0;
	case CALLBACKTYPE_syscall32:
		a->syscall32_cb = cb;
		return 0;
	case CALLBACKTYPE_sysenter:
		a->sysenter_cb = cb;
		return 0;
	case CALLBACKTYPE_nmi:
		/* Xen's NMI callback is trap 2, entered with events masked. */
		a->traps[2] = (struct pv_trap){ address, 0, true };
		return 0;
	default:
		return -ENOSYS;
	}
}

long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall)
{
	struct arch_vcpu *a = &current_vcpu()->arch;

	if (!guest_code_ok(event) || !guest_code_ok(failsafe) ||
	    !guest_code_ok(syscall))
		return -EINVAL;
	a->event_cb = (struct pv_callback){ event, false };
	a->failsafe_cb = (struct pv_callback){ failsafe, false };
	a->syscall_cb = (struct pv_callback){ syscall, false };
	return 0;
}

long do_callback_op(unsigned int cmd, uint64_t arg)
{
	struct arch_vcpu *a = &current_vcpu()->arch;
	struct callback_register reg;
	struct callback_unregister unreg;

	switch (cmd) {
	case CALLBACKOP_register:
		if (copy_from_guest(&reg, arg, sizeof(reg)))
			return -EFAULT;
		return register_callback(a, reg.type, reg.address,
					 reg.flags & CALLBACKF_mask_events);
	case CALLBACKOP_unregister:
		if (copy_from_guest(&unreg, arg, sizeof(unreg)))
			return -EFAULT;
		if (unreg.type != CALLBACKTYPE_nmi)
			return -EINVAL;
		a->traps[2] = (struct pv_trap){ 0, 0, false };
		return 0;
	default:
		return -ENOSYS;
	}
}

long do_stack_switch(uint64_t ss, uint64_t sp)
{
	struct arch_vcpu *a = &current_vcpu()->arch;

	a->kernel_ss = ss | 3;
	a->kernel_sp = sp;
	return 0;
}

/* GS_USER_SEL: only the null and the flat data selector exist yet. */
static long load_user_gs_selector(struct arch_vcpu *a, uint64_t sel)
{
	uint64_t kernel_base = rdmsr(MSR_GS_BASE);

	/* The null selector (FLAT_RING3_DS64) or the flat data one. */
	if (sel > 3 && (sel | 3) != FLAT_RING3_DS32)
		return -EINVAL;
	__asm__ __volatile__("movl %k0, %%gs" : : "r" (sel));
	/* Loading %gs replaced the active base: put the kernel's back. */
	wrmsr(MSR_GS_BASE, kernel_base);
	a->gs_base_user = 0;
	return 0;
}

long do_set_segment_base(unsigned int which, uint64_t base)
{
	struct vcpu *v = current_vcpu();
	struct arch_vcpu *a = &v->arch;

	if (which != SEGBASE_GS_USER_SEL && !is_canonical(base))
		return -EINVAL;
	switch (which) {
	case SEGBASE_FS:
		wrmsr(MSR_FS_BASE, base);
		a->fs_base = base;
		return 0;
	case SEGBASE_GS_USER:
		a->gs_base_user = base;
		if (!a->in_kernel)
			wrmsr(MSR_GS_BASE, base);
		return 0;
	case SEGBASE_GS_KERNEL:
		a->gs_base_kernel = base;
		if (a->in_kernel)
			wrmsr(MSR_GS_BASE, base);
		return 0;
	case SEGBASE_GS_USER_SEL:
		return load_user_gs_selector(a, base & 0xffff);
	default:
		return -EINVAL;
	}
}

long do_fpu_taskswitch(int set)
{
	struct arch_vcpu *a = &current_vcpu()->arch;

	a->virt_ts = set != 0;
	if (a->virt_ts)
		write_cr0(read_cr0() | X86_CR0_TS);
	else
		write_cr0(read_cr0() & ~X86_CR0_TS);
	return 0;
}
