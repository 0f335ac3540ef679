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

/* Where the M2P table lies in machine memory (2 MiB aligned). */
void m2p_extent(uint64_t *base, uint64_t *size);

/* Writes M2P[mfn] = pfn. */
void m2p_set(unsigned long mfn, unsigned long pfn);

/* Copies the hypervisor's L4 slots (256-271) into a guest L4. */
void l4_copy_hv_slots(uint64_t *l4);

struct domain;

/*
 * Domain memory, generic view (arch/x86_64/mm.c implements them; the
 * page types behind them are in asm/mm.h).
 */

/* 2^order zeroed frames for d, or PAGE_NONE (over max_pages, dying,
 * heap empty, or not below 2^bits when bits is non-zero). */
unsigned long alloc_domheap_pages(struct domain *d, unsigned int order,
				  unsigned int bits);

/* Gives frames [mfn, mfn + n), just taken from the heap, to d. */
void assign_pages(struct domain *d, unsigned long mfn, unsigned long n);

/*
 * Shares hypervisor frame mfn with d, writable: owned by d but not
 * counted in tot_pages, PGT_writable_page for good (shared_info).
 */
void share_xen_page_with_guest(struct domain *d, unsigned long mfn);

/*
 * For a hypervisor mapping of a guest frame (a registered vcpu_info):
 * takes a general and a writable-type reference on d's frame mfn, so
 * that d can neither free it nor make it a page or descriptor table
 * while the hypervisor writes there, and returns its address in the
 * direct map; NULL if d does not own mfn or it has another type in use.
 * mfn is guest input. mm_put_guest_frame() drops both references.
 */
void *mm_get_guest_frame(struct domain *d, uint64_t mfn);
void mm_put_guest_frame(unsigned long mfn);

/*
 * Releases everything d holds: its vCPUs' base tables, pins, page-table
 * validations and allocation references, so that every frame it owned
 * goes back to the heap (nothing else holding references). For a domain
 * whose vCPUs no longer run.
 */
void domain_relinquish_memory(struct domain *d);

/* Drops d's own reference on frame mfn: 0, -EINVAL, -ENXIO. */
int guest_remove_page(struct domain *d, unsigned long mfn);

/* Whether d may act on t's memory: itself, or d is privileged. */
bool mm_may_target(const struct domain *d, const struct domain *t);

/* memory_op commands the architecture handles; -ENOSYS for others. */
long arch_memory_op(uint64_t cmd, uint64_t arg);

/* XENMEM_maximum_gpfn: the highest PFN d says it uses. */
long arch_domain_max_gpfn(const struct domain *d);

#endif
