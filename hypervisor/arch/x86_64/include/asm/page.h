/* SPDX-License-Identifier: MIT */
/* Page-table entry bits and address conversions for the hypervisor. */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#include <asm/layout.h>
#include <hv/lib.h>

#define _PAGE_PRESENT	0x001UL
#define _PAGE_RW	0x002UL
#define _PAGE_USER	0x004UL
#define _PAGE_PWT	0x008UL
#define _PAGE_PCD	0x010UL
#define _PAGE_ACCESSED	0x020UL
#define _PAGE_DIRTY	0x040UL
#define _PAGE_PSE	0x080UL
#define _PAGE_GLOBAL	0x100UL
#define _PAGE_NX	(1UL << 63)
#define PADDR_MASK	0x000ffffffffff000UL

#define L1_SHIFT	12
#define L2_SHIFT	21
#define L3_SHIFT	30
#define L4_SHIFT	39
#define PT_ENTRIES	512

static inline unsigned int pt_index(uint64_t va, unsigned int shift)
{
	return (va >> shift) & (PT_ENTRIES - 1);
}

#ifdef HV_HOST_TEST
/* Host tests stand a fake memory array in for the direct map. */
void *maddr_to_virt(uint64_t ma);
#else
/* The direct map covers all RAM; any frame is reachable through it. */
static inline void *maddr_to_virt(uint64_t ma)
{
	return (void *)(DIRECTMAP_VIRT_START + ma);
}
#endif

static inline void *mfn_to_virt(uint64_t mfn)
{
	return maddr_to_virt(mfn << PAGE_SHIFT);
}

/* For directmap and image addresses only. */
uint64_t virt_to_maddr(const void *va);

#endif
