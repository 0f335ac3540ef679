/* SPDX-License-Identifier: MIT */
/*
 * hypervisor/common/memrange.c: examples, the edges (full set, splits,
 * alignment, address 0), and a model check against a bitmap.
 */
#include "unit.h"

#include <errno.h>
#include <hv/memrange.h>

static struct memrange_set s;

#define EXPECT_RANGES(...) do {						\
	static const uint64_t want[][2] = { __VA_ARGS__ };		\
	expect_ranges(want, ARRAY_SIZE(want), __LINE__);		\
} while (0)

static void expect_ranges(const uint64_t (*want)[2], unsigned int n,
			  int line)
{
	if (s.nr != n)
		fail_msg("line %d: %u ranges, want %u", line, s.nr, n);
	for (unsigned int i = 0; i < n; i++)
		if (s.r[i].start != want[i][0] || s.r[i].end != want[i][1])
			fail_msg("line %d: range %u is [%#lx, %#lx), want "
				 "[%#lx, %#lx)", line, i,
				 (unsigned long)s.r[i].start,
				 (unsigned long)s.r[i].end,
				 (unsigned long)want[i][0],
				 (unsigned long)want[i][1]);
}

static int setup(void **state)
{
	(void)state;
	memset(&s, 0, sizeof(s));
	return 0;
}

static void test_add(void **state)
{
	(void)state;
	assert_int_equal(memrange_add(&s, 10, 10), -EINVAL);
	assert_int_equal(memrange_add(&s, 10, 5), -EINVAL);
	assert_int_equal(s.nr, 0);
	assert_int_equal(memrange_add(&s, 100, 200), 0);
	assert_int_equal(memrange_add(&s, 10, 20), 0);
	assert_int_equal(memrange_add(&s, 300, 400), 0);
	EXPECT_RANGES({ 10, 20 }, { 100, 200 }, { 300, 400 });
	/* Touching on either side merges. */
	assert_int_equal(memrange_add(&s, 20, 30), 0);
	assert_int_equal(memrange_add(&s, 90, 100), 0);
	EXPECT_RANGES({ 10, 30 }, { 90, 200 }, { 300, 400 });
	/* Contained: no change. */
	assert_int_equal(memrange_add(&s, 120, 130), 0);
	EXPECT_RANGES({ 10, 30 }, { 90, 200 }, { 300, 400 });
	/* Bridging several. */
	assert_int_equal(memrange_add(&s, 25, 350), 0);
	EXPECT_RANGES({ 10, 400 });
	assert_int_equal(memrange_add(&s, 0, 1000), 0);
	EXPECT_RANGES({ 0, 1000 });
	assert_int_equal(memrange_total(&s), 1000);
	/* The top of the address space. */
	assert_int_equal(memrange_add(&s, UINT64_MAX - 10, UINT64_MAX), 0);
	EXPECT_RANGES({ 0, 1000 }, { UINT64_MAX - 10, UINT64_MAX });
	assert_int_equal(memrange_total(&s), 1010);
}

static void fill(void)
{
	for (unsigned int i = 0; i < MEMRANGE_MAX; i++)
		assert_int_equal(memrange_add(&s, 100 * i + 10,
					      100 * i + 20), 0);
	assert_int_equal(s.nr, MEMRANGE_MAX);
}

static void test_full(void **state)
{
	(void)state;
	fill();
	/* A new disjoint range does not fit. */
	assert_int_equal(memrange_add(&s, 0, 5), -ENOSPC);
	assert_int_equal(memrange_add(&s, 100 * MEMRANGE_MAX + 50,
				      100 * MEMRANGE_MAX + 60), -ENOSPC);
	assert_int_equal(s.nr, MEMRANGE_MAX);
	assert_int_equal(memrange_total(&s), 10 * MEMRANGE_MAX);
	/* Ranges that merge need no slot: they must work when full. */
	assert_int_equal(memrange_add(&s, 12, 18), 0);
	assert_int_equal(memrange_add(&s, 20, 30), 0);
	assert_int_equal(memrange_add(&s, 5, 10), 0);
	assert_int_equal(s.nr, MEMRANGE_MAX);
	assert_int_equal(s.r[0].start, 5);
	assert_int_equal(s.r[0].end, 30);
	assert_int_equal(memrange_add(&s, 115, 215), 0);
	assert_int_equal(s.nr, MEMRANGE_MAX - 1);
	assert_int_equal(s.r[1].start, 110);
	assert_int_equal(s.r[1].end, 220);
	/* With a slot free again, a new range fits. */
	assert_int_equal(memrange_add(&s, 0, 2), 0);
	assert_int_equal(s.nr, MEMRANGE_MAX);
}

static void test_remove(void **state)
{
	(void)state;
	assert_int_equal(memrange_remove(&s, 0, 100), 0);	/* empty set */
	assert_int_equal(memrange_add(&s, 100, 200), 0);
	assert_int_equal(memrange_add(&s, 300, 400), 0);
	assert_int_equal(memrange_add(&s, 500, 600), 0);
	assert_int_equal(memrange_remove(&s, 150, 150), 0);	/* empty */
	assert_int_equal(memrange_remove(&s, 150, 140), 0);
	EXPECT_RANGES({ 100, 200 }, { 300, 400 }, { 500, 600 });
	assert_int_equal(memrange_remove(&s, 140, 160), 0);	/* split */
	EXPECT_RANGES({ 100, 140 }, { 160, 200 }, { 300, 400 },
		      { 500, 600 });
	assert_int_equal(memrange_remove(&s, 50, 120), 0);	/* front */
	assert_int_equal(memrange_remove(&s, 390, 420), 0);	/* back */
	EXPECT_RANGES({ 120, 140 }, { 160, 200 }, { 300, 390 },
		      { 500, 600 });
	assert_int_equal(memrange_remove(&s, 130, 550), 0);	/* across */
	EXPECT_RANGES({ 120, 130 }, { 550, 600 });
	assert_int_equal(memrange_remove(&s, 120, 130), 0);	/* exact */
	assert_int_equal(memrange_remove(&s, 600, 700), 0);	/* touching */
	EXPECT_RANGES({ 550, 600 });
	assert_int_equal(memrange_remove(&s, 0, UINT64_MAX), 0);
	assert_int_equal(s.nr, 0);
	assert_int_equal(memrange_total(&s), 0);
}

/* A split of a full set fails; what was asked to go is gone anyway. */
static void test_remove_split_full(void **state)
{
	(void)state;
	fill();
	assert_int_equal(memrange_remove(&s, 112, 114), -ENOSPC);
	for (unsigned int i = 0; i < s.nr; i++)
		assert_true(s.r[i].end <= 112 || s.r[i].start >= 114);
	/* Trimming needs no slot. */
	assert_int_equal(memrange_remove(&s, 215, 225), 0);
	assert_int_equal(s.r[2].start, 210);
	assert_int_equal(s.r[2].end, 215);
}

static void test_alloc_top(void **state)
{
	(void)state;
	assert_int_equal(memrange_alloc_top(&s, 0x1000, 0x1000, UINT64_MAX),
			 0);
	assert_int_equal(memrange_add(&s, 0x1000, 0x9000), 0);
	assert_int_equal(memrange_add(&s, 0x100000, 0x200000), 0);
	/* From the top of the highest range. */
	assert_int_equal(memrange_alloc_top(&s, 0x1000, 0x1000, UINT64_MAX),
			 0x1ff000);
	EXPECT_RANGES({ 0x1000, 0x9000 }, { 0x100000, 0x1ff000 });
	/* Alignment leaves the tail in place. */
	assert_int_equal(memrange_alloc_top(&s, 0x1000, 0x10000, UINT64_MAX),
			 0x1f0000);
	EXPECT_RANGES({ 0x1000, 0x9000 }, { 0x100000, 0x1f0000 },
		      { 0x1f1000, 0x1ff000 });
	/* Below a limit; a limit inside a range. */
	assert_int_equal(memrange_alloc_top(&s, 0x2000, 0x1000, 0x100000),
			 0x7000);
	assert_int_equal(memrange_alloc_top(&s, 0x1000, 0x1000, 0x180800),
			 0x17f000);
	EXPECT_RANGES({ 0x1000, 0x7000 }, { 0x100000, 0x17f000 },
		      { 0x180000, 0x1f0000 }, { 0x1f1000, 0x1ff000 });
	/* Too big for any range; too big below the limit. */
	assert_int_equal(memrange_alloc_top(&s, 0x100000, 0x1000,
					    UINT64_MAX), 0);
	assert_int_equal(memrange_alloc_top(&s, 0x7000, 0x1000, 0x100000),
			 0);
	/* The highest range that fits, not just the highest. */
	assert_int_equal(memrange_alloc_top(&s, 0x71000, 0x1000, UINT64_MAX),
			 0x10e000);
	/* Never address 0, which means failure. */
	memset(&s, 0, sizeof(s));
	assert_int_equal(memrange_add(&s, 0, 0x1000), 0);
	assert_int_equal(memrange_alloc_top(&s, 0x1000, 0x1000, UINT64_MAX),
			 0);
	EXPECT_RANGES({ 0, 0x1000 });
	assert_int_equal(memrange_alloc_top(&s, 0x800, 0x800, UINT64_MAX),
			 0x800);
	/* A limit below every range. */
	assert_int_equal(memrange_add(&s, 0x10000, 0x20000), 0);
	assert_int_equal(memrange_alloc_top(&s, 0x1000, 0x1000, 0x8000), 0);
}

/* Random adds and removes over [0, 200) against a bitmap. */
static void test_model(void **state)
{
	uint8_t bit[200];
	uint64_t seed = 0x6d656d72;

	(void)state;
	memset(bit, 0, sizeof(bit));
	for (unsigned int step = 0; step < 20000; step++) {
		uint64_t a = ut_rand(&seed) % 200, b = ut_rand(&seed) % 200;
		uint64_t lo = MIN(a, b), hi = MAX(a, b) + 1;
		uint64_t total = 0;
		bool add = ut_rand(&seed) % 100 < 45;
		uint64_t len = 1 + ut_rand(&seed) % 6;

		if (ut_rand(&seed) % 4)		/* mostly short ranges */
			hi = MIN(hi, lo + len);
		if (add)
			assert_int_equal(memrange_add(&s, lo, hi), 0);
		else
			assert_int_equal(memrange_remove(&s, lo, hi), 0);
		memset(bit + lo, add, hi - lo);
		/* Sorted, disjoint, never touching (merged), and equal. */
		for (unsigned int i = 0; i < s.nr; i++) {
			assert_true(s.r[i].start < s.r[i].end);
			if (i)
				assert_true(s.r[i - 1].end < s.r[i].start);
		}
		for (unsigned int x = 0, i = 0; x < 200; x++) {
			bool in;

			while (i < s.nr && s.r[i].end <= x)
				i++;
			in = i < s.nr && s.r[i].start <= x;
			assert_int_equal(in, bit[x]);
			total += bit[x];
		}
		assert_int_equal(memrange_total(&s), total);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_add, setup),
		cmocka_unit_test_setup(test_full, setup),
		cmocka_unit_test_setup(test_remove, setup),
		cmocka_unit_test_setup(test_remove_split_full, setup),
		cmocka_unit_test_setup(test_alloc_top, setup),
		cmocka_unit_test_setup(test_model, setup),
	};

	return cmocka_run_group_tests_name("memrange", tests, NULL, NULL);
}
