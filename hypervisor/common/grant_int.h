/* SPDX-License-Identifier: MIT */
/*
 * What the grant-table files share: grant_table.c (tables, pins, the
 * hypercall), grant_copy.c (GNTTABOP_copy) and grant_map.c (mapping and
 * the maptrack). Not for anyone else: the interface is hv/grant_table.h.
 */
#ifndef GRANT_INT_H
#define GRANT_INT_H

#include <hv/grant_table.h>

/* One use of a grant (a side of a copy, a mapping) while it lasts. */
struct grant_use {
	struct domain	*granter;	/* NULL: a frame of the caller */
	grant_ref_t	ref;
	bool		writable;
	bool		map;		/* a mapping: stricter flag check */
	unsigned long	mfn;		/* OUT of gnttab_acquire() */
};

/* The domain an op names: DOMID_SELF or an id; NULL if there is none. */
struct domain *gnttab_op_domain(struct domain *curr, domid_t domid);

/*
 * Pins u's entry for user (GTF_reading/GTF_writing set on the first
 * use) and takes a reference on its frame, plus a writable type
 * reference to write: GNTST_okay, or the status, with nothing held.
 */
int16_t gnttab_acquire(struct domain *user, struct grant_use *u);
/* Drops the pin (not the frame references). */
void gnttab_release(struct grant_use *u);

/*
 * A reference on frame mfn of owner's, and a writable type reference to
 * write: GNTST_okay, GNTST_bad_page (not RAM, not owner's) or
 * GNTST_general_error (cannot be written: a page table, say).
 */
int16_t gnttab_frame_get(unsigned long mfn, const struct domain *owner,
			 bool writable);
void gnttab_frame_put(unsigned long mfn, bool writable);

/* One op of any command, as grant_table.c copies it in and back. */
union gnttab_op {
	struct gnttab_setup_table	setup;
	struct gnttab_query_size	query;
	struct gnttab_copy		copy;
	struct gnttab_map_grant_ref	map;
	struct gnttab_unmap_grant_ref	unmap;
};

/* Carry out one op, its status (and outputs) written into it. */
void gnttab_copy_one(struct domain *curr, union gnttab_op *op);
void gnttab_map_one(struct domain *curr, union gnttab_op *op);
void gnttab_unmap_one(struct domain *curr, union gnttab_op *op);

#endif
