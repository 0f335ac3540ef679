/* SPDX-License-Identifier: MIT */
/*
 * Random sequences (fixed seeds) of page-table updates, pins, unpins,
 * base-table switches, update_va_mapping and ballooning, of valid and
 * invalid requests alike, over a simulated frame table. After every
 * step every count must balance, and tearing the domains down must give
 * every frame back (the heap's free count returns to its start).
 */
#include "mm/mm_shim.h"

#define NR_OWN		40
#define STEPS		4000

static unsigned long own[NR_OWN], foreign;
static uint64_t seed;
static unsigned int nr_ok, nr_pins;

static uint64_t rnd(uint64_t n)
{
	return ut_rand(&seed) % n;
}

static uint64_t random_mfn(void)
{
	switch (rnd(10)) {
	case 0:
		return foreign;
	case 1:
		return 3;			/* the hypervisor's */
	case 2:
		return UT_FRAMES + rnd(4);	/* beyond RAM */
	default:
		return own[rnd(NR_OWN)];
	}
}

static uint64_t random_pte(void)
{
	static const uint64_t bits[] = {
		_PAGE_PRESENT, _PAGE_RW, _PAGE_USER, _PAGE_ACCESSED,
		_PAGE_DIRTY, _PAGE_PSE, _PAGE_PWT, _PAGE_GLOBAL, _PAGE_NX,
		_PAGE_GNTTAB, _PAGE_PRESENT, _PAGE_PRESENT,
	};
	uint64_t f = 0;

	for (unsigned int i = 0; i < 3; i++)
		f |= bits[rnd(ARRAY_SIZE(bits))];
	if (rnd(8) == 0)
		f &= ~_PAGE_RW;
	return ut_pte(random_mfn(), f);
}

static void random_step(void)
{
	unsigned long mfn = own[rnd(NR_OWN)];
	unsigned int slot = rnd(10) == 0 ? HV_L4_FIRST + rnd(16) : rnd(8);
	uint64_t list = mfn;
	struct xen_memory_reservation r = { .nr_extents = 1,
					    .domid = DOMID_SELF };

	switch (rnd(12)) {
	case 0: case 1: case 2:
		if (ut_ext(MMUEXT_PIN_L1_TABLE + rnd(4), mfn, 0,
			   DOMID_SELF) == 0)
			nr_pins++;
		break;
	case 3: case 4:
		ut_ext(MMUEXT_UNPIN_TABLE, mfn, 0, DOMID_SELF);
		break;
	case 5:
		ut_ext(rnd(2) ? MMUEXT_NEW_BASEPTR : MMUEXT_NEW_USER_BASEPTR,
		       rnd(6) ? mfn : 0, 0, DOMID_SELF);
		break;
	case 6:
		do_update_va_mapping(rnd(16) << 12, random_pte(), UVMF_INVLPG);
		break;
	case 7:
		if (rnd(20) == 0) {	/* balloon a frame out and back */
			r.extent_start.q = (uint64_t)&list;
			do_memory_op(XENMEM_decrease_reservation,
				     (uint64_t)&r);
			list = 0;
			if (do_memory_op(XENMEM_increase_reservation,
					 (uint64_t)&r) == 1)
				own[rnd(NR_OWN)] = list;
		}
		break;
	default:
		if (ut_mmu(ut_pte(mfn, 0) + slot * 8 +
			   (rnd(2) ? MMU_PT_UPDATE_PRESERVE_AD : 0),
			   random_pte(), DOMID_SELF, NULL) == 0)
			nr_ok++;
		break;
	}
}

static void run(uint64_t s)
{
	unsigned long before;

	seed = s;
	nr_ok = nr_pins = 0;
	ut_mm_setup(NR_OWN + 8, 8);
	before = heap_free_frames();
	for (unsigned int i = 0; i < NR_OWN; i++) {
		own[i] = ut_frame(&ut_d0);
		for (unsigned int e = 0; e < 8; e++)
			ut_table(own[i])[e] = rnd(3) ? 0 : random_pte();
	}
	foreign = ut_frame(&ut_d1);
	for (unsigned int step = 0; step < STEPS; step++) {
		random_step();
		if (step % 50 == 0)
			ut_check_counts();
	}
	ut_check_counts();
	/* The sequence must have done real work, not only failed. */
	assert_true(nr_pins > 50 && nr_ok > 300);
	assert_true(heap_free_frames() <= before);
	ut_mm_teardown();
}

static void test_random_seed1(void **state)
{
	(void)state;
	run(0x9e3779b97f4a7c15ULL);
}

static void test_random_seed2(void **state)
{
	(void)state;
	run(0x0123456789abcdefULL);
}

static void test_random_seed3(void **state)
{
	(void)state;
	run(42);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_seed1),
		cmocka_unit_test(test_random_seed2),
		cmocka_unit_test(test_random_seed3),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
