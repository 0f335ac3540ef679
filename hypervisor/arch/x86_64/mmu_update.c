/* SPDX-License-Identifier: MIT */
/*
 * mmu_update (hypercall 1) and update_va_mapping (14, 22): checked
 * writes of page-table entries and M2P entries. Requests are copied in
 * one at a time and validated by mm_validate.c; a batch stops at the
 * first failure, and *done says how many requests were carried out.
 * There are no continuations yet: a batch runs to its end in one call.
 */
#include <asm/mm.h>
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <public/xen.h>

#define MMU_UPDATE_PREEMPTED	(1U << 31)

bool mm_may_target(const struct domain *d, const struct domain *t)
{
	return d == t || d->is_privileged;
}

struct domain *mm_get_pg_owner(struct domain *curr, unsigned int domid)
{
	if (domid == DOMID_SELF)
		return curr;
	if (domid == curr->domain_id) {
		gprintk(curr, "mm: cannot name itself as foreign domain\n");
		return NULL;
	}
	if (domid == DOMID_IO)
		return &dom_io;
	return domain_lookup(domid);
}

uint64_t *mm_guest_l1e(const struct vcpu *v, uint64_t va,
		       unsigned long *l1mfn)
{
	unsigned long mfn = v->mm.guest_table;
	static const unsigned int shift[] = { L4_SHIFT, L3_SHIFT, L2_SHIFT };

	if (mfn == 0 || !guest_range_ok(va, 1))
		return NULL;
	for (unsigned int i = 0; i < ARRAY_SIZE(shift); i++) {
		uint64_t e = ((uint64_t *)mfn_to_virt(mfn))
			     [pt_index(va, shift[i])];

		if ((e & (_PAGE_PRESENT | _PAGE_PSE)) != _PAGE_PRESENT ||
		    !mfn_valid(pte_mfn(e)) || mm_mfn_is_iomem(pte_mfn(e)))
			return NULL;
		mfn = pte_mfn(e);
	}
	*l1mfn = mfn;
	return (uint64_t *)mfn_to_virt(mfn) + pt_index(va, L1_SHIFT);
}

int mm_table_level(const struct page_info *pg)
{
	uint64_t x = READ_ONCE(pg->type_info);

	if (!(x & PGT_validated) || (x & PGT_count_mask) == 0)
		return -1;
	return (int)pgt_level(x);
}

static void write_plain(struct page_info *pg, unsigned long off, uint64_t v)
{
	uint64_t *p = (uint64_t *)mfn_to_virt(page_to_mfn(pg)) + off / 8;

	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

static int normal_update(struct domain *d, struct domain *pt_owner,
			 struct domain *pg_owner, const struct mmu_update *req,
			 unsigned int cmd)
{
	unsigned long mfn = req->ptr >> PAGE_SHIFT;
	unsigned long off = req->ptr & (PAGE_SIZE - 8);
	struct page_info *pg;
	int level, rc = -EINVAL;

	if (!mm_may_target(d, pt_owner) ||
	    (pg_owner != &dom_io && !mm_may_target(d, pg_owner)))
		return -EPERM;
	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(array_index_nospec(mfn, max_mfn));
	if (!get_page(pg, pt_owner))
		return -EINVAL;
	level = mm_table_level(pg);
	if (level == 1) {
		rc = mm_mod_entry(pg, off / 8, req->val,
				  cmd == MMU_PT_UPDATE_PRESERVE_AD, pt_owner,
				  pg_owner);
	} else if (level > 1) {
		if (pg_owner == pt_owner)
			rc = mm_mod_entry(pg, off / 8, req->val,
					  cmd == MMU_PT_UPDATE_PRESERVE_AD,
					  pt_owner, pt_owner);
	} else if (level == 0) {
		if ((pg->type_info & PGT_type_mask) == PGT_writable_page) {
			write_plain(pg, off, req->val);
			rc = 0;
		}
	} else if (get_page_type(pg, PGT_writable_page) == 0) {
		write_plain(pg, off, req->val);
		put_page_type(pg);
		rc = 0;
	}
	put_page(pg);
	return rc;
}

static int machphys_update(struct domain *d, struct domain *pt_owner,
			   struct domain *pg_owner,
			   const struct mmu_update *req)
{
	unsigned long mfn = req->ptr >> PAGE_SHIFT;
	struct page_info *pg;

	if (d != pt_owner)
		return -EPERM;
	if (pg_owner != &dom_io && !mm_may_target(d, pg_owner))
		return -EPERM;
	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(array_index_nospec(mfn, max_mfn));
	if (!get_page(pg, pg_owner)) {
		gprintk(d, "mm: M2P update of mfn %#lx not owned\n", mfn);
		return -EINVAL;
	}
	m2p_set(mfn, req->val);
	put_page(pg);
	return 0;
}

static int mmu_update_one(struct domain *d, struct domain *pt_owner,
			  struct domain *pg_owner, uint64_t ureq)
{
	struct mmu_update req;
	unsigned int cmd;

	if (copy_from_guest(&req, ureq, sizeof(req)))
		return -EFAULT;
	cmd = req.ptr & 7;
	switch (cmd) {
	case MMU_NORMAL_PT_UPDATE:
	case MMU_PT_UPDATE_PRESERVE_AD:
	case MMU_PT_UPDATE_NO_TRANSLATE:
		return normal_update(d, pt_owner, pg_owner, &req, cmd);
	case MMU_MACHPHYS_UPDATE:
		return machphys_update(d, pt_owner, pg_owner, &req);
	default:
		return -ENOSYS;
	}
}

long do_mmu_update(uint64_t ureqs, unsigned int count, uint64_t pdone,
		   unsigned int foreigndom)
{
	struct domain *d = current_vcpu()->domain, *pt_owner = d, *pg_owner;
	unsigned int i = 0, done = 0, pt_dom = foreigndom >> 16;
	long rc = 0;

	if (count == MMU_UPDATE_PREEMPTED && ureqs == 0)
		return (int)foreigndom;
	if (count & MMU_UPDATE_PREEMPTED) {
		count &= ~MMU_UPDATE_PREEMPTED;
		if (pdone && copy_from_guest(&done, pdone, sizeof(done)))
			done = 0;
	}
	if (!guest_range_ok(ureqs, (uint64_t)count * sizeof(struct mmu_update)))
		return -EFAULT;
	if (pt_dom) {
		pt_owner = domain_lookup(pt_dom - 1);
		if (pt_owner == NULL)
			return -ESRCH;
		if (pt_owner->vcpu0 == NULL) {
			rc = -EINVAL;
			goto out;
		}
	}
	pg_owner = mm_get_pg_owner(d, foreigndom & 0xffff);
	if (pg_owner == NULL) {
		rc = -ESRCH;
		goto out;
	}
	for (i = 0; i < count; i++) {
		rc = mmu_update_one(d, pt_owner, pg_owner,
				    ureqs + (uint64_t)i *
				    sizeof(struct mmu_update));
		if (rc)
			break;
	}
out:
	if (pdone) {
		done += i;
		if (copy_to_guest(pdone, &done, sizeof(done))) {
			/* As on Xen, a bad pdone is not reported. */
		}
	}
	return rc;
}

/* The vCPU bitmap of a *_MULTI flush: read (one vCPU per domain so far)
 * only to check it is readable. */
int mm_read_vcpumask(uint64_t bmap)
{
	uint64_t word;

	return copy_from_guest(&word, bmap, sizeof(word)) ? -EFAULT : 0;
}

static int uvm_flush(struct domain *d, uint64_t va, uint64_t flags)
{
	uint64_t scope = flags & ~UVMF_FLUSHTYPE_MASK;
	int rc = 0;

	switch (flags & UVMF_FLUSHTYPE_MASK) {
	case UVMF_TLB_FLUSH:
		if (scope == UVMF_LOCAL)
			mm_flush_tlb_local();
		else if (scope == UVMF_ALL || !(rc = mm_read_vcpumask(scope)))
			mm_flush_tlb_domain(d);
		break;
	case UVMF_INVLPG:
		if (scope == UVMF_LOCAL)
			mm_flush_tlb_one_local(va);
		else if (scope == UVMF_ALL || !(rc = mm_read_vcpumask(scope)))
			mm_flush_tlb_one_domain(d, va);
		break;
	}
	return rc;
}

static long update_va_mapping(uint64_t va, uint64_t val, uint64_t flags,
			      struct domain *pg_owner)
{
	struct vcpu *v = current_vcpu();
	struct domain *d = v->domain;
	struct page_info *pg;
	unsigned long l1mfn;
	uint64_t *pl1e;
	int rc;

	if ((val & _PAGE_PRESENT) && !mm_may_target(d, pg_owner))
		return -EPERM;
	pl1e = mm_guest_l1e(v, va, &l1mfn);
	if (pl1e == NULL)
		return -EINVAL;
	pg = mfn_to_page(l1mfn);
	if (!get_page(pg, d))
		return -EINVAL;
	if (mm_table_level(pg) != 1) {
		put_page(pg);
		return -EINVAL;
	}
	rc = mm_mod_entry(pg, pt_index(va, L1_SHIFT), val, false, d,
			  pg_owner);
	put_page(pg);
	if (rc)
		return rc;	/* nothing changed: no flush */
	return uvm_flush(d, va, flags);
}

long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags)
{
	return update_va_mapping(va, val, flags, current_vcpu()->domain);
}

long do_update_va_mapping_otherdomain(uint64_t va, uint64_t val,
				      uint64_t flags, unsigned int domid)
{
	struct domain *pg_owner = mm_get_pg_owner(current_vcpu()->domain,
						  domid & 0xffff);

	if (pg_owner == NULL)
		return -ESRCH;
	return update_va_mapping(va, val, flags, pg_owner);
}
