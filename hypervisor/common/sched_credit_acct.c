/* SPDX-License-Identifier: MIT */
/*
 * Credit accounting and the credit scheduler's parameters: the half of
 * the policy that runs under prv->lock (sched_credit.c has the model).
 *
 * Every slice the master CPU shares out the credit of all CPUs (300
 * each) among the domains with active units: in proportion to weight x
 * active units, at most one CPU per active unit, at most the cap. Each
 * active unit's priority then follows the sign of its credit; a capped
 * unit too deep in debt is parked, and unparked once back at zero.
 */
#include <hv/bug.h>
#include <hv/errno.h>
#include <hv/sched_credit.h>

#include "sched_credit_int.h"

#define active_unit(l)	container_of(l, struct csched_unit, active_link)
#define active_dom(l)	container_of(l, struct csched_dom, active_link)

/* Active set: units whose domain's weight counts. */

void csched_acct_start(struct csched_private *prv, struct csched_unit *u)
{
	struct csched_dom *dom = u->dom;

	ASSERT(spin_is_locked(&prv->lock));
	if (u->active)
		return;
	u->active = true;
	link_add_before(&u->active_link, &dom->active);
	if (dom->nr_active++ == 0)
		link_add_before(&dom->active_link, &prv->active_doms);
	prv->weight += dom->weight;
}

void csched_acct_stop(struct csched_private *prv, struct csched_unit *u)
{
	struct csched_dom *dom = u->dom;

	ASSERT(spin_is_locked(&prv->lock));
	if (!u->active)
		return;
	u->active = false;
	link_del(&u->active_link);
	if (--dom->nr_active == 0)
		link_del(&dom->active_link);
	prv->weight -= dom->weight;
}

void csched_apply_tslice(struct csched_private *prv)
{
	unsigned int ticks = prv->tslice_ms < CSCHED_TICKS_PER_TSLICE ?
			     1 : CSCHED_TICKS_PER_TSLICE;

	prv->credits_per_tslice = CSCHED_CREDITS_PER_MSEC * prv->tslice_ms;
	WRITE_ONCE(prv->tick_ns, prv->tslice_ms * NS_PER_MSEC / ticks);
	prv->credit = (long)prv->credits_per_tslice * prv->nr_cpus;
}

struct acct {
	long		credit_total;	/* to hand out this period */
	unsigned long	weight_total;	/* active weight at the start */
	unsigned long	weight_left;	/* of domains not yet served */
	long		balance_in;	/* credit left by the last period */
	long		balance_out;	/* credit left after this one */
	bool		xtra;		/* a domain got less than its peak */
	uint64_t	tickle;		/* CPUs to reschedule */
};

static long div_up(long n, long d)
{
	return (n + d - 1) / d;
}

/*
 * Gives u its share; sets its priority from the sign of its credit;
 * parks (credit below -park_at, park_at > 0 when capped) or unparks it;
 * bounds the credit below by two slices' debt; a unit that saved more
 * than a slice leaves the active set with half its credit. [G]
 *
 * The floor is where Shoji departs from Xen, which keeps one slice of
 * debt. A unit of small share can end a period a whole slice in debt and
 * then run one more slice before the next period makes it OVER; and a
 * slice ends late when the timer does (a busy host under a nested
 * hypervisor). One slice's floor forgave that time, so light domains got
 * more than their weight; two slices keep it owed (docs/scheduler.md).
 */
static void acct_unit(struct csched_private *prv, struct csched_unit *u,
		      int share, int park_at, struct acct *a)
{
	int limit = prv->credits_per_tslice, floor = -2 * limit;
	int credit = __atomic_add_fetch(&u->credit, share, __ATOMIC_RELAXED);
	bool parked = csched_unit_is_parked(u);

	if (credit < 0) {
		unit_set_pri(u, CSCHED_PRI_OVER);
		if (park_at && credit < -park_at && !parked) {
			__atomic_store_n(&u->parked, true, __ATOMIC_SEQ_CST);
			a->tickle |= CSCHED_CPU(csched_unit_cpu(u));
		}
		if (credit < floor)
			credit = floor;
	} else {
		unit_set_pri(u, CSCHED_PRI_UNDER);
		if (parked) {
			__atomic_store_n(&u->parked, false, __ATOMIC_SEQ_CST);
			a->tickle |= CSCHED_CPU(__atomic_load_n(&u->cpu,
							__ATOMIC_SEQ_CST));
		}
		if (credit > limit) {
			csched_acct_stop(prv, u);
			credit /= 2;
		}
	}
	__atomic_store_n(&u->credit, credit, __ATOMIC_RELAXED);
	a->balance_out += credit;
}

/*
 * dom's share of the period: proportional to weight x active units, at
 * most a slice per active unit (plus its part of last period's debt) and
 * at most its cap. What it cannot use goes to the domains after it; a
 * domain that hits its peak after one that did not moves to the front,
 * so that next period the surplus flows the other way. [G]
 */
static void acct_dom(struct csched_private *prv, struct csched_dom *dom,
		     struct acct *a)
{
	long nr = dom->nr_active, w = dom->weight;
	long slice = prv->credits_per_tslice, peak = nr * slice;
	long fair, park_at = 0;
	struct csched_link *pos, *next;

	a->weight_left -= w * nr;
	if (a->balance_in < 0)
		peak += div_up(-a->balance_in * w * nr, a->weight_total);
	if (dom->cap) {
		long capcredit = div_up(dom->cap * slice, 100);

		peak = MIN(peak, capcredit);
		park_at = div_up(capcredit, nr);
	}
	fair = div_up(a->credit_total * w * nr, a->weight_total);
	if (fair < peak) {
		a->xtra = true;
	} else {
		struct csched_link *head = &prv->active_doms;

		if (a->weight_left)
			a->credit_total += div_up((fair - peak) *
						  a->weight_total,
						  a->weight_left);
		if (a->xtra) {
			link_del(&dom->active_link);
			link_add_before(&dom->active_link, head->next);
		}
		fair = peak;
	}
	fair = div_up(fair, nr);
	for (pos = dom->active.next; pos != &dom->active; pos = next) {
		next = pos->next;
		acct_unit(prv, active_unit(pos), (int)fair, (int)park_at, a);
	}
}

/*
 * Hands out one period's credit; the core calls it every tslice on
 * prv->master, holding no lock. Returns the CPUs that must reschedule
 * because a unit there was parked or unparked.
 */
uint64_t csched_account(struct csched_private *prv)
{
	struct acct a = { 0 };
	struct csched_link *pos, *next;

	spin_lock(&prv->lock);
	if (prv->weight == 0) {
		prv->credit_balance = 0;
		spin_unlock(&prv->lock);
		return 0;
	}
	a.weight_total = a.weight_left = prv->weight;
	a.balance_in = prv->credit_balance;
	a.credit_total = prv->credit;
	if (a.balance_in < 0)
		a.credit_total -= a.balance_in;
	for (pos = prv->active_doms.next; pos != &prv->active_doms;
	     pos = next) {
		next = pos->next;
		acct_dom(prv, active_dom(pos), &a);
	}
	prv->credit_balance = a.balance_out;
	__atomic_fetch_add(&prv->sort_epoch, 1, __ATOMIC_RELEASE);
	spin_unlock(&prv->lock);
	return a.tickle;
}

/* Parameters. */

/* The credit domctl's getinfo; no lock held. */
void csched_dom_get(struct csched_private *prv, const struct csched_dom *dom,
		    unsigned int *weight, unsigned int *cap)
{
	spin_lock(&prv->lock);
	*weight = dom->weight;
	*cap = dom->cap;
	spin_unlock(&prv->lock);
}

/*
 * The credit domctl's putinfo; no lock held. weight 0 keeps the weight,
 * cap CSCHED_CAP_UNCHANGED keeps the cap, cap 0 removes it. -EINVAL
 * (nothing changed) if weight > 65535 or cap > 100 x nr_vcpus (the
 * domain's vCPU count: one CPU per vCPU is the most it could use).
 * Values come from the control domain.
 */
int csched_dom_set(struct csched_private *prv, struct csched_dom *dom,
		   unsigned int weight, unsigned int cap, unsigned int nr_vcpus)
{
	if (weight > CSCHED_MAX_WEIGHT)
		return -EINVAL;
	if (cap != CSCHED_CAP_UNCHANGED && cap > 100ULL * nr_vcpus)
		return -EINVAL;
	spin_lock(&prv->lock);
	if (weight) {
		prv->weight -= (unsigned long)dom->weight * dom->nr_active;
		prv->weight += (unsigned long)weight * dom->nr_active;
		dom->weight = weight;
	}
	if (cap != CSCHED_CAP_UNCHANGED)
		dom->cap = cap;
	spin_unlock(&prv->lock);
	return 0;
}

/* The credit sysctl's getinfo; no lock held. */
void csched_globals_get(struct csched_private *prv, struct csched_globals *g)
{
	spin_lock(&prv->lock);
	g->tslice_ms = prv->tslice_ms;
	g->ratelimit_us = prv->ratelimit_us;
	g->migr_delay_us = prv->migr_delay_us;
	spin_unlock(&prv->lock);
}

/*
 * The credit sysctl's putinfo; no lock held. -EINVAL (nothing changed)
 * unless tslice is 1..1000 ms, ratelimit 0 (off) or 100..500000 us and
 * at most the slice, migration delay at most 100000 us. New slice and
 * tick lengths apply from the next timer the core arms.
 */
int csched_globals_set(struct csched_private *prv,
		       const struct csched_globals *g)
{
	if (g->tslice_ms < CSCHED_MIN_TSLICE_MS ||
	    g->tslice_ms > CSCHED_MAX_TSLICE_MS)
		return -EINVAL;
	if (g->ratelimit_us && (g->ratelimit_us < CSCHED_MIN_RATELIMIT_US ||
				g->ratelimit_us > CSCHED_MAX_RATELIMIT_US))
		return -EINVAL;
	if (g->ratelimit_us > g->tslice_ms * 1000ULL)
		return -EINVAL;
	if (g->migr_delay_us > CSCHED_MAX_MIGR_DELAY_US)
		return -EINVAL;
	spin_lock(&prv->lock);
	prv->tslice_ms = g->tslice_ms;
	WRITE_ONCE(prv->ratelimit_us, g->ratelimit_us);
	WRITE_ONCE(prv->migr_delay_us, g->migr_delay_us);
	csched_apply_tslice(prv);
	spin_unlock(&prv->lock);
	return 0;
}
