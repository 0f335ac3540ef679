/* SPDX-License-Identifier: MIT */
/*
 * The memory state of a PV domain and of each of its vCPUs: the frames a
 * domain owns (a list threaded through the frame table), its base page
 * tables and LDT. Kept apart from asm/domain.h so that the page-type
 * code and its host tests need nothing else of a domain.
 *
 * Locking: [P] d->mm.page_alloc_lock  [D] only the domain's own vCPU, or
 * the domain builder/teardown while no vCPU runs  [I] immutable.
 */
#ifndef ASM_MM_TYPES_H
#define ASM_MM_TYPES_H

#include <hv/spinlock.h>

/* One entry of an E820-style map as the ABI passes it: 20 bytes. */
struct e820_entry {
	uint64_t	addr;
	uint64_t	size;
	uint32_t	type;
} __packed;

#define E820_RAM	1

struct domain_mm {
	spinlock_t		page_alloc_lock;
	uint32_t		page_head;	/* [P] first owned MFN, or PAGE_NONE */
	uint32_t		page_tail;	/* [P] last owned MFN */
	unsigned long		xenheap_pages;	/* [P] hypervisor pages shared */
	bool			is_dying;	/* [D] teardown has begun */
	const struct e820_entry	*e820;		/* [I] pseudo-physical map */
	unsigned int		nr_e820;	/* [I] entries; 0 = none set */
};

struct vcpu_mm {
	unsigned long		guest_table;	/* [D] kernel L4 MFN, 0 = none */
	unsigned long		guest_table_user; /* [D] user L4 MFN, 0 = none */
	uint64_t		ldt_base;	/* [D] MMUEXT_SET_LDT */
	unsigned int		ldt_ents;	/* [D] */
};

#endif
