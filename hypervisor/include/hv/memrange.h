/* SPDX-License-Identifier: MIT */
/*
 * A small set of disjoint physical address ranges [start, end), kept
 * sorted: the usable RAM at boot, less what is reserved, from which the
 * boot allocator takes memory before the frame allocator exists.
 */
#ifndef HV_MEMRANGE_H
#define HV_MEMRANGE_H

#include <hv/lib.h>

#define MEMRANGE_MAX	128

struct memrange {
	uint64_t	start;
	uint64_t	end;
};

struct memrange_set {
	unsigned int	nr;
	struct memrange	r[MEMRANGE_MAX];
};

/*
 * Adds [start, end), merging with neighbours. Returns 0, -EINVAL for an
 * empty or inverted range, or -ENOSPC when the set is full.
 */
int memrange_add(struct memrange_set *s, uint64_t start, uint64_t end);

/* Removes [start, end) wherever it overlaps. -ENOSPC if a split overflows. */
int memrange_remove(struct memrange_set *s, uint64_t start, uint64_t end);

/*
 * Takes size bytes aligned to align (a power of two) from the highest
 * range that fits below limit; returns the address, or 0 if none fits.
 */
uint64_t memrange_alloc_top(struct memrange_set *s, uint64_t size,
			    uint64_t align, uint64_t limit);

/* Total bytes in the set. */
uint64_t memrange_total(const struct memrange_set *s);

#endif
