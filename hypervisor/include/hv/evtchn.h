/* SPDX-License-Identifier: MIT */
/*
 * Event channels, 2-level ABI: each domain's table of ports, the VIRQs
 * bound on each vCPU, and delivery through the pending and mask bitmaps
 * of shared_info. common/evtchn.c has the state machine and the locking.
 *
 * Locking: [E] the domain's evtchn.lock, always taken with interrupts
 * off (VIRQs are raised from timer and interrupt context)  [I] set by
 * evtchn_domain_init()  [a] atomic. Two domains' locks are taken in
 * domain-id order. A domain's lock comes before the run-queue locks.
 */
#ifndef HV_EVTCHN_H
#define HV_EVTCHN_H

#include <hv/lib.h>
#include <hv/spinlock.h>
#include <public/event_channel.h>
#include <public/xen.h>

/* Port states, as Xen's ECS_*. */
#define ECS_FREE		0	/* allocatable */
#define ECS_RESERVED		1	/* port 0: never allocated */
#define ECS_UNBOUND		2	/* waiting for remote_domid to bind */
#define ECS_INTERDOMAIN		3	/* connected to remote_dom's port */
#define ECS_PIRQ		4	/* physical IRQ: not supported */
#define ECS_VIRQ		5	/* virtual IRQ virq */
#define ECS_IPI			6	/* within the domain */

/* The ports a 64-bit guest's 2-level bitmaps hold: 64 words of 64. */
#define EVTCHN_2L_PORTS		4096
/* Highest port of a domU when the toolstack gives none (libxl's 1023). */
#define EVTCHN_DEFAULT_MAX_PORT	1023
/* max_evtchn_port of dom0, as Xen creates it: no limit but the ABI's. */
#define EVTCHN_MAX_PORT_UNLIMITED UINT32_MAX

struct domain;
struct vcpu;

struct evtchn {
	uint8_t		state;		/* [E] ECS_* */
	uint8_t		virq;		/* [E] ECS_VIRQ: VIRQ_* */
	uint16_t	notify_vcpu;	/* [E] vCPU that gets the upcall */
	uint32_t	remote_port;	/* [E] ECS_INTERDOMAIN */
	union {
		struct domain	*remote_dom;	/* [E] ECS_INTERDOMAIN */
		domid_t		remote_domid;	/* [E] ECS_UNBOUND */
	};
};

struct evtchn_domain {
	spinlock_t	lock;
	struct evtchn	*ports;		/* [E] NULL before init, after destroy */
	unsigned int	max_port;	/* [I] highest allocatable port */
	unsigned int	nr_ports;	/* [I] entries in ports[] */
	unsigned int	nr_valid;	/* [E] ports below it exist (Xen's
					 * valid_evtchns: whole buckets) */
	unsigned int	nr_active;	/* [E] ports not free nor reserved */
	unsigned long	table_mfn;	/* [I] ports[]: 2^order frames */
	unsigned int	order;		/* [I] */
	bool		dying;		/* [E] no more allocations */
	bool		resetting;	/* [E] in EVTCHNOP_reset */
};

struct evtchn_vcpu {
	uint16_t	virq_to_port[NR_VIRQS]; /* [E] 0: not bound */
	bool		polling;	/* [a] in SCHEDOP_poll */
	int32_t		poll_port;	/* [a] the one port polled; -1: any */
};

/*
 * Sets up d's ports before the domain runs: port 0 reserved, the rest
 * free. max_port is the highest port the domain may allocate (Xen's
 * max_evtchn_port: EVTCHN_MAX_PORT_UNLIMITED for dom0,
 * EVTCHN_DEFAULT_MAX_PORT for a domU); the 2-level ABI caps it at 4095.
 * Returns 0, or -ENOMEM.
 */
int __must_check evtchn_domain_init(struct domain *d, unsigned int max_port);

/*
 * Closes every port of d as the domain dies: each interdomain peer goes
 * back to unbound (remote = d) and d can allocate no more ports; then
 * frees the table. Call with d's vCPUs no longer running guest code.
 */
void evtchn_domain_destroy(struct domain *d);

/* Whether virq is delivered per domain (vCPU 0's binding) or per vCPU. */
bool virq_is_global(unsigned int virq);

/*
 * Raises per-vCPU virq (VIRQ_TIMER, VIRQ_DEBUG, ...) on v, if v's guest
 * bound it. From any context, interrupts included.
 */
void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq);

/*
 * Raises global virq (VIRQ_CONSOLE, VIRQ_DOM_EXC, ...) in d, if d bound
 * it, on the vCPU the port notifies. From any context.
 */
void send_guest_global_virq(struct domain *d, unsigned int virq);

/* Raises global virq in the hardware domain (dom0). */
void send_global_virq(unsigned int virq);

/*
 * SCHEDOP_poll: v polls from evtchn_poll_begin() (before it checks its
 * ports) to evtchn_poll_end(); a port of its domain becoming pending in
 * between kicks it, masked or not: any port, or once evtchn_poll_port()
 * named the only one it polls, that port alone (as Xen's poll_evtchn).
 */
static inline void evtchn_poll_begin(struct evtchn_vcpu *ev)
{
	__atomic_store_n(&ev->poll_port, -1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&ev->polling, true, __ATOMIC_SEQ_CST);
}

static inline void evtchn_poll_port(struct evtchn_vcpu *ev,
				    evtchn_port_t port)
{
	__atomic_store_n(&ev->poll_port, (int32_t)port, __ATOMIC_SEQ_CST);
}

static inline void evtchn_poll_end(struct evtchn_vcpu *ev)
{
	__atomic_store_n(&ev->polling, false, __ATOMIC_SEQ_CST);
}

#endif
