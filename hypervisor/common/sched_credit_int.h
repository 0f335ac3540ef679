/* SPDX-License-Identifier: MIT */
/*
 * What the two halves of the credit policy share: sched_credit.c (run
 * queues, wake-ups, the scheduling decision, work stealing) and
 * sched_credit_acct.c (the active set, accounting, parameters). Not for
 * anyone else: the interface is hv/sched_credit.h.
 */
#ifndef SCHED_CREDIT_INT_H
#define SCHED_CREDIT_INT_H

#include <hv/sched_credit.h>

#define NS_PER_MSEC		1000000ULL

static inline void link_init(struct csched_link *l)
{
	l->prev = l->next = l;
}

/* Puts n just before pos (at the tail when pos is the head). */
static inline void link_add_before(struct csched_link *n,
				   struct csched_link *pos)
{
	n->prev = pos->prev;
	n->next = pos;
	pos->prev->next = n;
	pos->prev = n;
}

static inline void link_del(struct csched_link *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	link_init(n);
}

/* Priorities are read and written racily by design (see sched_credit.c). */
static inline int unit_pri(const struct csched_unit *u)
{
	return READ_ONCE(u->pri);
}

static inline void unit_set_pri(struct csched_unit *u, int pri)
{
	WRITE_ONCE(u->pri, pri);
}

/* Adds u (running) to the active set, or takes it out; prv->lock held. */
void csched_acct_start(struct csched_private *prv, struct csched_unit *u);
void csched_acct_stop(struct csched_private *prv, struct csched_unit *u);

/* Recomputes what depends on the slice length; prv->lock held or init. */
void csched_apply_tslice(struct csched_private *prv);

#endif
