/* SPDX-License-Identifier: MIT */
/* event_channel_op hypercall (32): create, bind, signal and close ports. */
#include "xen.h"

#ifndef __XEN_PUBLIC_EVENT_CHANNEL_H__
#define __XEN_PUBLIC_EVENT_CHANNEL_H__

/*
 * event_channel_op(cmd, arg): arg points to the evtchn_<cmd> struct, fields
 * marked OUT are written back. Returns 0 or a negative XEN_E*. A port is a
 * bit in shared_info's evtchn_pending/evtchn_mask (2-level ABI: 4096 ports,
 * port 0 never allocated).
 */
#define EVTCHNOP_bind_interdomain	0
#define EVTCHNOP_bind_virq		1
#define EVTCHNOP_bind_pirq		2
#define EVTCHNOP_close			3
#define EVTCHNOP_send			4
#define EVTCHNOP_status			5
#define EVTCHNOP_alloc_unbound		6
#define EVTCHNOP_bind_ipi		7
#define EVTCHNOP_bind_vcpu		8
#define EVTCHNOP_unmask			9
#define EVTCHNOP_reset			10
#define EVTCHNOP_init_control		11
#define EVTCHNOP_expand_array		12
#define EVTCHNOP_set_priority		13

typedef uint32_t evtchn_port_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_port_t);

/* A new port in dom that remote_dom may later bind to. */
struct evtchn_alloc_unbound {
	domid_t dom;		/* DOMID_SELF, or another if privileged */
	domid_t remote_dom;
	evtchn_port_t port;	/* OUT */
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;

/* Connects a new local port to remote_dom's unbound remote_port. */
struct evtchn_bind_interdomain {
	domid_t remote_dom;
	uint16_t _xpad0;
	evtchn_port_t remote_port;
	evtchn_port_t local_port;	/* OUT */
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;

/* A port delivering virq (VIRQ_*) to vcpu. */
struct evtchn_bind_virq {
	uint32_t virq;
	uint32_t vcpu;
	evtchn_port_t port;	/* OUT */
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;

/* A port delivering physical IRQ pirq (privileged domains). */
struct evtchn_bind_pirq {
	uint32_t pirq;
	uint32_t flags;		/* BIND_PIRQ__* */
	evtchn_port_t port;	/* OUT */
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;
#define BIND_PIRQ__WILL_SHARE	1

/* A port for inter-processor events within the domain, notifying vcpu. */
struct evtchn_bind_ipi {
	uint32_t vcpu;
	evtchn_port_t port;	/* OUT */
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;

/* Closes port; an interdomain peer goes back to unbound. */
struct evtchn_close {
	evtchn_port_t port;
};
typedef struct evtchn_close evtchn_close_t;

/* Marks the other end of port pending. */
struct evtchn_send {
	evtchn_port_t port;
};
typedef struct evtchn_send evtchn_send_t;

/* What port of dom is bound to. */
struct evtchn_status {
	domid_t dom;
	uint16_t _xpad0;
	evtchn_port_t port;
	uint32_t status;	/* OUT: EVTCHNSTAT_* */
	uint32_t vcpu;		/* OUT: vCPU notified */
	union {			/* OUT */
		struct {
			domid_t dom;
		} unbound;
		struct {
			domid_t dom;
			uint16_t _xpad0;
			evtchn_port_t port;
		} interdomain;
		uint32_t pirq;
		uint32_t virq;
	} u;
};
typedef struct evtchn_status evtchn_status_t;
#define EVTCHNSTAT_closed	0
#define EVTCHNSTAT_unbound	1
#define EVTCHNSTAT_interdomain	2
#define EVTCHNSTAT_pirq		3
#define EVTCHNSTAT_virq		4
#define EVTCHNSTAT_ipi		5

/* Sends port's future events to vcpu. */
struct evtchn_bind_vcpu {
	evtchn_port_t port;
	uint32_t vcpu;
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;

/* Clears port's mask bit and delivers the event if it is pending. */
struct evtchn_unmask {
	evtchn_port_t port;
};
typedef struct evtchn_unmask evtchn_unmask_t;

/* Closes every port of dom. */
struct evtchn_reset {
	domid_t dom;
};
typedef struct evtchn_reset evtchn_reset_t;

/* FIFO ABI: registers vcpu's control block at control_gfn + offset. */
struct evtchn_init_control {
	uint64_t control_gfn;
	uint32_t offset;
	uint32_t vcpu;
	uint8_t link_bits;	/* OUT */
	uint8_t _pad[7];
};
typedef struct evtchn_init_control evtchn_init_control_t;

/* FIFO ABI: adds one page of event words. */
struct evtchn_expand_array {
	uint64_t array_gfn;
};
typedef struct evtchn_expand_array evtchn_expand_array_t;

/* FIFO ABI: port's queue, EVTCHN_FIFO_PRIORITY_*. */
struct evtchn_set_priority {
	evtchn_port_t port;
	uint32_t priority;
};
typedef struct evtchn_set_priority evtchn_set_priority_t;

/* Argument of the old event_channel_op_compat hypercall (16). */
struct evtchn_op {
	uint32_t cmd;		/* EVTCHNOP_* */
	union {
		evtchn_alloc_unbound_t alloc_unbound;
		evtchn_bind_interdomain_t bind_interdomain;
		evtchn_bind_virq_t bind_virq;
		evtchn_bind_pirq_t bind_pirq;
		evtchn_bind_ipi_t bind_ipi;
		evtchn_close_t close;
		evtchn_send_t send;
		evtchn_status_t status;
		evtchn_bind_vcpu_t bind_vcpu;
		evtchn_unmask_t unmask;
	} u;
};
typedef struct evtchn_op evtchn_op_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_op_t);

/* Ports of the 2-level ABI: one bit per port in a word of words. */
#define EVTCHN_2L_NR_CHANNELS	(sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64)

/* FIFO ABI: priorities (0 highest), event word bits, control block. */
#define EVTCHN_FIFO_PRIORITY_MAX	0
#define EVTCHN_FIFO_PRIORITY_DEFAULT	7
#define EVTCHN_FIFO_PRIORITY_MIN	15
#define EVTCHN_FIFO_MAX_QUEUES		(EVTCHN_FIFO_PRIORITY_MIN + 1)

typedef uint32_t event_word_t;

#define EVTCHN_FIFO_PENDING	31
#define EVTCHN_FIFO_MASKED	30
#define EVTCHN_FIFO_LINKED	29
#define EVTCHN_FIFO_BUSY	28
#define EVTCHN_FIFO_LINK_BITS	17
#define EVTCHN_FIFO_LINK_MASK	((1 << EVTCHN_FIFO_LINK_BITS) - 1)
#define EVTCHN_FIFO_NR_CHANNELS	(1 << EVTCHN_FIFO_LINK_BITS)

struct evtchn_fifo_control_block {
	uint32_t ready;		/* bit per queue with events */
	uint32_t _rsvd;
	uint32_t head[EVTCHN_FIFO_MAX_QUEUES];
};
typedef struct evtchn_fifo_control_block evtchn_fifo_control_block_t;

#endif /* __XEN_PUBLIC_EVENT_CHANNEL_H__ */
