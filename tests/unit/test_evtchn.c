/* SPDX-License-Identifier: MIT */
/*
 * Event channels (hypervisor/common/evtchn.c): every EVTCHNOP and each of
 * its errors as Xen 4.17 gives them, closing either end of a channel and
 * a domain's death, port limits, 2-level delivery (pending, mask,
 * selector, upcall, kick) and the VIRQ helpers (test_evtchn_random.c has
 * the randomized sequence).
 * Domains: d0 privileged (4 vCPUs, no port limit), d1 (2 vCPUs, the
 * domU default of 1023), d2 (1 vCPU, max_port 7).
 */
#include "evtchn/evtchn_ops.h"

/* ---- a fresh domain ---- */

static void test_fresh_domain(void **state)
{
	struct evtchn_status st;

	(void)state;
	ut_as(1);
	/* Port 0 is reserved: closed, and nothing may be done with it. */
	assert_int_equal(ev_status(DOMID_SELF, 0, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_closed);
	assert_int_equal(st.vcpu, 0);
	assert_int_equal(ev_close(0), -EINVAL);
	assert_int_equal(ev_send(0), -EINVAL);
	assert_int_equal(bind_vcpu(0, 0), -EINVAL);
	guest_mask(1, 0);
	assert_int_equal(ev_unmask(0), 0);
	assert_true(masked(1, 0));	/* not a usable port: untouched */
	/* The first bucket (64 ports) exists; the next does not yet. */
	assert_int_equal(ev_status(DOMID_SELF, 63, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_closed);
	assert_int_equal(ev_status(DOMID_SELF, 64, &st), -EINVAL);
	assert_int_equal(ev_unmask(64), -EINVAL);
	assert_int_equal(ev_send(64), -EINVAL);
	assert_int_equal(ev_close(64), -EINVAL);
	assert_int_equal(ev_close(0xffffffff), -EINVAL);
	/* A free port in an existing bucket: close, send, bind_vcpu fail. */
	assert_int_equal(ev_close(5), -EINVAL);
	assert_int_equal(ev_send(5), -EINVAL);
	assert_int_equal(bind_vcpu(5, 0), -EINVAL);
	assert_int_equal(ev_unmask(5), 0);
}

/* ---- alloc_unbound ---- */

static void test_alloc_unbound(void **state)
{
	struct evtchn_status st;
	evtchn_port_t p;

	(void)state;
	ut_as(1);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(ev_status(DOMID_SELF, 1, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_unbound);
	assert_int_equal(st.u.unbound.dom, 0);
	assert_int_equal(st.vcpu, 0);
	/* remote DOMID_SELF is stored as the caller's real id (get_domid). */
	assert_int_equal(alloc_unbound(1, DOMID_SELF, &p), 0);
	assert_int_equal(p, 2);
	assert_int_equal(ev_status(1, 2, &st), 0);
	assert_int_equal(st.u.unbound.dom, 1);
	/* Any remote id is accepted, even one naming no domain. */
	assert_int_equal(alloc_unbound(DOMID_SELF, 42, &p), 0);
	assert_int_equal(p, 3);
	/* Another domain's port: privileged callers only. */
	assert_int_equal(alloc_unbound(2, 1, &p), -EPERM);
	assert_int_equal(p, 0xdead);
	assert_int_equal(alloc_unbound(7, 1, NULL), -ESRCH);
	assert_int_equal(alloc_unbound(DOMID_INVALID, 1, NULL), -ESRCH);
	ut_as(0);
	/* d0 for d2, remote SELF: the caller's id (0), not d2's. */
	assert_int_equal(alloc_unbound(2, DOMID_SELF, &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(ev_status(2, 1, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_unbound);
	assert_int_equal(st.u.unbound.dom, 0);
}

static void test_alloc_unbound_errors(void **state)
{
	struct evtchn_alloc_unbound *a;
	evtchn_port_t p;

	(void)state;
	ut_as(1);
	assert_int_equal(ut_op(EVTCHNOP_alloc_unbound, (void *)0x100),
			 -EFAULT);
	/* Copy-out fails after the port was made: it stays (as on Xen). */
	a = (struct evtchn_alloc_unbound *)ut_readonly;
	a->dom = DOMID_SELF;
	a->remote_dom = 0;
	assert_int_equal(ut_op(EVTCHNOP_alloc_unbound, a), -EFAULT);
	assert_int_equal(state_of(1, 1), EVTCHNSTAT_unbound);
	/* d2 is full: Xen finds no port before it checks permission. */
	ut_as(2);
	for (unsigned int i = 1; i <= 7; i++) {
		assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
		assert_int_equal(p, i);
	}
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, NULL), -ENOSPC);
	ut_as(1);
	assert_int_equal(alloc_unbound(2, 1, NULL), -ENOSPC);
}

/* ---- bind_interdomain ---- */

static void test_bind_interdomain(void **state)
{
	struct evtchn_status st;
	evtchn_port_t p1, p0;

	(void)state;
	ut_as(1);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p1), 0);
	ut_as(0);
	assert_int_equal(bind_interdomain(1, p1, &p0), 0);
	assert_int_equal(p0, 1);
	assert_int_equal(ev_status(DOMID_SELF, p0, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_interdomain);
	assert_int_equal(st.u.interdomain.dom, 1);
	assert_int_equal(st.u.interdomain.port, p1);
	assert_int_equal(ev_status(1, p1, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_interdomain);
	assert_int_equal(st.u.interdomain.dom, 0);
	assert_int_equal(st.u.interdomain.port, p0);
	/* The new local port is pending at once, with an upcall to vCPU 0. */
	assert_true(pending(0, p0));
	assert_true(sel(0, 0, p0 / 64));
	assert_true(upcall(0, 0));
	assert_int_equal(ut_kicks[0][0], 1);
	assert_false(pending(1, p1));
	/* Both directions deliver to the other end. */
	guest_consume(0, 0);
	assert_int_equal(ev_send(p0), 0);
	assert_true(pending(1, p1));
	assert_false(pending(0, p0));
	ut_as(1);
	assert_int_equal(ev_send(p1), 0);
	assert_true(pending(0, p0));
}

static void test_bind_interdomain_errors(void **state)
{
	evtchn_port_t p, q;

	(void)state;
	ut_as(1);
	assert_int_equal(alloc_unbound(DOMID_SELF, 2, &p), 0);
	assert_int_equal(bind_ipi(0, &q), 0);
	ut_as(0);
	assert_int_equal(bind_interdomain(9, 1, NULL), -ESRCH);
	assert_int_equal(bind_interdomain(1, 64, NULL), -EINVAL);
	assert_int_equal(bind_interdomain(1, 0xffffffff, NULL), -EINVAL);
	assert_int_equal(bind_interdomain(1, 0, NULL), -EINVAL);
	assert_int_equal(bind_interdomain(1, 5, NULL), -EINVAL);  /* free */
	assert_int_equal(bind_interdomain(1, q, NULL), -EINVAL);  /* IPI */
	/* Unbound, but for d2, not for d0. */
	assert_int_equal(bind_interdomain(1, p, NULL), -EINVAL);
	assert_int_equal(ut_op(EVTCHNOP_bind_interdomain, (void *)0x10),
			 -EFAULT);
	/* Failures took no port of d0's. */
	assert_int_equal(state_of(0, 1), EVTCHNSTAT_closed);
	/* The right domain binds; then the port is taken. */
	ut_as(2);
	assert_int_equal(bind_interdomain(1, p, &q), 0);
	assert_int_equal(bind_interdomain(1, p, NULL), -EINVAL);
	/* A full local table is found before the remote port is looked at. */
	for (unsigned int i = 2; i <= 7; i++)
		assert_int_equal(alloc_unbound(DOMID_SELF, 1, NULL), 0);
	assert_int_equal(bind_interdomain(1, 9999, NULL), -ENOSPC);
}

static void test_loopback(void **state)
{
	evtchn_port_t a, b;

	(void)state;
	ut_as(1);
	assert_int_equal(alloc_unbound(DOMID_SELF, DOMID_SELF, &a), 0);
	assert_int_equal(bind_interdomain(DOMID_SELF, a, &b), 0);
	assert_int_not_equal(a, b);
	guest_consume(1, 0);
	si(1)->evtchn_pending[0] = 0;
	assert_int_equal(ev_send(a), 0);
	assert_true(pending(1, b));
	assert_false(pending(1, a));
	assert_int_equal(ev_send(b), 0);
	assert_true(pending(1, a));
	/* Closing one end leaves the other unbound to ourselves. */
	assert_int_equal(ev_close(a), 0);
	assert_false(pending(1, a));
	assert_int_equal(state_of(1, b), EVTCHNSTAT_unbound);
	assert_int_equal(bind_interdomain(1, b, &a), 0);
	assert_int_equal(state_of(1, a), EVTCHNSTAT_interdomain);
}

/* ---- bind_virq ---- */

static void test_virq_scope(void **state)
{
	(void)state;
	for (unsigned int virq = 0; virq < NR_VIRQS; virq++) {
		bool per_vcpu = virq == VIRQ_TIMER || virq == VIRQ_DEBUG ||
				virq == VIRQ_XENOPROF || virq == VIRQ_XENPMU;

		assert_int_equal(virq_is_global(virq), !per_vcpu);
	}
}

static void test_bind_virq(void **state)
{
	struct evtchn_status st;
	evtchn_port_t p[4], g;

	(void)state;
	for (unsigned int v = 0; v < 4; v++) {
		assert_int_equal(bind_virq(VIRQ_TIMER, v, &p[v]), 0);
		assert_int_equal(p[v], v + 1);
		assert_int_equal(ev_status(DOMID_SELF, p[v], &st), 0);
		assert_int_equal(st.status, EVTCHNSTAT_virq);
		assert_int_equal(st.u.virq, VIRQ_TIMER);
		assert_int_equal(st.vcpu, v);
	}
	assert_int_equal(bind_virq(VIRQ_TIMER, 2, NULL), -EEXIST);
	assert_int_equal(bind_virq(VIRQ_DEBUG, 3, NULL), 0);
	assert_int_equal(bind_virq(VIRQ_DOM_EXC, 0, &g), 0);
	assert_int_equal(bind_virq(VIRQ_DOM_EXC, 0, NULL), -EEXIST);
	/* Global VIRQs on vCPU 0 only: -EINVAL before the vCPU is checked. */
	assert_int_equal(bind_virq(VIRQ_CONSOLE, 1, NULL), -EINVAL);
	assert_int_equal(bind_virq(VIRQ_CONSOLE, 99, NULL), -EINVAL);
	assert_int_equal(bind_virq(VIRQ_ARCH_0, 1, NULL), -EINVAL);
	assert_int_equal(bind_virq(NR_VIRQS, 0, NULL), -EINVAL);
	assert_int_equal(bind_virq(0xffffffff, 0, NULL), -EINVAL);
	assert_int_equal(bind_virq(VIRQ_TIMER, 4, NULL), -ENOENT);
	assert_int_equal(bind_virq(VIRQ_TIMER, 0xffffffff, NULL), -ENOENT);
	ut_as(1);
	assert_int_equal(bind_virq(VIRQ_TIMER, 2, NULL), -ENOENT);
	assert_int_equal(bind_virq(VIRQ_TIMER, 1, NULL), 0);
	assert_int_equal(ut_op(EVTCHNOP_bind_virq, (void *)0), -EFAULT);
	/* A closed VIRQ port can be bound again. */
	ut_as(0);
	assert_int_equal(ev_close(p[2]), 0);
	assert_int_equal(bind_virq(VIRQ_TIMER, 2, &p[2]), 0);
	assert_int_equal(ev_close(g), 0);
	assert_int_equal(bind_virq(VIRQ_DOM_EXC, 0, &g), 0);
	/* Sending on a VIRQ port is not allowed. */
	assert_int_equal(ev_send(g), -EINVAL);
}

static void test_virq_delivery(void **state)
{
	evtchn_port_t t1, con, t0;

	(void)state;
	assert_int_equal(bind_virq(VIRQ_TIMER, 1, &t1), 0);
	assert_int_equal(bind_virq(VIRQ_TIMER, 0, &t0), 0);
	assert_int_equal(bind_virq(VIRQ_CONSOLE, 0, &con), 0);
	send_guest_vcpu_virq(&ut_vcpu[0][1], VIRQ_TIMER);
	assert_true(pending(0, t1));
	assert_true(sel(0, 1, t1 / 64) && upcall(0, 1));
	assert_int_equal(ut_kicks[0][1], 1);
	assert_false(upcall(0, 0));
	/* Not bound on vCPU 2, nor in d1: nothing happens. */
	send_guest_vcpu_virq(&ut_vcpu[0][2], VIRQ_TIMER);
	send_guest_vcpu_virq(&ut_vcpu[1][0], VIRQ_TIMER);
	send_guest_global_virq(&ut_dom[1], VIRQ_CONSOLE);
	assert_int_equal(ut_kicks[0][2] + ut_kicks[1][0], 0);
	/* A global VIRQ goes where bind_vcpu points it. */
	assert_int_equal(bind_vcpu(con, 3), 0);
	send_global_virq(VIRQ_CONSOLE);
	assert_true(pending(0, con));
	assert_true(upcall(0, 3));
	assert_int_equal(ut_kicks[0][3], 1);
	/* Per-vCPU VIRQs cannot move. */
	assert_int_equal(bind_vcpu(t0, 1), -EINVAL);
	/* Closing a global VIRQ bound elsewhere clears vCPU 0's binding. */
	assert_int_equal(ev_close(con), 0);
	assert_int_equal(bind_virq(VIRQ_CONSOLE, 0, &con), 0);
	send_guest_global_virq(NULL, VIRQ_CONSOLE);	/* no domain: no-op */
}

/* ---- bind_ipi, bind_vcpu ---- */

static void test_bind_ipi(void **state)
{
	struct evtchn_status st;
	evtchn_port_t p;

	(void)state;
	assert_int_equal(bind_ipi(2, &p), 0);
	assert_int_equal(ev_status(DOMID_SELF, p, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_ipi);
	assert_int_equal(st.vcpu, 2);
	assert_int_equal(ev_send(p), 0);
	assert_true(pending(0, p) && sel(0, 2, 0) && upcall(0, 2));
	assert_int_equal(ut_kicks[0][2], 1);
	assert_false(upcall(0, 0));
	assert_int_equal(bind_ipi(4, NULL), -ENOENT);
	assert_int_equal(bind_ipi(0x80000000, NULL), -ENOENT);
	assert_int_equal(ut_op(EVTCHNOP_bind_ipi, (void *)0x20), -EFAULT);
	/* IPIs stay on their vCPU. */
	assert_int_equal(bind_vcpu(p, 1), -EINVAL);
	ut_as(2);
	assert_int_equal(bind_ipi(1, NULL), -ENOENT);
}

static void test_bind_vcpu(void **state)
{
	struct evtchn_status st;
	evtchn_port_t u, i, r;

	(void)state;
	ut_as(1);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &r), 0);
	ut_as(0);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &u), 0);
	assert_int_equal(bind_vcpu(u, 3), 0);
	assert_int_equal(ev_status(DOMID_SELF, u, &st), 0);
	assert_int_equal(st.vcpu, 3);
	assert_int_equal(bind_interdomain(1, r, &i), 0);
	guest_consume(0, 0);
	assert_int_equal(bind_vcpu(i, 2), 0);
	/* d1 sends: d0's port notifies vCPU 2 now. */
	ut_as(1);
	assert_int_equal(ev_send(r), 0);
	assert_true(upcall(0, 2));
	assert_false(upcall(0, 0));
	ut_as(0);
	/* The vCPU is checked first, then the port. */
	assert_int_equal(bind_vcpu(9999, 4), -ENOENT);
	assert_int_equal(bind_vcpu(9999, 0), -EINVAL);
	assert_int_equal(bind_vcpu(u + 5, 0), -EINVAL);
	assert_int_equal(ut_op(EVTCHNOP_bind_vcpu, (void *)0x30), -EFAULT);
	/* Closing resets the notified vCPU to 0. */
	assert_int_equal(ev_close(u), 0);
	assert_int_equal(ev_status(DOMID_SELF, u, &st), 0);
	assert_int_equal(st.vcpu, 0);
}

/* ---- send, masking, unmask ---- */

static void test_send(void **state)
{
	evtchn_port_t u, i, r;

	(void)state;
	ut_as(1);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &u), 0);
	/* Unbound: the event is dropped, and that is success. */
	assert_int_equal(ev_send(u), 0);
	assert_false(pending(1, u));
	assert_int_equal(ut_kicks[1][0], 0);
	ut_as(0);
	assert_int_equal(bind_interdomain(1, u, &i), 0);
	assert_int_equal(ev_send(i), 0);
	assert_true(pending(1, u));
	assert_int_equal(ut_kicks[1][0], 1);
	/* Already pending: nothing more, no second kick. */
	assert_int_equal(ev_send(i), 0);
	assert_int_equal(ut_kicks[1][0], 1);
	assert_int_equal(ev_send(i + 10), -EINVAL);
	assert_int_equal(ev_send(4096), -EINVAL);
	assert_int_equal(ut_op(EVTCHNOP_send, (void *)0x40), -EFAULT);
	/* d1 closes its end: d0's port is unbound, sends dropped. */
	ut_as(1);
	assert_int_equal(ev_close(u), 0);
	ut_as(0);
	assert_int_equal(ev_send(i), 0);
	assert_int_equal(state_of(0, i), EVTCHNSTAT_unbound);
	/* The port in d1 is free again; d1 can bind to d0's port. */
	ut_as(1);
	assert_int_equal(bind_interdomain(0, i, &r), 0);
	assert_int_equal(r, u);
}

static void test_masking(void **state)
{
	evtchn_port_t p, q;

	(void)state;
	assert_int_equal(bind_ipi(1, &p), 0);
	assert_int_equal(bind_ipi(1, &q), 0);
	guest_mask(0, p);
	assert_int_equal(ev_send(p), 0);
	/* Masked: pending, but no selector, no upcall, no kick. */
	assert_true(pending(0, p));
	assert_false(sel(0, 1, 0) || upcall(0, 1));
	assert_int_equal(ut_kicks[0][1], 0);
	/* Unmask delivers it now. */
	assert_int_equal(ev_unmask(p), 0);
	assert_false(masked(0, p));
	assert_true(sel(0, 1, 0) && upcall(0, 1));
	assert_int_equal(ut_kicks[0][1], 1);
	/* Unmask of a port not pending only clears the mask. */
	guest_consume(0, 1);
	guest_mask(0, q);
	assert_int_equal(ev_unmask(q), 0);
	assert_false(masked(0, q));
	assert_false(sel(0, 1, 0) || upcall(0, 1));
	/* Selector already set: the bit is enough, no second upcall. */
	assert_int_equal(ev_send(p), 0);
	assert_int_equal(ut_kicks[0][1], 2);
	si(0)->vcpu_info[1].evtchn_upcall_pending = 0;
	assert_int_equal(ev_send(q), 0);
	assert_false(upcall(0, 1));
	assert_int_equal(ut_kicks[0][1], 2);
	/* Upcall already pending, selector clear: no second kick. */
	guest_consume(0, 1);
	si(0)->vcpu_info[1].evtchn_upcall_pending = 1;
	assert_int_equal(ev_send(p), 0);
	assert_true(sel(0, 1, 0));
	assert_int_equal(ut_kicks[0][1], 2);
	/* Unmask of a masked port that is pending, selector already set. */
	guest_mask(0, q);
	assert_int_equal(ev_send(q), 0);
	assert_int_equal(ev_unmask(q), 0);
	assert_int_equal(ut_kicks[0][1], 2);
	assert_int_equal(ut_op(EVTCHNOP_unmask, (void *)0x50), -EFAULT);
}

static void test_high_port_delivery(void **state)
{
	evtchn_port_t p = 0;

	(void)state;
	/* Word 63's selector bit, the last port of the 2-level ABI. */
	for (unsigned int i = 1; i < EVTCHN_2L_PORTS; i++)
		assert_int_equal(bind_ipi(3, &p), 0);
	assert_int_equal(p, 4095);
	assert_int_equal(ev_send(4095), 0);
	assert_true(pending(0, 4095) && sel(0, 3, 63) && upcall(0, 3));
	assert_int_equal(bind_ipi(3, NULL), -ENOSPC);
}

static void test_poll_wakeup(void **state)
{
	evtchn_port_t p;

	(void)state;
	assert_int_equal(bind_ipi(0, &p), 0);
	guest_mask(0, p);
	evtchn_poll_begin(&ut_vcpu[0][2].evtchn);
	assert_int_equal(ev_send(p), 0);
	/* Masked, so no upcall: the poller is kicked all the same. */
	assert_false(upcall(0, 0));
	assert_int_equal(ut_kicks[0][2], 1);
	assert_false(ut_vcpu[0][2].evtchn.polling);
	/* Already pending: no new kick. */
	evtchn_poll_begin(&ut_vcpu[0][2].evtchn);
	assert_int_equal(ev_send(p), 0);
	assert_int_equal(ut_kicks[0][2], 1);
	evtchn_poll_end(&ut_vcpu[0][2].evtchn);
}

/* A poll of one port ends on that port only, as Xen's poll_evtchn. */
static void test_poll_one_port(void **state)
{
	evtchn_port_t p, q;

	(void)state;
	assert_int_equal(bind_ipi(0, &p), 0);
	assert_int_equal(bind_ipi(1, &q), 0);
	guest_mask(0, p);
	guest_mask(0, q);
	evtchn_poll_begin(&ut_vcpu[0][2].evtchn);
	evtchn_poll_port(&ut_vcpu[0][2].evtchn, p);
	assert_int_equal(ev_send(q), 0);
	assert_int_equal(ut_kicks[0][2], 0);
	assert_true(ut_vcpu[0][2].evtchn.polling);
	assert_int_equal(ev_send(p), 0);
	assert_int_equal(ut_kicks[0][2], 1);
	assert_false(ut_vcpu[0][2].evtchn.polling);
	evtchn_poll_end(&ut_vcpu[0][2].evtchn);
}

/* ---- close and teardown ---- */

static void test_close_either_end(void **state)
{
	struct evtchn_status st;
	evtchn_port_t a0, a1, b0, b1;

	(void)state;
	/* Channel a: d0 allocates, d1 binds; d0 (lower id) closes. */
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &a0), 0);
	ut_as(1);
	assert_int_equal(bind_interdomain(0, a0, &a1), 0);
	assert_true(pending(1, a1));
	ut_as(0);
	assert_int_equal(ev_close(a0), 0);
	assert_int_equal(ev_close(a0), -EINVAL);
	assert_int_equal(ev_status(1, a1, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_unbound);
	assert_int_equal(st.u.unbound.dom, 0);
	/* Channel b: d1 (higher id) closes; d0's end goes back to unbound. */
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &b0), 0);
	ut_as(1);
	assert_int_equal(bind_interdomain(0, b0, &b1), 0);
	assert_int_equal(bind_vcpu(b1, 1), 0);
	assert_int_equal(ev_close(b1), 0);
	assert_false(pending(1, b1));	/* freeing clears pending */
	assert_int_equal(ev_status(0, b0, &st), -EPERM);
	assert_int_equal(state_of(0, b0), EVTCHNSTAT_unbound);
	/* Each surviving end can be connected again. */
	assert_int_equal(bind_interdomain(0, b0, &b1), 0);
	ut_as(0);
	assert_int_equal(bind_interdomain(1, a1, &a0), 0);
	assert_int_equal(state_of(0, a0), EVTCHNSTAT_interdomain);
	assert_int_equal(state_of(1, a1), EVTCHNSTAT_interdomain);
	assert_int_equal(ut_op(EVTCHNOP_close, (void *)0x60), -EFAULT);
}

static void test_domain_death(void **state)
{
	struct evtchn_status st;
	evtchn_port_t p0, p2, q1, r1;

	(void)state;
	/* d1 is connected to d0 (lower id) and d2 (higher), and has VIRQs. */
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p0), 0);
	ut_as(2);
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p2), 0);
	ut_as(1);
	assert_int_equal(bind_interdomain(0, p0, &q1), 0);
	assert_int_equal(bind_interdomain(2, p2, &r1), 0);
	assert_int_equal(bind_virq(VIRQ_TIMER, 1, NULL), 0);
	assert_int_equal(bind_ipi(0, NULL), 0);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, NULL), 0);
	evtchn_domain_destroy(&ut_dom[1]);
	assert_int_equal(ut_pages_out, 2);
	/* Both peers' ports are unbound, naming the dead domain. */
	ut_as(0);
	assert_int_equal(ev_status(DOMID_SELF, p0, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_unbound);
	assert_int_equal(st.u.unbound.dom, 1);
	assert_int_equal(ev_send(p0), 0);
	assert_int_equal(state_of(2, p2), EVTCHNSTAT_unbound);
	/* The dead domain's ports are gone; it gets no new ones. */
	assert_int_equal(bind_interdomain(1, q1, NULL), -EINVAL);
	assert_int_equal(ev_status(1, q1, &st), -EINVAL);
	assert_int_equal(alloc_unbound(1, 0, NULL), -EINVAL);
	send_guest_vcpu_virq(&ut_vcpu[1][1], VIRQ_TIMER);
	evtchn_domain_destroy(&ut_dom[1]);	/* twice: harmless */
	/* d0 dies too: d2's port stays unbound (naming d1). */
	evtchn_domain_destroy(&ut_dom[0]);
	assert_int_equal(state_of(2, p2), EVTCHNSTAT_unbound);
}

static void test_death_of_lower_end(void **state)
{
	struct evtchn_status st;
	evtchn_port_t p0, q1;

	(void)state;
	ut_as(1);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &q1), 0);
	ut_as(0);
	assert_int_equal(bind_interdomain(1, q1, &p0), 0);
	evtchn_domain_destroy(&ut_dom[0]);
	ut_as(1);
	assert_int_equal(ev_status(DOMID_SELF, q1, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_unbound);
	assert_int_equal(st.u.unbound.dom, 0);
	assert_int_equal(ev_send(q1), 0);
}

/* ---- status ---- */

static void test_status(void **state)
{
	struct evtchn_status st;
	evtchn_port_t p;

	(void)state;
	ut_as(1);
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
	assert_int_equal(ev_status(9, p, &st), -ESRCH);
	assert_int_equal(ev_status(1, 99, &st), -EINVAL);
	/* Another domain's ports: privileged callers only; the port first. */
	assert_int_equal(ev_status(0, 1, &st), -EPERM);
	assert_int_equal(ev_status(0, 99, &st), -EINVAL);
	assert_int_equal(ut_op(EVTCHNOP_status, (void *)0x70), -EFAULT);
	/* A closed port: status and vcpu written, the union left alone. */
	assert_int_equal(ev_status(1, 5, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_closed);
	assert_int_equal(st.vcpu, 0);
	assert_int_equal(st.u.pirq, 0x77777777);
	assert_int_equal(st.dom, 1);
	assert_int_equal(st.port, 5);
}

/* ---- reset ---- */

static void test_reset(void **state)
{
	evtchn_port_t p0, q1, v;

	(void)state;
	assert_int_equal(alloc_unbound(DOMID_SELF, 1, &p0), 0);
	ut_as(1);
	assert_int_equal(bind_interdomain(0, p0, &q1), 0);
	assert_int_equal(bind_virq(VIRQ_TIMER, 0, &v), 0);
	assert_int_equal(bind_ipi(1, NULL), 0);
	assert_int_equal(ev_reset(0), -EPERM);
	assert_int_equal(ev_reset(8), -ESRCH);
	assert_int_equal(ut_op(EVTCHNOP_reset, (void *)0x80), -EFAULT);
	assert_int_equal(ev_reset(DOMID_SELF), 0);
	for (unsigned int i = 1; i < 64; i++)
		assert_int_equal(state_of(1, i), EVTCHNSTAT_closed);
	assert_int_equal(state_of(0, p0), EVTCHNSTAT_unbound);
	/* The VIRQ can be bound again after the reset. */
	assert_int_equal(bind_virq(VIRQ_TIMER, 0, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(ev_reset(1), 0);
	/* Privileged, for another domain it has not paused: -EINVAL. */
	ut_as(0);
	assert_int_equal(ev_reset(1), -EINVAL);
	assert_int_equal(ev_reset(0), 0);
	assert_int_equal(state_of(0, p0), EVTCHNSTAT_closed);
}

/* ---- limits ---- */

static void test_port_limits(void **state)
{
	struct evtchn_status st;
	evtchn_port_t p = 0;

	(void)state;
	/* d1: the domU default, ports 1..1023. */
	ut_as(1);
	for (unsigned int i = 1; i <= EVTCHN_DEFAULT_MAX_PORT; i++) {
		assert_int_equal(alloc_unbound(DOMID_SELF, 0, &p), 0);
		assert_int_equal(p, i);
	}
	assert_int_equal(alloc_unbound(DOMID_SELF, 0, NULL), -ENOSPC);
	assert_int_equal(bind_ipi(0, NULL), -ENOSPC);
	assert_int_equal(bind_virq(VIRQ_TIMER, 0, NULL), -ENOSPC);
	assert_int_equal(ev_status(DOMID_SELF, 1023, &st), 0);
	assert_int_equal(ev_status(DOMID_SELF, 1024, &st), -EINVAL);
	/* The lowest free port is reused. */
	assert_int_equal(ev_close(500), 0);
	assert_int_equal(ev_close(77), 0);
	assert_int_equal(bind_ipi(1, &p), 0);
	assert_int_equal(p, 77);
	assert_int_equal(bind_ipi(1, &p), 0);
	assert_int_equal(p, 500);
	/* d2: max_port 7, but its whole first bucket exists. */
	ut_as(2);
	for (unsigned int i = 1; i <= 7; i++)
		assert_int_equal(bind_ipi(0, NULL), 0);
	assert_int_equal(bind_ipi(0, NULL), -ENOSPC);
	assert_int_equal(ev_status(DOMID_SELF, 63, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_closed);
	assert_int_equal(ev_status(DOMID_SELF, 64, &st), -EINVAL);
}

static void test_buckets_grow(void **state)
{
	struct evtchn_status st;

	(void)state;
	ut_as(1);
	for (unsigned int i = 1; i < 64; i++)
		assert_int_equal(bind_ipi(0, NULL), 0);
	assert_int_equal(ev_status(DOMID_SELF, 64, &st), -EINVAL);
	assert_int_equal(bind_ipi(1, NULL), 0);
	/* Port 64 made the second bucket; it stays when the port closes. */
	assert_int_equal(ev_status(DOMID_SELF, 127, &st), 0);
	assert_int_equal(ev_status(DOMID_SELF, 128, &st), -EINVAL);
	assert_int_equal(ev_close(64), 0);
	assert_int_equal(ev_status(DOMID_SELF, 64, &st), 0);
	assert_int_equal(st.status, EVTCHNSTAT_closed);
}

static void test_init_limits(void **state)
{
	struct domain *d = &ut_dom[2];

	(void)state;
	evtchn_domain_destroy(d);
	ut_alloc_fails = true;
	assert_int_equal(evtchn_domain_init(d, 7), -ENOMEM);
	ut_alloc_fails = false;
	assert_int_equal(evtchn_domain_init(d, 0), 0);
	ut_as(2);
	assert_int_equal(bind_ipi(0, NULL), -ENOSPC);
	evtchn_domain_destroy(d);
	assert_int_equal(evtchn_domain_init(d, 5000), 0);
	assert_int_equal(d->evtchn.max_port, 4095);
	assert_int_equal(d->evtchn.nr_ports, 4096);
}

/* ---- sub-ops that 2-level does not have ---- */

static void test_other_ops(void **state)
{
	struct evtchn_set_priority sp = { .port = 0, .priority = 3 };
	struct evtchn_expand_array ea = { 0 };
	struct evtchn_init_control ic = { 0 };
	struct evtchn_bind_pirq bp = { .pirq = 1 };

	(void)state;
	assert_int_equal(ut_op(EVTCHNOP_init_control, &ic), -ENOSYS);
	assert_int_equal(ut_op(EVTCHNOP_expand_array, &ea), -EOPNOTSUPP);
	assert_int_equal(ut_op(EVTCHNOP_expand_array, (void *)8), -EFAULT);
	assert_int_equal(ut_op(EVTCHNOP_set_priority, &sp), -ENOSYS);
	sp.port = 64;
	assert_int_equal(ut_op(EVTCHNOP_set_priority, &sp), -EINVAL);
	assert_int_equal(ut_op(EVTCHNOP_set_priority, (void *)8), -EFAULT);
	assert_int_equal(ut_op(EVTCHNOP_bind_pirq, &bp), -EINVAL);
	assert_int_equal(ut_op(EVTCHNOP_bind_pirq, (void *)8), -EFAULT);
	assert_int_equal(ut_op(14, &bp), -ENOSYS);
	assert_int_equal(ut_op(0xffffffff, &bp), -ENOSYS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_fresh_domain),
		T(test_alloc_unbound),
		T(test_alloc_unbound_errors),
		T(test_bind_interdomain),
		T(test_bind_interdomain_errors),
		T(test_loopback),
		T(test_virq_scope),
		T(test_bind_virq),
		T(test_virq_delivery),
		T(test_bind_ipi),
		T(test_bind_vcpu),
		T(test_send),
		T(test_masking),
		T(test_high_port_delivery),
		T(test_poll_wakeup),
		T(test_poll_one_port),
		T(test_close_either_end),
		T(test_domain_death),
		T(test_death_of_lower_end),
		T(test_status),
		T(test_reset),
		T(test_port_limits),
		T(test_buckets_grow),
		T(test_init_limits),
		T(test_other_ops),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
