/* SPDX-License-Identifier: MIT */
/*
 * The fixture the credit policy's rule tests share (test_sched_credit.c,
 * test_sched_yield.c): one CPU, three domains with a unit each, and the
 * policy calls made with the run-queue lock held as the core makes them.
 */
#include "../unit.h"

#include "credit_fixture.h"

struct csched_private *prv1;
struct csched_dom d1, d2, d3;
struct csched_unit ua, ub, uc;

int setup_one(void **state)
{
	(void)state;
	prv1 = calloc(1, sizeof(*prv1));
	assert_non_null(prv1);
	csched_init(prv1);
	csched_cpu_init(prv1, 0, NULL);
	csched_dom_init(&d1, NULL);
	csched_dom_init(&d2, NULL);
	csched_dom_init(&d3, NULL);
	csched_unit_init(prv1, &ua, &d1, NULL, 0);
	csched_unit_init(prv1, &ub, &d2, NULL, 0);
	csched_unit_init(prv1, &uc, &d3, NULL, 0);
	return 0;
}

int teardown_one(void **state)
{
	(void)state;
	free(prv1);
	return 0;
}

uint64_t wake(struct csched_unit *u, uint64_t now, unsigned int fl)
{
	spinlock_t *l = &prv1->pcpu[u->cpu].lock;
	uint64_t m;

	spin_lock(l);
	m = csched_wake(prv1, u, now, fl);
	spin_unlock(l);
	return m;
}

struct csched_decision sched(unsigned int cpu, uint64_t now,
				    bool runnable)
{
	struct csched_decision d;
	struct csched_unit *prev = prv1->pcpu[cpu].curr;

	spin_lock(&prv1->pcpu[cpu].lock);
	d = csched_schedule(prv1, cpu, now, runnable);
	if (d.next != prev)
		assert_false(csched_context_saved(prv1, prev, now));
	spin_unlock(&prv1->pcpu[cpu].lock);
	return d;
}

uint64_t tick(unsigned int cpu, uint64_t now)
{
	uint64_t m;

	spin_lock(&prv1->pcpu[cpu].lock);
	m = csched_tick(prv1, cpu, now);
	spin_unlock(&prv1->pcpu[cpu].lock);
	return m;
}

/* Rules one by one. */
