/* SPDX-License-Identifier: MIT */
/* Sorted disjoint physical ranges: the boot-time view of free memory. */
#include <hv/errno.h>
#include <hv/memrange.h>

static void range_delete(struct memrange_set *s, unsigned int i)
{
	memmove(&s->r[i], &s->r[i + 1], (s->nr - i - 1) * sizeof(s->r[0]));
	s->nr--;
}

static int range_insert(struct memrange_set *s, unsigned int i,
			uint64_t start, uint64_t end)
{
	if (s->nr == MEMRANGE_MAX)
		return -ENOSPC;
	memmove(&s->r[i + 1], &s->r[i], (s->nr - i) * sizeof(s->r[0]));
	s->r[i].start = start;
	s->r[i].end = end;
	s->nr++;
	return 0;
}

int memrange_add(struct memrange_set *s, uint64_t start, uint64_t end)
{
	unsigned int i = 0;
	int rc;

	if (end <= start)
		return -EINVAL;
	while (i < s->nr && s->r[i].end < start)
		i++;
	if (i < s->nr && s->r[i].start <= end) {
		/* Touches r[i]: grow it in place, even in a full set. */
		s->r[i].start = MIN(s->r[i].start, start);
		s->r[i].end = MAX(s->r[i].end, end);
	} else {
		rc = range_insert(s, i, start, end);
		if (rc)
			return rc;
	}
	/* Merge the new range with every later one it touches. */
	while (i + 1 < s->nr && s->r[i + 1].start <= s->r[i].end) {
		s->r[i].start = MIN(s->r[i].start, s->r[i + 1].start);
		s->r[i].end = MAX(s->r[i].end, s->r[i + 1].end);
		range_delete(s, i + 1);
	}
	return 0;
}

int memrange_remove(struct memrange_set *s, uint64_t start, uint64_t end)
{
	unsigned int i = 0;

	if (end <= start)
		return 0;
	while (i < s->nr) {
		struct memrange *r = &s->r[i];

		if (r->end <= start || r->start >= end) {
			i++;
		} else if (r->start >= start && r->end <= end) {
			range_delete(s, i);
		} else if (r->start < start && r->end > end) {
			uint64_t old_end = r->end;

			r->end = start;
			return range_insert(s, i + 1, end, old_end);
		} else if (r->start < start) {
			r->end = start;
			i++;
		} else {
			r->start = end;
			i++;
		}
	}
	return 0;
}

uint64_t memrange_alloc_top(struct memrange_set *s, uint64_t size,
			    uint64_t align, uint64_t limit)
{
	for (unsigned int i = s->nr; i-- > 0;) {
		uint64_t top = MIN(s->r[i].end, limit), base;

		if (top < s->r[i].start || top - s->r[i].start < size)
			continue;
		base = ROUNDDOWN(top - size, align);
		if (base < s->r[i].start || base == 0)
			continue;
		if (memrange_remove(s, base, base + size))
			return 0;
		return base;
	}
	return 0;
}

uint64_t memrange_total(const struct memrange_set *s)
{
	uint64_t total = 0;

	for (unsigned int i = 0; i < s->nr; i++)
		total += s->r[i].end - s->r[i].start;
	return total;
}
