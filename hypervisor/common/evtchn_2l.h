/* SPDX-License-Identifier: MIT */
/*
 * Internal to the event channel code (evtchn.c, evtchn_2l.c): delivery
 * through the 2-level bitmaps. Called with the port's domain's
 * evtchn.lock held, or, for an interdomain port, its peer's.
 */
#ifndef EVTCHN_2L_H
#define EVTCHN_2L_H

#include <hv/evtchn.h>

/*
 * Marks port of d pending for vCPU vcpu_id: if newly pending and not
 * masked, sets the selector bit and upcall flag and kicks the vCPU;
 * if newly pending, kicks d's vCPUs in SCHEDOP_poll.
 */
void evtchn_2l_set_pending(struct domain *d, unsigned int vcpu_id,
			   evtchn_port_t port);

/* Clears port's pending bit (the port is being freed). */
void evtchn_2l_clear_pending(struct domain *d, evtchn_port_t port);

/* Clears chn's (port's) mask bit; re-raises the event if pending. */
void evtchn_2l_unmask(struct domain *d, const struct evtchn *chn,
		      evtchn_port_t port);

#endif
