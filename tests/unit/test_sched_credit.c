/* SPDX-License-Identifier: MIT */
/*
 * hypervisor/common/sched_credit.c: each rule of the credit policy on its
 * own (accounting arithmetic, clamps, BOOST, rate limit, queue order,
 * tickling, affinity, parameters), then a discrete-event simulation of
 * CPUs and vCPUs on a simulated clock that plays the scheduler core's
 * part (slice timers, 10 ms ticks, accounting every slice, reschedule
 * IPIs delivered at once) and checks the CPU time each vCPU receives.
 * CSCHED_SIM_VERBOSE=1 prints the measured shares.
 */
#include "unit.h"

#include <errno.h>
#include <hv/sched_credit.h>

#define MS		1000000ULL
#define US		1000ULL
#define NEVER		UINT64_MAX
#define SIM_CPUS	4
#define SIM_UNITS	12

/* The simulated machine. */

struct sim_unit {
	struct csched_unit	u;
	bool			used;
	bool			runnable;
	uint64_t		burst_ns;	/* per wake-up; 0: CPU-bound */
	uint64_t		sleep_ns;	/* blocked time after a burst */
	uint64_t		burst_left;
	uint64_t		wake_at;	/* when blocked */
	int			on_cpu;		/* -1: not running */
	uint64_t		ran_since;
	uint64_t		ran_ns;		/* total CPU time */
	uint64_t		ran_on[SIM_CPUS];
	uint64_t		woken_at;	/* NEVER once it has run */
	uint64_t		max_latency;	/* wake to run */
	unsigned int		wake_flags;	/* for csched_wake() */
};

struct sim_cpu {
	struct csched_unit	*curr;
	uint64_t		slice_end;
	bool			resched;
	uint64_t		idle_ns, idle_since;
};

struct sim {
	struct csched_private	prv;
	struct csched_dom	dom[SIM_UNITS];
	struct sim_unit		unit[SIM_UNITS];
	struct sim_cpu		cpu[SIM_CPUS];
	unsigned int		nr_cpus;
	uint64_t		now, next_acct, next_tick;
	unsigned long		decisions, bad_affinity, bad_parked,
				bad_double, steals;
};

/* The simulation of the current test, freed by sim_teardown(). */
static struct sim *sim_cur;

static int sim_teardown(void **state)
{
	(void)state;
	free(sim_cur);
	sim_cur = NULL;
	return 0;
}

/*
 * A machine of nr_cpus CPUs. Accounting runs every slice from phase ns
 * on: on Xen its timer is re-armed from whenever it ran, so its phase
 * against the slice timers is arbitrary; the fairness tests try several.
 */
static struct sim *sim_create(unsigned int nr_cpus, uint64_t phase)
{
	struct sim *s = calloc(1, sizeof(*s));

	assert_non_null(s);
	assert_true(nr_cpus <= SIM_CPUS);
	csched_init(&s->prv);
	for (unsigned int c = 0; c < nr_cpus; c++) {
		csched_cpu_init(&s->prv, c, &s->cpu[c]);
		s->cpu[c].curr = &s->prv.pcpu[c].idle;
		s->cpu[c].slice_end = NEVER;
	}
	for (unsigned int d = 0; d < SIM_UNITS; d++)
		csched_dom_init(&s->dom[d], NULL);
	s->nr_cpus = nr_cpus;
	s->next_acct = csched_tslice_ns(&s->prv) + phase;
	s->next_tick = csched_tick_ns(&s->prv);
	free(sim_cur);
	sim_cur = s;
	return s;
}

static struct sim_unit *su_of(struct csched_unit *u)
{
	return container_of(u, struct sim_unit, u);
}

/* Adds unit i of domain d (weight w), first woken on cpu. */
static struct sim_unit *sim_add(struct sim *s, unsigned int i,
				unsigned int d, unsigned int w,
				unsigned int cpu, uint64_t burst,
				uint64_t sleep)
{
	struct sim_unit *su = &s->unit[i];

	csched_unit_init(&s->prv, &su->u, &s->dom[d], su, cpu);
	assert_int_equal(csched_dom_set(&s->prv, &s->dom[d], w,
					CSCHED_CAP_UNCHANGED, 32), 0);
	su->used = true;
	su->burst_ns = burst;
	su->sleep_ns = sleep;
	su->on_cpu = -1;
	su->wake_at = s->now;	/* woken by the first sim_run() step */
	su->woken_at = NEVER;
	return su;
}

static void sim_resched(struct sim *s, uint64_t mask)
{
	for (unsigned int c = 0; c < s->nr_cpus; c++)
		if (mask & CSCHED_CPU(c))
			s->cpu[c].resched = true;
	assert_true((mask >> s->nr_cpus) == 0);
}

static void sim_wake(struct sim *s, struct sim_unit *su, unsigned int flags)
{
	unsigned long fl;
	spinlock_t *lock = csched_unit_lock_irqsave(&s->prv, &su->u, &fl);
	uint64_t mask = csched_wake(&s->prv, &su->u, s->now, flags);

	spin_unlock_irqrestore(lock, fl);
	sim_resched(s, mask);
}

static void sim_block(struct sim *s, struct sim_unit *su)
{
	unsigned long fl;
	spinlock_t *lock = csched_unit_lock_irqsave(&s->prv, &su->u, &fl);
	uint64_t mask = csched_sleep(&s->prv, &su->u);

	spin_unlock_irqrestore(lock, fl);
	su->runnable = false;
	su->wake_at = s->now + su->sleep_ns;
	sim_resched(s, mask);
}

/* Charges the CPU time of whatever runs on c up to now. */
static void sim_charge(struct sim *s, unsigned int c)
{
	struct sim_cpu *sc = &s->cpu[c];
	struct sim_unit *su;
	uint64_t ran;

	if (csched_unit_is_idle(sc->curr)) {
		sc->idle_ns += s->now - sc->idle_since;
		sc->idle_since = s->now;
		return;
	}
	su = su_of(sc->curr);
	ran = s->now - su->ran_since;
	su->ran_ns += ran;
	su->ran_on[c] += ran;
	su->ran_since = s->now;
	if (su->burst_ns)
		su->burst_left -= MIN(ran, su->burst_left);
}

static void sim_check_decision(struct sim *s, unsigned int c,
			       const struct csched_decision *d)
{
	struct csched_unit *n = d->next;

	s->decisions++;
	s->steals += d->migrated;
	assert_ptr_equal(s->prv.pcpu[c].curr, n);
	if (csched_unit_is_idle(n)) {
		assert_ptr_equal(n, &s->prv.pcpu[c].idle);
		assert_true(d->slice_ns == 0);
		return;
	}
	assert_true(d->slice_ns > 0);
	assert_int_equal(n->cpu, c);
	if (!(n->hard_affinity & CSCHED_CPU(c)))
		s->bad_affinity++;
	if (csched_unit_is_parked(n))
		s->bad_parked++;
	if (su_of(n)->on_cpu >= 0 && su_of(n)->on_cpu != (int)c)
		s->bad_double++;
	assert_true(su_of(n)->runnable);
}

/* The core's schedule softirq on CPU c. */
static void sim_schedule(struct sim *s, unsigned int c)
{
	struct sim_cpu *sc = &s->cpu[c];
	struct csched_unit *prev = sc->curr;
	bool runnable = !csched_unit_is_idle(prev) && su_of(prev)->runnable;
	struct csched_decision d;
	bool rewake = false;
	unsigned long fl;

	sim_charge(s, c);
	fl = spin_lock_irqsave(&s->prv.pcpu[c].lock);
	d = csched_schedule(&s->prv, c, s->now, runnable);
	sim_check_decision(s, c, &d);
	if (d.next != prev) {
		if (!csched_unit_is_idle(prev))
			su_of(prev)->on_cpu = -1;
		if (!csched_unit_is_idle(d.next)) {
			struct sim_unit *n = su_of(d.next);

			n->on_cpu = (int)c;
			n->ran_since = s->now;
			if (n->woken_at != NEVER)
				n->max_latency = MAX(n->max_latency,
						     s->now - n->woken_at);
			n->woken_at = NEVER;
		} else {
			sc->idle_since = s->now;
		}
		sc->curr = d.next;
		/* The switch happens here: prev's state is now saved. */
		rewake = csched_context_saved(&s->prv, prev, s->now);
	}
	spin_unlock_irqrestore(&s->prv.pcpu[c].lock, fl);
	if (rewake && su_of(prev)->runnable)
		sim_wake(s, su_of(prev), CSCHED_WAKE_MIGRATED);
	sc->slice_end = d.slice_ns ? s->now + d.slice_ns : NEVER;
}

static void sim_do_resched(struct sim *s)
{
	bool again = true;

	while (again) {
		again = false;
		for (unsigned int c = 0; c < s->nr_cpus; c++) {
			if (!s->cpu[c].resched)
				continue;
			s->cpu[c].resched = false;
			sim_schedule(s, c);
			again = true;
		}
	}
}

/* When the next event happens. */
static uint64_t sim_next_event(struct sim *s)
{
	uint64_t t = MIN(s->next_acct, s->next_tick);

	for (unsigned int c = 0; c < s->nr_cpus; c++)
		t = MIN(t, s->cpu[c].slice_end);
	for (unsigned int i = 0; i < SIM_UNITS; i++) {
		struct sim_unit *su = &s->unit[i];

		if (!su->used)
			continue;
		if (!su->runnable)
			t = MIN(t, su->wake_at);
		else if (su->on_cpu >= 0 && su->burst_ns)
			t = MIN(t, su->ran_since + su->burst_left);
	}
	return t;
}

static void sim_unit_events(struct sim *s)
{
	for (unsigned int i = 0; i < SIM_UNITS; i++) {
		struct sim_unit *su = &s->unit[i];

		if (!su->used)
			continue;
		if (su->runnable && su->on_cpu >= 0 && su->burst_ns) {
			sim_charge(s, (unsigned int)su->on_cpu);
			if (su->burst_left == 0)
				sim_block(s, su);
		} else if (!su->runnable && su->wake_at <= s->now) {
			su->runnable = true;
			su->burst_left = su->burst_ns;
			su->woken_at = s->now;
			sim_wake(s, su, su->wake_flags);
		}
	}
}

static void sim_timer_events(struct sim *s)
{
	for (unsigned int c = 0; c < s->nr_cpus; c++) {
		if (s->cpu[c].slice_end <= s->now) {
			s->cpu[c].slice_end = NEVER;
			s->cpu[c].resched = true;
		}
	}
	if (s->next_tick <= s->now) {
		for (unsigned int c = 0; c < s->nr_cpus; c++) {
			if (csched_unit_is_idle(s->cpu[c].curr))
				continue;
			spin_lock(&s->prv.pcpu[c].lock);
			sim_resched(s, csched_tick(&s->prv, c, s->now));
			spin_unlock(&s->prv.pcpu[c].lock);
		}
		s->next_tick += csched_tick_ns(&s->prv);
	}
	if (s->next_acct <= s->now) {
		sim_resched(s, csched_account(&s->prv));
		s->next_acct += csched_tslice_ns(&s->prv);
	}
}

/* Runs the machine until time end. */
static void sim_run(struct sim *s, uint64_t end)
{
	for (;;) {
		uint64_t t;

		sim_unit_events(s);
		sim_do_resched(s);
		t = sim_next_event(s);
		if (t > end)
			break;
		assert_true(t >= s->now);
		s->now = t;
		sim_timer_events(s);
	}
	s->now = end;
	for (unsigned int c = 0; c < s->nr_cpus; c++)
		sim_charge(s, c);
	assert_int_equal(s->bad_affinity, 0);
	assert_int_equal(s->bad_parked, 0);
	assert_int_equal(s->bad_double, 0);
}

/* Zeroes the counters, so that a measure starts after a warm-up. */
static void sim_reset_stats(struct sim *s)
{
	for (unsigned int i = 0; i < SIM_UNITS; i++) {
		s->unit[i].ran_ns = 0;
		s->unit[i].max_latency = 0;
		memset(s->unit[i].ran_on, 0, sizeof(s->unit[i].ran_on));
	}
	for (unsigned int c = 0; c < s->nr_cpus; c++)
		s->cpu[c].idle_ns = 0;
}

/* Share of one CPU that unit i received over len ns. */
static double sim_share(struct sim *s, unsigned int i, uint64_t len)
{
	return (double)s->unit[i].ran_ns / (double)len;
}

static bool verbose(void)
{
	const char *v = getenv("CSCHED_SIM_VERBOSE");

	return v && *v && *v != '0';
}

/* A machine with one CPU and its lock, for the rule-by-rule tests. */

static struct csched_private *prv1;
static struct csched_dom d1, d2, d3;
static struct csched_unit ua, ub, uc;

static int setup_one(void **state)
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

static int teardown_one(void **state)
{
	(void)state;
	free(prv1);
	return 0;
}

static uint64_t wake(struct csched_unit *u, uint64_t now, unsigned int fl)
{
	spinlock_t *l = &prv1->pcpu[u->cpu].lock;
	uint64_t m;

	spin_lock(l);
	m = csched_wake(prv1, u, now, fl);
	spin_unlock(l);
	return m;
}

static struct csched_decision sched(unsigned int cpu, uint64_t now,
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

static uint64_t tick(unsigned int cpu, uint64_t now)
{
	uint64_t m;

	spin_lock(&prv1->pcpu[cpu].lock);
	m = csched_tick(prv1, cpu, now);
	spin_unlock(&prv1->pcpu[cpu].lock);
	return m;
}

/* Rules one by one. */

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
	/* Lower bound: a unit 900 in debt keeps a slice's worth of debt. */
	make_active(&ua, -1200);
	csched_account(prv1);
	assert_int_equal(ua.credit, -300);
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

/* Simulations. */

/*
 * Phases of the accounting timer against the slice timers. Credit's
 * precision depends on it (a 30 ms slice is worth a whole period's
 * credit), so each fairness case runs at all of them.
 */
static const uint64_t phases[] = {
	1100 * US, 8600 * US, 16100 * US, 23600 * US,
};

#define FAIR_MAX	4

/* CPU-bound units, unit i in domain dom[i], 1 s warm-up, 10 s measured. */
struct fair_case {
	const char	*name;
	unsigned int	nr_cpus, nr_units;
	unsigned int	dom[FAIR_MAX], weight[FAIR_MAX], cpu[FAIR_MAX];
	unsigned int	cap0;		/* cap of domain 0 */
	double		want[FAIR_MAX];	/* share of one CPU */
	double		tol;		/* relative, at every phase */
	unsigned int	reweight_dom, reweight;	/* at 3 s, if reweight */
};

static void fair_run(const struct fair_case *fc, unsigned int p,
		     double *got)
{
	struct sim *s = sim_create(fc->nr_cpus, phases[p]);
	uint64_t start = 1000 * MS;

	for (unsigned int i = 0; i < fc->nr_units; i++)
		sim_add(s, i, fc->dom[i], fc->weight[i], fc->cpu[i], 0, 0);
	if (fc->cap0)
		assert_int_equal(csched_dom_set(&s->prv, &s->dom[0], 0,
						fc->cap0, 4), 0);
	if (fc->reweight) {
		sim_run(s, 3000 * MS);
		assert_int_equal(csched_dom_set(&s->prv,
						&s->dom[fc->reweight_dom],
						fc->reweight,
						CSCHED_CAP_UNCHANGED, 4), 0);
		start = 4000 * MS;
	}
	sim_run(s, start);
	sim_reset_stats(s);
	sim_run(s, start + 10000 * MS);
	for (unsigned int i = 0; i < fc->nr_units; i++)
		got[i] = sim_share(s, i, 10000 * MS);
}

/* Fails unless every unit is within tol of its share at every phase. */
static void fair_check(const struct fair_case *fc)
{
	double got[FAIR_MAX], mean[FAIR_MAX] = { 0 }, worst[FAIR_MAX] = { 0 };
	const unsigned int np = ARRAY_SIZE(phases);

	for (unsigned int p = 0; p < np; p++) {
		fair_run(fc, p, got);
		for (unsigned int i = 0; i < fc->nr_units; i++) {
			double err = (got[i] - fc->want[i]) / fc->want[i];

			mean[i] += got[i] / np;
			if (err * err > worst[i] * worst[i])
				worst[i] = err;
			if (err > fc->tol || err < -fc->tol)
				fail_msg("%s, phase %u: unit %u got %.4f of a "
					 "CPU, want %.4f +-%.0f%%", fc->name,
					 p, i, got[i], fc->want[i],
					 fc->tol * 100);
		}
	}
	for (unsigned int i = 0; verbose() && i < fc->nr_units; i++)
		printf("%s: unit %u: mean %.4f CPU, want %.4f (%+.1f%%), "
		       "worst phase %+.1f%%\n", fc->name, i, mean[i],
		       fc->want[i], 100 * (mean[i] - fc->want[i]) /
		       fc->want[i], 100 * worst[i]);
}

static void test_sim_256_512_one_cpu(void **state)
{
	static const struct fair_case fc = {
		.name = "256:512 on 1 CPU", .nr_cpus = 1, .nr_units = 2,
		.dom = { 0, 1 }, .weight = { 256, 512 },
		.want = { 1.0 / 3, 2.0 / 3 }, .tol = 0.02,
	};

	(void)state;
	fair_check(&fc);
}

static void test_sim_weights_1124(void **state)
{
	static const struct fair_case fc = {
		.name = "1:1:2:4 on 2 CPUs", .nr_cpus = 2, .nr_units = 4,
		.dom = { 0, 1, 2, 3 }, .weight = { 1, 1, 2, 4 },
		.cpu = { 0, 1, 0, 1 },
		.want = { 0.25, 0.25, 0.5, 1.0 }, .tol = 0.05,
	};

	(void)state;
	fair_check(&fc);
}

static void test_sim_equal_3_on_2(void **state)
{
	static const struct fair_case fc = {
		.name = "3 equal on 2 CPUs", .nr_cpus = 2, .nr_units = 3,
		.dom = { 0, 1, 2 }, .weight = { 256, 256, 256 },
		.want = { 2.0 / 3, 2.0 / 3, 2.0 / 3 }, .tol = 0.05,
	};

	(void)state;
	fair_check(&fc);
}

static void test_sim_multi_vcpu_weights(void **state)
{
	/* Shares go by weight x active vCPUs: 2 x 256 against 2 x 768. */
	static const struct fair_case fc = {
		.name = "2x256 vs 2x768 on 2 CPUs", .nr_cpus = 2,
		.nr_units = 4, .dom = { 0, 0, 1, 1 },
		.weight = { 256, 256, 768, 768 }, .cpu = { 0, 1, 0, 1 },
		.want = { 0.25, 0.25, 0.75, 0.75 }, .tol = 0.16,
	};

	(void)state;
	fair_check(&fc);
}

static void test_sim_weight_change(void **state)
{
	static const struct fair_case fc = {
		.name = "256 -> 768 at 3 s on 1 CPU", .nr_cpus = 1,
		.nr_units = 2, .dom = { 0, 1 }, .weight = { 256, 256 },
		.want = { 0.25, 0.75 }, .tol = 0.16,
		.reweight_dom = 1, .reweight = 768,
	};

	(void)state;
	fair_check(&fc);
}

static void test_sim_cap_with_competitor(void **state)
{
	/* Capped at 25 against an uncapped unit: the rest is not wasted. */
	static const struct fair_case fc = {
		.name = "cap 25 vs uncapped on 1 CPU", .nr_cpus = 1,
		.nr_units = 2, .dom = { 0, 1 }, .weight = { 256, 256 },
		.cap0 = 25, .want = { 0.25, 0.75 }, .tol = 0.08,
	};

	(void)state;
	fair_check(&fc);
}

static void test_sim_cap_with_idle_cpu(void **state)
{
	(void)state;
	/* Alone, capped at 25, with both CPUs idle otherwise: 25 +- 2. */
	for (unsigned int p = 0; p < ARRAY_SIZE(phases); p++) {
		struct sim *s = sim_create(2, phases[p]);
		double got;

		sim_add(s, 0, 0, 256, 0, 0, 0);
		assert_int_equal(csched_dom_set(&s->prv, &s->dom[0], 0, 25,
						1), 0);
		sim_run(s, 1000 * MS);
		sim_reset_stats(s);
		sim_run(s, 11000 * MS);
		got = sim_share(s, 0, 10000 * MS);
		if (verbose())
			printf("cap 25 alone on 2 CPUs, phase %u: %.4f CPU\n",
			       p, got);
		if (got > 0.27 || got < 0.23)
			fail_msg("cap 25, phase %u: %.4f of a CPU", p, got);
	}
}

static void test_sim_cap_multi_vcpu(void **state)
{
	struct sim *s = sim_create(4, phases[0]);
	double total = 0;

	(void)state;
	/* One domain, 3 vCPUs, cap 100: one CPU in all, 3 CPUs idle. */
	for (unsigned int i = 0; i < 3; i++)
		sim_add(s, i, 0, 256, i, 0, 0);
	assert_int_equal(csched_dom_set(&s->prv, &s->dom[0], 0, 100, 3), 0);
	sim_run(s, 1000 * MS);
	sim_reset_stats(s);
	sim_run(s, 11000 * MS);
	for (unsigned int i = 0; i < 3; i++)
		total += sim_share(s, i, 10000 * MS);
	if (verbose())
		printf("cap 100, 3 vCPUs on 4 CPUs: %.4f CPU\n", total);
	assert_true(total <= 1.02);
	assert_true(total >= 0.90);
}

static void test_sim_stealing_3_on_2(void **state)
{
	struct sim *s = sim_create(2, phases[0]);

	(void)state;
	/* All three start on CPU 0; both CPUs must stay busy. */
	for (unsigned int i = 0; i < 3; i++)
		sim_add(s, i, i, 256, 0, 0, 0);
	sim_run(s, 100 * MS);
	sim_reset_stats(s);
	sim_run(s, 10100 * MS);
	if (verbose())
		printf("3 on 2 CPUs from CPU 0: idle %.4f%% and %.4f%%, %lu "
		       "steals, shares %.4f %.4f %.4f\n",
		       100.0 * (double)s->cpu[0].idle_ns / (10000.0 * MS),
		       100.0 * (double)s->cpu[1].idle_ns / (10000.0 * MS),
		       s->steals, sim_share(s, 0, 10000 * MS),
		       sim_share(s, 1, 10000 * MS),
		       sim_share(s, 2, 10000 * MS));
	assert_int_equal(s->cpu[0].idle_ns, 0);
	assert_int_equal(s->cpu[1].idle_ns, 0);
	assert_true(s->steals > 0);
}

static void test_sim_boost_latency(void **state)
{
	struct sim *s = sim_create(1, phases[0]);
	struct sim_unit *io;
	double io_share;

	(void)state;
	/* Two CPU hogs and an I/O-bound vCPU (0.3 ms every 5 ms). */
	sim_add(s, 0, 0, 256, 0, 0, 0);
	sim_add(s, 1, 1, 256, 0, 0, 0);
	io = sim_add(s, 2, 2, 256, 0, 300 * US, 5 * MS);
	sim_run(s, 1000 * MS);
	sim_reset_stats(s);
	sim_run(s, 11000 * MS);
	io_share = sim_share(s, 2, 10000 * MS);
	if (verbose())
		printf("I/O vCPU vs 2 hogs: max wake latency %lu us, %.4f "
		       "CPU\n", (unsigned long)(io->max_latency / US),
		       io_share);
	/* BOOST preempts the hogs, within the 1 ms rate limit. */
	assert_true(io->max_latency <= 1 * MS);
	assert_true(io_share > 0.055);
}

static void test_sim_no_boost_latency(void **state)
{
	struct sim *s = sim_create(1, phases[0]);
	struct sim_unit *io;

	(void)state;
	/*
	 * The same vCPU woken without BOOST (as a move is): it waits for
	 * the hogs' slices. This shows the bound above comes from BOOST.
	 */
	sim_add(s, 0, 0, 256, 0, 0, 0);
	sim_add(s, 1, 1, 256, 0, 0, 0);
	io = sim_add(s, 2, 2, 256, 0, 300 * US, 5 * MS);
	io->wake_flags = CSCHED_WAKE_MIGRATED;
	sim_run(s, 1000 * MS);
	sim_reset_stats(s);
	sim_run(s, 11000 * MS);
	if (verbose())
		printf("I/O vCPU without BOOST: max wake latency %lu us\n",
		       (unsigned long)(io->max_latency / US));
	assert_true(io->max_latency > 10 * MS);
}

static void test_sim_affinity_random(void **state)
{
	struct sim *s = sim_create(4, phases[0]);
	uint64_t seed = 0x5eed5c4ed;

	(void)state;
	for (unsigned int i = 0; i < SIM_UNITS; i++) {
		uint64_t burst = ut_rand(&seed) % 3 ? 0 :
				 (ut_rand(&seed) % 20000 + 50) * US;

		sim_add(s, i, i % 5, 1 + ut_rand(&seed) % 1024,
			(unsigned int)(ut_rand(&seed) % 4), burst,
			(ut_rand(&seed) % 10000 + 10) * US);
	}
	/* Unit 0 pinned to CPU 3 throughout (it has not woken yet). */
	{
		unsigned long fl;
		spinlock_t *l = csched_unit_lock_irqsave(&s->prv,
							 &s->unit[0].u, &fl);

		assert_int_equal(csched_unit_set_affinity(&s->prv,
							  &s->unit[0].u,
							  CSCHED_CPU(3),
							  &(uint64_t){ 0 }),
				 0);
		spin_unlock_irqrestore(l, fl);
	}
	for (unsigned int step = 0; step < 200; step++) {
		unsigned int i = 1 + (unsigned int)(ut_rand(&seed) %
						    (SIM_UNITS - 1));
		struct sim_unit *su = &s->unit[i];
		uint64_t aff = ut_rand(&seed) & 0xf, mask;
		unsigned long fl;
		spinlock_t *l;
		int rc;

		sim_run(s, s->now + 25 * MS);
		l = csched_unit_lock_irqsave(&s->prv, &su->u, &fl);
		rc = csched_unit_set_affinity(&s->prv, &su->u, aff, &mask);
		spin_unlock_irqrestore(l, fl);
		assert_int_equal(rc, aff ? (rc == CSCHED_REWAKE ?
					    CSCHED_REWAKE : 0) : -EINVAL);
		sim_resched(s, mask);
		if (rc == CSCHED_REWAKE && su->runnable)
			sim_wake(s, su, CSCHED_WAKE_MIGRATED);
		if (step == 100)
			sim_reset_stats(s);
	}
	/* sim_run() counted every decision outside the hard affinity. */
	assert_true(s->decisions > 1000);
	assert_true(s->steals > 0);
	assert_int_equal(s->unit[0].ran_on[0] + s->unit[0].ran_on[1] +
			 s->unit[0].ran_on[2], 0);
	assert_true(s->unit[0].ran_on[3] > 0);
	if (verbose())
		printf("random affinity: %lu decisions, %lu steals, 0 "
		       "outside affinity\n", s->decisions, s->steals);
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
#define S(f)	cmocka_unit_test_teardown(f, sim_teardown)
		S(test_sim_256_512_one_cpu),
		S(test_sim_weights_1124),
		S(test_sim_equal_3_on_2),
		S(test_sim_multi_vcpu_weights),
		S(test_sim_weight_change),
		S(test_sim_cap_with_competitor),
		S(test_sim_cap_with_idle_cpu),
		S(test_sim_cap_multi_vcpu),
		S(test_sim_stealing_3_on_2),
		S(test_sim_boost_latency),
		S(test_sim_no_boost_latency),
		S(test_sim_affinity_random),
#undef S
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
