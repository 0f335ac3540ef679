/* SPDX-License-Identifier: MIT */
/*
 * mmuext_op (hypercall 26): pinning and unpinning page tables, the
 * kernel and user base tables, TLB and cache flushes, the LDT, and
 * clearing or copying a page. Each op is copied in and checked; a batch
 * stops at the first failure, and *done counts the ops carried out.
 */
#include <asm/mm.h>
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <public/xen.h>

#define MMU_UPDATE_PREEMPTED	(1U << 31)
#define LDT_MAX_ENTS		8192

/* A frame of pg_owner with a general reference taken, or NULL. */
static struct page_info *owned_page(struct domain *pg_owner,
				    unsigned long mfn)
{
	struct page_info *pg;

	if (!mfn_valid(mfn) || pg_owner == &dom_io)
		return NULL;
	pg = mfn_to_page(array_index_nospec(mfn, max_mfn));
	return get_page(pg, pg_owner) ? pg : NULL;
}

static int pin_table(struct domain *pg_owner, unsigned long mfn,
		     unsigned int level)
{
	struct page_info *pg = owned_page(pg_owner, mfn);
	int rc;

	if (pg == NULL)
		return -EINVAL;
	rc = get_page_type(pg, PGT_lN(level));
	if (rc) {
		put_page(pg);
		return rc;
	}
	if (__atomic_fetch_or(&pg->type_info, PGT_pinned, __ATOMIC_SEQ_CST) &
	    PGT_pinned) {
		gprintk(pg_owner, "mm: mfn %#lx already pinned\n", mfn);
		put_page_and_type(pg);
		return -EINVAL;
	}
	return 0;	/* the pin keeps both references */
}

static int unpin_table(struct domain *pg_owner, unsigned long mfn)
{
	struct page_info *pg = owned_page(pg_owner, mfn);

	if (pg == NULL)
		return -EINVAL;
	if (!(__atomic_fetch_and(&pg->type_info, ~PGT_pinned,
				 __ATOMIC_SEQ_CST) & PGT_pinned)) {
		put_page(pg);
		return -EINVAL;
	}
	put_page_and_type(pg);	/* the pin's */
	put_page(pg);		/* ours */
	return 0;
}

/* MMUEXT_NEW_BASEPTR: the new kernel L4 takes a type reference first. */
static int new_guest_table(struct vcpu *v, unsigned long mfn)
{
	unsigned long old = v->mm.guest_table;
	int rc;

	if (mfn == old) {
		mm_load_guest_table(v);
		return 0;
	}
	rc = get_page_and_type(mfn, v->domain, PGT_l4_page_table);
	if (rc)
		return rc;
	v->mm.guest_table = mfn;
	mm_load_guest_table(v);
	if (old)
		put_page_and_type(mfn_to_page(old));
	return 0;
}

static int new_user_table(struct vcpu *v, unsigned long mfn)
{
	unsigned long old = v->mm.guest_table_user;
	int rc;

	if (mfn == old)
		return 0;
	if (mfn) {
		rc = get_page_and_type(mfn, v->domain, PGT_l4_page_table);
		if (rc)
			return rc;
	}
	v->mm.guest_table_user = mfn;
	v->arch.cr3_user = (uint64_t)mfn << PAGE_SHIFT;
	if (old)
		put_page_and_type(mfn_to_page(old));
	return 0;
}

static int set_ldt(struct vcpu *v, uint64_t base, unsigned int ents)
{
	uint64_t ptr = ents ? base : 0;

	if ((ptr & (PAGE_SIZE - 1)) ||
	    !guest_range_ok(ptr, (uint64_t)ents * 8) || ents > LDT_MAX_ENTS)
		return -EINVAL;
	v->mm.ldt_base = ptr;
	v->mm.ldt_ents = ents;
	return 0;
}

/* CLEAR_PAGE and COPY_PAGE: the destination must be writable-typeable. */
static int clear_or_copy(struct domain *pg_owner, unsigned long dst,
			 const uint64_t *src_mfn)
{
	struct page_info *dpg, *spg = NULL;
	int rc = -EINVAL;

	if (src_mfn && (spg = owned_page(pg_owner, *src_mfn)) == NULL)
		return -EINVAL;
	dpg = owned_page(pg_owner, dst);
	if (dpg == NULL)
		goto out;
	if (get_page_type(dpg, PGT_writable_page) == 0) {
		if (spg)
			memcpy(mfn_to_virt(dst), mfn_to_virt(*src_mfn),
			       PAGE_SIZE);
		else
			memset(mfn_to_virt(dst), 0, PAGE_SIZE);
		put_page_type(dpg);
		rc = 0;
	}
	put_page(dpg);
out:
	if (spg)
		put_page(spg);
	return rc;
}

static int flush_op(struct domain *d, const struct mmuext_op *op)
{
	switch (op->cmd) {
	case MMUEXT_TLB_FLUSH_LOCAL:
		mm_flush_tlb_local();
		return 0;
	case MMUEXT_INVLPG_LOCAL:
		if (guest_range_ok(op->arg1.linear_addr, 1))
			mm_flush_tlb_one_local(op->arg1.linear_addr);
		return 0;
	case MMUEXT_TLB_FLUSH_MULTI:
	case MMUEXT_INVLPG_MULTI:
		if (mm_read_vcpumask(op->arg2.vcpumask.q))
			return -EINVAL;
		if (op->cmd == MMUEXT_TLB_FLUSH_MULTI)
			mm_flush_tlb_domain(d);
		else if (guest_range_ok(op->arg1.linear_addr, 1))
			mm_flush_tlb_one_domain(d, op->arg1.linear_addr);
		return 0;
	case MMUEXT_TLB_FLUSH_ALL:
		mm_flush_tlb_domain(d);
		return 0;
	default:	/* MMUEXT_INVLPG_ALL */
		if (guest_range_ok(op->arg1.linear_addr, 1))
			mm_flush_tlb_one_domain(d, op->arg1.linear_addr);
		return 0;
	}
}

/* Operations on the caller's own vCPU: FD must be the caller. */
static int self_op(struct vcpu *v, const struct mmuext_op *op)
{
	struct domain *d = v->domain;

	switch (op->cmd) {
	case MMUEXT_NEW_BASEPTR:
		return new_guest_table(v, op->arg1.mfn);
	case MMUEXT_NEW_USER_BASEPTR:
		return new_user_table(v, op->arg1.mfn);
	case MMUEXT_SET_LDT:
		return set_ldt(v, op->arg1.linear_addr, op->arg2.nr_ents);
	case MMUEXT_FLUSH_CACHE:
	case MMUEXT_FLUSH_CACHE_GLOBAL:
		if (!d->is_privileged)
			return op->cmd == MMUEXT_FLUSH_CACHE ? -EACCES :
							       -EINVAL;
		mm_flush_cache();
		return 0;
	default:
		return flush_op(d, op);
	}
}

static int mmuext_one(struct vcpu *v, struct domain *pg_owner,
		      const struct mmuext_op *op)
{
	switch (op->cmd) {
	case MMUEXT_PIN_L1_TABLE:
	case MMUEXT_PIN_L2_TABLE:
	case MMUEXT_PIN_L3_TABLE:
	case MMUEXT_PIN_L4_TABLE:
		return pin_table(pg_owner, op->arg1.mfn,
				 op->cmd - MMUEXT_PIN_L1_TABLE + 1);
	case MMUEXT_UNPIN_TABLE:
		return unpin_table(pg_owner, op->arg1.mfn);
	case MMUEXT_NEW_BASEPTR:
	case MMUEXT_NEW_USER_BASEPTR:
	case MMUEXT_SET_LDT:
	case MMUEXT_FLUSH_CACHE:
	case MMUEXT_FLUSH_CACHE_GLOBAL:
	case MMUEXT_TLB_FLUSH_LOCAL:
	case MMUEXT_INVLPG_LOCAL:
	case MMUEXT_TLB_FLUSH_MULTI:
	case MMUEXT_INVLPG_MULTI:
	case MMUEXT_TLB_FLUSH_ALL:
	case MMUEXT_INVLPG_ALL:
		return pg_owner == v->domain ? self_op(v, op) : -EPERM;
	case MMUEXT_CLEAR_PAGE:
		return clear_or_copy(pg_owner, op->arg1.mfn, NULL);
	case MMUEXT_COPY_PAGE:
		return clear_or_copy(pg_owner, op->arg1.mfn,
				     &op->arg2.src_mfn);
	case MMUEXT_MARK_SUPER:
	case MMUEXT_UNMARK_SUPER:
		return -EOPNOTSUPP;
	default:
		return -ENOSYS;
	}
}

long do_mmuext_op(uint64_t uops, unsigned int count, uint64_t pdone,
		  unsigned int foreigndom)
{
	struct vcpu *v = current_vcpu();
	struct domain *pg_owner;
	struct mmuext_op op;
	unsigned int i, done = 0;
	long rc = 0;

	if (count == MMU_UPDATE_PREEMPTED && uops == 0)
		return (int)foreigndom;
	if (count & MMU_UPDATE_PREEMPTED) {
		count &= ~MMU_UPDATE_PREEMPTED;
		if (pdone && copy_from_guest(&done, pdone, sizeof(done)))
			done = 0;
	}
	if (!guest_range_ok(uops, (uint64_t)count * sizeof(op)))
		return -EFAULT;
	pg_owner = mm_get_pg_owner(v->domain, foreigndom & 0xffff);
	if (pg_owner == NULL)
		return -ESRCH;
	if (pg_owner == &dom_io || !mm_may_target(v->domain, pg_owner))
		return pg_owner == &dom_io ? -EINVAL : -EPERM;
	for (i = 0; i < count; i++) {
		if (copy_from_guest(&op, uops + (uint64_t)i * sizeof(op),
				    sizeof(op))) {
			rc = -EFAULT;
			break;
		}
		rc = mmuext_one(v, pg_owner, &op);
		if (rc)
			break;
	}
	if (pdone) {
		done += i;
		if (copy_to_guest(pdone, &done, sizeof(done))) {
			/* As on Xen, a bad pdone is not reported. */
		}
	}
	return rc;
}
