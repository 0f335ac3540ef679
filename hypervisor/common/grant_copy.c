/* SPDX-License-Identifier: MIT */
/*
 * GNTTABOP_copy: the hypervisor copies bytes between two pages, each a
 * grant (pinned while the copy runs, see grant_table.c) or a frame of
 * the caller's own. Checks come in Xen's order, so that an op with
 * several faults gets Xen's status: both sides' domains, then both
 * sides, then the bounds.
 */
#include <asm/mm.h>
#include <hv/domain.h>

#include "grant_int.h"

/*
 * Finds the domain of one side of a copy: the granter of a ref; for a
 * frame only DOMID_SELF, the caller (its own memory), as on Xen.
 */
static int16_t side_domain(struct domain *curr,
			   const struct gnttab_copy_ptr *p, bool is_gref,
			   struct grant_use *b)
{
	if (!is_gref) {
		b->granter = NULL;
		return p->domid == DOMID_SELF ? GNTST_okay :
						GNTST_permission_denied;
	}
	b->granter = gnttab_op_domain(curr, p->domid);
	return b->granter ? GNTST_okay : GNTST_bad_domain;
}

/* Takes one side of a copy: a grant, or a frame of the caller. */
static int16_t claim(struct domain *curr, const struct gnttab_copy_ptr *p,
		     struct grant_use *u)
{
	if (u->granter) {
		u->ref = p->u.ref;
		return gnttab_acquire(curr, u);
	}
	u->mfn = p->u.gmfn;
	return gnttab_frame_get(u->mfn, curr, u->writable);
}

static void unclaim(struct grant_use *u)
{
	gnttab_frame_put(u->mfn, u->writable);
	if (u->granter)
		gnttab_release(u);
}

static int16_t copy_one(struct domain *curr, const struct gnttab_copy *op)
{
	struct grant_use src = { .writable = false };
	struct grant_use dst = { .writable = true };
	int16_t rc;

	/*
	 * In Xen's order: both domains, then both sides, then the bounds.
	 * Other flag bits are ignored, as on Xen.
	 */
	rc = side_domain(curr, &op->source, op->flags & GNTCOPY_source_gref,
			 &src);
	if (rc == GNTST_okay)
		rc = side_domain(curr, &op->dest,
				 op->flags & GNTCOPY_dest_gref, &dst);
	if (rc == GNTST_okay)
		rc = claim(curr, &op->source, &src);
	if (rc != GNTST_okay)
		return rc;
	rc = claim(curr, &op->dest, &dst);
	if (rc != GNTST_okay) {
		unclaim(&src);
		return rc;
	}
	if (op->source.offset + op->len > PAGE_SIZE ||
	    op->dest.offset + op->len > PAGE_SIZE)
		rc = GNTST_bad_copy_arg;
	else
		memmove((char *)mfn_to_virt(dst.mfn) + op->dest.offset,
			(char *)mfn_to_virt(src.mfn) + op->source.offset,
			op->len);
	unclaim(&dst);
	unclaim(&src);
	return rc;
}

void gnttab_copy_one(struct domain *curr, union gnttab_op *op)
{
	op->copy.status = copy_one(curr, &op->copy);
}
