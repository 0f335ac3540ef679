/* SPDX-License-Identifier: MIT */
/*
 * hypervisor/common/sched_credit.c: each rule of the credit policy on its
 * own (accounting arithmetic, clamps, BOOST, rate limit, queue order,
 * tickling, affinity, parameters); test_sched_yield.c has the yield
 * rules. test_sched_sim.c checks the CPU time the rules add up to, in a
 * simulation.
 */
#include "unit.h"

#include <errno.h>
#include <hv/sched_credit.h>

#include "sched/credit_fixture.h"

static void test_defaults(void **state)
{
	struct csched_globals g;
	unsigned int w, cap;

	(void)state;
	csched_globals_get(prv1, &g);
	assert_int_equal(g.tslice_ms, 30);
	assert_int_equal(g.ratelimit_us, 1000);
	assert_int_equal(g.migr_delay_us, 0);
	assert_int_equal(csched_tslice_ns(prv1), 30 * MS);
	assert_int_equal(csched_tick_ns(prv1), 10 * MS);
	assert_int_equal(prv1->credits_per_tslice, 300);
	assert_int_equal(prv1->credit, 300);
	assert_int_equal(prv1->master, 0);
	csched_dom_get(prv1, &d1, &w, &cap);
	assert_int_equal(w, 256);
	assert_int_equal(cap, 0);
	assert_int_equal(ua.pri, CSCHED_PRI_UNDER);
	assert_int_equal(ua.credit, 0);
	assert_false(ua.active);
	assert_int_equal(prv1->pcpu[0].curr->pri, CSCHED_PRI_IDLE);
}

static void test_idle_when_empty(void **state)
{
	struct csched_decision d;

	(void)state;
	d = sched(0, 0, false);
	assert_ptr_equal(d.next, &prv1->pcpu[0].idle);
	assert_int_equal(d.slice_ns, 0);
	assert_true(prv1->idlers & CSCHED_CPU(0));
	/* A wake-up on an idle CPU tickles it; it then runs the unit. */
	assert_int_equal(wake(&ua, 1 * MS, 0), CSCHED_CPU(0));
	d = sched(0, 1 * MS, false);
	assert_ptr_equal(d.next, &ua);
	assert_int_equal(d.slice_ns, 30 * MS);
	assert_false(prv1->idlers & CSCHED_CPU(0));
	assert_true(ua.running);
	/* Blocking asks its CPU to reschedule, which goes idle. */
	spin_lock(&prv1->pcpu[0].lock);
	assert_int_equal(csched_sleep(prv1, &ua), CSCHED_CPU(0));
	spin_unlock(&prv1->pcpu[0].lock);
	d = sched(0, 2 * MS, false);
	assert_ptr_equal(d.next, &prv1->pcpu[0].idle);
	assert_false(ua.running);
	assert_false(ua.on_runq);
}

static void test_burn_exact(void **state)
{
	(void)state;
	wake(&ua, 0, 0);
	sched(0, 0, false);
	/* 10 credits per ms, the remainder carried: 7 x 0.15 ms = 1.05 ms. */
	for (int i = 1; i <= 7; i++)
		tick(0, (uint64_t)i * 150 * US);
	assert_int_equal(ua.credit, -10);
	tick(0, 10 * MS);
	assert_int_equal(ua.credit, -100);
	sched(0, 30 * MS, true);	/* nothing else: it goes on */
	assert_int_equal(ua.credit, -300);
}

static void test_boost_until_tick(void **state)
{
	(void)state;
	wake(&ua, 0, 0);
	assert_int_equal(ua.pri, CSCHED_PRI_BOOST);
	sched(0, 0, false);
	tick(0, 10 * MS);
	assert_int_equal(ua.pri, CSCHED_PRI_UNDER);
	assert_true(ua.active);
	assert_int_equal(prv1->weight, 256);
	/* A move is not a wake-up: no BOOST. */
	wake(&ub, 10 * MS, CSCHED_WAKE_MIGRATED);
	assert_int_equal(ub.pri, CSCHED_PRI_UNDER);
}

static void test_boost_preempts(void **state)
{
	struct csched_decision d;

	(void)state;
	wake(&ua, 0, 0);
	sched(0, 0, false);
	tick(0, 10 * MS);		/* ua: UNDER, CPU-bound */
	/* ub wakes 5 ms into ua's slice: BOOST beats UNDER, so tickle. */
	assert_int_equal(wake(&ub, 15 * MS, 0), CSCHED_CPU(0));
	d = sched(0, 15 * MS, true);
	assert_ptr_equal(d.next, &ub);
	assert_ptr_equal(prv1->pcpu[0].runq.next, &ua.runq);
	/* ub blocks before any tick: it keeps its BOOST for next time. */
	spin_lock(&prv1->pcpu[0].lock);
	assert_int_equal(csched_sleep(prv1, &ub), CSCHED_CPU(0));
	spin_unlock(&prv1->pcpu[0].lock);
	d = sched(0, 16 * MS, false);
	assert_ptr_equal(d.next, &ua);
	assert_int_equal(ub.pri, CSCHED_PRI_BOOST);
	/* Without BOOST (a move, not a wake-up), UNDER does not preempt. */
	assert_int_equal(wake(&uc, 20 * MS, CSCHED_WAKE_MIGRATED), 0);
	assert_int_equal(uc.pri, CSCHED_PRI_UNDER);
}

static void test_ratelimit(void **state)
{
	struct csched_globals g = { 30, 1000, 0 };
	struct csched_decision d;

	(void)state;
	wake(&ua, 0, 0);
	sched(0, 0, false);
	tick(0, 10 * MS);
	d = sched(0, 29 * MS + 800 * US, true);	/* nothing else: ua */
	assert_ptr_equal(d.next, &ua);
	/* ua was switched in at 0, past the limit: ub preempts. */
	assert_int_equal(wake(&ub, 30 * MS, 0), CSCHED_CPU(0));
	d = sched(0, 30 * MS, true);
	assert_ptr_equal(d.next, &ub);
	tick(0, 30 * MS + 200 * US);		/* ub: UNDER */
	/* ub has run 0.4 ms when uc wakes: it keeps the CPU 0.6 ms more. */
	assert_int_equal(wake(&uc, 30 * MS + 400 * US, 0), CSCHED_CPU(0));
	d = sched(0, 30 * MS + 400 * US, true);
	assert_ptr_equal(d.next, &ub);
	assert_int_equal(d.slice_ns, 600 * US);
	d = sched(0, 31 * MS, true);
	assert_ptr_equal(d.next, &uc);
	/* Yield skips the limit, and goes behind ua and ub (UNDER). */
	tick(0, 31 * MS + 50 * US);		/* uc: UNDER */
	spin_lock(&prv1->pcpu[0].lock);
	csched_yield(prv1, &uc);
	spin_unlock(&prv1->pcpu[0].lock);
	d = sched(0, 31 * MS + 100 * US, true);
	assert_ptr_equal(d.next, &ua);
	assert_false(uc.yield);
	/* Rate limit off: a BOOSTed wake-up switches at once. */
	g.ratelimit_us = 0;
	assert_int_equal(csched_globals_set(prv1, &g), 0);
	spin_lock(&prv1->pcpu[0].lock);
	assert_int_equal(csched_sleep(prv1, &ub), 0);	/* was queued */
	spin_unlock(&prv1->pcpu[0].lock);
	assert_int_equal(wake(&ub, 31 * MS + 150 * US, 0), CSCHED_CPU(0));
	d = sched(0, 31 * MS + 200 * US, true);
	assert_ptr_equal(d.next, &ub);
}

static void test_runq_order(void **state)
{
	struct csched_unit *want[] = { &ub, &uc, &ua };
	struct csched_link *pos;
	unsigned int i = 0;

	(void)state;
	/* Keep the CPU busy with an UNDER unit so the others queue. */
	ua.pri = CSCHED_PRI_OVER;
	ub.pri = CSCHED_PRI_UNDER;
	uc.pri = CSCHED_PRI_UNDER;
	wake(&ua, 0, CSCHED_WAKE_MIGRATED);
	wake(&ub, 0, CSCHED_WAKE_MIGRATED);
	wake(&uc, 0, CSCHED_WAKE_MIGRATED);
	/* FIFO among equals, higher priority first. */
	for (pos = prv1->pcpu[0].runq.next; pos != &prv1->pcpu[0].runq;
	     pos = pos->next)
		assert_ptr_equal(container_of(pos, struct csched_unit, runq),
				 want[i++]);
	assert_int_equal(i, 3);
	assert_int_equal(prv1->pcpu[0].nr_queued, 3);
	/* A BOOSTed wake-up goes ahead of UNDER ones. */
	spin_lock(&prv1->pcpu[0].lock);
	csched_sleep(prv1, &uc);
	spin_unlock(&prv1->pcpu[0].lock);
	wake(&uc, 0, 0);
	assert_ptr_equal(prv1->pcpu[0].runq.next, &uc.runq);
	/* Accounting changed priorities in place; the tick re-sorts. */
	ua.pri = CSCHED_PRI_UNDER;
	ub.pri = CSCHED_PRI_OVER;
	prv1->sort_epoch++;
	tick(0, 0);
	assert_ptr_equal(prv1->pcpu[0].runq.next, &uc.runq);
	assert_ptr_equal(prv1->pcpu[0].runq.next->next, &ua.runq);
	assert_ptr_equal(prv1->pcpu[0].runq.next->next->next, &ub.runq);
	assert_int_equal(prv1->pcpu[0].sort_epoch, prv1->sort_epoch);
}

/* Makes u active with the given credit: a tick finds it running. */
static void make_active(struct csched_unit *u, int credit)
{
	struct csched_unit *idle = prv1->pcpu[0].curr;

	prv1->pcpu[0].curr = u;
	u->burn_start = 1000 * MS;	/* burns nothing */
	tick(0, 1000 * MS);
	prv1->pcpu[0].curr = idle;
	assert_true(u->active);
	u->credit = credit;
	u->pri = CSCHED_PRI_UNDER;
}

static void test_account_example(void **state)
{
	(void)state;
	/* XEN-CONTROL.md 3.4: one CPU, A 256 and B 512 busy. */
	assert_int_equal(csched_dom_set(prv1, &d2, 512, CSCHED_CAP_UNCHANGED,
					1), 0);
	make_active(&ua, -150);
	make_active(&ub, -150);
	assert_int_equal(prv1->weight, 768);
	assert_int_equal(csched_account(prv1), 0);
	assert_int_equal(ua.credit, -50);	/* +100 */
	assert_int_equal(ub.credit, 50);	/* +200 */
	assert_int_equal(ua.pri, CSCHED_PRI_OVER);
	assert_int_equal(ub.pri, CSCHED_PRI_UNDER);
	assert_int_equal(prv1->credit_balance, 0);
	/* Weight changes apply to the active sum. */
	assert_int_equal(csched_dom_set(prv1, &d1, 768, CSCHED_CAP_UNCHANGED,
					1), 0);
	assert_int_equal(prv1->weight, 1280);
}

static void test_account_debt(void **state)
{
	(void)state;
	/* A period that ends in debt raises the next period's total. */
	make_active(&ua, -500);
	csched_account(prv1);
	assert_int_equal(ua.credit, -200);
	assert_int_equal(prv1->credit_balance, -200);
	/* 300 + 200 to share; the peak also grows by the debt: all of it. */
	csched_account(prv1);
	assert_int_equal(ua.credit, 300);
	assert_int_equal(ua.pri, CSCHED_PRI_UNDER);
	assert_true(ua.active);
}

static void test_clamps(void **state)
{
	(void)state;
	/* Within the bound, debt is kept whole: 800 - 300 is still owed. */
	make_active(&ua, -800);
	csched_account(prv1);
	assert_int_equal(ua.credit, -500);
	/* Lower bound: a unit 900 in debt keeps two slices' worth of debt. */
	teardown_one(NULL);
	setup_one(NULL);
	make_active(&ua, -1200);
	csched_account(prv1);
	assert_int_equal(ua.credit, -600);
	assert_int_equal(ua.pri, CSCHED_PRI_OVER);
	/* Upper bound: an idle unit saves up to 300, then leaves. */
	teardown_one(NULL);
	setup_one(NULL);
	make_active(&ub, 0);
	csched_account(prv1);
	assert_int_equal(ub.credit, 300);
	assert_true(ub.active);
	csched_account(prv1);
	assert_int_equal(ub.credit, 300);	/* 600, halved */
	assert_false(ub.active);
	assert_int_equal(prv1->weight, 0);
	assert_int_equal(d2.nr_active, 0);
	csched_account(prv1);		/* nothing active: no change */
	assert_int_equal(ub.credit, 300);
	assert_int_equal(prv1->credit_balance, 0);
}

static void test_surplus_flows(void **state)
{
	(void)state;
	/*
	 * Two CPUs' worth (600) between a 1-vCPU domain of weight 256 and
	 * one of 768, served in that order. The first gets its fair 150;
	 * the second's fair 450 is above its peak of 300: it gets 300 and,
	 * having hit its peak after a domain that did not, moves first.
	 */
	csched_cpu_init(prv1, 1, NULL);
	assert_int_equal(prv1->credit, 600);
	assert_int_equal(csched_dom_set(prv1, &d1, 768, CSCHED_CAP_UNCHANGED,
					1), 0);
	make_active(&ub, -300);
	make_active(&ua, -300);
	assert_ptr_equal(prv1->active_doms.next, &d2.active_link);
	csched_account(prv1);
	assert_int_equal(ub.credit, -150);
	assert_int_equal(ua.credit, 0);
	assert_ptr_equal(prv1->active_doms.next, &d1.active_link);
	/*
	 * The period ended 150 in debt: 750 to share, each peak raised by
	 * its weight's part of the debt. The first now gets its peak of
	 * 300 + 113 (more than a slice saved: it leaves the active set with
	 * half), and its surplus flows to the second: 300 + 38.
	 */
	csched_account(prv1);
	assert_int_equal(ua.credit, 206);
	assert_false(ua.active);
	assert_int_equal(ub.credit, 188);
	assert_int_equal(prv1->credit_balance, 394);
	assert_int_equal(prv1->weight, 256);
}

static void test_cap_parks(void **state)
{
	struct csched_decision d;
	uint64_t mask;

	(void)state;
	assert_int_equal(csched_dom_set(prv1, &d1, 0, 25, 1), 0);
	wake(&ua, 0, 0);
	sched(0, 0, false);
	tick(0, 10 * MS);
	tick(0, 20 * MS);
	tick(0, 30 * MS);		/* 300 burnt */
	/* Earns ceil(25% x 300) = 75: -225 < -75, so parked. */
	mask = csched_account(prv1);
	assert_int_equal(ua.credit, -225);
	assert_true(csched_unit_is_parked(&ua));
	assert_int_equal(mask, CSCHED_CPU(0));
	d = sched(0, 30 * MS, true);
	assert_ptr_equal(d.next, &prv1->pcpu[0].idle);
	assert_true(ua.on_runq);
	assert_int_equal(ua.pri, CSCHED_PRI_OVER);
	csched_account(prv1);
	csched_account(prv1);
	assert_true(csched_unit_is_parked(&ua));
	mask = csched_account(prv1);		/* back to 0 */
	assert_int_equal(ua.credit, 0);
	assert_false(csched_unit_is_parked(&ua));
	assert_int_equal(mask, CSCHED_CPU(0));
	d = sched(0, 120 * MS, false);
	assert_ptr_equal(d.next, &ua);
}

static void test_tickle_idler_and_steal(void **state)
{
	struct csched_decision d;

	(void)state;
	csched_cpu_init(prv1, 1, NULL);
	wake(&ua, 0, 0);
	sched(0, 0, false);
	tick(0, 10 * MS);
	/* CPU 1 is idle and ub may run there: tickle CPU 1, not 0. */
	assert_int_equal(wake(&ub, 11 * MS, 0), CSCHED_CPU(1));
	assert_false(prv1->idlers & CSCHED_CPU(1));
	d = sched(1, 11 * MS, false);
	assert_ptr_equal(d.next, &ub);
	assert_true(d.migrated);
	assert_int_equal(ub.cpu, 1);
	/* Pinned to CPU 0, uc can only preempt there (BOOST > UNDER). */
	spin_lock(&prv1->pcpu[0].lock);
	assert_int_equal(csched_unit_set_affinity(prv1, &uc, CSCHED_CPU(0),
						  &(uint64_t){ 0 }), 0);
	spin_unlock(&prv1->pcpu[0].lock);
	assert_int_equal(wake(&uc, 12 * MS, 0), CSCHED_CPU(0));
}

static void test_tick_moves_to_idle_cpu(void **state)
{
	struct csched_decision d;

	(void)state;
	/* ua and ub queued on CPU 0 while CPU 1 sleeps untickled. */
	csched_cpu_init(prv1, 1, NULL);
	wake(&ua, 0, CSCHED_WAKE_MIGRATED);
	wake(&ub, 0, CSCHED_WAKE_MIGRATED);
	sched(0, 0, false);
	assert_int_equal(tick(0, 10 * MS), 0);		/* joins: stays */
	/* Active, others wait here and CPU 1 is idle: it moves. */
	assert_int_equal(tick(0, 20 * MS), CSCHED_CPU(0));
	spin_lock(&prv1->pcpu[0].lock);
	d = csched_schedule(prv1, 0, 20 * MS, true);
	assert_ptr_equal(d.next, &ub);
	assert_false(ua.on_runq);
	assert_true(csched_context_saved(prv1, &ua, 20 * MS));
	spin_unlock(&prv1->pcpu[0].lock);
	assert_int_equal(ua.cpu, 1);
	assert_int_equal(wake(&ua, 20 * MS, CSCHED_WAKE_MIGRATED),
			 CSCHED_CPU(1));
	assert_int_equal(ua.pri, CSCHED_PRI_UNDER);
	d = sched(1, 20 * MS, false);
	assert_ptr_equal(d.next, &ua);
	/* Alone on CPU 1 now: no reason to move. */
	assert_int_equal(tick(1, 30 * MS), 0);
}

static void test_steal_respects_state(void **state)
{
	struct csched_globals g = { 30, 1000, 500 };
	struct csched_decision d;

	(void)state;
	csched_cpu_init(prv1, 1, NULL);
	wake(&ua, 0, 0);
	sched(0, 0, false);
	/* Queued on CPU 0 but pinned there: CPU 1 may not take it. */
	spin_lock(&prv1->pcpu[0].lock);
	assert_int_equal(csched_unit_set_affinity(prv1, &ub, CSCHED_CPU(0),
						  &(uint64_t){ 0 }), 0);
	spin_unlock(&prv1->pcpu[0].lock);
	/* CPU 1 is idle but not in ub's affinity: no point waking it. */
	assert_int_equal(wake(&ub, 1 * MS, 0), 0);
	d = sched(1, 1 * MS, false);
	assert_ptr_equal(d.next, &prv1->pcpu[1].idle);
	/* Cache-hot units stay (migration delay 500 us). */
	assert_int_equal(csched_globals_set(prv1, &g), 0);
	uc.sched_out = 1 * MS;
	wake(&uc, 1 * MS + 100 * US, CSCHED_WAKE_MIGRATED);
	d = sched(1, 1 * MS + 200 * US, false);
	assert_ptr_equal(d.next, &prv1->pcpu[1].idle);
	d = sched(1, 1 * MS + 600 * US, false);
	assert_ptr_equal(d.next, &uc);
	/* A unit switched out but not yet saved cannot be stolen. */
	spin_lock(&prv1->pcpu[0].lock);
	d = csched_schedule(prv1, 0, 5 * MS, true);
	assert_ptr_equal(d.next, &ub);		/* ua behind it (BOOST) */
	assert_true(ua.running && ua.on_runq);
	spin_unlock(&prv1->pcpu[0].lock);
	spin_lock(&prv1->pcpu[1].lock);
	assert_int_equal(csched_sleep(prv1, &uc), CSCHED_CPU(1));
	spin_unlock(&prv1->pcpu[1].lock);
	d = sched(1, 5 * MS, false);
	assert_ptr_equal(d.next, &prv1->pcpu[1].idle);
	spin_lock(&prv1->pcpu[0].lock);
	assert_false(csched_context_saved(prv1, &ua, 5 * MS));
	spin_unlock(&prv1->pcpu[0].lock);
	d = sched(1, 6 * MS, false);
	assert_ptr_equal(d.next, &ua);
	assert_int_equal(ua.cpu, 1);
}

static void test_affinity_moves(void **state)
{
	uint64_t mask;
	struct csched_decision d;

	(void)state;
	csched_cpu_init(prv1, 1, NULL);
	csched_cpu_init(prv1, 2, NULL);
	wake(&ua, 0, 0);
	sched(0, 0, false);
	/* No online CPU: refused, nothing changed. */
	spin_lock(&prv1->pcpu[0].lock);
	assert_int_equal(csched_unit_set_affinity(prv1, &ua, CSCHED_CPU(9),
						  &mask), -EINVAL);
	assert_int_equal(ua.hard_affinity, ~0ULL);
	/* Running on 0, allowed only on 2: CPU 0 must reschedule. */
	assert_int_equal(csched_unit_set_affinity(prv1, &ua, CSCHED_CPU(2),
						  &mask), 0);
	assert_int_equal(mask, CSCHED_CPU(0));
	spin_unlock(&prv1->pcpu[0].lock);
	spin_lock(&prv1->pcpu[0].lock);
	d = csched_schedule(prv1, 0, 5 * MS, true);
	assert_ptr_equal(d.next, &prv1->pcpu[0].idle);
	assert_false(ua.on_runq);
	assert_true(csched_context_saved(prv1, &ua, 5 * MS));
	spin_unlock(&prv1->pcpu[0].lock);
	assert_int_equal(ua.cpu, 2);
	assert_int_equal(wake(&ua, 5 * MS, CSCHED_WAKE_MIGRATED),
			 CSCHED_CPU(2));
	/* Queued elsewhere: taken off, moved, to be woken again. */
	wake(&ub, 6 * MS, CSCHED_WAKE_MIGRATED);	/* on CPU 0, idle */
	spin_lock(&prv1->pcpu[0].lock);
	assert_int_equal(csched_unit_set_affinity(prv1, &ub, CSCHED_CPU(1),
						  &mask), CSCHED_REWAKE);
	spin_unlock(&prv1->pcpu[0].lock);
	assert_false(ub.on_runq);
	assert_int_equal(ub.cpu, 1);
	/* Blocked: only its CPU changes. */
	spin_lock(&prv1->pcpu[0].lock);
	assert_int_equal(csched_unit_set_affinity(prv1, &uc, CSCHED_CPU(2) |
						  CSCHED_CPU(1), &mask), 0);
	spin_unlock(&prv1->pcpu[0].lock);
	assert_true(uc.cpu == 1 || uc.cpu == 2);
	assert_int_equal(csched_pick_cpu(prv1, &uc), uc.cpu);
}

static void test_remove(void **state)
{
	(void)state;
	make_active(&ua, 0);
	make_active(&ub, 0);
	wake(&ua, 0, CSCHED_WAKE_MIGRATED);
	assert_int_equal(prv1->weight, 512);
	spin_lock(&prv1->pcpu[0].lock);
	csched_unit_remove(prv1, &ua);
	spin_unlock(&prv1->pcpu[0].lock);
	assert_false(ua.on_runq);
	assert_int_equal(prv1->pcpu[0].nr_queued, 0);
	assert_int_equal(prv1->weight, 256);
	assert_int_equal(d1.nr_active, 0);
	assert_ptr_equal(prv1->active_doms.next, &d2.active_link);
	assert_ptr_equal(d2.active_link.next, &prv1->active_doms);
}

static void test_params(void **state)
{
	struct csched_globals g = { 30, 1000, 0 }, bad[] = {
		{ 0, 0, 0 }, { 1001, 1000, 0 }, { 30, 99, 0 },
		{ 30, 500001, 0 }, { 30, 30001, 0 }, { 30, 1000, 100001 },
		{ 2, 2001, 0 },
	};
	unsigned int w, cap;

	(void)state;
	assert_int_equal(csched_dom_set(prv1, &d1, 65536, 0, 1), -EINVAL);
	assert_int_equal(csched_dom_set(prv1, &d1, 512, 101, 1), -EINVAL);
	assert_int_equal(csched_dom_set(prv1, &d1, 512, 401, 4), -EINVAL);
	csched_dom_get(prv1, &d1, &w, &cap);
	assert_int_equal(w, 256);	/* nothing changed */
	assert_int_equal(cap, 0);
	assert_int_equal(csched_dom_set(prv1, &d1, 65535, 400, 4), 0);
	assert_int_equal(csched_dom_set(prv1, &d1, 0, CSCHED_CAP_UNCHANGED,
					4), 0);
	csched_dom_get(prv1, &d1, &w, &cap);
	assert_int_equal(w, 65535);
	assert_int_equal(cap, 400);
	assert_int_equal(csched_dom_set(prv1, &d1, 1, 0, 4), 0);
	csched_dom_get(prv1, &d1, &w, &cap);
	assert_int_equal(w, 1);
	assert_int_equal(cap, 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(csched_globals_set(prv1, &bad[i]), -EINVAL);
	csched_globals_get(prv1, &g);
	assert_int_equal(g.tslice_ms, 30);
	assert_int_equal(g.ratelimit_us, 1000);
	/* Limits are inclusive; a short slice has one tick. */
	g = (struct csched_globals){ 2, 2000, 100000 };
	assert_int_equal(csched_globals_set(prv1, &g), 0);
	assert_int_equal(csched_tick_ns(prv1), 2 * MS);
	assert_int_equal(prv1->credits_per_tslice, 20);
	g = (struct csched_globals){ 1000, 500000, 0 };
	assert_int_equal(csched_globals_set(prv1, &g), 0);
	g = (struct csched_globals){ 1, 100, 0 };
	assert_int_equal(csched_globals_set(prv1, &g), 0);
	g = (struct csched_globals){ 10, 0, 0 };
	assert_int_equal(csched_globals_set(prv1, &g), 0);
	assert_int_equal(csched_tick_ns(prv1), 3333333);
	assert_int_equal(prv1->credit, 100);
	csched_globals_get(prv1, &g);
	assert_int_equal(g.tslice_ms, 10);
	assert_int_equal(g.ratelimit_us, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, setup_one, teardown_one)
		T(test_defaults),
		T(test_idle_when_empty),
		T(test_burn_exact),
		T(test_boost_until_tick),
		T(test_boost_preempts),
		T(test_ratelimit),
		T(test_runq_order),
		T(test_account_example),
		T(test_account_debt),
		T(test_clamps),
		T(test_surplus_flows),
		T(test_cap_parks),
		T(test_tickle_idler_and_steal),
		T(test_tick_moves_to_idle_cpu),
		T(test_steal_respects_state),
		T(test_affinity_moves),
		T(test_remove),
		T(test_params),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
