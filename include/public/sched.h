/* SPDX-License-Identifier: MIT */
/* sched_op hypercall (29): yield, block, shut down, poll. */
#include "event_channel.h"

#ifndef __XEN_PUBLIC_SCHED_H__
#define __XEN_PUBLIC_SCHED_H__

/*
 * sched_op(cmd, arg); arg points to the struct named beside cmd, or is
 * unused. Returns 0 or a negative XEN_E* unless noted.
 */
#define SCHEDOP_yield		0	/* give up the CPU, stay runnable */
#define SCHEDOP_block		1	/* sleep until an event; unmasks events */
#define SCHEDOP_shutdown	2	/* sched_shutdown: stop this domain */
#define SCHEDOP_poll		3	/* sched_poll: sleep on some ports */
#define SCHEDOP_remote_shutdown	4	/* sched_remote_shutdown (privileged) */
#define SCHEDOP_shutdown_code	5	/* sched_shutdown: record, don't stop */
#define SCHEDOP_watchdog	6	/* sched_watchdog */
#define SCHEDOP_pin_override	7	/* sched_pin_override (dom0) */

/* SHUTDOWN_suspend returns 1 if the suspend was cancelled. */
struct sched_shutdown {
	uint32_t reason;	/* SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);

/* Blocks until one of ports is pending or the absolute timeout (ns) passes. */
struct sched_poll {
	XEN_GUEST_HANDLE(evtchn_port_t) ports;
	uint32_t nr_ports;
	uint32_t _xpad0;
	uint64_t timeout;	/* system time, 0 = none */
};
typedef struct sched_poll sched_poll_t;
DEFINE_XEN_GUEST_HANDLE(sched_poll_t);

struct sched_remote_shutdown {
	domid_t domain_id;
	uint16_t _xpad0;
	uint32_t reason;	/* SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);

/*
 * id 0 creates a watchdog (returns its id), timeout 0 destroys it, else
 * the timer is re-armed; on expiry the domain shuts down with
 * SHUTDOWN_watchdog.
 */
struct sched_watchdog {
	uint32_t id;
	uint32_t timeout;	/* seconds */
};
typedef struct sched_watchdog sched_watchdog_t;
DEFINE_XEN_GUEST_HANDLE(sched_watchdog_t);

struct sched_pin_override {
	int32_t pcpu;		/* -1 ends the override */
};
typedef struct sched_pin_override sched_pin_override_t;
DEFINE_XEN_GUEST_HANDLE(sched_pin_override_t);

/* Shutdown reasons, also reported to the toolstack. */
#define SHUTDOWN_poweroff	0
#define SHUTDOWN_reboot		1
#define SHUTDOWN_suspend	2	/* rdx: MFN of start_info */
#define SHUTDOWN_crash		3
#define SHUTDOWN_watchdog	4
#define SHUTDOWN_soft_reset	5
#define SHUTDOWN_MAX		5

#endif /* __XEN_PUBLIC_SCHED_H__ */
