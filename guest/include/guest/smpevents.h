/* SPDX-License-Identifier: MIT */
/*
 * The `smpevents` command (smpevents.c, smpevents_time.c): vCPU bring-up,
 * IPIs, a ping-pong of events between vCPUs, one-shot timers, block and
 * poll, one "smpevents: <case>: PASS|FAIL" line per check.
 */
#ifndef GUEST_SMPEVENTS_H
#define GUEST_SMPEVENTS_H

#include <stdint.h>
#include <guest/check.h>

/* Timer and poll lateness allowed, and the time a wake-up may take. */
#define SMPEV_LATE_NS		20000000ULL	/* 20 ms */
#define SMPEV_WAIT_NS		2000000000ULL	/* 2 s */

void smpevents_run(const char *args);
/* Timers, block and poll on every vCPU (smpevents_time.c). */
void smpevents_timers(struct check *c, unsigned int n);
void smpevents_block(struct check *c, unsigned int n);
void smpevents_poll(struct check *c, unsigned int n);

/* SCHEDOP_poll on one port; 0 or -XEN_E*. */
long smpev_poll1(uint32_t port, uint64_t timeout);

#endif
