/* SPDX-License-Identifier: MIT */
/*
 * Grant tables, version 1 (common/grant_table.c): a domain's shared
 * entries, in frames it maps itself, and the hypervisor's count of what
 * other domains currently use through each entry.
 */
#ifndef HV_GRANT_TABLE_H
#define HV_GRANT_TABLE_H

#include <hv/lib.h>
#include <hv/spinlock.h>
#include <public/grant_table.h>

/* Xen's default limit (gnttab_max_frames): 64 frames, 32768 entries. */
#define GNTTAB_MAX_FRAMES	64
#define GNTTAB_PER_FRAME	(PAGE_SIZE / sizeof(struct grant_entry_v1))

/* What the hypervisor keeps of one entry while it is in use. */
struct active_grant {
	uint16_t	readers;	/* uses that only read */
	uint16_t	writers;	/* uses that may write */
	domid_t		domid;		/* who uses it (fixed while used) */
	uint16_t	pad;
	uint32_t	mfn;		/* the frame, read at the first use */
};

/* One grant this domain has mapped: its handle is the index. */
struct maptrack_entry {
	grant_ref_t	ref;
	domid_t		dom;		/* the granter */
	uint16_t	flags;		/* GNTMAP_* as mapped; 0: free */
	uint32_t	mfn;
	uint32_t	pad;
};

#define MAPTRACK_PER_PAGE	(PAGE_SIZE / sizeof(struct maptrack_entry))
#define MAPTRACK_MAX_PAGES	64	/* 16384 mappings per domain */

/*
 * Zero is a valid empty table (a domain struct starts zeroed): frames
 * are added by GNTTABOP_setup_table, up to GNTTAB_MAX_FRAMES; maptrack
 * pages as the domain maps grants, up to MAPTRACK_MAX_PAGES.
 */
struct grant_table {
	spinlock_t		lock;
	unsigned int		nr_frames;			/* [lock] */
	unsigned long		frame[GNTTAB_MAX_FRAMES];	/* [lock] */
	struct active_grant	*active[GNTTAB_MAX_FRAMES];	/* [lock] */
	unsigned int		maptrack_pages;			/* [lock] */
	unsigned int		maptrack_hint;	/* [lock] where to look */
	struct maptrack_entry	*maptrack[MAPTRACK_MAX_PAGES];	/* [lock] */
};

struct domain;

/* grant_table_op (20). */
long do_grant_table_op(unsigned int cmd, uint64_t uops, unsigned int count);

/*
 * Frees the active-entry pages of d's table; the shared frames are the
 * domain's (PGC_xen_heap) and go with its memory. d runs no more.
 */
void gnttab_domain_destroy(struct domain *d);

#endif
