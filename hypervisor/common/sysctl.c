/* SPDX-License-Identifier: MIT */
/*
 * sysctl (hypercall 35): the control domain's machine-wide operations,
 * as Xen 4.17 answers them (XEN-CONTROL.md 1.5). The struct is copied
 * in once (-EFAULT), the interface version checked (-EACCES), and on
 * success copied back whole. The hypercall table lets only privileged
 * domains in (-EPERM).
 *
 * Implemented: readconsole, physinfo, sched_id, getdomaininfolist,
 * scheduler_op (credit, pool 0). The rest answer -ENOSYS, each logged once.
 */
#include <asm/smp.h>
#include <hv/console.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/mm.h>
#include <hv/page_alloc.h>
#include <hv/sched.h>
#include <hv/spinlock.h>
#include <public/sysctl.h>

#define NR_LOGGED_OPS	64
#define MAX_NODE_ID	63	/* Xen's x86 constant (MAX_NUMNODES - 1) */

static spinlock_t sysctl_lock = SPIN_LOCK_UNLOCKED;
static uint64_t enosys_logged;

/* No NUMA or topology information yet: one node, one thread per core. */
static void physinfo(struct xen_sysctl_physinfo *pi)
{
	memset(pi, 0, sizeof(*pi));
	pi->threads_per_core = 1;
	pi->cores_per_socket = 1;
	pi->nr_cpus = nr_cpus_online;
	pi->max_cpu_id = nr_cpus_online - 1;
	pi->nr_nodes = 1;
	pi->max_node_id = MAX_NODE_ID;
	pi->capabilities = XEN_SYSCTL_PHYSCAP_pv;
	pi->total_pages = total_ram_frames;
	pi->free_pages = heap_free_frames();
	arch_physinfo(pi);
}

/* Records of the domains with id >= first_domain, in id order. */
static long getdomaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
	struct xen_domctl_getdomaininfo info;
	uint32_t n = 0;
	unsigned int id = l->first_domain;
	struct domain *d;

	while (n < l->max_domains && id < DOMID_FIRST_RESERVED &&
	       (d = domain_lookup_from(id)) != NULL) {
		domain_getinfo(d, &info);
		if (copy_to_guest(l->buffer.q + (uint64_t)n * sizeof(info),
				  &info, sizeof(info)))
			return -EFAULT;
		n++;
		id = d->domain_id + 1u;
	}
	l->num_domains = n;
	return 0;
}

static long scheduler_op(struct xen_sysctl_scheduler_op *s)
{
	struct csched_globals g;
	struct xen_sysctl_credit_schedule *c = &s->u.sched_credit;
	int rc;

	if (s->cpupool_id != 0)
		return -ESRCH;
	if (s->sched_id != XEN_SCHEDULER_CREDIT)
		return -EINVAL;
	switch (s->cmd) {
	case XEN_SYSCTL_SCHEDOP_putinfo:
		g = (struct csched_globals){
			.tslice_ms = c->tslice_ms,
			.ratelimit_us = c->ratelimit_us,
			.migr_delay_us = c->vcpu_migr_delay_us,
		};
		rc = csched_globals_set(sched_policy(), &g);
		if (rc)
			return rc;
		/* The effective values go back. */
		__attribute__((fallthrough));
	case XEN_SYSCTL_SCHEDOP_getinfo:
		csched_globals_get(sched_policy(), &g);
		c->tslice_ms = g.tslice_ms;
		c->ratelimit_us = g.ratelimit_us;
		c->vcpu_migr_delay_us = g.migr_delay_us;
		return 0;
	default:
		return -EINVAL;
	}
}

static long sysctl_op(struct xen_sysctl *op)
{
	struct xen_sysctl_readconsole *rc = &op->u.readconsole;

	switch (op->cmd) {
	case XEN_SYSCTL_readconsole:
		return console_ring_read(rc->buffer.q, &rc->count, &rc->index,
					 rc->incremental, rc->clear);
	case XEN_SYSCTL_physinfo:
		physinfo(&op->u.physinfo);
		return 0;
	case XEN_SYSCTL_sched_id:
		op->u.sched_id.sched_id = XEN_SCHEDULER_CREDIT;
		return 0;
	case XEN_SYSCTL_getdomaininfolist:
		return getdomaininfolist(&op->u.getdomaininfolist);
	case XEN_SYSCTL_scheduler_op:
		return scheduler_op(&op->u.scheduler_op);
	default:
		return subop_enosys("sysctl", &enosys_logged, NR_LOGGED_OPS,
				    op->cmd);
	}
}

long do_sysctl(uint64_t arg)
{
	struct xen_sysctl op;
	unsigned long flags;
	long rc;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	if (op.interface_version != XEN_SYSCTL_INTERFACE_VERSION)
		return -EACCES;
	flags = spin_lock_irqsave(&sysctl_lock);
	rc = sysctl_op(&op);
	spin_unlock_irqrestore(&sysctl_lock, flags);
	if (rc == 0 && copy_to_guest(arg, &op, sizeof(op)))
		rc = -EFAULT;
	return rc;
}
