/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU timer lists, sorted by expiry (see timer.h). Lists are short
 * (a few timers per vCPU), so a sorted singly linked list is enough.
 */
#include <hv/bug.h>
#include <hv/smp.h>
#include <hv/softirq.h>
#include <hv/spinlock.h>
#include <hv/time.h>
#include <hv/timer.h>

struct timer_cpu {
	spinlock_t	lock;
	struct timer	*head;		/* [lock] sorted by expires */
};

static struct timer_cpu timer_cpus[NR_CPUS];

void timer_init(struct timer *t, void (*fn)(void *), void *data,
		unsigned int cpu)
{
	memset(t, 0, sizeof(*t));
	t->fn = fn;
	t->data = data;
	t->cpu = cpu;
}

/* Unlinks t from tc; tc->lock held. */
static void list_remove(struct timer_cpu *tc, struct timer *t)
{
	ASSERT(spin_is_locked(&tc->lock));
	for (struct timer **pp = &tc->head; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	t->active = false;
	t->next = NULL;
}

static void list_insert(struct timer_cpu *tc, struct timer *t)
{
	struct timer **pp = &tc->head;

	ASSERT(spin_is_locked(&tc->lock));
	while (*pp && (*pp)->expires <= t->expires)
		pp = &(*pp)->next;
	t->next = *pp;
	*pp = t;
	t->active = true;
}

void set_timer(struct timer *t, uint64_t expires)
{
	struct timer_cpu *tc = &timer_cpus[t->cpu];
	unsigned long flags = spin_lock_irqsave(&tc->lock);
	bool first;

	if (t->active)
		list_remove(tc, t);
	t->expires = expires;
	list_insert(tc, t);
	first = tc->head == t;
	spin_unlock_irqrestore(&tc->lock, flags);
	/* A new earliest deadline: that CPU must reprogram its timer. */
	if (first) {
		cpu_raise_softirq(t->cpu, TIMER_SOFTIRQ);
		smp_send_event_check(t->cpu);
	}
}

void stop_timer(struct timer *t)
{
	struct timer_cpu *tc = &timer_cpus[t->cpu];
	unsigned long flags = spin_lock_irqsave(&tc->lock);

	if (t->active)
		list_remove(tc, t);
	spin_unlock_irqrestore(&tc->lock, flags);
}

void migrate_timer(struct timer *t, unsigned int cpu)
{
	bool was_active = t->active;
	uint64_t expires = t->expires;

	stop_timer(t);
	t->cpu = cpu;
	if (was_active)
		set_timer(t, expires);
}

/* Runs what has expired, then programs the next deadline. */
static void timer_softirq(void)
{
	struct timer_cpu *tc = &timer_cpus[smp_processor_id()];
	unsigned long flags = spin_lock_irqsave(&tc->lock);
	struct timer *t;

	while ((t = tc->head) != NULL && t->expires <= get_s_time()) {
		list_remove(tc, t);
		spin_unlock_irqrestore(&tc->lock, flags);
		t->fn(t->data);
		flags = spin_lock_irqsave(&tc->lock);
	}
	arch_timer_program(tc->head ? tc->head->expires : 0);
	spin_unlock_irqrestore(&tc->lock, flags);
}

void timer_interrupt(void)
{
	raise_softirq(TIMER_SOFTIRQ);
}

void timers_init(void)
{
	for (unsigned int i = 0; i < NR_CPUS; i++)
		spin_lock_init(&timer_cpus[i].lock);
	softirq_register(TIMER_SOFTIRQ, timer_softirq);
}
