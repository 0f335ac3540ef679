/* SPDX-License-Identifier: MIT */
/* The credit policy tests' shared fixture (credit_fixture.c). */
#ifndef UT_SCHED_CREDIT_FIXTURE_H
#define UT_SCHED_CREDIT_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/sched_credit.h>

#define MS		1000000ULL
#define US		1000ULL

extern struct csched_private *prv1;
extern struct csched_dom d1, d2, d3;
extern struct csched_unit ua, ub, uc;

/* Fresh policy with CPU 0 and units ua, ub, uc of d1, d2, d3 on it. */
int setup_one(void **state);
int teardown_one(void **state);

/* csched_wake / csched_schedule / csched_tick under the CPU's lock. */
uint64_t wake(struct csched_unit *u, uint64_t now, unsigned int fl);
struct csched_decision sched(unsigned int cpu, uint64_t now, bool runnable);
uint64_t tick(unsigned int cpu, uint64_t now);

#endif
