/* SPDX-License-Identifier: MIT */
/*
 * The frame allocator: a binary buddy allocator over machine frames.
 * Blocks of 2^order frames are kept on one free list per order; freeing
 * merges a block with its buddy while the buddy is free and whole.
 * struct page_info is the frame table entry, one per machine frame; only
 * the allocator's fields exist so far.
 *
 * Locking: [H] heap_lock.
 */
#ifndef HV_PAGE_ALLOC_H
#define HV_PAGE_ALLOC_H

#include <hv/lib.h>

#define MAX_ORDER	20	/* largest block: 4 GiB */
#define PAGE_NONE	UINT32_MAX

struct page_info {
	uint32_t	next, prev;	/* [H] free list links, as MFNs */
	uint8_t		order;		/* [H] block order, when free */
	uint8_t		flags;		/* [H] PGF_* */
	uint16_t	pad;
	uint32_t	pad2;
	uint64_t	count_info;	/* reserved for the frame table */
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
