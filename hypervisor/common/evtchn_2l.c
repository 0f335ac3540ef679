/* SPDX-License-Identifier: MIT */
/*
 * The 2-level delivery of event channels: shared_info's evtchn_pending
 * and evtchn_mask bitmaps, each vCPU's selector word and upcall flag.
 * Every step is an atomic read-modify-write of memory the guest shares,
 * in the order that lets the guest (clearing them in reverse: upcall
 * flag, selector, pending bit) never lose an event; evtchn.c essay.
 */
#include <hv/bug.h>
#include <hv/domain.h>
#include "evtchn_2l.h"

static bool test_and_set_bit64(unsigned int nr, xen_ulong_t *w)
{
	xen_ulong_t bit = 1ULL << (nr % 64);

	return __atomic_fetch_or(&w[nr / 64], bit, __ATOMIC_SEQ_CST) & bit;
}

static bool test_and_clear_bit64(unsigned int nr, xen_ulong_t *w)
{
	xen_ulong_t bit = 1ULL << (nr % 64);

	return __atomic_fetch_and(&w[nr / 64], ~bit, __ATOMIC_SEQ_CST) & bit;
}

static bool test_bit64(unsigned int nr, xen_ulong_t *w)
{
	return __atomic_load_n(&w[nr / 64], __ATOMIC_SEQ_CST) &
	       (1ULL << (nr % 64));
}

static void vcpu_mark_events_pending(struct vcpu *v)
{
	if (!__atomic_exchange_n(&vcpu_info(v)->evtchn_upcall_pending, 1,
				 __ATOMIC_SEQ_CST))
		vcpu_kick(v);
}

/*
 * Wakes d's vCPUs in SCHEDOP_poll that wait for port (or for any port):
 * it became pending.
 */
static void evtchn_check_pollers(struct domain *d, evtchn_port_t port)
{
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		struct vcpu *v = d->vcpus[i];
		int32_t want;

		if (!v || !__atomic_load_n(&v->evtchn.polling, __ATOMIC_SEQ_CST))
			continue;
		want = __atomic_load_n(&v->evtchn.poll_port, __ATOMIC_SEQ_CST);
		if (want >= 0 && (evtchn_port_t)want != port)
			continue;
		if (__atomic_exchange_n(&v->evtchn.polling, false,
					__ATOMIC_SEQ_CST))
			vcpu_kick(v);
	}
}

void evtchn_2l_set_pending(struct domain *d, unsigned int vcpu_id,
			       evtchn_port_t port)
{
	struct shared_info *s = d->shared_info;
	struct vcpu *v = d->vcpus[vcpu_id];

	ASSERT(s != NULL && v != NULL && port < EVTCHN_2L_PORTS);
	if (test_and_set_bit64(port, s->evtchn_pending))
		return;
	if (!test_bit64(port, s->evtchn_mask) &&
	    !test_and_set_bit64(port / 64, &vcpu_info(v)->evtchn_pending_sel))
		vcpu_mark_events_pending(v);
	evtchn_check_pollers(d, port);
}

void evtchn_2l_clear_pending(struct domain *d, evtchn_port_t port)
{
	if (d->shared_info)
		test_and_clear_bit64(port, d->shared_info->evtchn_pending);
}

void evtchn_2l_unmask(struct domain *d, const struct evtchn *chn,
			     evtchn_port_t port)
{
	struct shared_info *s = d->shared_info;
	struct vcpu *v = d->vcpus[chn->notify_vcpu];

	if (test_and_clear_bit64(port, s->evtchn_mask) &&
	    test_bit64(port, s->evtchn_pending) &&
	    !test_and_set_bit64(port / 64, &vcpu_info(v)->evtchn_pending_sel))
		vcpu_mark_events_pending(v);
}
