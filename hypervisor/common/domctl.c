/* SPDX-License-Identifier: MIT */
/*
 * domctl (hypercall 36): the control domain's operations on one domain,
 * as Xen 4.17 answers them (XEN-CONTROL.md 1.1-1.4). The struct is
 * copied in once (-EFAULT), the interface version checked (-EACCES),
 * the domain looked up (-ESRCH); each op decodes its part of the copy,
 * acts, and the ops that produce output copy the whole struct back.
 * The hypercall table lets only privileged domains in (-EPERM).
 *
 * Implemented: getdomaininfo, pausedomain, unpausedomain, max_mem,
 * getvcpuinfo, setvcpuaffinity/getvcpuaffinity (hard affinity),
 * scheduler_op (credit), setdomainhandle. The rest answer -ENOSYS, each
 * logged once. Domains are not destroyed yet, so a looked-up domain
 * stays valid for the call without a reference.
 */
#include <hv/console.h>
#include <hv/control.h>
#include <hv/domain.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/sched.h>
#include <hv/spinlock.h>
#include <public/domctl.h>
#include <public/vcpu.h>

#define NR_LOGGED_OPS	128

static spinlock_t domctl_lock = SPIN_LOCK_UNLOCKED;
static uint64_t enosys_logged[NR_LOGGED_OPS / 64];

/* Sum of the running time of d's vCPUs, ns; and which are online. */
static uint64_t domain_cpu_time(struct domain *d, unsigned int *online,
				unsigned int *blocked, bool *running)
{
	uint64_t sum = 0;

	*online = *blocked = 0;
	*running = false;
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		struct vcpu *v = d->vcpus[i];
		uint64_t time[4], entry;
		int state;

		if (v == NULL)
			continue;
		vcpu_runstate_get(v, &state, &entry, time);
		sum += time[RUNSTATE_running];
		if (READ_ONCE(v->sched.pause_flags) & (1UL << VPF_DOWN))
			continue;
		(*online)++;
		*blocked += state == RUNSTATE_blocked;
		*running |= state == RUNSTATE_running;
	}
	return sum;
}

void domain_getinfo(struct domain *d, struct xen_domctl_getdomaininfo *info)
{
	unsigned int online, blocked;
	bool running;

	memset(info, 0, sizeof(*info));
	info->domain = d->domain_id;
	info->cpu_time = domain_cpu_time(d, &online, &blocked, &running);
	/* Xen shifts the whole code in: "none" (~0) sets bits 16-31. */
	info->flags = READ_ONCE(d->shutdown_code) << XEN_DOMINF_shutdownshift;
	if (READ_ONCE(d->is_shutting_down))
		info->flags |= XEN_DOMINF_shutdown;
	if (READ_ONCE(d->ctrl_pause_count))
		info->flags |= XEN_DOMINF_paused;
	if (online && blocked == online)
		info->flags |= XEN_DOMINF_blocked;
	if (online && running)
		info->flags |= XEN_DOMINF_running;
	info->tot_pages = READ_ONCE(d->tot_pages);
	info->max_pages = READ_ONCE(d->max_pages);
	info->shared_info_frame = d->shared_info_mfn;
	info->nr_online_vcpus = online;
	info->max_vcpu_id = d->max_vcpus ? d->max_vcpus - 1 :
			    XEN_INVALID_MAX_VCPU_ID;
	memcpy(info->handle, d->handle, sizeof(info->handle));
	info->cpupool = 0;
	info->gpaddr_bits = arch_paddr_bits();
}

/* Xen's rule: the domain named, else the next one up (ids below 0x7ff0). */
static long getdomaininfo(struct xen_domctl *op)
{
	struct domain *d = domain_lookup(op->domain);

	if (d == NULL) {
		if (op->domain >= DOMID_FIRST_RESERVED)
			return -EINVAL;
		d = domain_lookup_from(op->domain);
		if (d == NULL)
			return -ESRCH;
	}
	domain_getinfo(d, &op->u.getdomaininfo);
	op->domain = d->domain_id;
	return 0;
}

/* d's vCPU id: -EINVAL past max_vcpus, -ESRCH if never created (Xen). */
static int domctl_vcpu(struct domain *d, uint32_t id, struct vcpu **v)
{
	if (id >= d->max_vcpus)
		return -EINVAL;
	*v = d->vcpus[array_index_nospec(id, d->max_vcpus)];
	return *v == NULL ? -ESRCH : 0;
}

static long getvcpuinfo(struct domain *d, struct xen_domctl_getvcpuinfo *vi)
{
	struct vcpu *v;
	uint64_t time[4], entry;
	int state, rc;

	rc = domctl_vcpu(d, vi->vcpu, &v);
	if (rc != 0)
		return rc;
	vcpu_runstate_get(v, &state, &entry, time);
	vi->online = !(READ_ONCE(v->sched.pause_flags) & (1UL << VPF_DOWN));
	vi->blocked = state == RUNSTATE_blocked;
	vi->running = state == RUNSTATE_running;
	vi->cpu_time = time[RUNSTATE_running];
	vi->cpu = READ_ONCE(v->sched.processor);
	return 0;
}

/* Reads up to 64 bits of a guest CPU bitmap (NR_CPUS is 64). */
static int bitmap_read(const struct xenctl_bitmap *b, uint64_t *mask)
{
	uint8_t bytes[8] = { 0 };
	unsigned int n = MIN((b->nr_bits + 7) / 8, (uint32_t)sizeof(bytes));

	if (n && copy_from_guest(bytes, b->bitmap.q, n))
		return -EFAULT;
	*mask = 0;
	for (unsigned int i = 0; i < n; i++)
		*mask |= (uint64_t)bytes[i] << (8 * i);
	if (b->nr_bits < 64)
		*mask &= (1ULL << b->nr_bits) - 1;
	return 0;
}

/* Writes mask into the guest bitmap, zero-filling the bytes beyond. */
static int bitmap_write(const struct xenctl_bitmap *b, uint64_t mask)
{
	static const uint8_t zeroes[256];
	uint64_t n = ((uint64_t)b->nr_bits + 7) / 8, done;
	uint8_t bytes[8];

	for (unsigned int i = 0; i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)(mask >> (8 * i));
	done = MIN(n, (uint64_t)sizeof(bytes));
	if (done && copy_to_guest(b->bitmap.q, bytes, done))
		return -EFAULT;
	while (done < n) {
		uint64_t part = MIN(n - done, (uint64_t)sizeof(zeroes));

		if (copy_to_guest(b->bitmap.q + done, zeroes, part))
			return -EFAULT;
		done += part;
	}
	return 0;
}

/*
 * Hard affinity only: the credit scheduler here has no soft affinity,
 * so asking for it is -EOPNOTSUPP rather than silently ignored.
 */
static long vcpuaffinity(struct domain *d, unsigned int cmd,
			 struct xen_domctl_vcpuaffinity *va)
{
	struct vcpu *v;
	uint64_t hard;
	int rc;

	rc = domctl_vcpu(d, va->vcpu, &v);
	if (rc != 0)
		return rc;
	if (!(va->flags & (XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT)))
		return -EINVAL;
	if (va->flags & XEN_VCPUAFFINITY_SOFT)
		return -EOPNOTSUPP;
	if (va->cpumap_hard.bitmap.q == 0)
		return -EINVAL;
	if (cmd == XEN_DOMCTL_getvcpuaffinity)
		return bitmap_write(&va->cpumap_hard, sched_vcpu_affinity(v));
	rc = bitmap_read(&va->cpumap_hard, &hard);
	if (rc == 0)
		rc = sched_vcpu_set_affinity(v, hard);
	if (rc == 0)
		rc = bitmap_write(&va->cpumap_hard, hard & sched_cpus_online());
	return rc;
}

static long scheduler_op(struct domain *d, struct xen_domctl_scheduler_op *s)
{
	unsigned int weight, cap;

	if (s->sched_id != XEN_SCHEDULER_CREDIT)
		return -EINVAL;
	switch (s->cmd) {
	case XEN_DOMCTL_SCHEDOP_getinfo:
		csched_dom_get(sched_policy(), &d->csched, &weight, &cap);
		s->u.credit.weight = (uint16_t)weight;
		s->u.credit.cap = (uint16_t)cap;
		return 0;
	case XEN_DOMCTL_SCHEDOP_putinfo:
		return csched_dom_set(sched_policy(), &d->csched,
				      s->u.credit.weight, s->u.credit.cap,
				      d->max_vcpus);
	default:	/* per-vCPU parameters: credit has none */
		return -EINVAL;
	}
}

static long not_implemented(const struct xen_domctl *op)
{
	return subop_enosys("domctl", enosys_logged, NR_LOGGED_OPS, op->cmd);
}

/* Ops on d (not looked up for getdomaininfo); *copy_back: output made. */
static long domctl_on(struct domain *d, struct xen_domctl *op,
		      bool *copy_back)
{
	bool self = d == current_vcpu()->domain;

	switch (op->cmd) {
	case XEN_DOMCTL_pausedomain:
		return self ? -EINVAL : domain_pause_by_controller(d);
	case XEN_DOMCTL_unpausedomain:
		return self ? -EINVAL : domain_unpause_by_controller(d);
	case XEN_DOMCTL_max_mem:
		WRITE_ONCE(d->max_pages, op->u.max_mem.max_memkb >> 2);
		return 0;
	case XEN_DOMCTL_getvcpuinfo:
		*copy_back = true;
		return getvcpuinfo(d, &op->u.getvcpuinfo);
	case XEN_DOMCTL_setvcpuaffinity:
	case XEN_DOMCTL_getvcpuaffinity:
		return vcpuaffinity(d, op->cmd, &op->u.vcpuaffinity);
	case XEN_DOMCTL_scheduler_op:
		*copy_back = true;
		return scheduler_op(d, &op->u.scheduler_op);
	case XEN_DOMCTL_setdomainhandle:
		memcpy(d->handle, op->u.setdomainhandle.handle,
		       sizeof(d->handle));
		return 0;
	default:
		return not_implemented(op);
	}
}

long do_domctl(uint64_t arg)
{
	struct xen_domctl op;
	struct domain *d;
	bool copy_back = false;
	unsigned long flags;
	long rc;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	if (op.interface_version != XEN_DOMCTL_INTERFACE_VERSION)
		return -EACCES;
	if (op.cmd == XEN_DOMCTL_getdomaininfo) {
		rc = getdomaininfo(&op);
		copy_back = rc == 0;
	} else if ((d = domain_lookup(op.domain)) == NULL) {
		rc = op.cmd == XEN_DOMCTL_createdomain ? not_implemented(&op) :
		     -ESRCH;
	} else {
		flags = spin_lock_irqsave(&domctl_lock);
		rc = domctl_on(d, &op, &copy_back);
		spin_unlock_irqrestore(&domctl_lock, flags);
	}
	if (copy_back && copy_to_guest(arg, &op, sizeof(op)))
		rc = -EFAULT;
	return rc;
}
