/* SPDX-License-Identifier: MIT */
/*
 * hypervisor/common/page_alloc.c: the buddy allocator over a frame table
 * in host memory. An ownership map checks that no frame is handed out
 * twice; heap_check() checks the lists after each step.
 */
#include "unit.h"

#include <hv/page_alloc.h>

#define NFRAMES		(4096 + 37)	/* not a power of two */

static struct page_info table[NFRAMES];
static uint8_t owned[NFRAMES];		/* 1 while allocated */

static void heap_fresh(unsigned long start, unsigned long end)
{
	heap_init(table, NFRAMES);
	if (end > start)
		heap_add_range(start, end);
	memset(owned, 0, sizeof(owned));
}

/* Allocates and marks; asserts the block is new, aligned, in range. */
static unsigned long take(unsigned int order)
{
	unsigned long mfn = alloc_pages(order);

	if (mfn == PAGE_NONE)
		return mfn;
	assert_true(mfn % (1UL << order) == 0);
	assert_true(mfn + (1UL << order) <= NFRAMES);
	for (unsigned long i = 0; i < (1UL << order); i++) {
		assert_int_equal(owned[mfn + i], 0);
		assert_true(table[mfn + i].flags & PGF_RAM);
		owned[mfn + i] = 1;
	}
	return mfn;
}

static void give(unsigned long mfn, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		assert_int_equal(owned[mfn + i], 1);
		owned[mfn + i] = 0;
	}
	free_pages(mfn, order);
}

static void test_empty_heap(void **state)
{
	(void)state;
	heap_fresh(0, 0);
	assert_int_equal(heap_free_frames(), 0);
	assert_true(heap_check());
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		assert_int_equal(alloc_pages(o), PAGE_NONE);
	assert_int_equal(alloc_pages(MAX_ORDER + 1), PAGE_NONE);
	assert_int_equal(alloc_pages(~0U), PAGE_NONE);
}

static void test_add_range(void **state)
{
	(void)state;
	heap_fresh(0, NFRAMES + 100);		/* clamped to the table */
	assert_int_equal(heap_free_frames(), NFRAMES);
	assert_true(heap_check());
	/* An unaligned range becomes aligned blocks: 3, 4-7, 8-15, 16. */
	heap_fresh(3, 17);
	assert_int_equal(heap_free_frames(), 14);
	assert_true(heap_check());
	assert_false(table[2].flags & PGF_RAM);
	assert_true(table[3].flags & PGF_RAM);
	assert_true(table[16].flags & PGF_RAM);
	assert_false(table[17].flags & PGF_RAM);
	assert_int_equal(take(3), 8);
	assert_int_equal(take(2), 4);
	assert_int_equal(take(3), PAGE_NONE);
	assert_int_equal(heap_free_frames(), 2);
	/* Two halves given separately merge into one block. */
	heap_fresh(0, 8);
	heap_add_range(8, 16);
	assert_int_equal(heap_free_frames(), 16);
	assert_int_equal(take(4), 0);
	assert_int_equal(heap_free_frames(), 0);
	/* An empty or inverted range adds nothing. */
	heap_fresh(0, 0);
	heap_add_range(10, 10);
	heap_add_range(20, 10);
	assert_int_equal(heap_free_frames(), 0);
}

/* A 16-frame heap: splitting hands out the low halves in order. */
static void test_split_merge(void **state)
{
	static const struct { unsigned long mfn; unsigned int order; } b[] = {
		{ 0, 0 }, { 1, 0 }, { 2, 1 }, { 4, 2 }, { 8, 3 },
	};
	static const unsigned int orders[] = { 2, 0, 3, 1, 4 };

	(void)state;
	heap_fresh(0, 16);
	for (unsigned int i = 0; i < ARRAY_SIZE(b); i++) {
		assert_int_equal(take(b[i].order), b[i].mfn);
		assert_true(heap_check());
	}
	assert_int_equal(heap_free_frames(), 0);
	assert_int_equal(alloc_pages(0), PAGE_NONE);
	/* Free in a scrambled order; all merges back to one block. */
	give(4, 2);
	give(0, 0);
	assert_int_equal(heap_free_frames(), 5);
	give(8, 3);
	give(2, 1);
	assert_true(heap_check());
	assert_int_equal(take(4), PAGE_NONE);	/* 1 is still out */
	give(1, 0);
	assert_int_equal(heap_free_frames(), 16);
	assert_true(heap_check());
	assert_int_equal(take(4), 0);
	give(0, 4);
	/* Alloc/free of each order in turn leaves one 16-frame block. */
	for (unsigned int i = 0; i < ARRAY_SIZE(orders); i++) {
		unsigned long m = take(orders[i]);

		assert_int_equal(m, 0);
		give(m, orders[i]);
		assert_int_equal(take(4), 0);
		give(0, 4);
	}
	/* Buddies that are not both free do not merge. */
	assert_int_equal(take(3), 0);
	assert_int_equal(take(2), 8);
	give(0, 3);
	assert_int_equal(take(4), PAGE_NONE);
	assert_int_equal(take(3), 0);
}

static void test_all_orders(void **state)
{
	unsigned long start;

	(void)state;
	heap_fresh(0, NFRAMES);
	start = heap_free_frames();
	for (unsigned int o = 0; o <= 12; o++) {
		unsigned long m = take(o);

		assert_int_not_equal(m, PAGE_NONE);
		assert_int_equal(heap_free_frames(), start - (1UL << o));
		assert_true(heap_check());
		give(m, o);
		assert_int_equal(heap_free_frames(), start);
		assert_true(heap_check());
	}
	/* 4133 frames hold no 8192-frame block. */
	assert_int_equal(take(13), PAGE_NONE);
	assert_int_equal(take(12), 0);
	/* Then no 4096 block is left either. */
	assert_int_equal(take(12), PAGE_NONE);
	assert_int_equal(heap_free_frames(), NFRAMES - 4096);
}

static void test_exhaustion(void **state)
{
	unsigned long n = 0, m;

	(void)state;
	heap_fresh(5, NFRAMES - 3);
	while ((m = take(0)) != PAGE_NONE)
		n++;
	assert_int_equal(n, NFRAMES - 8);
	assert_int_equal(heap_free_frames(), 0);
	assert_true(heap_check());
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		assert_int_equal(alloc_pages(o), PAGE_NONE);
	for (m = 5; m < NFRAMES - 3; m++)
		give(m, 0);
	assert_int_equal(heap_free_frames(), NFRAMES - 8);
	assert_true(heap_check());
	/* Fully merged again: the aligned 2048 block at 2048 is there. */
	assert_int_equal(take(11), 2048);
}

static void test_random(void **state)
{
	static struct { unsigned long mfn; unsigned int order; } live[4096];
	unsigned int nlive = 0;
	unsigned long start, out = 0;
	uint64_t seed = 0x62756464;

	(void)state;
	heap_fresh(1, NFRAMES);
	start = heap_free_frames();
	for (unsigned int step = 0; step < 20000; step++) {
		bool do_alloc = nlive == 0 ||
			(nlive < ARRAY_SIZE(live) && ut_rand(&seed) % 100 < 55);

		if (do_alloc) {
			unsigned int o = ut_rand(&seed) % 100 < 70 ?
				0 : ut_rand(&seed) % 8;
			unsigned long m = take(o);

			if (m != PAGE_NONE) {
				live[nlive].mfn = m;
				live[nlive++].order = o;
				out += 1UL << o;
			}
		} else {
			unsigned int i = ut_rand(&seed) % nlive;

			give(live[i].mfn, live[i].order);
			out -= 1UL << live[i].order;
			live[i] = live[--nlive];
		}
		assert_int_equal(heap_free_frames(), start - out);
		if (step % 64 == 0)
			assert_true(heap_check());
	}
	assert_true(heap_check());
	while (nlive) {
		nlive--;
		give(live[nlive].mfn, live[nlive].order);
	}
	assert_int_equal(heap_free_frames(), start);
	assert_true(heap_check());
	/* Merged back: [2048, 4096) is one block again, and is the
	 * largest there is in [1, NFRAMES). */
	assert_int_equal(take(12), PAGE_NONE);
	assert_int_equal(take(11), 2048);
	assert_int_equal(take(10), 1024);
}

/* heap_check() is not a rubber stamp. */
static void test_check_catches_corruption(void **state)
{
	unsigned long m;

	(void)state;
	heap_fresh(0, 64);
	assert_true(heap_check());
	table[0].order = 5;		/* the 64-block's head lies */
	assert_false(heap_check());
	heap_fresh(0, 64);
	m = take(0);			/* leaves 1, 2, 4, 8, 16, 32 free */
	assert_int_equal(m, 0);
	table[32].prev = 7;		/* a broken back link */
	assert_false(heap_check());
	heap_fresh(0, 64);
	take(0);
	table[1].flags &= ~PGF_FREE;	/* a listed block not marked free */
	assert_false(heap_check());
	heap_fresh(0, 64);
	take(0);
	table[2].next = NFRAMES + 5;	/* a link out of the table */
	assert_false(heap_check());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_heap),
		cmocka_unit_test(test_add_range),
		cmocka_unit_test(test_split_merge),
		cmocka_unit_test(test_all_orders),
		cmocka_unit_test(test_exhaustion),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_check_catches_corruption),
	};

	return cmocka_run_group_tests_name("page_alloc", tests, NULL, NULL);
}
