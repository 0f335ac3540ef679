/* SPDX-License-Identifier: MIT */
/*
 * Event channels (hypervisor/common/evtchn.c) under a randomized
 * sequence of operations and guest actions over the three simulated
 * domains of test_evtchn.c, with deaths and restarts, every invariant
 * checked after every step.
 */
#include "evtchn/evtchn_ops.h"

/* ---- randomized sequence, invariants after every step ---- */

/* Everything the state machine promises, checked from the inside. */
static void check_invariants(void)
{
	for (unsigned int di = 0; di < UT_NR_DOMS; di++) {
		struct domain *d = &ut_dom[di];
		struct evtchn_domain *ed = &d->evtchn;
		unsigned int active = 0;

		assert_false(spin_is_locked(&ed->lock));
		if (ed->ports == NULL) {	/* dead: no VIRQ left bound */
			for (unsigned int v = 0; v < d->max_vcpus; v++)
				for (unsigned int q = 0; q < NR_VIRQS; q++)
					assert_int_equal(ut_vcpu[di][v].evtchn.
							 virq_to_port[q], 0);
			continue;
		}
		assert_true(ed->nr_valid % 64 == 0 &&
			    ed->nr_valid <= ed->nr_ports);
		assert_int_equal(ed->ports[0].state, ECS_RESERVED);
		for (unsigned int p = 1; p < ed->nr_ports; p++) {
			const struct evtchn *c = &ed->ports[p];

			if (p >= ed->nr_valid || p > ed->max_port)
				assert_int_equal(c->state, ECS_FREE);
			if (c->state == ECS_FREE) {
				assert_false(pending(di, p));
				assert_int_equal(c->notify_vcpu, 0);
				continue;
			}
			active++;
			assert_true(c->notify_vcpu < d->max_vcpus);
			if (c->state == ECS_INTERDOMAIN) {
				const struct evtchn *r;

				assert_non_null(c->remote_dom->evtchn.ports);
				r = &c->remote_dom->evtchn.ports[c->remote_port];
				assert_int_equal(r->state, ECS_INTERDOMAIN);
				assert_ptr_equal(r->remote_dom, d);
				assert_int_equal(r->remote_port, p);
			} else if (c->state == ECS_VIRQ) {
				unsigned int v = virq_is_global(c->virq) ?
						 0 : c->notify_vcpu;

				assert_int_equal(ut_vcpu[di][v].evtchn.
						 virq_to_port[c->virq], p);
			} else {
				assert_true(c->state == ECS_UNBOUND ||
					    c->state == ECS_IPI);
			}
			/* Pending and unmasked: some vCPU has been told. */
			if (pending(di, p) && !masked(di, p)) {
				bool told = false;

				for (unsigned int v = 0; v < d->max_vcpus; v++)
					told |= sel(di, v, p / 64) &&
						upcall(di, v);
				assert_true(told);
			}
		}
		assert_int_equal(active, ed->nr_active);
		for (unsigned int v = 0; v < d->max_vcpus; v++)
			for (unsigned int q = 0; q < NR_VIRQS; q++) {
				evtchn_port_t p = ut_vcpu[di][v].evtchn.
						  virq_to_port[q];

				if (p == 0)
					continue;
				assert_int_equal(ed->ports[p].state, ECS_VIRQ);
				assert_int_equal(ed->ports[p].virq, q);
			}
	}
}

static domid_t rand_dom(uint64_t *s)
{
	static const domid_t ids[] = { 0, 1, 2, DOMID_SELF, 3, DOMID_SELF };

	return ids[ut_rand(s) % ARRAY_SIZE(ids)];
}

/* One operation from the current domain; its result must be an errno
 * the operation can give. Returns the result. */
static long random_op(uint64_t *s)
{
	evtchn_port_t port = ut_rand(s) % 80;
	uint32_t vcpu = ut_rand(s) % 5;
	struct evtchn_status st;

	switch (ut_rand(s) % 10) {
	case 0:
		return alloc_unbound(rand_dom(s), rand_dom(s), NULL);
	case 1:
		return bind_interdomain(rand_dom(s), port, NULL);
	case 2:
		return bind_virq(ut_rand(s) % 26, vcpu % 2 ? 0 : vcpu, NULL);
	case 3:
		return bind_ipi(vcpu, NULL);
	case 4:
		return ev_close(port);
	case 5:
		return ev_send(port);
	case 6:
		return ev_unmask(port);
	case 7:
		return bind_vcpu(port, vcpu);
	case 8:
		return ev_status(rand_dom(s), port, &st);
	default:
		return ut_rand(s) % 16 ? ev_close(port) : ev_reset(DOMID_SELF);
	}
}

static void guest_action(uint64_t *s, unsigned int d)
{
	unsigned int v = ut_rand(s) % ut_dom[d].max_vcpus;
	evtchn_port_t port = ut_rand(s) % 80;

	switch (ut_rand(s) % 3) {
	case 0:
		guest_mask(d, port);
		break;
	case 1:
		guest_consume(d, v);
		break;
	default:
		if (ut_rand(s) % 2)
			send_guest_vcpu_virq(&ut_vcpu[d][v], VIRQ_TIMER);
		else
			send_guest_global_virq(&ut_dom[d], VIRQ_DOM_EXC);
		break;
	}
}

static void test_random(void **state)
{
	static const long allowed[] = { 0, -EINVAL, -ENOSPC, -ESRCH, -EPERM,
					-EEXIST, -ENOENT };
	static const unsigned int max_port[UT_NR_DOMS] = {
		EVTCHN_MAX_PORT_UNLIMITED, EVTCHN_DEFAULT_MAX_PORT, 7 };
	uint64_t seed = 0x5eed0fe7c4a11e1ULL;
	unsigned int ok = 0;

	(void)state;
	for (unsigned int step = 0; step < 40000; step++) {
		unsigned int d = ut_rand(&seed) % UT_NR_DOMS;
		long rc;
		bool known = false;

		ut_set_current(&ut_vcpu[d][ut_rand(&seed) %
					   ut_dom[d].max_vcpus]);
		if (ut_rand(&seed) % 4 == 0) {
			guest_action(&seed, d);
		} else {
			rc = random_op(&seed);
			for (unsigned int i = 0; i < ARRAY_SIZE(allowed); i++)
				known |= rc == allowed[i];
			assert_true(known);
			ok += rc == 0;
		}
		check_invariants();
		if (step % 10000 == 9999) {
			/* A death now and then: the others stay consistent. */
			d = step / 10000 % UT_NR_DOMS;
			evtchn_domain_destroy(&ut_dom[d]);
			check_invariants();
			assert_int_equal(evtchn_domain_init(&ut_dom[d],
							    max_port[d]), 0);
		}
	}
	printf("random: %u of 30000 operations succeeded\n", ok);
	assert_true(ok > 5000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_random, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
