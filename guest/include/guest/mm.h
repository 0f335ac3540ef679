/* SPDX-License-Identifier: MIT */
/*
 * The guest's memory (mm.c): frame translation through the P2M and the
 * hypervisor's M2P, a page allocator, and the kernel's own page tables.
 */
#ifndef GUEST_MM_H
#define GUEST_MM_H

#include <stdbool.h>
#include <stdint.h>
#include <public/xen.h>
#include <guest/pgtable.h>

#define INVALID_MFN	(~0UL)

/* The P2M the builder gave us (start_info mfn_list) and its length. */
extern uint64_t *p2m;
extern uint64_t nr_pages;
/* Our mapping of the shared_info page. */
extern struct shared_info *shared_info;

static inline void *pfn_to_virt(uint64_t pfn)
{
	return (void *)(VIRT_BASE + (pfn << PAGE_SHIFT));
}

static inline uint64_t virt_to_pfn(const void *va)
{
	return ((uint64_t)va - VIRT_BASE) >> PAGE_SHIFT;
}

static inline uint64_t virt_to_mfn(const void *va)
{
	return p2m[virt_to_pfn(va)];
}

/* Machine address of a kernel virtual address. */
static inline uint64_t virt_to_machine(const void *va)
{
	return (virt_to_mfn(va) << PAGE_SHIFT) | ((uint64_t)va & ~PAGE_MASK);
}

/* The M2P entry of one of our own frames (the M2P is read-only to us). */
static inline uint64_t mfn_to_pfn(uint64_t mfn)
{
	return ((const uint64_t *)MACH2PHYS_VIRT_START)[mfn];
}

/*
 * Builds the kernel's own page tables mapping all of RAM, switches to
 * them and installs the trap table and callbacks (traps_init()). Runs
 * once; later calls return the first result. Returns 0 or the negative
 * XEN_E* of the hypercall that failed (printed).
 */
int mm_setup(void);
bool mm_is_ready(void);

/* A zeroed page mapped read-write, or NULL; page_free() takes it back. */
void *page_alloc(void);
void page_free(void *va);
unsigned long page_free_count(void);
/* n zeroed pages at consecutive addresses, or NULL; never freed. */
void *page_alloc_run(unsigned int n);

/* A page of ours mapped read-only: a page table (boot L4, then ours). */
const void *mm_readonly_page(void);

/* Machine frame of the kernel's L4 (the running page table). */
uint64_t mm_kernel_l4_mfn(void);

/*
 * Machine address of the L1 entry mapping va in the kernel page table,
 * or 0 if no L1 table covers va; *pte gets its value.
 */
uint64_t mm_l1e_machine(uint64_t va, uint64_t *pte);
/* The same for the entry of level 1..4 on the way to va. */
uint64_t mm_entry_machine(uint64_t va, unsigned int level, uint64_t *pte);

/* Rewrites the L1 entry of kernel page va with mmu_update. */
int mm_set_l1e(const void *va, uint64_t pte);
/* Maps our page va read-only / read-write (page tables, then back). */
int mm_make_ro(const void *va);
int mm_make_rw(const void *va);

/* One mmu_update / mmuext_op / pin / unpin, for callers' convenience. */
long mm_update1(uint64_t ptr, uint64_t val);
long mmuext1(unsigned int cmd, uint64_t mfn);

/* The `mm` command: what we mapped and what the hypervisor reports. */
void mm_print(void);

#endif
