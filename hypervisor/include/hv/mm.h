/* SPDX-License-Identifier: MIT */
/*
 * Machine memory after boot: the frame table and heap, the M2P, and the
 * hypervisor's own page tables (whose upper slots every guest L4 shares).
 */
#ifndef HV_MM_H
#define HV_MM_H

#include <hv/memrange.h>
#include <hv/page_alloc.h>

#define INVALID_M2P_ENTRY	(~0UL)

/* Highest machine frame number + 1 (all RAM types). */
extern unsigned long max_mfn;
/* RAM the heap was given at boot, in frames. */
extern unsigned long total_ram_frames;
extern struct page_info *frame_table;

/*
 * Builds the final page tables, the frame table and the M2P from the
 * usable RAM in *free (boot allocations are taken from it), switches to
 * them, and hands what is left of *free to the heap.
 */
void mm_init(struct memrange_set *free, uint64_t max_ram_addr);

/* Allocates one zeroed frame from the heap; PAGE_NONE if none. */
unsigned long alloc_zeroed_frame(void);

/* Writes M2P[mfn] = pfn. */
void m2p_set(unsigned long mfn, unsigned long pfn);

/* Copies the hypervisor's L4 slots (256-271) into a guest L4. */
void l4_copy_hv_slots(uint64_t *l4);

#endif
