/* SPDX-License-Identifier: MIT */
/*
 * sched_op (hypercall 29): yield, block, poll, shutdown of oneself or
 * (privileged) of another domain, the shutdown code, and watchdogs.
 *
 * block unmasks event delivery and sleeps until an event is pending, in
 * one step (the check for a pending event comes after the vCPU is marked
 * blocked, so no wake-up is lost). poll sleeps until one of the given
 * ports is pending or the timeout passes; it may return early on another
 * event, as callers loop. A watchdog shuts its domain down with
 * SHUTDOWN_watchdog if not re-armed in time.
 */
#include <asm/mm.h>
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/evtchn.h>
#include <hv/sched.h>
#include <hv/time.h>
#include <public/event_channel.h>
#include <public/sched.h>

#define MAX_POLL_PORTS		128
#define NR_WATCHDOGS		2

static long sched_shutdown(struct domain *d, uint64_t arg, bool record_only)
{
	struct sched_shutdown s;

	if (copy_from_guest(&s, arg, sizeof(s)))
		return -EFAULT;
	if (s.reason > SHUTDOWN_watchdog)
		return -EINVAL;
	if (record_only) {
		domain_shutdown_code(d, s.reason);
		return 0;
	}
	domain_shutdown(d, s.reason);
	return 0;
}

static long sched_block(struct vcpu *v)
{
	vcpu_info(v)->evtchn_upcall_mask = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	vcpu_block_current();
	return 0;
}

static bool port_pending(const struct domain *d, evtchn_port_t port)
{
	const uint64_t *p = (const uint64_t *)d->shared_info->evtchn_pending;

	return __atomic_load_n(&p[port / 64], __ATOMIC_ACQUIRE) &
	       (1UL << (port % 64));
}

static long sched_poll(struct vcpu *v, uint64_t arg)
{
	struct sched_poll p;
	evtchn_port_t port;

	if (copy_from_guest(&p, arg, sizeof(p)))
		return -EFAULT;
	if (p.nr_ports > MAX_POLL_PORTS)
		return -EINVAL;
	/*
	 * Blocked first, then any port of ours becoming pending wakes us;
	 * only then the checks and the timer, so no wake-up is lost.
	 */
	vcpu_block_prepare(v);
	evtchn_poll_begin(&v->evtchn);
	for (uint32_t i = 0; i < p.nr_ports; i++) {
		if (copy_from_guest(&port, p.ports.q + i * sizeof(port),
				    sizeof(port))) {
			vcpu_block_cancel(v);
			return -EFAULT;
		}
		if (port >= 4096) {
			vcpu_block_cancel(v);
			return -EINVAL;
		}
		/* One port: only it ends the poll (an event may still kick). */
		if (p.nr_ports == 1)
			evtchn_poll_port(&v->evtchn, port);
		if (port_pending(v->domain, port))
			goto out_ready;
	}
	if (p.timeout && p.timeout <= get_s_time())
		goto out_ready;
	/* An event the guest would take now ends the poll too, as on Xen. */
	if (READ_ONCE(vcpu_info(v)->evtchn_upcall_pending) &&
	    !READ_ONCE(vcpu_info(v)->evtchn_upcall_mask))
		goto out_ready;
	stop_timer(&v->sched.poll_timer);
	if (p.timeout) {
		migrate_timer(&v->sched.poll_timer, v->sched.processor);
		set_timer(&v->sched.poll_timer, p.timeout);
	}
	vcpu_block_commit(v);
	return 0;

out_ready:
	vcpu_block_cancel(v);
	return 0;
}

static long sched_remote_shutdown(struct domain *d, uint64_t arg)
{
	struct sched_remote_shutdown r;
	struct domain *target;

	if (!d->is_privileged)
		return -EPERM;
	if (copy_from_guest(&r, arg, sizeof(r)))
		return -EFAULT;
	target = domain_lookup(r.domain_id);
	if (target == NULL)
		return -ESRCH;
	if (r.reason > SHUTDOWN_watchdog)
		return -EINVAL;
	domain_shutdown(target, r.reason);
	return 0;
}

static void watchdog_fired(void *data)
{
	struct domain *d = data;

	printk(KERN_WARN "d%u: watchdog timed out\n", d->domain_id);
	domain_shutdown(d, SHUTDOWN_watchdog);
}

/* id 0: a new watchdog (returns its id); timeout 0: remove it. */
static long sched_watchdog(struct domain *d, uint64_t arg)
{
	struct sched_watchdog w;
	struct timer *t;

	if (copy_from_guest(&w, arg, sizeof(w)))
		return -EFAULT;
	if (w.id == 0) {
		for (unsigned int i = 0; i < NR_WATCHDOGS; i++) {
			if (d->watchdog_inuse & (1U << i))
				continue;
			d->watchdog_inuse |= 1U << i;
			timer_init(&d->watchdog[i], watchdog_fired, d, 0);
			set_timer(&d->watchdog[i],
				  get_s_time() + w.timeout * 1000000000ULL);
			return i + 1;
		}
		return -ENOSPC;
	}
	if (w.id > NR_WATCHDOGS || !(d->watchdog_inuse & (1U << (w.id - 1))))
		return -EINVAL;
	t = &d->watchdog[w.id - 1];
	if (w.timeout == 0) {
		stop_timer(t);
		d->watchdog_inuse &= ~(1U << (w.id - 1));
		return 0;
	}
	set_timer(t, get_s_time() + w.timeout * 1000000000ULL);
	return 0;
}

long do_sched_op(unsigned int cmd, uint64_t arg)
{
	struct vcpu *v = current_vcpu();
	struct domain *d = v->domain;

	evtchn_poll_end(&v->evtchn);	/* a previous poll has ended */
	switch (cmd) {
	case SCHEDOP_yield:
		vcpu_yield_current();
		return 0;
	case SCHEDOP_block:
		return sched_block(v);
	case SCHEDOP_shutdown:
		return sched_shutdown(d, arg, false);
	case SCHEDOP_poll:
		return sched_poll(v, arg);
	case SCHEDOP_remote_shutdown:
		return sched_remote_shutdown(d, arg);
	case SCHEDOP_shutdown_code:
		return sched_shutdown(d, arg, true);
	case SCHEDOP_watchdog:
		return sched_watchdog(d, arg);
	default:
		gprintk(d, "sched_op %u not implemented: -ENOSYS\n", cmd);
		return -ENOSYS;
	}
}
