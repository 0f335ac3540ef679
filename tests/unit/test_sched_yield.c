/* SPDX-License-Identifier: MIT */
/*
 * hypervisor/common/sched_credit.c: SCHEDOP_yield, as Xen 4.17's credit1
 * does it (csched_unit_yield, __runq_insert, csched_schedule): the
 * yielder is queued behind every unit of its priority and one runnable
 * unit of lower priority, keeps its priority, skips the rate limit, and
 * loses the mark at that decision.
 */
#include "unit.h"

#include <hv/sched_credit.h>
#include "sched/credit_fixture.h"

static void yield(struct csched_unit *u)
{
	spin_lock(&prv1->pcpu[u->cpu].lock);
	csched_yield(prv1, u);
	spin_unlock(&prv1->pcpu[u->cpu].lock);
}

/* u, at priority pri, becomes CPU 0's current unit at now. */
static void run_on0(struct csched_unit *u, int pri, uint64_t now)
{
	u->pri = pri;
	wake(u, now, CSCHED_WAKE_MIGRATED);
	assert_ptr_equal(sched(0, now, false).next, u);
}

/* u, at priority pri, is queued on CPU 0 (a move: no BOOST). */
static void queue_on0(struct csched_unit *u, int pri, uint64_t now)
{
	u->pri = pri;
	wake(u, now, CSCHED_WAKE_MIGRATED);
	assert_true(u->on_runq);
}

/* CPU 0's queue is exactly want[0..n-1]. */
static void assert_runq(struct csched_unit *const *want, unsigned int n)
{
	struct csched_link *pos = prv1->pcpu[0].runq.next;

	for (unsigned int i = 0; i < n; i++, pos = pos->next)
		assert_ptr_equal(pos, &want[i]->runq);
	assert_ptr_equal(pos, &prv1->pcpu[0].runq);
	assert_int_equal(prv1->pcpu[0].nr_queued, n);
}
#define ASSERT_RUNQ(...)						\
	assert_runq((struct csched_unit *[]){ __VA_ARGS__ },		\
		    ARRAY_SIZE(((struct csched_unit *[]){ __VA_ARGS__ })))

static void test_yield_equal_peer(void **state)
{
	struct csched_decision d;

	(void)state;
	run_on0(&ua, CSCHED_PRI_UNDER, 0);
	queue_on0(&ub, CSCHED_PRI_UNDER, 0);
	yield(&ua);
	d = sched(0, 5 * MS, true);
	assert_ptr_equal(d.next, &ub);
	assert_int_equal(d.slice_ns, 30 * MS);
	ASSERT_RUNQ(&ua);
	assert_false(ua.yield);
	assert_int_equal(ua.pri, CSCHED_PRI_UNDER);
	/* Behind its equals and one lower unit: [ua, uc] -> [uc, ub]. */
	queue_on0(&uc, CSCHED_PRI_OVER, 5 * MS);
	yield(&ub);
	d = sched(0, 10 * MS, true);
	assert_ptr_equal(d.next, &ua);
	ASSERT_RUNQ(&uc, &ub);
	/* The next sort brings the UNDER yielder back ahead of OVER. */
	prv1->sort_epoch++;
	tick(0, 10 * MS);
	ASSERT_RUNQ(&ub, &uc);
}

static void test_yield_lower_peer(void **state)
{
	struct csched_decision d;

	(void)state;
	/* A BOOSTed yielder stays BOOST yet lets one UNDER unit by. */
	run_on0(&ua, CSCHED_PRI_BOOST, 0);
	queue_on0(&ub, CSCHED_PRI_UNDER, 0);
	queue_on0(&uc, CSCHED_PRI_OVER, 0);
	yield(&ua);
	d = sched(0, 5 * MS, true);
	assert_ptr_equal(d.next, &ub);
	ASSERT_RUNQ(&ua, &uc);		/* one unit only, not all */
	assert_int_equal(ua.pri, CSCHED_PRI_BOOST);
	/* Only a lower-priority unit waits: it runs. */
	spin_lock(&prv1->pcpu[0].lock);
	assert_int_equal(csched_sleep(prv1, &ua), 0);
	spin_unlock(&prv1->pcpu[0].lock);
	yield(&ub);
	d = sched(0, 10 * MS, true);
	assert_ptr_equal(d.next, &uc);
	assert_false(d.migrated);
	ASSERT_RUNQ(&ub);
	assert_int_equal(ub.pri, CSCHED_PRI_UNDER);
}

static void test_yield_idle_only(void **state)
{
	struct csched_decision d;

	(void)state;
	/* Nothing else to run: the yielder goes on, a full slice. */
	run_on0(&ua, CSCHED_PRI_UNDER, 0);
	yield(&ua);
	d = sched(0, 5 * MS, true);
	assert_ptr_equal(d.next, &ua);
	assert_int_equal(d.slice_ns, 30 * MS);
	assert_false(ua.on_runq);
	assert_false(ua.yield);
	assert_int_equal(ua.sched_in, 0);	/* the same run goes on */
	/* A parked unit cannot take the turn (Xen has it off the queue). */
	ub.parked = true;
	ub.pri = CSCHED_PRI_OVER;
	assert_int_equal(wake(&ub, 5 * MS, CSCHED_WAKE_MIGRATED), 0);
	yield(&ua);
	d = sched(0, 6 * MS, true);
	assert_ptr_equal(d.next, &ua);
	ASSERT_RUNQ(&ub);
	/* ... nor count as the unit the yielder goes behind. */
	queue_on0(&uc, CSCHED_PRI_OVER, 6 * MS);
	yield(&ua);
	d = sched(0, 7 * MS, true);
	assert_ptr_equal(d.next, &uc);
	ASSERT_RUNQ(&ub, &ua);
}

static void test_yield_ratelimit(void **state)
{
	struct csched_decision d;

	(void)state;
	run_on0(&ua, CSCHED_PRI_UNDER, 0);
	queue_on0(&ub, CSCHED_PRI_UNDER, 0);
	d = sched(0, 300 * US, true);		/* within the limit: kept */
	assert_ptr_equal(d.next, &ua);
	assert_int_equal(d.slice_ns, 700 * US);
	yield(&ua);				/* the limit does not hold it */
	d = sched(0, 400 * US, true);
	assert_ptr_equal(d.next, &ub);
	assert_false(ua.yield);
	d = sched(0, 600 * US, true);		/* ub has the limit again */
	assert_ptr_equal(d.next, &ub);
	assert_int_equal(d.slice_ns, 800 * US);
	/* The mark goes at the next decision even if the yielder blocked. */
	yield(&ub);
	spin_lock(&prv1->pcpu[0].lock);
	assert_int_equal(csched_sleep(prv1, &ub), CSCHED_CPU(0));
	spin_unlock(&prv1->pcpu[0].lock);
	d = sched(0, 700 * US, false);
	assert_ptr_equal(d.next, &ua);
	assert_false(ub.yield);
	/* So its wake-up is queued as usual: BOOST, first. */
	queue_on0(&uc, CSCHED_PRI_UNDER, 800 * US);
	assert_int_equal(wake(&ub, 900 * US, 0), CSCHED_CPU(0));
	ASSERT_RUNQ(&ub, &uc);
	d = sched(0, 900 * US, true);		/* ua ran 200 us: kept */
	assert_ptr_equal(d.next, &ua);
	assert_int_equal(d.slice_ns, 800 * US);
}

static void test_yield_stealable(void **state)
{
	struct csched_decision d;

	(void)state;
	/* 4.17 clears the mark before the yielder waits: it may be stolen. */
	csched_cpu_init(prv1, 1, NULL);
	run_on0(&ua, CSCHED_PRI_UNDER, 0);
	queue_on0(&ub, CSCHED_PRI_UNDER, 0);
	yield(&ua);
	d = sched(0, 5 * MS, true);
	assert_ptr_equal(d.next, &ub);
	d = sched(1, 5 * MS, false);
	assert_ptr_equal(d.next, &ua);
	assert_true(d.migrated);
	assert_int_equal(ua.cpu, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, setup_one, teardown_one)
		T(test_yield_equal_peer),
		T(test_yield_lower_peer),
		T(test_yield_idle_only),
		T(test_yield_ratelimit),
		T(test_yield_stealable),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
