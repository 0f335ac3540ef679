/* SPDX-License-Identifier: MIT */
/*
 * The hypercall table: Xen's numbers, one handler each, with the policy
 * beside it. Everything not in the table returns -ENOSYS and is logged
 * once per domain and number.
 */
#include <hv/bug.h>
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/grant_table.h>
#include <hv/hypercall.h>
#include <public/errno.h>
#include <public/xen.h>

enum hc_policy {
	HC_ANY_DOMAIN,		/* any domain may call it */
	HC_CONTROL_DOMAIN,	/* privileged domains only: else -EPERM */
};

struct hypercall {
	long		(*fn)(const uint64_t *a);
	enum hc_policy	policy;
};

/* Adapters from the argument array to each handler's own signature. */
static long hc_console_io(const uint64_t *a)
{
	return do_console_io(a[0], a[1], a[2]);
}

static long hc_xen_version(const uint64_t *a)
{
	return do_xen_version(a[0], a[1]);
}

static long hc_domctl(const uint64_t *a)
{
	return do_domctl(a[0]);
}

static long hc_sysctl(const uint64_t *a)
{
	return do_sysctl(a[0]);
}

static long hc_sched_op(const uint64_t *a)
{
	return do_sched_op(a[0], a[1]);
}

static long hc_set_trap_table(const uint64_t *a)
{
	return do_set_trap_table(a[0]);
}

static long hc_set_callbacks(const uint64_t *a)
{
	return do_set_callbacks(a[0], a[1], a[2]);
}

static long hc_callback_op(const uint64_t *a)
{
	return do_callback_op(a[0], a[1]);
}

static long hc_stack_switch(const uint64_t *a)
{
	return do_stack_switch(a[0], a[1]);
}

static long hc_set_segment_base(const uint64_t *a)
{
	return do_set_segment_base(a[0], a[1]);
}

static long hc_fpu_taskswitch(const uint64_t *a)
{
	return do_fpu_taskswitch(a[0]);
}

static long hc_set_debugreg(const uint64_t *a)
{
	return do_set_debugreg(a[0], a[1]);
}

static long hc_get_debugreg(const uint64_t *a)
{
	return do_get_debugreg(a[0]);
}

static long hc_vm_assist(const uint64_t *a)
{
	return do_vm_assist(a[0], a[1]);
}

static long hc_iret(const uint64_t *a)
{
	(void)a;
	return do_iret();
}

static long hc_set_gdt(const uint64_t *a)
{
	return do_set_gdt(a[0], a[1]);
}

static long hc_update_descriptor(const uint64_t *a)
{
	return do_update_descriptor(a[0], a[1]);
}

static long hc_vcpu_op(const uint64_t *a)
{
	return do_vcpu_op(a[0], a[1], a[2]);
}

static long hc_set_timer_op(const uint64_t *a)
{
	return do_set_timer_op(a[0]);
}

static long hc_physdev_op(const uint64_t *a)
{
	return do_physdev_op(a[0], a[1]);
}

static long hc_mmu_update(const uint64_t *a)
{
	return do_mmu_update(a[0], a[1], a[2], a[3]);
}

static long hc_memory_op(const uint64_t *a)
{
	return do_memory_op(a[0], a[1]);
}

static long hc_multicall(const uint64_t *a)
{
	return do_multicall(a[0], a[1]);
}

static long hc_update_va_mapping(const uint64_t *a)
{
	return do_update_va_mapping(a[0], a[1], a[2]);
}

static long hc_update_va_mapping_otherdomain(const uint64_t *a)
{
	return do_update_va_mapping_otherdomain(a[0], a[1], a[2], a[3]);
}

static long hc_mmuext_op(const uint64_t *a)
{
	return do_mmuext_op(a[0], a[1], a[2], a[3]);
}

static long hc_event_channel_op(const uint64_t *a)
{
	return do_event_channel_op(a[0], a[1]);
}

static long hc_grant_table_op(const uint64_t *a)
{
	return do_grant_table_op((unsigned int)a[0], a[1], (unsigned int)a[2]);
}

static const struct hypercall hypercalls[NR_HYPERCALLS] = {
	[__HYPERVISOR_set_trap_table]	= { hc_set_trap_table, HC_ANY_DOMAIN },
	[__HYPERVISOR_mmu_update]	= { hc_mmu_update, HC_ANY_DOMAIN },
	[__HYPERVISOR_set_gdt]		= { hc_set_gdt, HC_ANY_DOMAIN },
	[__HYPERVISOR_stack_switch]	= { hc_stack_switch, HC_ANY_DOMAIN },
	[__HYPERVISOR_set_callbacks]	= { hc_set_callbacks, HC_ANY_DOMAIN },
	[__HYPERVISOR_fpu_taskswitch]	= { hc_fpu_taskswitch, HC_ANY_DOMAIN },
	[__HYPERVISOR_set_debugreg]	= { hc_set_debugreg, HC_ANY_DOMAIN },
	[__HYPERVISOR_get_debugreg]	= { hc_get_debugreg, HC_ANY_DOMAIN },
	[__HYPERVISOR_memory_op]	= { hc_memory_op, HC_ANY_DOMAIN },
	[__HYPERVISOR_multicall]	= { hc_multicall, HC_ANY_DOMAIN },
	[__HYPERVISOR_update_va_mapping] = { hc_update_va_mapping,
					    HC_ANY_DOMAIN },
	[__HYPERVISOR_update_descriptor] = { hc_update_descriptor,
					     HC_ANY_DOMAIN },
	[__HYPERVISOR_xen_version]	= { hc_xen_version, HC_ANY_DOMAIN },
	[__HYPERVISOR_console_io]	= { hc_console_io, HC_ANY_DOMAIN },
	[__HYPERVISOR_vm_assist]	= { hc_vm_assist, HC_ANY_DOMAIN },
	[__HYPERVISOR_update_va_mapping_otherdomain] = {
		hc_update_va_mapping_otherdomain, HC_ANY_DOMAIN },
	[__HYPERVISOR_iret]		= { hc_iret, HC_ANY_DOMAIN },
	[__HYPERVISOR_set_segment_base]	= { hc_set_segment_base,
					    HC_ANY_DOMAIN },
	[__HYPERVISOR_mmuext_op]	= { hc_mmuext_op, HC_ANY_DOMAIN },
	[__HYPERVISOR_sched_op]		= { hc_sched_op, HC_ANY_DOMAIN },
	[__HYPERVISOR_callback_op]	= { hc_callback_op, HC_ANY_DOMAIN },
	[__HYPERVISOR_physdev_op]	= { hc_physdev_op, HC_ANY_DOMAIN },
	[__HYPERVISOR_vcpu_op]		= { hc_vcpu_op, HC_ANY_DOMAIN },
	[__HYPERVISOR_set_timer_op]	= { hc_set_timer_op, HC_ANY_DOMAIN },
	[__HYPERVISOR_event_channel_op]	= { hc_event_channel_op,
					    HC_ANY_DOMAIN },
	[__HYPERVISOR_grant_table_op]	= { hc_grant_table_op,
					    HC_ANY_DOMAIN },
	[__HYPERVISOR_sysctl]		= { hc_sysctl, HC_CONTROL_DOMAIN },
	[__HYPERVISOR_domctl]		= { hc_domctl, HC_CONTROL_DOMAIN },
};

/* Our errno names must be Xen's numbers. */
BUILD_BUG_ON(EPERM != XEN_EPERM);
BUILD_BUG_ON(ENOENT != XEN_ENOENT);
BUILD_BUG_ON(ESRCH != XEN_ESRCH);
BUILD_BUG_ON(ENXIO != XEN_ENXIO);
BUILD_BUG_ON(E2BIG != XEN_E2BIG);
BUILD_BUG_ON(ENOEXEC != XEN_ENOEXEC);
BUILD_BUG_ON(EAGAIN != XEN_EAGAIN);
BUILD_BUG_ON(ENOMEM != XEN_ENOMEM);
BUILD_BUG_ON(EACCES != XEN_EACCES);
BUILD_BUG_ON(EFAULT != XEN_EFAULT);
BUILD_BUG_ON(EBUSY != XEN_EBUSY);
BUILD_BUG_ON(EEXIST != XEN_EEXIST);
BUILD_BUG_ON(EINVAL != XEN_EINVAL);
BUILD_BUG_ON(ENOSPC != XEN_ENOSPC);
BUILD_BUG_ON(ENOSYS != XEN_ENOSYS);
BUILD_BUG_ON(ENODATA != XEN_ENODATA);
BUILD_BUG_ON(EOPNOTSUPP != XEN_EOPNOTSUPP);

/* Numbers past the table share one line per domain: they are unbounded. */
static void log_enosys_once(struct domain *d, uint64_t nr)
{
	if (nr >= NR_HYPERCALLS) {
		if (d->enosys_logged_beyond)
			return;
		d->enosys_logged_beyond = true;
		printk(KERN_WARN "d%u: hypercall %lu out of range: -ENOSYS "
		       "(further ones not logged)\n", d->domain_id, nr);
		return;
	}
	if (d->enosys_logged & (1ULL << nr))
		return;
	d->enosys_logged |= 1ULL << nr;
	printk(KERN_WARN "d%u: hypercall %lu not implemented: -ENOSYS\n",
	       d->domain_id, nr);
}

long subop_enosys(const char *hc, uint64_t *logged, unsigned int nr,
		   uint32_t op)
{
	if (op >= nr) {
		gprintk(current_vcpu()->domain, "%s %u unknown: -ENOSYS\n", hc,
			op);
		return -ENOSYS;
	}
	if (!(logged[op / 64] & (1ULL << (op % 64)))) {
		logged[op / 64] |= 1ULL << (op % 64);
		printk(KERN_WARN "%s %u not implemented: -ENOSYS\n", hc, op);
	}
	return -ENOSYS;
}

long hypercall_dispatch(struct vcpu *v, uint64_t nr, const uint64_t args[5])
{
	struct domain *d = v->domain;
	const struct hypercall *hc;

	if (nr >= ARRAY_SIZE(hypercalls) || hypercalls[nr].fn == NULL) {
		log_enosys_once(d, nr);
		return -ENOSYS;
	}
	hc = &hypercalls[array_index_nospec(nr, ARRAY_SIZE(hypercalls))];
	if (hc->policy == HC_CONTROL_DOMAIN && !d->is_privileged)
		return -EPERM;
	return hc->fn(args);
}
