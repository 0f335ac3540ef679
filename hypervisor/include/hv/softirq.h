/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU deferred work, run with interrupts enabled on the way back to
 * a guest and in the idle loop: expired timers, and the scheduler.
 */
#ifndef HV_SOFTIRQ_H
#define HV_SOFTIRQ_H

#include <hv/lib.h>

enum softirq {
	TIMER_SOFTIRQ,
	SCHEDULE_SOFTIRQ,
	NR_SOFTIRQS,
};

typedef void (*softirq_fn)(void);

void softirq_register(enum softirq nr, softirq_fn fn);

/* Marks nr pending on this CPU / on cpu (the caller sends any IPI). */
void raise_softirq(enum softirq nr);
void cpu_raise_softirq(unsigned int cpu, enum softirq nr);

bool softirq_pending(unsigned int cpu);

/* Runs this CPU's pending softirqs until none is left. */
void do_softirq(void);

#endif
