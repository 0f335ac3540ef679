/* SPDX-License-Identifier: MIT */
/*
 * Grant tables v1 (grant_table_op, hypercall 20): the tables, their
 * setup_table and query_size, the pins every use of an entry takes, and
 * the dispatch to copy (grant_copy.c) and map/unmap (grant_map.c).
 * transfer, dump_table and the version-2 calls answer -ENOSYS.
 *
 * A domain's shared entries live in hypervisor pages it owns as
 * PGC_xen_heap frames (like shared_info), so it maps them read-write
 * with mmu_update; setup_table adds frames up to GNTTAB_MAX_FRAMES. The
 * entries are guest memory: every read of one is a snapshot, and the
 * flags word changes only by compare-and-exchange, as the granter may
 * rewrite it at any moment.
 *
 * Using an entry (a copy, a mapping) pins it: the first pin checks
 * that it permits access to the user and sets GTF_reading (and
 * GTF_writing for a writable use) in the shared flags, which tells the
 * granter it may not revoke the entry; the frame is read then and kept
 * in the active entry, so the granter cannot redirect a pinned grant.
 * The last unpin clears the flags. Each use also holds a reference (and
 * for writing a writable type reference) on the frame itself, so the
 * granter cannot free it or make it a page table meanwhile.
 *
 * Locking: one lock per table, never two at once (a copy pins source
 * and destination one after the other). Batches run to their end in one
 * call, as mmu_update's do: there are no continuations yet.
 */
#include <asm/mm.h>
#include <hv/bug.h>
#include <hv/console.h>
#include <hv/domain.h>
#include <hv/errno.h>
#include <hv/grant_table.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/mm.h>
#include <hv/page_alloc.h>

#include "grant_int.h"

BUILD_BUG_ON(sizeof(struct grant_entry_v1) != 8);
BUILD_BUG_ON(sizeof(struct gnttab_setup_table) != 24);
BUILD_BUG_ON(sizeof(struct gnttab_copy) != 40);
BUILD_BUG_ON(sizeof(struct gnttab_query_size) != 16);

#define ACTIVE_ORDER	1	/* pages for one frame's active entries */
BUILD_BUG_ON(GNTTAB_PER_FRAME * sizeof(struct active_grant) >
	     (PAGE_SIZE << ACTIVE_ORDER));

struct domain *gnttab_op_domain(struct domain *curr, domid_t domid)
{
	return domid == DOMID_SELF ? curr : domain_lookup(domid);
}

/*
 * The domain whose table an op sizes, in *d: only the domain itself or
 * a privileged one may. GNTST_okay, bad_domain or permission_denied.
 */
static int16_t managed_domain(struct domain *curr, domid_t domid,
			      struct domain **d)
{
	*d = gnttab_op_domain(curr, domid);
	if (*d == NULL)
		return GNTST_bad_domain;
	return curr == *d || curr->is_privileged ? GNTST_okay :
						   GNTST_permission_denied;
}

/* Adds frames to d's table until it has n. [lock] */
static bool grow(struct domain *d, unsigned int n)
{
	struct grant_table *gt = &d->gnttab;

	ASSERT(spin_is_locked(&gt->lock));
	while (gt->nr_frames < n) {
		unsigned int i = gt->nr_frames;
		unsigned long mfn = alloc_pages(0), act;

		if (mfn == PAGE_NONE)
			return false;
		act = alloc_pages(ACTIVE_ORDER);
		if (act == PAGE_NONE) {
			free_pages(mfn, 0);
			return false;
		}
		memset(mfn_to_virt(mfn), 0, PAGE_SIZE);
		memset(mfn_to_virt(act), 0, PAGE_SIZE << ACTIVE_ORDER);
		share_xen_page_with_guest(d, mfn);
		gt->frame[i] = mfn;
		gt->active[i] = mfn_to_virt(act);
		gt->nr_frames = i + 1;
	}
	return true;
}

static void setup_table(struct domain *curr, union gnttab_op *u_op)
{
	struct gnttab_setup_table *op = &u_op->setup;
	struct grant_table *gt;
	unsigned long flags;
	struct domain *d;

	op->status = managed_domain(curr, op->dom, &d);
	if (op->status != GNTST_okay)
		return;
	if (op->nr_frames > GNTTAB_MAX_FRAMES) {
		gprintk(curr, "gnttab: %u frames asked for d%u, limit %u\n",
			op->nr_frames, d->domain_id, GNTTAB_MAX_FRAMES);
		op->status = GNTST_general_error;
		return;
	}
	gt = &d->gnttab;
	flags = spin_lock_irqsave(&gt->lock);
	if (!grow(d, op->nr_frames)) {
		spin_unlock_irqrestore(&gt->lock, flags);
		gprintk(curr, "gnttab: no memory to grow d%u's table to %u "
			"frames\n", d->domain_id, op->nr_frames);
		op->status = GNTST_general_error;
		return;
	}
	spin_unlock_irqrestore(&gt->lock, flags);
	/* Frames are never taken away: the list stays right unlocked. */
	for (unsigned int i = 0; i < op->nr_frames; i++) {
		uint64_t mfn = gt->frame[i];

		if (copy_to_guest(op->frame_list.q + i * sizeof(mfn), &mfn,
				  sizeof(mfn))) {
			op->status = GNTST_bad_virt_addr;
			return;
		}
	}
}

static void query_size(struct domain *curr, union gnttab_op *u_op)
{
	struct gnttab_query_size *op = &u_op->query;
	struct domain *d;

	op->status = managed_domain(curr, op->dom, &d);
	if (op->status != GNTST_okay)
		return;
	op->nr_frames = READ_ONCE(d->gnttab.nr_frames);
	op->max_nr_frames = GNTTAB_MAX_FRAMES;
}

static struct grant_entry_v1 *shared_entry(struct grant_table *gt,
					   grant_ref_t ref)
{
	struct grant_entry_v1 *frame = mfn_to_virt(gt->frame[ref /
							    GNTTAB_PER_FRAME]);

	return &frame[ref % GNTTAB_PER_FRAME];
}

static struct active_grant *active_entry(struct grant_table *gt,
					 grant_ref_t ref)
{
	return &gt->active[ref / GNTTAB_PER_FRAME][ref % GNTTAB_PER_FRAME];
}

/*
 * Sets GTF_reading (and GTF_writing) in the shared entry if it grants
 * user access of that kind; GNTST_general_error if it does not, or if
 * the granter keeps rewriting it. A mapping also refuses GTF_sub_page
 * (a version-2 flag: a part of a page cannot be mapped), as Xen. An
 * entry already pinned (for reading, now to write) was checked then:
 * as on Xen only GTF_readonly counts now. [lock]
 */
static int16_t mark_in_use(struct grant_entry_v1 *e, domid_t user,
			   bool writable, bool map, bool pinned)
{
	uint16_t mask = GTF_type_mask | (map ? GTF_sub_page : 0);
	/* flags and domid are one 32-bit word: compared and set together. */
	uint32_t *word = (uint32_t *)e;

	for (unsigned int tries = 0; tries < 4; tries++) {
		uint32_t old = READ_ONCE(*word), new;
		uint16_t fl = (uint16_t)old;

		if (!pinned && ((fl & mask) != GTF_permit_access ||
				(domid_t)(old >> 16) != user))
			return GNTST_general_error;
		if (writable && (fl & GTF_readonly))
			return GNTST_general_error;
		new = old | GTF_reading | (writable ? GTF_writing : 0);
		if (__atomic_compare_exchange_n(word, &old, new, false,
						__ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return GNTST_okay;
	}
	return GNTST_general_error;
}

/* Drops one pin of the entry, clearing the shared flags it set. [lock] */
static void unpin(struct grant_table *gt, grant_ref_t ref, bool writable)
{
	struct active_grant *act = active_entry(gt, ref);
	uint16_t *flags = &shared_entry(gt, ref)->flags;

	if (writable && --act->writers == 0)
		__atomic_fetch_and(flags, (uint16_t)~GTF_writing,
				   __ATOMIC_SEQ_CST);
	if (!writable)
		act->readers--;
	if (act->readers == 0 && act->writers == 0)
		__atomic_fetch_and(flags, (uint16_t)~GTF_reading,
				   __ATOMIC_SEQ_CST);
}

int16_t gnttab_frame_get(unsigned long mfn, const struct domain *owner,
			 bool writable)
{
	struct page_info *pg;

	if (!mfn_valid(mfn) || mm_mfn_is_iomem(mfn))
		return GNTST_bad_page;
	pg = mfn_to_page(array_index_nospec(mfn, max_mfn));
	if (!get_page(pg, owner))
		return GNTST_bad_page;
	if (writable && get_page_type(pg, PGT_writable_page)) {
		put_page(pg);
		return GNTST_general_error;
	}
	return GNTST_okay;
}

void gnttab_frame_put(unsigned long mfn, bool writable)
{
	if (writable)
		put_page_and_type(mfn_to_page(mfn));
	else
		put_page(mfn_to_page(mfn));
}

int16_t gnttab_acquire(struct domain *user, struct grant_use *u)
{
	struct grant_table *gt = &u->granter->gnttab;
	unsigned long flags = spin_lock_irqsave(&gt->lock);
	struct active_grant *act;
	int16_t rc;

	if (u->ref >= gt->nr_frames * GNTTAB_PER_FRAME) {
		rc = GNTST_bad_gntref;
		goto out;
	}
	u->ref = array_index_nospec(u->ref, gt->nr_frames * GNTTAB_PER_FRAME);
	act = active_entry(gt, u->ref);
	if (act->readers == UINT16_MAX || act->writers == UINT16_MAX) {
		rc = GNTST_general_error;
		goto out;
	}
	if (act->readers + act->writers && act->domid != user->domain_id) {
		rc = GNTST_general_error;
		goto out;
	}
	/* The first use, or the first that writes, marks the entry. */
	if (act->readers + act->writers == 0 || (u->writable && !act->writers)) {
		rc = mark_in_use(shared_entry(gt, u->ref), user->domain_id,
				 u->writable, u->map,
				 act->readers + act->writers != 0);
		if (rc != GNTST_okay)
			goto out;
		if (act->readers + act->writers == 0) {
			act->mfn = READ_ONCE(shared_entry(gt, u->ref)->frame);
			act->domid = user->domain_id;
		}
	}
	if (u->writable)
		act->writers++;
	else
		act->readers++;
	u->mfn = act->mfn;
	rc = gnttab_frame_get(u->mfn, u->granter, u->writable);
	if (rc != GNTST_okay)
		unpin(gt, u->ref, u->writable);
out:
	spin_unlock_irqrestore(&gt->lock, flags);
	return rc;
}

void gnttab_release(struct grant_use *u)
{
	struct grant_table *gt = &u->granter->gnttab;
	unsigned long flags = spin_lock_irqsave(&gt->lock);

	unpin(gt, u->ref, u->writable);
	spin_unlock_irqrestore(&gt->lock, flags);
}

/*
 * Runs count ops of size bytes: each is copied in, carried out by one()
 * and copied back. -EFAULT at the first that cannot be read or written
 * back; those before it are done, as on Xen.
 */
static long run_ops(struct domain *curr, uint64_t uops, unsigned int count,
		    size_t size, void (*one)(struct domain *, union gnttab_op *))
{
	for (unsigned int i = 0; i < count; i++) {
		uint64_t at = uops + (uint64_t)i * size;
		union gnttab_op op;

		if (copy_from_guest(&op, at, size))
			return -EFAULT;
		one(curr, &op);
		if (copy_to_guest(at, &op, size))
			return -EFAULT;
	}
	return 0;
}

static uint64_t enosys_logged;

/* setup_table and query_size take one op at a time (-EINVAL), as Xen. */
long do_grant_table_op(unsigned int cmd, uint64_t uops, unsigned int count)
{
	struct domain *curr = current_vcpu()->domain;

	switch (cmd) {
	case GNTTABOP_setup_table:
		return count == 1 ? run_ops(curr, uops, 1,
			sizeof(struct gnttab_setup_table), setup_table) :
			-EINVAL;
	case GNTTABOP_query_size:
		return count == 1 ? run_ops(curr, uops, 1,
			sizeof(struct gnttab_query_size), query_size) :
			-EINVAL;
	case GNTTABOP_map_grant_ref:
		return run_ops(curr, uops, count,
			       sizeof(struct gnttab_map_grant_ref),
			       gnttab_map_one);
	case GNTTABOP_unmap_grant_ref:
		return run_ops(curr, uops, count,
			       sizeof(struct gnttab_unmap_grant_ref),
			       gnttab_unmap_one);
	case GNTTABOP_copy:
		return run_ops(curr, uops, count, sizeof(struct gnttab_copy),
			       gnttab_copy_one);
	default:
		return subop_enosys("grant_table_op", &enosys_logged, 64, cmd);
	}
}

void gnttab_domain_destroy(struct domain *d)
{
	struct grant_table *gt = &d->gnttab;

	for (unsigned int i = 0; i < gt->nr_frames; i++) {
		free_pages(virt_to_maddr(gt->active[i]) >> PAGE_SHIFT,
			   ACTIVE_ORDER);
		gt->active[i] = NULL;
	}
	gt->nr_frames = 0;
	for (unsigned int i = 0; i < gt->maptrack_pages; i++) {
		free_pages(virt_to_maddr(gt->maptrack[i]) >> PAGE_SHIFT, 0);
		gt->maptrack[i] = NULL;
	}
	gt->maptrack_pages = 0;
}
