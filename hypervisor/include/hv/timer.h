/* SPDX-License-Identifier: MIT */
/*
 * One-shot timers in system time (ns since boot), each bound to a CPU.
 * The earliest timer of a CPU programs its local APIC; expired timers
 * run from TIMER_SOFTIRQ with interrupts enabled, outside any lock.
 *
 * Locking: each CPU's list under its own lock; a timer is on at most one
 * list. A handler may re-arm its own timer.
 */
#ifndef HV_TIMER_H
#define HV_TIMER_H

#include <hv/lib.h>

struct timer {
	uint64_t	expires;	/* ns of system time */
	void		(*fn)(void *data);
	void		*data;
	unsigned int	cpu;
	bool		active;		/* on its CPU's list */
	struct timer	*next;
};

void timer_init(struct timer *t, void (*fn)(void *), void *data,
		unsigned int cpu);

/* (Re)arms t to fire at expires; a time in the past fires at once. */
void set_timer(struct timer *t, uint64_t expires);
void stop_timer(struct timer *t);

/* Moves an inactive or active timer to another CPU. */
void migrate_timer(struct timer *t, unsigned int cpu);

/* Boot: the softirq, and the arch hook that programs the hardware. */
void timers_init(void);
void arch_timer_program(uint64_t deadline);	/* 0: none */

/* The hardware timer interrupt on this CPU. */
void timer_interrupt(void);

#endif
