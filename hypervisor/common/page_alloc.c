/* SPDX-License-Identifier: MIT */
/*
 * Binary buddy allocator over machine frames (see page_alloc.h). A free
 * block is described only by its head frame: PGF_FREE set, order, and
 * links on free_head[order]. Buddies of a block of order k at mfn m are at
 * m ^ (1 << k); they merge when both are free heads of the same order.
 */
#include <hv/bug.h>
#include <hv/page_alloc.h>
#include <hv/spinlock.h>

static struct page_info *frames;
static unsigned long nr_frames;
static uint32_t free_head[MAX_ORDER + 1];
static unsigned long nr_free;
static spinlock_t heap_lock = SPIN_LOCK_UNLOCKED;

static void list_add(unsigned long mfn, unsigned int order)
{
	struct page_info *pg = &frames[mfn];

	pg->flags |= PGF_FREE;
	pg->order = order;
	pg->prev = PAGE_NONE;
	pg->next = free_head[order];
	if (pg->next != PAGE_NONE)
		frames[pg->next].prev = mfn;
	free_head[order] = mfn;
}

static void list_del(unsigned long mfn)
{
	struct page_info *pg = &frames[mfn];

	if (pg->prev != PAGE_NONE)
		frames[pg->prev].next = pg->next;
	else
		free_head[pg->order] = pg->next;
	if (pg->next != PAGE_NONE)
		frames[pg->next].prev = pg->prev;
	pg->flags &= ~PGF_FREE;
}

void heap_init(struct page_info *frame_table, unsigned long nframes)
{
	frames = frame_table;
	nr_frames = nframes;
	nr_free = 0;
	for (unsigned int i = 0; i <= MAX_ORDER; i++)
		free_head[i] = PAGE_NONE;
	memset(frames, 0, nframes * sizeof(*frames));
}

/* Frees one block, merging upward; heap_lock held. */
static void free_block(unsigned long mfn, unsigned int order)
{
	ASSERT(spin_is_locked(&heap_lock));
	nr_free += 1UL << order;
	while (order < MAX_ORDER) {
		unsigned long buddy = mfn ^ (1UL << order);

		if (buddy >= nr_frames || !(frames[buddy].flags & PGF_FREE) ||
		    frames[buddy].order != order)
			break;
		list_del(buddy);
		mfn &= ~(1UL << order);
		order++;
	}
	list_add(mfn, order);
}

static bool range_is_new(unsigned long start, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		if (frames[start + i].flags & PGF_RAM)
			return false;
	return true;
}

void heap_add_range(unsigned long start, unsigned long end)
{
	unsigned long flags;

	end = MIN(end, nr_frames);
	flags = spin_lock_irqsave(&heap_lock);
	while (start < end) {
		unsigned int order = 0;

		if (frames[start].flags & PGF_RAM) {	/* already ours */
			start++;
			continue;
		}
		/* The largest aligned block of new frames that fits here. */
		while (order < MAX_ORDER &&
		       IS_ALIGNED(start, 1UL << (order + 1)) &&
		       start + (1UL << (order + 1)) <= end &&
		       range_is_new(start + (1UL << order), 1UL << order))
			order++;
		for (unsigned long i = 0; i < (1UL << order); i++)
			frames[start + i].flags |= PGF_RAM;
		free_block(start, order);
		start += 1UL << order;
	}
	spin_unlock_irqrestore(&heap_lock, flags);
}

unsigned long alloc_pages(unsigned int order)
{
	unsigned long flags, mfn;
	unsigned int k = order;

	if (order > MAX_ORDER)
		return PAGE_NONE;
	flags = spin_lock_irqsave(&heap_lock);
	while (k <= MAX_ORDER && free_head[k] == PAGE_NONE)
		k++;
	if (k > MAX_ORDER) {
		spin_unlock_irqrestore(&heap_lock, flags);
		return PAGE_NONE;
	}
	mfn = free_head[k];
	list_del(mfn);
	/* Split: give back the upper halves until the block fits. */
	while (k > order) {
		k--;
		list_add(mfn + (1UL << k), k);
	}
	nr_free -= 1UL << order;
	spin_unlock_irqrestore(&heap_lock, flags);
	return mfn;
}

void free_pages(unsigned long mfn, unsigned int order)
{
	unsigned long flags;

	BUG_ON(mfn >= nr_frames || !IS_ALIGNED(mfn, 1UL << order) ||
	       (frames[mfn].flags & PGF_FREE));
	flags = spin_lock_irqsave(&heap_lock);
	free_block(mfn, order);
	spin_unlock_irqrestore(&heap_lock, flags);
}

unsigned long heap_free_frames(void)
{
	return nr_free;
}

bool heap_check(void)
{
	unsigned long counted = 0;

	for (unsigned int k = 0; k <= MAX_ORDER; k++) {
		uint32_t prev = PAGE_NONE;

		for (uint32_t m = free_head[k]; m != PAGE_NONE;
		     m = frames[m].next) {
			if (m >= nr_frames || frames[m].prev != prev ||
			    !(frames[m].flags & PGF_FREE) ||
			    frames[m].order != k ||
			    !IS_ALIGNED(m, 1UL << k) ||
			    m + (1UL << k) > nr_frames)
				return false;
			counted += 1UL << k;
			prev = m;
		}
	}
	return counted == nr_free;
}
