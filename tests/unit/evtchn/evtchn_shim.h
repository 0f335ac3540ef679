/* SPDX-License-Identifier: MIT */
/*
 * A simulated machine for the event channel code: three domains (d0
 * privileged with 4 vCPUs, d1 with 2, d2 with 1) each with its own
 * shared_info, a kick counter per vCPU standing in for the scheduler,
 * guest copies that read host memory (below 64 KiB faults, and writes
 * to ut_readonly fault), and page allocations counted for leaks.
 */
#ifndef EVTCHN_SHIM_H
#define EVTCHN_SHIM_H

#include "unit.h"
#include <hv/domain.h>
#include <hv/errno.h>
#include <hv/evtchn.h>
#include <hv/hypercall.h>
#include <public/event_channel.h>
#include <public/xen.h>

#define UT_NR_DOMS	3
#define UT_MAX_VCPUS	4

extern struct domain ut_dom[UT_NR_DOMS];
extern struct vcpu ut_vcpu[UT_NR_DOMS][UT_MAX_VCPUS];
extern unsigned int ut_kicks[UT_NR_DOMS][UT_MAX_VCPUS];
extern long ut_pages_out;	/* page blocks allocated, not yet freed */
extern bool ut_alloc_fails;	/* alloc_pages() returns PAGE_NONE */
extern uint8_t ut_readonly[64];	/* copies to the guest fault here */

/* Fresh domains with the given max_port each (Xen's max_evtchn_port). */
void ut_evtchn_setup(unsigned int max0, unsigned int max1, unsigned int max2);
/* Destroys what is left, checks no page leaked and no lock is held. */
void ut_evtchn_teardown(void);

void ut_set_current(struct vcpu *v);
/* The current vCPU becomes vCPU 0 of domain i. */
void ut_as(unsigned int i);

/* event_channel_op(cmd, arg) through the real handler. */
long ut_op(unsigned int cmd, void *arg);

#endif
