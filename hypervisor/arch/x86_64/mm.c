/* SPDX-License-Identifier: MIT */
/*
 * Frame ownership, general and type reference counts, and a domain's
 * list of frames (the model is described in asm/mm.h). Counts change by
 * compare-and-exchange; nothing here trusts a guest value that has not
 * been range-checked by the caller.
 */
#include <asm/mm.h>
#include <hv/bug.h>
#include <hv/console.h>
#include <hv/errno.h>
#include <public/xen.h>

struct domain dom_io = { .domain_id = DOMID_IO };

static const struct e820_entry *machine_map;
static unsigned int machine_map_nr;

static bool cmpxchg_u64(uint64_t *p, uint64_t old, uint64_t new)
{
	return __atomic_compare_exchange_n(p, &old, new, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

void mm_set_machine_map(const struct e820_entry *map, unsigned int nr)
{
	machine_map = map;
	machine_map_nr = nr;
}

const struct e820_entry *mm_machine_map(unsigned int *nr)
{
	*nr = machine_map_nr;
	return machine_map;
}

/*
 * I/O memory: whatever is not RAM, and, as on Xen (where dom_io owns it),
 * the frames of the first MiB (BIOS and real-mode structures) that no
 * domain owns.
 */
static unsigned long low_iomem_frames;	/* [I] 256 (1 MiB) once booted */

void mm_set_low_iomem(unsigned long frames)
{
	low_iomem_frames = frames;
}

bool mm_mfn_is_iomem(unsigned long mfn)
{
	uint64_t ma = (uint64_t)mfn << PAGE_SHIFT;

	if (!mfn_valid(mfn))
		return true;
	if (mfn < low_iomem_frames && mfn_to_page(mfn)->owner == NULL)
		return true;
	for (unsigned int i = 0; i < machine_map_nr; i++) {
		const struct e820_entry *e = &machine_map[i];

		if (e->type == E820_RAM && ma >= e->addr &&
		    ma - e->addr < e->size)
			return false;
	}
	return true;
}

static unsigned long lapic_mfn = ~0UL;

void mm_set_hypervisor_iomem(unsigned long lapic)
{
	lapic_mfn = lapic;
}

bool mm_iomem_is_hypervisors(unsigned long mfn)
{
	return mfn == lapic_mfn;
}

bool get_page_any(struct page_info *pg, struct domain **owner)
{
	uint64_t x = READ_ONCE(pg->count_info);

	do {
		/* Not allocated, or the count would overflow. */
		if ((x & PGC_count_mask) == 0 ||
		    (x & PGC_count_mask) >= PGC_count_mask - 1) {
			*owner = NULL;
			return false;
		}
	} while (!__atomic_compare_exchange_n(&pg->count_info, &x, x + 1,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	*owner = pg->owner;
	return true;
}

bool get_page(struct page_info *pg, const struct domain *d)
{
	struct domain *owner;

	if (!get_page_any(pg, &owner))
		return false;
	if (owner == d)
		return true;
	put_page(pg);
	return false;
}

static void page_list_del(struct domain *d, struct page_info *pg)
{
	ASSERT(spin_is_locked(&d->mm.page_alloc_lock));
	if (pg->prev != PAGE_NONE)
		frame_table[pg->prev].next = pg->next;
	else
		d->mm.page_head = pg->next;
	if (pg->next != PAGE_NONE)
		frame_table[pg->next].prev = pg->prev;
	else
		d->mm.page_tail = pg->prev;
}

static void page_list_add(struct domain *d, struct page_info *pg)
{
	unsigned long mfn = page_to_mfn(pg);

	ASSERT(spin_is_locked(&d->mm.page_alloc_lock));
	pg->next = PAGE_NONE;
	pg->prev = d->mm.page_tail;
	if (d->mm.page_tail != PAGE_NONE)
		frame_table[d->mm.page_tail].next = mfn;
	else
		d->mm.page_head = mfn;
	d->mm.page_tail = mfn;
}

/* The last reference is gone: the frame leaves its owner for the heap. */
static void free_domheap_page(struct page_info *pg)
{
	struct domain *d = pg->owner;
	unsigned long mfn = page_to_mfn(pg), flags;

	ASSERT((pg->type_info & PGT_count_mask) == 0);
	if (d) {
		flags = spin_lock_irqsave(&d->mm.page_alloc_lock);
		page_list_del(d, pg);
		if (pg->count_info & PGC_xen_heap)
			d->mm.xenheap_pages--;
		else
			d->tot_pages--;
		spin_unlock_irqrestore(&d->mm.page_alloc_lock, flags);
	}
	pg->owner = NULL;
	pg->count_info = 0;
	pg->type_info = 0;
	pg->linear_pt_count = 0;
	m2p_set(mfn, INVALID_M2P_ENTRY);
	free_pages(mfn, 0);
}

void put_page(struct page_info *pg)
{
	uint64_t x = READ_ONCE(pg->count_info), nx;

	do {
		ASSERT((x & PGC_count_mask) != 0);
		nx = x - 1;
	} while (!__atomic_compare_exchange_n(&pg->count_info, &x, nx, false,
					      __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	if ((nx & PGC_count_mask) == 0)
		free_domheap_page(pg);
}

static int validate_page(struct page_info *pg, unsigned long type)
{
	if (pgt_level(type))
		return mm_validate_table(pg, pgt_level(type));
	if ((type & PGT_type_mask) == PGT_seg_desc_page)
		return mm_validate_segdesc(pg);
	return 0;
}

/*
 * The new type reference when the count is zero: a different type takes
 * over (after a TLB flush, so that no stale writable translation of a
 * future page table survives); page-table and descriptor types must be
 * validated again, the others are valid as they are.
 */
static uint64_t first_type_ref(struct page_info *pg, uint64_t x,
			       unsigned long type)
{
	uint64_t nx = x + 1;

	if ((x & PGT_type_mask) != type) {
		if ((x & PGT_type_mask) == PGT_writable_page)
			mm_flush_tlb_domain(pg->owner);
		nx &= ~(PGT_type_mask | PGT_validated);
		nx |= type;
		if (type == PGT_writable_page || type == PGT_shared_page ||
		    type == PGT_none)
			nx |= PGT_validated;
	}
	return nx;
}

int get_page_type(struct page_info *pg, unsigned long type)
{
	uint64_t x = READ_ONCE(pg->type_info), nx;
	int rc;

	do {
		nx = x + 1;
		if ((nx & PGT_count_mask) == 0)
			return -EINVAL;		/* count overflow */
		if ((x & PGT_count_mask) == 0)
			nx = first_type_ref(pg, x, type);
		else if ((x & PGT_type_mask) != type)
			return -EINVAL;		/* in use as another type */
		else if (!(x & PGT_validated))
			return -EINVAL;		/* being (de)validated */
	} while (!cmpxchg_u64(&pg->type_info, x, nx));

	if (nx & PGT_validated)
		return 0;
	rc = validate_page(pg, type);
	if (rc) {
		/* Nothing of ours is left in the page: back to untyped. */
		WRITE_ONCE(pg->type_info, 0);
		return rc;
	}
	__atomic_or_fetch(&pg->type_info, PGT_validated, __ATOMIC_SEQ_CST);
	return 0;
}

void put_page_type(struct page_info *pg)
{
	uint64_t x = READ_ONCE(pg->type_info), nx;

	for (;;) {
		ASSERT((x & PGT_count_mask) != 0);
		nx = x - 1;
		if ((nx & PGT_count_mask) == 0 && pgt_level(x) &&
		    (x & PGT_validated)) {
			/* Last reference of a table: release its entries,
			 * with the page marked invalid meanwhile. */
			if (!cmpxchg_u64(&pg->type_info, x,
					 x & ~PGT_validated)) {
				x = READ_ONCE(pg->type_info);
				continue;
			}
			mm_devalidate_table(pg, pgt_level(x));
			pg->linear_pt_count = 0;
			__atomic_sub_fetch(&pg->type_info, 1, __ATOMIC_SEQ_CST);
			return;
		}
		if (cmpxchg_u64(&pg->type_info, x, nx))
			return;
		x = READ_ONCE(pg->type_info);
	}
}

int get_page_and_type(unsigned long mfn, struct domain *d,
		      unsigned long type)
{
	struct page_info *pg;
	int rc;

	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(array_index_nospec(mfn, max_mfn));
	if (!get_page(pg, d))
		return -EINVAL;
	rc = get_page_type(pg, type);
	if (rc)
		put_page(pg);
	return rc;
}

void put_page_and_type(struct page_info *pg)
{
	put_page_type(pg);
	put_page(pg);
}

void assign_pages(struct domain *d, unsigned long mfn, unsigned long n)
{
	unsigned long flags = spin_lock_irqsave(&d->mm.page_alloc_lock);

	for (unsigned long i = 0; i < n; i++) {
		struct page_info *pg = mfn_to_page(mfn + i);

		pg->owner = d;
		pg->type_info = 0;
		pg->linear_pt_count = 0;
		pg->count_info = PGC_allocated | 1;
		page_list_add(d, pg);
		m2p_set(mfn + i, INVALID_M2P_ENTRY);
	}
	d->tot_pages += n;
	spin_unlock_irqrestore(&d->mm.page_alloc_lock, flags);
}

unsigned long alloc_domheap_pages(struct domain *d, unsigned int order,
				  unsigned int bits)
{
	unsigned long n = 1UL << order, mfn;

	if (order > MAX_ORDER || d->mm.is_dying ||
	    d->tot_pages + n > d->max_pages)
		return PAGE_NONE;
	mfn = alloc_pages(order);
	if (mfn == PAGE_NONE)
		return PAGE_NONE;
	if (bits && bits < 64 &&
	    ((mfn + n) << PAGE_SHIFT) > (1UL << bits)) {
		free_pages(mfn, order);
		return PAGE_NONE;
	}
	for (unsigned long i = 0; i < n; i++)
		memset(mfn_to_virt(mfn + i), 0, PAGE_SIZE);
	assign_pages(d, mfn, n);
	return mfn;
}

void share_xen_page_with_guest(struct domain *d, unsigned long mfn)
{
	struct page_info *pg = mfn_to_page(mfn);
	unsigned long flags = spin_lock_irqsave(&d->mm.page_alloc_lock);

	pg->owner = d;
	pg->type_info = PGT_writable_page | PGT_validated | 1;
	pg->count_info = PGC_allocated | PGC_xen_heap | 1;
	page_list_add(d, pg);
	d->mm.xenheap_pages++;
	spin_unlock_irqrestore(&d->mm.page_alloc_lock, flags);
	m2p_set(mfn, INVALID_M2P_ENTRY);
}

void *mm_get_guest_frame(struct domain *d, uint64_t mfn)
{
	if (mfn >= max_mfn || mm_mfn_is_iomem(mfn) ||
	    get_page_and_type(mfn, d, PGT_writable_page))
		return NULL;
	return mfn_to_virt(array_index_nospec(mfn, max_mfn));
}

void mm_put_guest_frame(unsigned long mfn)
{
	put_page_and_type(mfn_to_page(mfn));
}

int guest_remove_page(struct domain *d, unsigned long mfn)
{
	struct page_info *pg;

	if (!mfn_valid(mfn) || mm_mfn_is_iomem(mfn))
		return -EINVAL;
	pg = mfn_to_page(array_index_nospec(mfn, max_mfn));
	if (!get_page(pg, d))
		return -ENXIO;
	if ((pg->count_info & PGC_xen_heap) ||
	    !(__atomic_fetch_and(&pg->count_info, ~PGC_allocated,
				 __ATOMIC_SEQ_CST) & PGC_allocated)) {
		put_page(pg);
		return -ENXIO;
	}
	put_page(pg);		/* the owner's reference */
	put_page(pg);		/* ours; frees it unless still in use */
	return 0;
}

/*
 * Applies fn to every frame d owns, holding a reference on the frame
 * meanwhile so that fn may free others but not the one at hand.
 */
static void for_each_domain_page(struct domain *d,
				 void (*fn)(struct page_info *pg))
{
	uint32_t mfn = d->mm.page_head;

	while (mfn != PAGE_NONE) {
		struct page_info *pg = mfn_to_page(mfn);
		struct domain *owner;

		if (!get_page_any(pg, &owner)) {	/* cannot happen */
			mfn = pg->next;
			continue;
		}
		fn(pg);
		mfn = pg->next;
		put_page(pg);
	}
}

static void relinquish_pin(struct page_info *pg)
{
	if (__atomic_fetch_and(&pg->type_info, ~PGT_pinned,
			       __ATOMIC_SEQ_CST) & PGT_pinned)
		put_page_and_type(pg);
}

/* Breaks reference cycles (linear tables): release a still-valid table's
 * entries now; the type references held on it then drop to nothing. */
static void relinquish_table(struct page_info *pg)
{
	uint64_t x = READ_ONCE(pg->type_info);

	if (!pgt_level(x) || !(x & PGT_validated) ||
	    !cmpxchg_u64(&pg->type_info, x, x & ~PGT_validated))
		return;
	mm_devalidate_table(pg, pgt_level(x));
	pg->linear_pt_count = 0;
}

static void relinquish_alloc(struct page_info *pg)
{
	if (pg->count_info & PGC_xen_heap) {
		if ((pg->type_info & PGT_count_mask) != 0)
			put_page_type(pg);
	}
	if (__atomic_fetch_and(&pg->count_info, ~PGC_allocated,
			       __ATOMIC_SEQ_CST) & PGC_allocated)
		put_page(pg);
}

/* A vCPU's base tables and its registered vcpu_info frame. */
static void vcpu_release_tables(struct vcpu *v)
{
	unsigned long mfn = v->mm.guest_table;

	v->mm.guest_table = 0;
	if (mfn)
		put_page_and_type(mfn_to_page(mfn));
	mfn = v->mm.guest_table_user;
	v->mm.guest_table_user = 0;
	if (mfn)
		put_page_and_type(mfn_to_page(mfn));
	if (__atomic_exchange_n(&v->vcpu_info, NULL, __ATOMIC_SEQ_CST))
		mm_put_guest_frame(v->vcpu_info_mfn);
}

void domain_relinquish_memory(struct domain *d)
{
	d->mm.is_dying = true;
	if (d->vcpu0)
		vcpu_release_tables(d->vcpu0);
	/* vcpus[0] is vcpu0 again: releasing is idempotent. */
	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpus[i])
			vcpu_release_tables(d->vcpus[i]);
	for_each_domain_page(d, relinquish_pin);
	/* Top-down, so that each level's type references fall away. */
	for (unsigned int level = 4; level >= 1; level--) {
		uint32_t mfn = d->mm.page_head;

		while (mfn != PAGE_NONE) {
			struct page_info *pg = mfn_to_page(mfn);

			if (pgt_level(pg->type_info) == level)
				relinquish_table(pg);
			mfn = pg->next;
		}
	}
	for_each_domain_page(d, relinquish_alloc);
}
