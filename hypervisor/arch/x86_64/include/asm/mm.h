/* SPDX-License-Identifier: MIT */
/*
 * Frame ownership, reference counts and page types for PV guests, after
 * Xen's model (XEN-ABI.md section 4).
 *
 * Every frame a domain owns has an owner, a general reference count
 * (count_info) and a type with its own count (type_info). The owner's
 * allocation holds one general reference (PGC_allocated); every present
 * L1 entry holds one on the frame it maps, every writable one also a
 * PGT_writable_page type reference; an L2/L3/L4 entry holds a general
 * and a type reference of the next level down on its target; a pin, a
 * vCPU's base table and hypervisor users each hold both. A frame changes
 * type only while its type count is zero, so a frame is never both
 * mapped writable and in use as a page table.
 *
 * Taking the first type reference of a page-table type validates the
 * whole table: every present entry must pass the checks of its level
 * and its references are taken (mm_validate.c). Dropping the last one
 * releases them again (devalidation). Neither is preemptible yet: a
 * table is validated or released in one go, the recursion is at most
 * four levels deep (plus one linear step).
 *
 * Linear page tables (an L2, L3 or L4 entry pointing at a table of its
 * own level) are allowed as Xen allows them: read-only, to an already
 * validated table of the same domain; a table that has such entries may
 * not itself be used linearly and vice versa (linear_pt_count, XSA-240),
 * which keeps devalidation from recursing without bound.
 *
 * Locking: the counts change by compare-and-exchange; the domain's page
 * list and tot_pages under d->mm.page_alloc_lock. One vCPU runs per
 * domain so far, so page tables are not yet locked against concurrent
 * updates (Xen's page_lock()).
 */
#ifndef ASM_MM_H
#define ASM_MM_H

#include <asm/mm_types.h>
#include <asm/page.h>
#include <hv/domain.h>
#include <hv/mm.h>

/* count_info */
#define PGC_allocated		(1UL << 63)	/* the owner's reference */
#define PGC_xen_heap		(1UL << 62)	/* hypervisor page, shared */
#define PGC_count_mask		((1UL << 32) - 1)

/* type_info: type in the top three bits, flags, then the count. */
#define PGT_shift		61
#define PGT_none		(0UL << PGT_shift)
#define PGT_l1_page_table	(1UL << PGT_shift)
#define PGT_l2_page_table	(2UL << PGT_shift)
#define PGT_l3_page_table	(3UL << PGT_shift)
#define PGT_l4_page_table	(4UL << PGT_shift)
#define PGT_seg_desc_page	(5UL << PGT_shift)
#define PGT_shared_page		(6UL << PGT_shift)
#define PGT_writable_page	(7UL << PGT_shift)
#define PGT_type_mask		(7UL << PGT_shift)
#define PGT_pinned		(1UL << 60)
#define PGT_validated		(1UL << 59)
#define PGT_count_mask		((1UL << 32) - 1)

/* Page-table level of a PGT_lN type (1-4), 0 for the others. */
static inline unsigned int pgt_level(unsigned long type)
{
	type &= PGT_type_mask;
	return type >= PGT_l1_page_table && type <= PGT_l4_page_table ?
	       (unsigned int)(type >> PGT_shift) : 0;
}

#define PGT_lN(n)		((unsigned long)(n) << PGT_shift)

/* PTE bits beyond asm/page.h. */
#define _PAGE_PAT		0x080UL		/* L1 only; PSE elsewhere */
#define _PAGE_AVAIL		0xe00UL
#define _PAGE_GUEST_KERNEL	(1UL << 52)	/* kernel-only 64-bit PV page */
#define _PAGE_GNTTAB		(1UL << 62)	/* grant mapping marker */
#define _PAGE_AVAIL_HIGH	(0x7ffUL << 52)
#define PTE_FLAG_BITS		(~PADDR_MASK)
#define PAGE_CACHE_ATTRS	(_PAGE_PWT | _PAGE_PCD | _PAGE_PAT)

/* pte_mfn(): the frame a PTE names. */
static inline unsigned long pte_mfn(uint64_t pte)
{
	return (pte & PADDR_MASK) >> PAGE_SHIFT;
}

static inline struct page_info *mfn_to_page(unsigned long mfn)
{
	return &frame_table[mfn];
}

static inline unsigned long page_to_mfn(const struct page_info *pg)
{
	return (unsigned long)(pg - frame_table);
}

/* Whether mfn has a frame-table entry (RAM or not). */
static inline bool mfn_valid(unsigned long mfn)
{
	return mfn < max_mfn;
}

/* The pseudo-domain that owns I/O memory (DOMID_IO). */
extern struct domain dom_io;

/* mm.c: references and types. */

/*
 * Takes a general reference on pg if d owns it. Returns false (no
 * reference taken) when the frame is free, owned by someone else, or its
 * count would overflow.
 */
bool __must_check get_page(struct page_info *pg, const struct domain *d);

/* Takes a reference whatever the owner; *owner is NULL and none taken
 * when the frame is not allocated. */
bool __must_check get_page_any(struct page_info *pg, struct domain **owner);

/* Drops a general reference; the last one frees the frame. */
void put_page(struct page_info *pg);

/*
 * Takes a type reference of type (PGT_*); the first reference of a
 * page-table type validates the page. The caller holds a general
 * reference. Returns 0, -EINVAL (other type in use, count overflow) or
 * the validation's error (-EINVAL, -EBUSY, -EPERM).
 */
int __must_check get_page_type(struct page_info *pg, unsigned long type);

/* Drops a type reference; the last of a page-table type devalidates. */
void put_page_type(struct page_info *pg);

/* get_page() then get_page_type(); -EINVAL if d does not own mfn. */
int __must_check get_page_and_type(unsigned long mfn, struct domain *d,
				   unsigned long type);
void put_page_and_type(struct page_info *pg);






/* True for frames outside RAM (MMIO): no reference counting there. */
bool mm_mfn_is_iomem(unsigned long mfn);
/* Unowned frames below this one count as I/O memory (boot: 1 MiB). */
void mm_set_low_iomem(unsigned long frames);
/* I/O frames no guest may map (the local APIC), set at boot. */
void mm_set_hypervisor_iomem(unsigned long lapic_mfn);
bool mm_iomem_is_hypervisors(unsigned long mfn);

/* Records the machine memory map (setup, from multiboot2). */
void mm_set_machine_map(const struct e820_entry *map, unsigned int nr);
const struct e820_entry *mm_machine_map(unsigned int *nr);


/* mm_validate.c: page-table types and entries. */

/* Validates pg as a table of level 1-4, taking every entry's references;
 * on failure none are left. 0 or -EINVAL/-EBUSY/-EPERM. */
int mm_validate_table(struct page_info *pg, unsigned int level);

/* Releases the references of every entry of a validated table. */
void mm_devalidate_table(struct page_info *pg, unsigned int level);

/* Validates a descriptor-table page (PGT_seg_desc_page). */
int mm_validate_segdesc(struct page_info *pg);

/* Makes a guest descriptor safe in place; false if it is refused. */
bool descriptor_fixup(uint64_t *d);
/* True if d is acceptable as it is. */
bool descriptor_ok(uint64_t d);

/*
 * Writes val into entry idx of page-table page pg (typed, validated,
 * owned by pt_dom): checks the new entry as its level requires, takes
 * its references, writes it (preserving A/D if preserve_ad) and drops
 * the old entry's. pg_dom owns the frames an L1 entry maps. Returns 0,
 * -EINVAL (bad flags or target, hypervisor slot), -EBUSY (frame not
 * mappable), -EPERM (I/O memory without privilege). Guest-controlled.
 */
int mm_mod_entry(struct page_info *pg, unsigned int idx, uint64_t val,
		 bool preserve_ad, struct domain *pt_dom,
		 struct domain *pg_dom);

/* Checks an L1 value for a write by l1e_owner mapping pg_owner's frame
 * and takes its references (writable page emulation). */
int mm_get_page_from_l1e(uint64_t l1e, struct domain *l1e_owner,
			 struct domain *pg_owner);
void mm_put_page_from_l1e(uint64_t l1e, struct domain *l1e_owner);
uint64_t mm_adjust_guest_l1e(uint64_t l1e);

/* mmu_update.c: helpers shared by the MMU hypercalls. */


/* The FD domain of a request: DOMID_SELF, DOMID_IO or another domain
 * (naming oneself by number is refused, as on Xen); NULL = -ESRCH. */
struct domain *mm_get_pg_owner(struct domain *curr, unsigned int domid);

/* The L1 entry mapping guest va in v's kernel page table, and the L1's
 * frame; NULL when va is outside the guest's range or not mapped down to
 * an L1 (superpages included). */
uint64_t *mm_guest_l1e(const struct vcpu *v, uint64_t va,
		       unsigned long *l1mfn);

/* A validated, in-use table's level (1-4), 0 for other types, -1 if
 * pg is not validated or has no type reference. */
int mm_table_level(const struct page_info *pg);

/* Checks that a guest vCPU bitmap is readable: 0 or -EFAULT. */
int mm_read_vcpumask(uint64_t bmap);

/* mm_hw.c: the machine side (stubbed in host tests). */
void mm_flush_tlb_local(void);		/* all entries, global ones too */
void mm_flush_tlb_one_local(uint64_t va);
void mm_flush_tlb_domain(const struct domain *d);
void mm_flush_tlb_one_domain(const struct domain *d, uint64_t va);
void mm_load_guest_table(struct vcpu *v);	/* CR3 := v's table */
void mm_flush_cache(void);

#endif
