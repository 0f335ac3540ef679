/* SPDX-License-Identifier: MIT */
/*
 * The PV side of grant mappings: writing and clearing the L1 entry that
 * maps a granted frame into the mapping domain (common/grant_table.c
 * does the rest). host_addr is a virtual address, looked up in the
 * vCPU's kernel page table, or with GNTMAP_contains_pte the machine
 * address of the L1 entry itself; either way the entry must be in a
 * validated L1 table of the mapping domain.
 *
 * A grant entry is an ordinary L1 entry whose references (one on the
 * frame, and a writable type reference unless read-only) the grant code
 * took, exactly what mm_get_page_from_l1e() would have taken, and hands
 * over to the entry. So when the domain overwrites or drops it through
 * its page tables (an implicit unmap), the ordinary release balances the
 * counts, as on a release build of Xen; the grant then stays in use
 * until unmapped, and unmapping it fails because the entry no longer
 * maps the frame. Unmapping releases what the entry holds then.
 */
#include <asm/mm.h>
#include <asm/processor.h>
#include <hv/console.h>
#include <hv/domain.h>
#include <hv/grant_pv.h>
#include <hv/guest_access.h>

/* The L1 entry at host_addr, with a reference held on its table. */
static uint64_t *grant_l1e(struct vcpu *v, uint64_t addr, bool pte_ma,
			   struct page_info **table)
{
	struct domain *d = v->domain;
	unsigned long l1mfn;
	uint64_t *pl1e;

	if (pte_ma) {
		if ((addr & 7) || !mfn_valid(addr >> PAGE_SHIFT) ||
		    mm_mfn_is_iomem(addr >> PAGE_SHIFT))
			return NULL;
		l1mfn = array_index_nospec(addr >> PAGE_SHIFT, max_mfn);
		pl1e = (uint64_t *)((char *)mfn_to_virt(l1mfn) +
				    (addr & (PAGE_SIZE - 1)));
	} else {
		pl1e = mm_guest_l1e(v, addr, &l1mfn);
		if (pl1e == NULL)
			return NULL;
	}
	*table = mfn_to_page(l1mfn);
	if (!get_page(*table, d))
		return NULL;
	if (mm_table_level(*table) != 1) {
		put_page(*table);
		return NULL;
	}
	return pl1e;
}

static void grant_flush(struct domain *d, uint64_t addr, bool pte_ma)
{
	if (pte_ma)
		mm_flush_tlb_domain(d);
	else
		mm_flush_tlb_one_domain(d, addr);
}

/* The entry a grant mapping of mfn gets, as the guest's entries are. */
static uint64_t grant_pte(unsigned long mfn, unsigned int flags)
{
	uint64_t e = ((uint64_t)mfn << PAGE_SHIFT) | _PAGE_PRESENT |
		     _PAGE_ACCESSED | _PAGE_DIRTY;

	/* Never executable, where the processor can say so (as Xen). */
	if (rdmsr(MSR_EFER) & EFER_NXE)
		e |= _PAGE_NX;
	if (!(flags & GNTMAP_readonly))
		e |= _PAGE_RW;
	if (flags & GNTMAP_application_map)
		e |= _PAGE_USER;
	return mm_adjust_guest_l1e(e);
}

int pv_grant_map(struct vcpu *v, uint64_t addr, unsigned long mfn,
		 unsigned int flags)
{
	bool pte_ma = flags & GNTMAP_contains_pte;
	struct page_info *table;
	uint64_t *pl1e, ol1e;

	pl1e = grant_l1e(v, addr, pte_ma, &table);
	if (pl1e == NULL) {
		gprintk(v->domain, "gnttab: no L1 entry at %#lx to map a "
			"grant\n", addr);
		return -EINVAL;
	}
	ol1e = __atomic_exchange_n(pl1e, grant_pte(mfn, flags),
				   __ATOMIC_SEQ_CST);
	mm_put_page_from_l1e(ol1e, v->domain);
	put_page(table);
	grant_flush(v->domain, addr, pte_ma);
	return 0;
}

int pv_grant_unmap(struct vcpu *v, uint64_t addr, unsigned long mfn,
		   unsigned int flags)
{
	bool pte_ma = flags & GNTMAP_contains_pte;
	uint64_t want = grant_pte(mfn, flags), *pl1e, ol1e;
	struct page_info *table;

	pl1e = grant_l1e(v, addr, pte_ma, &table);
	if (pl1e == NULL) {
		gprintk(v->domain, "gnttab: no L1 entry at %#lx to unmap\n",
			addr);
		return -EINVAL;
	}
	ol1e = READ_ONCE(*pl1e);
	/*
	 * Cleared only if it still maps the frame as the grant did (but for
	 * accessed, dirty and the bits the guest may use), as Xen checks,
	 * and not changed meanwhile.
	 */
	if (((ol1e ^ want) & ~(_PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_AVAIL)) ||
	    !__atomic_compare_exchange_n(pl1e, &ol1e, 0, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		put_page(table);
		gprintk(v->domain, "gnttab: entry at %#lx does not map the "
			"granted frame %#lx\n", addr, mfn);
		return -EINVAL;
	}
	put_page(table);
	grant_flush(v->domain, addr, pte_ma);
	/* The entry's references go with it, whatever it became since. */
	mm_put_page_from_l1e(ol1e, v->domain);
	return 0;
}
