/* SPDX-License-Identifier: MIT */
/*
 * What the event channel tests share: event_channel_op as a guest calls
 * it, the shared_info bits it looks at, and the per-test setup of the
 * three simulated domains (evtchn_shim.h).
 */
#ifndef UT_EVTCHN_OPS_H
#define UT_EVTCHN_OPS_H

#include "evtchn_shim.h"

/* Guest-side calls. */

static inline long alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote,
					  .port = 0xdead };
	long rc = ut_op(EVTCHNOP_alloc_unbound, &a);

	if (port)
		*port = a.port;
	return rc;
}

static inline long bind_interdomain(domid_t rdom, evtchn_port_t rport,
			     evtchn_port_t *lport)
{
	struct evtchn_bind_interdomain b = { .remote_dom = rdom,
					     .remote_port = rport,
					     .local_port = 0xdead };
	long rc = ut_op(EVTCHNOP_bind_interdomain, &b);

	if (lport)
		*lport = b.local_port;
	return rc;
}

static inline long bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port)
{
	struct evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu,
				      .port = 0xdead };
	long rc = ut_op(EVTCHNOP_bind_virq, &b);

	if (port)
		*port = b.port;
	return rc;
}

static inline long bind_ipi(uint32_t vcpu, evtchn_port_t *port)
{
	struct evtchn_bind_ipi b = { .vcpu = vcpu, .port = 0xdead };
	long rc = ut_op(EVTCHNOP_bind_ipi, &b);

	if (port)
		*port = b.port;
	return rc;
}

static inline long ev_close(evtchn_port_t port)
{
	struct evtchn_close c = { port };

	return ut_op(EVTCHNOP_close, &c);
}

static inline long ev_send(evtchn_port_t port)
{
	struct evtchn_send s = { port };

	return ut_op(EVTCHNOP_send, &s);
}

static inline long ev_unmask(evtchn_port_t port)
{
	struct evtchn_unmask u = { port };

	return ut_op(EVTCHNOP_unmask, &u);
}

static inline long bind_vcpu(evtchn_port_t port, uint32_t vcpu)
{
	struct evtchn_bind_vcpu b = { .port = port, .vcpu = vcpu };

	return ut_op(EVTCHNOP_bind_vcpu, &b);
}

static inline long ev_reset(domid_t dom)
{
	struct evtchn_reset r = { dom };

	return ut_op(EVTCHNOP_reset, &r);
}

static inline long ev_status(domid_t dom, evtchn_port_t port,
		      struct evtchn_status *st)
{
	memset(st, 0x77, sizeof(*st));
	st->dom = dom;
	st->port = port;
	return ut_op(EVTCHNOP_status, st);
}

/* Status of d's port, asked by d0 (privileged); fails the test if not 0. */
static inline uint32_t state_of(unsigned int d, evtchn_port_t port)
{
	struct vcpu *saved = current_vcpu();
	struct evtchn_status st;

	ut_as(0);
	assert_int_equal(ev_status(d, port, &st), 0);
	ut_set_current(saved);
	return st.status;
}

static inline struct shared_info *si(unsigned int d)
{
	return ut_dom[d].shared_info;
}

static inline bool bit(const xen_ulong_t *w, unsigned int nr)
{
	return (w[nr / 64] >> (nr % 64)) & 1;
}

static inline bool pending(unsigned int d, evtchn_port_t p)
{
	return bit(si(d)->evtchn_pending, p);
}

static inline bool masked(unsigned int d, evtchn_port_t p)
{
	return bit(si(d)->evtchn_mask, p);
}

static inline void guest_mask(unsigned int d, evtchn_port_t p)
{
	si(d)->evtchn_mask[p / 64] |= 1ULL << (p % 64);
}

static inline bool sel(unsigned int d, unsigned int v, unsigned int word)
{
	return (si(d)->vcpu_info[v].evtchn_pending_sel >> word) & 1;
}

static inline bool upcall(unsigned int d, unsigned int v)
{
	return si(d)->vcpu_info[v].evtchn_upcall_pending;
}

/* What a guest's upcall handler does on vCPU v of d. */
static inline void guest_consume(unsigned int d, unsigned int v)
{
	struct shared_info *s = si(d);
	xen_ulong_t words;

	s->vcpu_info[v].evtchn_upcall_pending = 0;
	words = s->vcpu_info[v].evtchn_pending_sel;
	s->vcpu_info[v].evtchn_pending_sel = 0;
	for (unsigned int w = 0; w < 64; w++)
		if (words & (1ULL << w))
			s->evtchn_pending[w] &= s->evtchn_mask[w];
}

static inline int setup(void **state)
{
	(void)state;
	ut_evtchn_setup(EVTCHN_MAX_PORT_UNLIMITED, EVTCHN_DEFAULT_MAX_PORT, 7);
	return 0;
}

static inline int teardown(void **state)
{
	(void)state;
	ut_evtchn_teardown();
	return 0;
}

#endif
