/* SPDX-License-Identifier: MIT */
/*
 * x86-64 4-level paging as the guest sees it: entry bits, indices, and
 * where the kernel lives. A PV guest's entries hold machine frames.
 */
#ifndef GUEST_PGTABLE_H
#define GUEST_PGTABLE_H

#include <stdint.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PT_ENTRIES	512

/* Pseudo-physical frame n is mapped at VIRT_BASE + n * PAGE_SIZE. */
#define VIRT_BASE	0xffffffff80000000UL

#define PTE_P		(1UL << 0)
#define PTE_RW		(1UL << 1)
#define PTE_US		(1UL << 2)
#define PTE_PWT		(1UL << 3)
#define PTE_PCD		(1UL << 4)
#define PTE_A		(1UL << 5)
#define PTE_D		(1UL << 6)
#define PTE_PSE		(1UL << 7)	/* L2/L3: superpage; L1: PAT */
#define PTE_G		(1UL << 8)
#define PTE_NX		(1UL << 63)
#define PTE_ADDR_MASK	0x000ffffffffff000UL

/* What the kernel uses: table entries and data pages. */
#define PTE_TABLE	(PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define PTE_KERNEL_RW	(PTE_P | PTE_RW | PTE_A | PTE_D)
#define PTE_KERNEL_RO	(PTE_P | PTE_A)

/* Index of va in the table of level 1..4. */
static inline unsigned int pt_index(uint64_t va, unsigned int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

static inline uint64_t pte_mfn(uint64_t pte)
{
	return (pte & PTE_ADDR_MASK) >> PAGE_SHIFT;
}

static inline uint64_t pte_make(uint64_t mfn, uint64_t flags)
{
	return (mfn << PAGE_SHIFT) | flags;
}

#endif
