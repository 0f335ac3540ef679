/* SPDX-License-Identifier: MIT */
/*
 * A simulated machine for the page-type code: a frame table and a fake
 * memory array standing in for the direct map, two domains (d0
 * privileged, d1 not) with one vCPU each, guest copies that read host
 * memory (addresses below 64 KiB fault), and counters for the flushes.
 */
#ifndef MM_SHIM_H
#define MM_SHIM_H

#include "unit.h"
#include <hv/errno.h>
#include <asm/mm.h>
#include <asm/ptwr.h>
#include <hv/hypercall.h>
#include <public/memory.h>
#include <public/xen.h>

#define UT_FRAMES	1024	/* 4 MiB of "RAM" */
#define UT_FIRST_HEAP	16	/* frames below are the hypervisor's */

extern struct domain ut_d0, ut_d1;
extern struct vcpu ut_v0, ut_v1;
extern unsigned long ut_flushes;
extern uint64_t ut_m2p[UT_FRAMES];

/* Fresh machine and domains; d0 may hold max0 pages, d1 max1. */
void ut_mm_setup(unsigned long max0, unsigned long max1);
void ut_mm_teardown(void);
void ut_set_current(struct vcpu *v);

/* One frame for d, zeroed; fails the test if none. */
unsigned long ut_frame(struct domain *d);
uint64_t *ut_table(unsigned long mfn);

/* Page-table entry of mfn with flags. */
static inline uint64_t ut_pte(unsigned long mfn, uint64_t flags)
{
	return ((uint64_t)mfn << PAGE_SHIFT) | flags;
}

/* Single hypercall helpers through the real handlers. */
long ut_mmu(uint64_t ptr, uint64_t val, unsigned int fd, unsigned int *done);
long ut_ext(unsigned int cmd, uint64_t arg1, uint64_t arg2, unsigned int fd);

/* Every count of every frame equals what the tables, pins and base
 * tables account for. */
void ut_check_counts(void);

#endif
