/* SPDX-License-Identifier: MIT */
/*
 * Event channels, 2-level ABI, and the guest's clock (events.c).
 *
 * A port is bound with a handler and the vCPU it notifies; the upcall
 * (entry.S -> trap_handle -> events_upcall) runs on that vCPU with its
 * events masked and calls the handler of each of its pending, unmasked
 * ports. Handlers run in event context: short, no blocking, no printk
 * on the hot paths. A vCPU's events are enabled or disabled with its
 * vcpu_info's evtchn_upcall_mask (events_enable/events_disable).
 */
#ifndef GUEST_EVENTS_H
#define GUEST_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <public/event_channel.h>
#include <public/xen.h>

/* Ports with a handler table entry; higher ones are refused. */
#define EVENTS_MAX_PORTS	1024

typedef void (*evtchn_handler_t)(evtchn_port_t port, void *data);

/*
 * Masks every port and empties the handler table; once, after
 * mm_setup() (shared_info must be mapped). 0 or a negative XEN_E*.
 */
int events_init(void);
bool events_are_ready(void);

/*
 * Binds an IPI / a VIRQ to vCPU vcpu with handler fn(port, data) and
 * unmasks it; *port gets the port. 0 or the hypercall's -XEN_E*;
 * -XEN_ENOSPC if the port is beyond EVENTS_MAX_PORTS (it is closed).
 */
int evtchn_bind_ipi(unsigned int vcpu, evtchn_handler_t fn, void *data,
		    evtchn_port_t *port);
int evtchn_bind_virq(unsigned int virq, unsigned int vcpu,
		     evtchn_handler_t fn, void *data, evtchn_port_t *port);
/* Masks and closes port, forgets its handler; 0 or -XEN_E*. */
int evtchn_unbind(evtchn_port_t port);
/* EVTCHNOP_send: 0 or -XEN_E*. */
long evtchn_notify(evtchn_port_t port);

void evtchn_mask(evtchn_port_t port);
/* Clears the mask; a pending port is then delivered (EVTCHNOP_unmask). */
void evtchn_unmask(evtchn_port_t port);
bool evtchn_is_pending(evtchn_port_t port);
void evtchn_clear(evtchn_port_t port);

/* Sets / clears this vCPU's evtchn_upcall_mask; enabling delivers. */
void events_disable(void);
void events_enable(void);
/* Whether this vCPU's events are enabled (upcall mask clear). */
bool events_are_enabled(void);

/* The event callback's work, on the vCPU the upcall came to. */
void events_upcall(void);
/* Events taken on ports without a handler (cleared, not dispatched). */
extern volatile unsigned long events_unhandled;

/*
 * System time in ns (vcpu_time_info of the vCPU we run on, read under
 * its version seqlock) and the TSC.
 */
uint64_t time_now(void);
static inline uint64_t rdtsc_ordered(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a" (lo), "=d" (hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

/*
 * Sleeps in SCHEDOP_poll (no port, a timeout) until system time
 * deadline_ns, using no CPU meanwhile.
 */
void time_sleep_until(uint64_t deadline_ns);

/* set_timer_op and VCPUOP_set_singleshot_timer; 0 or -XEN_E*. */
long timer_set(uint64_t deadline_ns);
long timer_set_singleshot(unsigned int vcpu, uint64_t deadline_ns,
			  uint32_t flags);

#endif
