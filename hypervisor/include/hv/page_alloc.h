/* SPDX-License-Identifier: MIT */
/*
 * The frame allocator: a binary buddy allocator over machine frames.
 * Blocks of 2^order frames are kept on one free list per order; freeing
 * merges a block with its buddy while the buddy is free and whole.
 * struct page_info is the frame table entry, one per machine frame: the
 * allocator's fields, and the owner, counts and type of a frame a domain
 * holds (PGC_*, PGT_* and their rules: asm/mm.h).
 *
 * Locking: [H] heap_lock  [P] the owner's page_alloc_lock  [a] atomic.
 */
#ifndef HV_PAGE_ALLOC_H
#define HV_PAGE_ALLOC_H

#include <hv/lib.h>

#define MAX_ORDER	20	/* largest block: 4 GiB */
#define PAGE_NONE	UINT32_MAX

struct domain;

struct page_info {
	uint32_t	next, prev;	/* [H] free list links while free;
					 * [P] owner's page list while owned */
	uint8_t		order;		/* [H] block order, when free */
	uint8_t		flags;		/* [H] PGF_* */
	int16_t		linear_pt_count; /* [a] >0 linear entries, <0 uses */
	uint32_t	pad;
	struct domain	*owner;		/* [P] NULL while not allocated */
	uint64_t	count_info;	/* [a] PGC_*: general references */
	uint64_t	type_info;	/* [a] PGT_*: type and its count */
};

#define PGF_FREE	0x01	/* head of a free block */
#define PGF_RAM		0x02	/* managed by the heap */

/*
 * Sets up an empty heap over frame_table[0 .. nr_frames). Frames become
 * allocatable only through heap_add_range().
 */
void heap_init(struct page_info *frame_table, unsigned long nr_frames);

/*
 * Gives frames [start, end) to the heap; clamped to the frame table.
 * Frames the heap already manages are skipped.
 */
void heap_add_range(unsigned long start, unsigned long end);

/* Returns the first frame of a free 2^order block, or PAGE_NONE. */
unsigned long alloc_pages(unsigned int order);

/* Returns a block obtained from alloc_pages() with the same order. */
void free_pages(unsigned long mfn, unsigned int order);

/* Frames currently free. */
unsigned long heap_free_frames(void);

/* Checks every list and count; returns false on any inconsistency. */
bool heap_check(void);

#endif
