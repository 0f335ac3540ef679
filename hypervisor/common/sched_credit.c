/* SPDX-License-Identifier: MIT */
/*
 * The credit scheduler's policy, as Xen 4.17's credit scheduler behaves
 * (facts: XEN-CONTROL.md section 3; model and protocol: docs/scheduler.md).
 *
 * Credit. Every unit (vCPU) holds a signed credit. The running unit burns
 * 10 credits per ms of CPU (csched_tick() every 10 ms, and at each
 * csched_schedule()), so one CPU's slice of 30 ms is worth 300 credits.
 * Every slice the master CPU runs csched_account(): the credit of all
 * CPUs (300 each) is divided among the domains with *active* units in
 * proportion to weight x active units, no domain getting more than one
 * CPU per active unit nor more than its cap. A unit with credit left is
 * UNDER, one in debt is OVER; a unit that saved more than a slice's worth
 * leaves the active set (it is not using its share) with half its
 * credit, and comes back at the first tick that finds it running.
 *
 * Priority. BOOST > UNDER > OVER > IDLE. A unit that wakes while UNDER is
 * BOOSTed, so it preempts CPU-bound work; the first tick that finds it
 * running, or accounting, makes it UNDER again. Each CPU's run queue is
 * ordered by priority, FIFO among equals; accounting changes priorities
 * in place, and each CPU re-sorts its queue at its next tick.
 *
 * Caps. A capped domain earns at most cap% of a slice per period; a unit
 * that falls more than its part of that below zero is *parked*: it stays
 * where it is (queued or blocked) but is never chosen, until accounting
 * brings its credit back to zero. csched_account() returns the CPUs that
 * must reschedule because of it.
 *
 * Placement. A unit is woken onto the queue of the CPU it last ran on;
 * csched_wake() then "tickles" that CPU if the unit should preempt, or an
 * idle CPU in its hard affinity, which steals it: a CPU whose best local
 * choice is OVER or idle looks at the other busy CPUs' queues and takes
 * the first unit of strictly higher priority that may run on it, is not
 * running and is not cache-hot. A unit never runs outside its hard
 * affinity: it is queued only on CPUs of its affinity, and when the
 * affinity changes under it, it is taken off the queue and the core wakes
 * it again where it may run (CSCHED_REWAKE, csched_context_saved()).
 *
 * Lock order: run-queue locks (pcpu->lock), then prv->lock. The core
 * holds the run-queue lock of the CPU (or unit) it calls about; other
 * CPUs' queues are only trylocked; prv->lock is taken here. Accounting
 * holds only prv->lock, so priority, credit and the parked flag of a
 * unit are read and written atomically and may be a step stale where
 * another CPU reads them; as in Xen, a stale value costs at most one
 * out-of-order pick, corrected at the next tick or accounting.
 */
#include <hv/bug.h>
#include <hv/errno.h>
#include <hv/sched_credit.h>

#include "sched_credit_int.h"

#define NS_PER_CREDIT		(NS_PER_MSEC / CSCHED_CREDITS_PER_MSEC)
/* Bounds one burn, so a unit left running by a lost timer cannot wrap. */
#define MAX_BURN		1000000

BUILD_BUG_ON(NR_CPUS > 64);	/* CPU masks are one uint64_t */

#define runq_unit(l)	container_of(l, struct csched_unit, runq)

/*
 * hv/spinlock.h has no trylock yet; work stealing needs one so that two
 * CPUs stealing from each other cannot deadlock.
 */
static bool csched_trylock(spinlock_t *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static struct csched_pcpu *unit_pcpu(struct csched_private *prv,
				     const struct csched_unit *u)
{
	return &prv->pcpu[u->cpu];
}

/*
 * Run queues: by priority, a unit behind every unit of equal or higher.
 * A unit that yielded goes one further: behind the first unit of lower
 * priority that may run, if there is one (the idle unit, the implicit
 * tail, does not count). So a yield hands the CPU to another waiting
 * unit if there is one, even an OVER one; the next sort puts an UNDER
 * yielder back ahead of OVER units. Xen 4.17's __runq_insert() does the
 * same; there parked units are off the queue, so here they are passed.
 */

/* The first unit at or after pos that may run (not parked), or NULL. */
static struct csched_unit *runq_next_runnable(struct csched_pcpu *pc,
					      struct csched_link *pos)
{
	for (; pos != &pc->runq; pos = pos->next)
		if (!csched_unit_is_parked(runq_unit(pos)))
			return runq_unit(pos);
	return NULL;
}

static void runq_insert(struct csched_pcpu *pc, struct csched_unit *u)
{
	struct csched_link *pos;
	struct csched_unit *lower;

	ASSERT(spin_is_locked(&pc->lock));
	ASSERT(!u->on_runq && !csched_unit_is_idle(u));
	for (pos = pc->runq.next; pos != &pc->runq; pos = pos->next)
		if (unit_pri(runq_unit(pos)) < unit_pri(u))
			break;
	if (u->yield) {
		lower = runq_next_runnable(pc, pos);
		if (lower != NULL)
			pos = lower->runq.next;
	}
	link_add_before(&u->runq, pos);
	u->on_runq = true;
	pc->nr_queued++;
}

static void runq_remove(struct csched_pcpu *pc, struct csched_unit *u)
{
	ASSERT(spin_is_locked(&pc->lock));
	ASSERT(u->on_runq);
	link_del(&u->runq);
	u->on_runq = false;
	pc->nr_queued--;
}

/*
 * After accounting: UNDER and BOOST units move ahead of OVER ones, each
 * group keeping its order.
 */
static void runq_sort(struct csched_pcpu *pc)
{
	struct csched_link *pos, *next, *last_under = &pc->runq;

	ASSERT(spin_is_locked(&pc->lock));
	for (pos = pc->runq.next; pos != &pc->runq; pos = next) {
		next = pos->next;
		if (unit_pri(runq_unit(pos)) <= CSCHED_PRI_OVER)
			continue;
		if (pos->prev != last_under) {
			link_del(pos);
			link_add_before(pos, last_under->next);
		}
		last_under = pos;
	}
}

/* The first queued unit that may run, or NULL. */
static struct csched_unit *runq_first(struct csched_pcpu *pc)
{
	struct csched_link *pos;

	for (pos = pc->runq.next; pos != &pc->runq; pos = pos->next)
		if (!csched_unit_is_parked(runq_unit(pos)))
			return runq_unit(pos);
	return NULL;
}

/* Charges the CPU time since burn_start: 10 credits per ms, no ns lost. */
static void burn_credit(struct csched_unit *u, uint64_t now)
{
	uint64_t ns;
	int credits;

	if (csched_unit_is_idle(u) || now <= u->burn_start)
		return;
	ns = now - u->burn_start + u->burn_rem;
	u->burn_start = now;
	u->burn_rem = ns % NS_PER_CREDIT;
	credits = (int)MIN(ns / NS_PER_CREDIT, (uint64_t)MAX_BURN);
	__atomic_fetch_sub(&u->credit, credits, __ATOMIC_RELAXED);
}

/*
 * Sets the defaults (tslice 30 ms, ratelimit 1000 us, no migration delay)
 * and an empty machine; CPUs join with csched_cpu_init().
 */
void csched_init(struct csched_private *prv)
{
	memset(prv, 0, sizeof(*prv));
	spin_lock_init(&prv->lock);
	link_init(&prv->active_doms);
	prv->tslice_ms = CSCHED_DEFAULT_TSLICE_MS;
	prv->ratelimit_us = CSCHED_DEFAULT_RATELIMIT_US;
	csched_apply_tslice(prv);
}

/*
 * Brings cpu into the scheduler, running its idle unit (owned by
 * idle_owner, the core's idle vCPU). The first CPU is the accounting
 * master. Each CPU adds a slice's credit to every accounting period.
 */
void csched_cpu_init(struct csched_private *prv, unsigned int cpu,
		     void *idle_owner)
{
	struct csched_pcpu *pc = &prv->pcpu[cpu];
	struct csched_unit *idle = &pc->idle;

	ASSERT(cpu < NR_CPUS);
	spin_lock_init(&pc->lock);
	link_init(&pc->runq);
	memset(idle, 0, sizeof(*idle));
	idle->owner = idle_owner;
	idle->cpu = cpu;
	idle->hard_affinity = CSCHED_CPU(cpu);
	idle->pri = CSCHED_PRI_IDLE;
	idle->running = true;
	link_init(&idle->runq);
	link_init(&idle->active_link);
	pc->curr = idle;
	pc->steal_last = cpu;

	spin_lock(&prv->lock);
	if (prv->nr_cpus++ == 0)
		prv->master = cpu;
	csched_apply_tslice(prv);
	__atomic_fetch_or(&prv->idlers, CSCHED_CPU(cpu), __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&prv->online, CSCHED_CPU(cpu), __ATOMIC_SEQ_CST);
	spin_unlock(&prv->lock);
}

/* A domain starts with weight 256 and no cap. */
void csched_dom_init(struct csched_dom *dom, void *owner)
{
	memset(dom, 0, sizeof(*dom));
	dom->owner = owner;
	dom->weight = CSCHED_DEFAULT_WEIGHT;
	link_init(&dom->active);
	link_init(&dom->active_link);
}

/*
 * A new unit of dom (owner: the core's vCPU), asleep, UNDER with no
 * credit, not active, allowed on every CPU, to be woken on cpu. Nothing
 * else sees it yet, so no lock is needed.
 */
void csched_unit_init(struct csched_private *prv, struct csched_unit *u,
		      struct csched_dom *dom, void *owner, unsigned int cpu)
{
	ASSERT(dom != NULL);
	ASSERT(prv->online & CSCHED_CPU(cpu));
	memset(u, 0, sizeof(*u));
	u->owner = owner;
	u->dom = dom;
	u->cpu = cpu;
	u->hard_affinity = ~0ULL;
	u->pri = CSCHED_PRI_UNDER;
	link_init(&u->runq);
	link_init(&u->active_link);
}

/*
 * Forgets u (vCPU destruction). u's run-queue lock held; u must not be
 * running (descheduled and its state saved). Takes prv->lock.
 */
void csched_unit_remove(struct csched_private *prv, struct csched_unit *u)
{
	struct csched_pcpu *pc = unit_pcpu(prv, u);

	ASSERT(spin_is_locked(&pc->lock));
	ASSERT(!u->running && pc->curr != u);
	if (u->on_runq)
		runq_remove(pc, u);
	spin_lock(&prv->lock);
	csched_acct_stop(prv, u);
	spin_unlock(&prv->lock);
	__atomic_store_n(&u->parked, false, __ATOMIC_SEQ_CST);
}

/*
 * Locks the run queue that u is on (or will be woken onto) and returns
 * the lock; u->cpu cannot change while it is held. Release with
 * spin_unlock_irqrestore(lock, *flags).
 */
spinlock_t *csched_unit_lock_irqsave(struct csched_private *prv,
				     struct csched_unit *u,
				     unsigned long *flags)
{
	for (;;) {
		unsigned int cpu = csched_unit_cpu(u);
		spinlock_t *lock = &prv->pcpu[cpu].lock;

		*flags = spin_lock_irqsave(lock);
		if (cpu == csched_unit_cpu(u))
			return lock;
		spin_unlock_irqrestore(lock, *flags);
	}
}

/* The first CPU of mask at or after from, wrapping. mask != 0. */
static unsigned int mask_next(uint64_t mask, unsigned int from)
{
	uint64_t hi = mask & (~0ULL << (from % 64));

	return (unsigned int)__builtin_ctzll(hi ? hi : mask);
}

/*
 * The CPU u should be queued on: its own CPU if idle, else another idle
 * CPU of its hard affinity, else its own CPU if allowed, else the next
 * allowed one. u's hard affinity must include an online CPU. Reads the
 * idle mask without a lock: a hint.
 */
unsigned int csched_pick_cpu(struct csched_private *prv,
			     const struct csched_unit *u)
{
	uint64_t allowed = u->hard_affinity &
			   __atomic_load_n(&prv->online, __ATOMIC_RELAXED);
	uint64_t idle = allowed &
			__atomic_load_n(&prv->idlers, __ATOMIC_RELAXED);
	unsigned int cpu = csched_unit_cpu(u);

	ASSERT(allowed != 0);
	if (idle & CSCHED_CPU(cpu))
		return cpu;
	if (idle)
		return mask_next(idle, cpu + 1);
	if (allowed & CSCHED_CPU(cpu))
		return cpu;
	return mask_next(allowed, cpu + 1);
}

/* An idle CPU of mask, rotating so that idlers share the wake-ups. */
static unsigned int pick_idler(struct csched_private *prv, uint64_t mask)
{
	unsigned int last = __atomic_load_n(&prv->tickle_last,
					    __ATOMIC_RELAXED);
	unsigned int cpu = mask_next(mask, last + 1);

	__atomic_store_n(&prv->tickle_last, cpu, __ATOMIC_RELAXED);
	return cpu;
}

/*
 * Which CPUs must reschedule now that u is queued on u->cpu: that CPU if
 * it is idle, or if u outranks its current unit and no CPU is idle;
 * otherwise an idle CPU of u's affinity (it will steal u), or u's CPU if
 * u outranks its current unit and no idler may take it. The chosen CPUs
 * leave the idle mask so that the next wake-up picks another.
 */
static uint64_t tickle(struct csched_private *prv, struct csched_unit *u)
{
	struct csched_unit *cur = unit_pcpu(prv, u)->curr;
	uint64_t idlers = __atomic_load_n(&prv->idlers, __ATOMIC_SEQ_CST) &
			  __atomic_load_n(&prv->online, __ATOMIC_RELAXED);
	uint64_t mask = 0;

	if (csched_unit_is_idle(cur))
		mask = CSCHED_CPU(u->cpu);
	else if (idlers == 0 && unit_pri(u) > unit_pri(cur))
		mask = CSCHED_CPU(u->cpu);
	else if (idlers & u->hard_affinity)
		mask = CSCHED_CPU(pick_idler(prv, idlers & u->hard_affinity));
	else if (idlers && unit_pri(u) > unit_pri(cur))
		mask = CSCHED_CPU(u->cpu);
	if (mask)
		__atomic_fetch_and(&prv->idlers, ~mask, __ATOMIC_SEQ_CST);
	return mask;
}

/*
 * u became runnable (flags: CSCHED_WAKE_MIGRATED when it only changed
 * CPU). Queues it on u->cpu, BOOSTing a real wake-up of an UNDER,
 * unparked unit. u's run-queue lock held. A unit already queued or
 * current is left alone. Returns the CPUs to send a reschedule IPI.
 */
uint64_t csched_wake(struct csched_private *prv, struct csched_unit *u,
		     uint64_t now, unsigned int flags)
{
	struct csched_pcpu *pc = unit_pcpu(prv, u);

	(void)now;	/* kept for tracing and symmetry with the other calls */
	ASSERT(spin_is_locked(&pc->lock));
	ASSERT(!csched_unit_is_idle(u));
	ASSERT(u->hard_affinity & CSCHED_CPU(u->cpu));
	if (u->on_runq || pc->curr == u)
		return 0;
	if (!(flags & CSCHED_WAKE_MIGRATED) &&
	    unit_pri(u) == CSCHED_PRI_UNDER && !csched_unit_is_parked(u))
		unit_set_pri(u, CSCHED_PRI_BOOST);
	runq_insert(pc, u);
	/* Pairs with the unpark in acct_unit(): one of us tickles. */
	if (csched_unit_is_parked(u))
		return 0;
	return tickle(prv, u);
}

/*
 * u is no longer runnable (blocked, paused, going down). u's run-queue
 * lock held. Takes it off its queue; if it is running, returns its CPU,
 * which must reschedule (with prev_runnable false).
 */
uint64_t csched_sleep(struct csched_private *prv, struct csched_unit *u)
{
	struct csched_pcpu *pc = unit_pcpu(prv, u);

	ASSERT(spin_is_locked(&pc->lock));
	if (pc->curr == u)
		return CSCHED_CPU(u->cpu);
	if (u->on_runq)
		runq_remove(pc, u);
	return 0;
}

/*
 * SCHEDOP_yield from u, the running unit. Only marks it: its next
 * reschedule (which the core raises) ignores the rate limit and puts it
 * back behind the units of its priority and one runnable unit of lower
 * priority (runq_insert()); its priority, BOOST included, is kept. That
 * reschedule clears the mark, whatever it decides (as Xen 4.17 does).
 */
void csched_yield(struct csched_private *prv, struct csched_unit *u)
{
	ASSERT(spin_is_locked(&unit_pcpu(prv, u)->lock));
	ASSERT(!csched_unit_is_idle(u));
	u->yield = true;
}

/*
 * The core has saved u's state after switching away from it; from now on
 * another CPU may steal it. u's run-queue lock held. Returns true when u
 * may not stay where it is (its affinity changed meanwhile): it is then
 * off every queue with u->cpu already moved, and the core, after dropping
 * this lock, wakes it again with CSCHED_WAKE_MIGRATED if still runnable.
 */
bool csched_context_saved(struct csched_private *prv, struct csched_unit *u,
			  uint64_t now)
{
	struct csched_pcpu *pc = unit_pcpu(prv, u);
	bool must_move = u->move;

	ASSERT(spin_is_locked(&pc->lock));
	if (csched_unit_is_idle(u) || pc->curr == u)
		return false;
	u->running = false;
	u->sched_out = now;
	u->move = false;
	if (!must_move && (u->hard_affinity & CSCHED_CPU(u->cpu)))
		return false;
	if (u->on_runq) {
		runq_remove(pc, u);
		must_move = true;
	}
	WRITE_ONCE(u->cpu, csched_pick_cpu(prv, u));
	return must_move;
}

/*
 * Sets u's hard affinity (the CPUs it may run on). u's run-queue lock
 * held. -EINVAL if hard has no online CPU (nothing changes). Otherwise
 * 0, or CSCHED_REWAKE when u was queued on a CPU it may no longer use:
 * it is off the queue with u->cpu moved, and the core, after dropping
 * the lock, wakes it again with CSCHED_WAKE_MIGRATED. *tickle: CPUs to
 * reschedule (u's CPU when u runs there and must leave).
 */
int csched_unit_set_affinity(struct csched_private *prv,
			     struct csched_unit *u, uint64_t hard,
			     uint64_t *tickle_mask)
{
	struct csched_pcpu *pc = unit_pcpu(prv, u);

	ASSERT(spin_is_locked(&pc->lock));
	*tickle_mask = 0;
	if (!(hard & __atomic_load_n(&prv->online, __ATOMIC_RELAXED)))
		return -EINVAL;
	u->hard_affinity = hard;
	if (hard & CSCHED_CPU(u->cpu))
		return 0;
	if (pc->curr == u) {
		*tickle_mask = CSCHED_CPU(u->cpu);
		return 0;
	}
	if (u->running)		/* csched_context_saved() moves it */
		return 0;
	if (!u->on_runq) {
		WRITE_ONCE(u->cpu, csched_pick_cpu(prv, u));
		return 0;
	}
	runq_remove(pc, u);
	WRITE_ONCE(u->cpu, csched_pick_cpu(prv, u));
	return CSCHED_REWAKE;
}

/*
 * Whether u, running on cpu, would be better off on an idle CPU: only
 * when other work waits here (else this CPU is as good as idle for u).
 */
static bool better_elsewhere(struct csched_private *prv,
			     struct csched_pcpu *pc, struct csched_unit *u,
			     unsigned int cpu)
{
	uint64_t idle = u->hard_affinity & ~CSCHED_CPU(cpu) &
			__atomic_load_n(&prv->online, __ATOMIC_RELAXED) &
			__atomic_load_n(&prv->idlers, __ATOMIC_RELAXED);

	return idle && runq_first(pc) != NULL;
}

/*
 * The 10 ms tick of a CPU that is not idle; its run-queue lock held. The
 * running unit burns credit and loses BOOST (it has had a tick of CPU);
 * if not active it joins the active set, else, if an idle CPU would serve
 * it better, it is marked to move and cpu must reschedule (the return
 * value; 0 otherwise). After an accounting the queue is re-sorted.
 */
uint64_t csched_tick(struct csched_private *prv, unsigned int cpu,
		     uint64_t now)
{
	struct csched_pcpu *pc = &prv->pcpu[cpu];
	struct csched_unit *u = pc->curr;
	unsigned int epoch;
	uint64_t mask = 0;

	ASSERT(spin_is_locked(&pc->lock));
	if (!csched_unit_is_idle(u)) {
		if (unit_pri(u) == CSCHED_PRI_BOOST)
			unit_set_pri(u, CSCHED_PRI_UNDER);
		burn_credit(u, now);
		if (u->active) {
			if (better_elsewhere(prv, pc, u, cpu)) {
				u->move = true;
				mask = CSCHED_CPU(cpu);
			}
		} else {
			spin_lock(&prv->lock);
			csched_acct_start(prv, u);
			spin_unlock(&prv->lock);
		}
	}
	epoch = __atomic_load_n(&prv->sort_epoch, __ATOMIC_ACQUIRE);
	if (pc->sort_epoch != epoch) {
		runq_sort(pc);
		pc->sort_epoch = epoch;
	}
	return mask;
}

/* Scheduling. */

/* A unit that ran on its CPU less than the migration delay ago. */
static bool unit_is_cache_hot(const struct csched_private *prv,
			      const struct csched_unit *u, uint64_t now)
{
	uint64_t delay = (uint64_t)READ_ONCE(prv->migr_delay_us) * 1000;

	return delay && now - u->sched_out < delay;
}

/* Takes from peer's queue a unit better than pri that may run on cpu. */
static struct csched_unit *steal_from(struct csched_private *prv,
				      struct csched_pcpu *peer,
				      unsigned int cpu, int pri, uint64_t now)
{
	struct csched_link *pos;

	ASSERT(spin_is_locked(&peer->lock));
	for (pos = peer->runq.next; pos != &peer->runq; pos = pos->next) {
		struct csched_unit *u = runq_unit(pos);

		if (unit_pri(u) <= pri || u->running ||
		    csched_unit_is_parked(u) ||
		    !(u->hard_affinity & CSCHED_CPU(cpu)) ||
		    unit_is_cache_hot(prv, u, now))
			continue;
		runq_remove(peer, u);
		WRITE_ONCE(u->cpu, cpu);
		return u;
	}
	return NULL;
}

/*
 * Work stealing for cpu, whose best choice has priority pri: the busy
 * CPUs are visited from the one after the last victim; one whose lock is
 * taken is skipped rather than waited for. cpu's lock held.
 */
static struct csched_unit *steal(struct csched_private *prv, unsigned int cpu,
				 int pri, uint64_t now)
{
	struct csched_pcpu *pc = &prv->pcpu[cpu];
	uint64_t peers = __atomic_load_n(&prv->online, __ATOMIC_RELAXED) &
			 ~__atomic_load_n(&prv->idlers, __ATOMIC_RELAXED) &
			 ~CSCHED_CPU(cpu);
	unsigned int i, peer;

	for (i = 1; i <= NR_CPUS; i++) {
		struct csched_pcpu *ppc;
		struct csched_unit *u;

		peer = (pc->steal_last + i) % NR_CPUS;
		ppc = &prv->pcpu[peer];
		if (!(peers & CSCHED_CPU(peer)) || !READ_ONCE(ppc->nr_queued))
			continue;
		if (!csched_trylock(&ppc->lock))
			continue;
		u = steal_from(prv, ppc, cpu, pri, now);
		spin_unlock(&ppc->lock);
		if (u) {
			pc->steal_last = peer;
			return u;
		}
	}
	return NULL;
}

/*
 * Whether prev keeps the CPU because it has run less than the rate limit;
 * *slice is then what is left of it.
 */
static bool ratelimit_keeps(const struct csched_private *prv,
			    const struct csched_unit *prev, unsigned int cpu,
			    bool prev_runnable, uint64_t now, uint64_t *slice)
{
	uint64_t limit = (uint64_t)prv->ratelimit_us * 1000;
	uint64_t ran = now - prev->sched_in;

	if (!prev_runnable || csched_unit_is_idle(prev) || prev->yield ||
	    prev->move || !limit || csched_unit_is_parked(prev) ||
	    !(prev->hard_affinity & CSCHED_CPU(cpu)) || ran >= limit)
		return false;
	*slice = limit - ran;
	return true;
}

/* Makes next cpu's current unit. */
static void switch_to(struct csched_private *prv, struct csched_pcpu *pc,
		      unsigned int cpu, struct csched_unit *next, uint64_t now)
{
	if (next != pc->curr) {
		next->running = true;
		next->sched_in = now;
		next->burn_start = now;
		pc->curr = next;
	}
	if (csched_unit_is_idle(next))
		__atomic_fetch_or(&prv->idlers, CSCHED_CPU(cpu),
				  __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_and(&prv->idlers, ~CSCHED_CPU(cpu),
				   __ATOMIC_SEQ_CST);
}

/* Puts prev back in the queue, or leaves it to move once saved. */
static void put_prev(struct csched_pcpu *pc, struct csched_unit *prev,
		     unsigned int cpu, bool prev_runnable)
{
	if (csched_unit_is_idle(prev) || !prev_runnable)
		return;
	if (!prev->move && (prev->hard_affinity & CSCHED_CPU(cpu)))
		runq_insert(pc, prev);
	else
		prev->move = true;
}

/*
 * Chooses what cpu runs next; cpu's run-queue lock held. prev_runnable:
 * whether the unit running now (pc->curr) could go on running (false if
 * it blocked, was paused, or is the idle unit). The returned unit becomes
 * pc->curr; the core switches to it (it may be the same as before), arms
 * the slice timer with slice_ns (none when 0: idle), and once the old
 * unit's state is saved calls csched_context_saved() for it.
 */
struct csched_decision csched_schedule(struct csched_private *prv,
				       unsigned int cpu, uint64_t now,
				       bool prev_runnable)
{
	struct csched_pcpu *pc = &prv->pcpu[cpu];
	struct csched_unit *prev = pc->curr, *next, *stolen;
	struct csched_decision d = { 0 };

	ASSERT(spin_is_locked(&pc->lock));
	burn_credit(prev, now);
	if (ratelimit_keeps(prv, prev, cpu, prev_runnable, now, &d.slice_ns)) {
		d.next = prev;
		return d;
	}
	/* A yielder is queued behind one more unit; then it is done. */
	put_prev(pc, prev, cpu, prev_runnable);
	prev->yield = false;
	next = runq_first(pc);
	if (next == NULL || unit_pri(next) <= CSCHED_PRI_OVER) {
		stolen = steal(prv, cpu, next ? unit_pri(next) :
			       CSCHED_PRI_IDLE, now);
		d.migrated = stolen != NULL;
		next = stolen ? stolen : next;
	}
	if (next == NULL)
		next = &pc->idle;
	else if (!d.migrated)
		runq_remove(pc, next);
	switch_to(prv, pc, cpu, next, now);
	d.next = next;
	d.slice_ns = csched_unit_is_idle(next) ? 0 : csched_tslice_ns(prv);
	return d;
}
