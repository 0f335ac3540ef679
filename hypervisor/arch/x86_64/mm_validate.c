/* SPDX-License-Identifier: MIT */
/*
 * What a 64-bit PV guest may put in its page tables (XEN-ABI.md 4.2),
 * level by level: the flags each level allows, the frame an entry may
 * name and the references it holds, linear page tables, and the
 * adjustments made to every entry installed (user bit, accessed bit,
 * kernel-only marker). Validation of a whole table and single-entry
 * updates share these checks. Every value here is guest-controlled.
 */
#include <asm/mm.h>
#include <hv/bug.h>
#include <hv/console.h>
#include <hv/errno.h>

/* PRESENT, RW, USER, A/D, AVAIL[0-2], AVAIL_HIGH, NX: what any level
 * may carry. */
#define BASE_ALLOWED	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
			 _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_AVAIL | \
			 _PAGE_AVAIL_HIGH | _PAGE_NX)
#define BASE_DISALLOW	(PTE_FLAG_BITS & ~BASE_ALLOWED)
/* L1 adds the global bit (and, as Xen 4.17 does, lets bit 62 through). */
#define L1_DISALLOW	(BASE_DISALLOW & ~_PAGE_GLOBAL)

/* Flags a guest may change in an entry without it being re-validated. */
#define FASTPATH_FLAGS	(_PAGE_NX | _PAGE_AVAIL_HIGH | _PAGE_AVAIL | \
			 _PAGE_GLOBAL | _PAGE_DIRTY | _PAGE_ACCESSED | \
			 _PAGE_USER)

/* All address bits set: what a guest writes for "no frame". */
#define INVALID_PTE_MFN	(PADDR_MASK >> PAGE_SHIFT)

/* Cache attributes only for domains with I/O privileges, as on Xen. */
static uint64_t l1_disallow(const struct domain *d)
{
	return d->is_privileged ? L1_DISALLOW & ~PAGE_CACHE_ATTRS :
				  L1_DISALLOW;
}

static bool is_guest_l4_slot(unsigned int i)
{
	return i < HV_L4_FIRST || i > HV_L4_LAST;
}

uint64_t mm_adjust_guest_l1e(uint64_t e)
{
	if (!(e & _PAGE_PRESENT))
		return e;
	if (!(e & _PAGE_USER))
		e |= _PAGE_GUEST_KERNEL | _PAGE_USER;
	if (!(e & _PAGE_GUEST_KERNEL))
		e |= _PAGE_GLOBAL | _PAGE_USER;
	return e;
}

static uint64_t adjust_guest_entry(uint64_t e, unsigned int level)
{
	if (!(e & _PAGE_PRESENT))
		return e;
	if (level == 1)
		return mm_adjust_guest_l1e(e);
	e |= _PAGE_USER;
	if (level == 4)
		e |= _PAGE_ACCESSED;
	return e;
}

static bool entry_has_changed(uint64_t o, uint64_t n, uint64_t flags)
{
	return ((o ^ n) & (PADDR_MASK | (PTE_FLAG_BITS & ~flags))) != 0;
}

/* I/O memory: no references; only with privilege over the frames. */
static int get_iomem_from_l1e(unsigned long mfn, struct domain *l1e_owner,
			      struct domain *pg_owner)
{
	if (pg_owner == &dom_io)
		pg_owner = l1e_owner;
	if (mfn == INVALID_PTE_MFN)
		return -EINVAL;
	/* What the hypervisor itself drives (the local APIC) is its own. */
	if (mm_iomem_is_hypervisors(mfn)) {
		gprintk(l1e_owner, "mm: I/O frame %#lx is the hypervisor's\n",
			mfn);
		return -EPERM;
	}
	if (!pg_owner->is_privileged ||
	    (pg_owner != l1e_owner && !l1e_owner->is_privileged)) {
		gprintk(l1e_owner, "mm: no access to I/O frame %#lx\n", mfn);
		return -EPERM;
	}
	return 0;
}

int mm_get_page_from_l1e(uint64_t l1e, struct domain *l1e_owner,
			 struct domain *pg_owner)
{
	unsigned long mfn = pte_mfn(l1e);
	struct page_info *pg;
	struct domain *real;

	if (l1e & l1_disallow(l1e_owner))
		return -EINVAL;
	if (mm_mfn_is_iomem(mfn))
		return get_iomem_from_l1e(mfn, l1e_owner, pg_owner);
	pg = mfn_to_page(array_index_nospec(mfn, max_mfn));
	if (!get_page_any(pg, &real))
		return -EBUSY;		/* free, or the hypervisor's */
	if (real != pg_owner) {
		/* A privileged domain may name the real owner as FD. */
		if (pg_owner == l1e_owner || !pg_owner->is_privileged ||
		    real == NULL)
			goto fail;
		pg_owner = real;
	}
	if ((l1e & _PAGE_RW) && get_page_type(pg, PGT_writable_page))
		goto fail;
	return 0;

fail:
	put_page(pg);
	return -EBUSY;
}

void mm_put_page_from_l1e(uint64_t l1e, struct domain *l1e_owner)
{
	struct page_info *pg;

	(void)l1e_owner;
	if (!(l1e & _PAGE_PRESENT) || mm_mfn_is_iomem(pte_mfn(l1e)))
		return;
	pg = mfn_to_page(pte_mfn(l1e));
	if (l1e & _PAGE_RW)
		put_page_and_type(pg);
	else
		put_page(pg);
}

static bool inc_linear_entries(struct page_info *pg)
{
	int16_t oc = READ_ONCE(pg->linear_pt_count), nc;

	do {
		if (oc < 0 || oc == INT16_MAX)
			return false;	/* used linearly, or overflow */
		nc = oc + 1;
	} while (!__atomic_compare_exchange_n(&pg->linear_pt_count, &oc, nc,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	return true;
}

static bool inc_linear_uses(struct page_info *pg)
{
	int16_t oc = READ_ONCE(pg->linear_pt_count), nc;

	do {
		if (oc > 0 || oc == INT16_MIN)
			return false;	/* has linear entries, or overflow */
		nc = oc - 1;
	} while (!__atomic_compare_exchange_n(&pg->linear_pt_count, &oc, nc,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	return true;
}

/*
 * An Ln entry naming a table of level n: read-only, the target already
 * validated at that level and owned by d; a table naming itself takes
 * no references at all.
 */
static bool get_linear_pagetable(uint64_t e, unsigned long ptmfn,
				 unsigned int level, struct domain *d)
{
	struct page_info *ptpg = mfn_to_page(ptmfn), *pg;
	unsigned long mfn = pte_mfn(e);
	uint64_t x;

	if (e & _PAGE_RW)
		return false;
	if (mfn == ptmfn)
		return true;
	if (ptpg->owner != d || !mfn_valid(mfn))
		return false;
	pg = mfn_to_page(array_index_nospec(mfn, max_mfn));
	if (!get_page(pg, d))
		return false;
	if (!inc_linear_entries(ptpg))
		goto out_put;
	if (!inc_linear_uses(pg))
		goto out_entries;
	x = READ_ONCE(pg->type_info);
	do {
		if ((x & PGT_count_mask) == PGT_count_mask ||
		    (x & (PGT_type_mask | PGT_validated)) !=
		    (PGT_lN(level) | PGT_validated))
			goto out_uses;
	} while (!__atomic_compare_exchange_n(&pg->type_info, &x, x + 1,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	return true;

out_uses:
	__atomic_add_fetch(&pg->linear_pt_count, 1, __ATOMIC_SEQ_CST);
out_entries:
	__atomic_sub_fetch(&ptpg->linear_pt_count, 1, __ATOMIC_SEQ_CST);
out_put:
	put_page(pg);
	return false;
}

/* References for a present entry of an L2, L3 or L4 table at ptmfn. */
static int get_page_from_lne(uint64_t e, unsigned long ptmfn,
			     unsigned int level, struct domain *d)
{
	int rc;

	if (e & BASE_DISALLOW)
		return -EINVAL;		/* PSE (superpages) included */
	rc = get_page_and_type(pte_mfn(e), d, PGT_lN(level - 1));
	if (rc == -EINVAL && get_linear_pagetable(e, ptmfn, level, d))
		rc = 0;
	return rc;
}

static void put_page_from_lne(uint64_t e, unsigned long ptmfn)
{
	struct page_info *ptpg = mfn_to_page(ptmfn), *pg;

	if (!(e & _PAGE_PRESENT) || pte_mfn(e) == ptmfn)
		return;
	pg = mfn_to_page(pte_mfn(e));
	/* Same type as the containing table: a linear entry. */
	if ((pg->type_info & PGT_type_mask) ==
	    (ptpg->type_info & PGT_type_mask)) {
		__atomic_add_fetch(&pg->linear_pt_count, 1, __ATOMIC_SEQ_CST);
		__atomic_sub_fetch(&ptpg->linear_pt_count, 1,
				   __ATOMIC_SEQ_CST);
	}
	put_page_and_type(pg);
}

static int get_entry(uint64_t e, unsigned long ptmfn, unsigned int level,
		     struct domain *d, struct domain *pg_dom)
{
	if (level == 1)
		return mm_get_page_from_l1e(e, d, pg_dom);
	return get_page_from_lne(e, ptmfn, level, d);
}

static void put_entry(uint64_t e, unsigned long ptmfn, unsigned int level,
		      struct domain *d)
{
	if (level == 1)
		mm_put_page_from_l1e(e, d);
	else
		put_page_from_lne(e, ptmfn);
}

int mm_validate_table(struct page_info *pg, unsigned int level)
{
	struct domain *d = pg->owner;
	unsigned long mfn = page_to_mfn(pg);
	uint64_t *t = mfn_to_virt(mfn);
	unsigned int i;
	int rc = 0;

	for (i = 0; i < PT_ENTRIES; i++) {
		if (level == 4 && !is_guest_l4_slot(i))
			continue;
		if (!(t[i] & _PAGE_PRESENT))
			continue;
		rc = get_entry(t[i], mfn, level, d, d);
		if (rc)
			break;
		t[i] = adjust_guest_entry(t[i], level);
	}
	if (rc) {
		gprintk(d, "mm: mfn %#lx invalid as L%u: slot %u (%#lx): %d\n",
			mfn, level, i, t[i], rc);
		while (i-- > 0)
			if (level != 4 || is_guest_l4_slot(i))
				put_entry(t[i], mfn, level, d);
		return rc;
	}
	if (level == 4)
		l4_copy_hv_slots(t);
	return 0;
}

void mm_devalidate_table(struct page_info *pg, unsigned int level)
{
	unsigned long mfn = page_to_mfn(pg);
	uint64_t *t = mfn_to_virt(mfn);

	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		if (level != 4 || is_guest_l4_slot(i))
			put_entry(t[i], mfn, level, pg->owner);
}

/*
 * A descriptor page may hold only not-present descriptors or code and
 * data segments usable from the guest's ring 3; system descriptors and
 * gates are refused. (The descriptor-table work may refine this.)
 */
/*
 * Makes a guest descriptor safe, as Xen does, or refuses it. Not present:
 * kept. Code or data: DPL raised to 3 (a guest never runs in ring 0-2).
 * A 64-bit call gate: its DPL set to 0, so no guest can call through it,
 * the old DPL kept in the target selector's RPL (a gate into the
 * hypervisor's own selectors is refused). Any other system descriptor (LDT,
 * TSS, interrupt or trap gate): refused.
 */
/* A gate may lead to the guest's selectors and Xen's flat ring-3 code. */
static bool gate_target_ok(unsigned int sel)
{
	if ((sel >> 3) < 7168)
		return true;
	return (sel | 3) == 0xe033 || (sel | 3) == 0xe023;
}

bool descriptor_fixup(uint64_t *d)
{
	uint64_t x = *d;
	unsigned int dpl = (x >> 45) & 3;

	if (!(x & (1UL << 47)))			/* P */
		return true;
	if (x & (1UL << 44)) {			/* S: code or data */
		*d = x | (3UL << 45);
		return true;
	}
	if (((x >> 40) & 0xf) != 0xc)		/* not a call gate */
		return false;
	if (!gate_target_ok((x >> 16) & 0xffff))
		return false;
	x &= ~(3UL << 45);
	x = (x & ~(3UL << 16)) | ((uint64_t)dpl << 16);
	*d = x;
	return true;
}

bool descriptor_ok(uint64_t d)
{
	uint64_t copy = d;

	return descriptor_fixup(&copy) && copy == d;
}

/*
 * Validates a page becoming a descriptor page, fixing descriptors up in
 * place: no writable mapping of it exists while its type changes.
 */
int mm_validate_segdesc(struct page_info *pg)
{
	uint64_t *desc = mfn_to_virt(page_to_mfn(pg));

	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		uint64_t d = desc[i];

		if (!descriptor_fixup(&d))
			return -EINVAL;
		if (d != desc[i])
			desc[i] = d;
	}
	return 0;
}

/* Writes n over o at *p; with preserve_ad the A/D bits set meanwhile by
 * the processor survive. */
static void write_entry(uint64_t *p, uint64_t o, uint64_t n,
			bool preserve_ad)
{
	if (!preserve_ad) {
		__atomic_store_n(p, n, __ATOMIC_SEQ_CST);
		return;
	}
	while (!__atomic_compare_exchange_n(p, &o,
					    n | (o & (_PAGE_ACCESSED |
						      _PAGE_DIRTY)),
					    false, __ATOMIC_SEQ_CST,
					    __ATOMIC_SEQ_CST))
		;
}

int mm_mod_entry(struct page_info *pg, unsigned int idx, uint64_t nv,
		 bool preserve_ad, struct domain *pt_dom,
		 struct domain *pg_dom)
{
	unsigned int level = pgt_level(pg->type_info);
	unsigned long mfn = page_to_mfn(pg);
	uint64_t *p = (uint64_t *)mfn_to_virt(mfn) + idx, ov;
	uint64_t disallow = level == 1 ? l1_disallow(pt_dom) : BASE_DISALLOW;
	int rc;

	ASSERT(level && idx < PT_ENTRIES);
	if (level == 4 && !is_guest_l4_slot(idx)) {
		gprintk(pt_dom, "mm: L4 update of hypervisor slot %u\n", idx);
		return -EINVAL;
	}
	ov = READ_ONCE(*p);
	if (nv & _PAGE_PRESENT) {
		if (nv & disallow)
			return -EINVAL;
		if (!entry_has_changed(ov, nv, FASTPATH_FLAGS)) {
			write_entry(p, ov, adjust_guest_entry(nv, level),
				    preserve_ad);
			return 0;
		}
		rc = get_entry(nv, mfn, level, pt_dom, pg_dom);
		if (rc)
			return rc;
	}
	write_entry(p, ov, adjust_guest_entry(nv, level), preserve_ad);
	put_entry(ov, mfn, level, pt_dom);
	return 0;
}
