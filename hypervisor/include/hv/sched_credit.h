/* SPDX-License-Identifier: MIT */
/*
 * The credit scheduler's policy (common/sched_credit.c): which unit runs
 * next on a CPU, credit accounting, BOOST, caps, hard affinity and work
 * stealing. It knows nothing of vCPUs, timers or IPIs: the scheduler
 * core calls in with the time in ns and turns what comes back (a unit to
 * run and a slice, or a mask of CPUs to reschedule) into context
 * switches, timers and IPIs. docs/scheduler.md describes the model and
 * the call protocol.
 *
 * Locking: [I] immutable after init; [P] the run-queue lock of the CPU
 * the unit is on (csched_unit_lock_irqsave()), or of the CPU itself;
 * [G] prv->lock; [a] atomic: a unit's pri, credit and parked are written
 * by its CPU under [P] and by accounting under [G], and read racily.
 * Lock order: run-queue locks before prv->lock. A run-queue lock is taken
 * by the core around every per-CPU and per-unit call; the policy takes
 * other CPUs' run-queue locks only with trylock (work stealing) and
 * takes prv->lock itself.
 */
#ifndef HV_SCHED_CREDIT_H
#define HV_SCHED_CREDIT_H

#include <hv/lib.h>
#include <hv/smp.h>
#include <hv/spinlock.h>

/* Tunables and their limits (XEN-CONTROL.md 3.1, 1.5.7). */
#define CSCHED_DEFAULT_WEIGHT		256
#define CSCHED_MAX_WEIGHT		65535
#define CSCHED_CAP_UNCHANGED		0xffff	/* putinfo: keep the cap */
#define CSCHED_DEFAULT_TSLICE_MS	30
#define CSCHED_MIN_TSLICE_MS		1
#define CSCHED_MAX_TSLICE_MS		1000
#define CSCHED_DEFAULT_RATELIMIT_US	1000
#define CSCHED_MIN_RATELIMIT_US		100	/* 0 turns it off */
#define CSCHED_MAX_RATELIMIT_US		500000
#define CSCHED_MAX_MIGR_DELAY_US	100000
#define CSCHED_CREDITS_PER_MSEC		10
#define CSCHED_TICKS_PER_TSLICE		3	/* 1 when tslice < 3 ms */

/* Priorities: a higher value runs first. */
#define CSCHED_PRI_BOOST	0
#define CSCHED_PRI_UNDER	(-1)
#define CSCHED_PRI_OVER		(-2)
#define CSCHED_PRI_IDLE		(-64)

/* Flags of csched_wake(). */
#define CSCHED_WAKE_MIGRATED	(1u << 0)	/* a move, not a wake-up */

/* csched_unit_set_affinity(): u left its queue; the core wakes it again. */
#define CSCHED_REWAKE		1

/* A CPU mask: bit n is CPU n. */
#define CSCHED_CPU(n)		(1ULL << (n))

/* A doubly linked circular list node; a head is a node linked to itself. */
struct csched_link {
	struct csched_link	*prev, *next;
};

struct csched_dom;

/* One per vCPU, embedded in the core's vCPU (owner points back). */
struct csched_unit {
	void			*owner;		/* [I] the core's vCPU */
	struct csched_dom	*dom;		/* [I] NULL: idle unit */
	unsigned int		cpu;		/* [P] queue it is on, or
						   will be woken onto */
	uint64_t		hard_affinity;	/* [P] CPUs it may use */
	struct csched_link	runq;		/* [P] */
	bool			on_runq;	/* [P] */
	bool			running;	/* [P] current, or state
						   not yet saved */
	bool			yield;		/* [P] yielded: to the next
						   decision */
	bool			move;		/* [P] leave cpu once saved */
	int			pri;		/* [a] CSCHED_PRI_* */
	int			credit;		/* [a] */
	bool			parked;		/* [a] over cap: never run */
	bool			active;		/* [G] on dom->active */
	struct csched_link	active_link;	/* [G] */
	uint64_t		burn_start;	/* [P] ns burnt up to */
	uint64_t		burn_rem;	/* [P] ns short of a credit */
	uint64_t		sched_in;	/* [P] ns last switched in */
	uint64_t		sched_out;	/* [P] ns last switched out */
};

/* One per domain, embedded in the core's domain. */
struct csched_dom {
	void			*owner;		/* [I] the core's domain */
	unsigned int		weight;		/* [G] 1..65535 */
	unsigned int		cap;		/* [G] % of a CPU, 0: none */
	unsigned int		nr_active;	/* [G] units on active */
	struct csched_link	active;		/* [G] its active units */
	struct csched_link	active_link;	/* [G] on prv->active_doms */
};

/* One per CPU. */
struct csched_pcpu {
	spinlock_t		lock;		/* the run-queue lock */
	struct csched_link	runq;		/* [P] by priority, FIFO */
	unsigned int		nr_queued;	/* [P] units on runq */
	struct csched_unit	*curr;		/* [P] running (or &idle) */
	struct csched_unit	idle;		/* [I] when nothing else */
	unsigned int		sort_epoch;	/* [P] last one sorted */
	unsigned int		steal_last;	/* [P] last victim CPU */
};

/* The whole scheduler (one pool). [a] fields are written atomically. */
struct csched_private {
	spinlock_t		lock;
	uint64_t		online;		/* [a] CPUs initialised */
	uint64_t		idlers;		/* [a] CPUs running idle */
	unsigned int		nr_cpus;	/* [G] */
	unsigned int		master;		/* [G] CPU that accounts */
	unsigned int		tslice_ms;	/* [G] */
	unsigned int		ratelimit_us;	/* [G] 0: off */
	unsigned int		migr_delay_us;	/* [G] cache-hot, 0: off */
	uint64_t		tick_ns;	/* [G] tick period */
	int			credits_per_tslice; /* [G] */
	long			credit;		/* [G] per period */
	long			credit_balance;	/* [G] left by last period */
	unsigned long		weight;		/* [G] over active units */
	struct csched_link	active_doms;	/* [G] with active units */
	unsigned int		sort_epoch;	/* [a] bumped by accounting */
	unsigned int		tickle_last;	/* [a] idler woken last */
	struct csched_pcpu	pcpu[NR_CPUS];
};

/* What csched_schedule() decided for a CPU. */
struct csched_decision {
	struct csched_unit	*next;		/* run it (idle unit: halt) */
	uint64_t		slice_ns;	/* then reschedule; 0: never */
	bool			migrated;	/* stolen from another CPU */
};

/* The globals as the sysctl scheduler_op carries them. */
struct csched_globals {
	unsigned int	tslice_ms;
	unsigned int	ratelimit_us;
	unsigned int	migr_delay_us;
};

/* Setup and teardown. No lock held by the caller unless stated. */
void csched_init(struct csched_private *prv);
void csched_cpu_init(struct csched_private *prv, unsigned int cpu,
		     void *idle_owner);
void csched_dom_init(struct csched_dom *dom, void *owner);
void csched_unit_init(struct csched_private *prv, struct csched_unit *u,
		      struct csched_dom *dom, void *owner, unsigned int cpu);
void csched_unit_remove(struct csched_private *prv, struct csched_unit *u);

/* Locks the run queue u is on, following u if it moves meanwhile. */
spinlock_t *csched_unit_lock_irqsave(struct csched_private *prv,
				     struct csched_unit *u,
				     unsigned long *flags);

/* Per-unit events; u's run-queue lock held. Return CPUs to reschedule. */
uint64_t csched_wake(struct csched_private *prv, struct csched_unit *u,
		     uint64_t now, unsigned int flags);
uint64_t csched_sleep(struct csched_private *prv, struct csched_unit *u);
void csched_yield(struct csched_private *prv, struct csched_unit *u);
bool __must_check csched_context_saved(struct csched_private *prv,
				       struct csched_unit *u, uint64_t now);
int __must_check csched_unit_set_affinity(struct csched_private *prv,
					  struct csched_unit *u,
					  uint64_t hard, uint64_t *tickle);
unsigned int csched_pick_cpu(struct csched_private *prv,
			     const struct csched_unit *u);

/* Per-CPU events; the CPU's run-queue lock held. */
uint64_t csched_tick(struct csched_private *prv, unsigned int cpu,
		     uint64_t now);
struct csched_decision csched_schedule(struct csched_private *prv,
				       unsigned int cpu, uint64_t now,
				       bool prev_runnable);

/* Global accounting, every tslice on prv->master; no lock held. */
uint64_t csched_account(struct csched_private *prv);

/* Parameters (domctl / sysctl scheduler_op, credit); no lock held. */
void csched_dom_get(struct csched_private *prv, const struct csched_dom *dom,
		    unsigned int *weight, unsigned int *cap);
int __must_check csched_dom_set(struct csched_private *prv,
				struct csched_dom *dom, unsigned int weight,
				unsigned int cap, unsigned int nr_vcpus);
void csched_globals_get(struct csched_private *prv, struct csched_globals *g);
int __must_check csched_globals_set(struct csched_private *prv,
				    const struct csched_globals *g);

static inline uint64_t csched_tslice_ns(const struct csched_private *prv)
{
	return (uint64_t)READ_ONCE(prv->tslice_ms) * 1000000;
}

static inline uint64_t csched_tick_ns(const struct csched_private *prv)
{
	return READ_ONCE(prv->tick_ns);
}

static inline unsigned int csched_unit_cpu(const struct csched_unit *u)
{
	return READ_ONCE(u->cpu);
}

static inline bool csched_unit_is_idle(const struct csched_unit *u)
{
	return u->dom == NULL;
}

static inline bool csched_unit_is_parked(const struct csched_unit *u)
{
	return __atomic_load_n(&u->parked, __ATOMIC_SEQ_CST);
}

static inline bool csched_unit_is_queued(const struct csched_unit *u)
{
	return u->on_runq;
}

#endif
