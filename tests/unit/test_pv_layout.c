/* SPDX-License-Identifier: MIT */
/*
 * hypervisor/common/pv_layout.c: the worked example of XEN-ABI.md 1.4
 * exactly, hand-computed layouts, and a property test against a
 * reference written from the text of 1.4 (brute-force table counts).
 */
#include "unit.h"

#include <errno.h>
#include <unistd.h>
#include <hv/pv_layout.h>

#define PG	0x1000ULL
#define MB	0x100000ULL
#define VB_LINUX 0xffffffff80000000ULL

static struct pv_layout l;

static void test_minios_worked_example(void **state)
{
	const struct pv_layout_req req = {
		.virt_base = 0, .kstart = 0, .kend = 0x7db08,
		.nr_pages = 32 * MB / PG, .store_console = true,
	};

	(void)state;
	assert_int_equal(pv_layout_compute(&req, &l), 0);
	assert_int_equal(l.v_start, 0);
	assert_int_equal(l.initrd_start, 0x7e000);
	assert_int_equal(l.initrd_end, 0x7e000);
	assert_int_equal(l.p2m_start, 0x7e000);
	assert_int_equal(l.p2m_end - l.p2m_start, 16 * PG);
	assert_int_equal(l.start_info, 0x8e000);
	assert_int_equal(l.xenstore, 0x8f000);
	assert_int_equal(l.console, 0x90000);
	assert_int_equal(l.pt_start, 0x91000);
	assert_int_equal(l.nr_pt_frames, 5);
	assert_int_equal(l.nr_l3, 1);
	assert_int_equal(l.nr_l2, 1);
	assert_int_equal(l.nr_l1, 2);
	assert_int_equal(l.stack, 0x96000);
	assert_int_equal(l.v_end, 0x400000);
	/* Mini-OS's first free PFN: PFN(pt_base) + nr_pt_frames. */
	assert_int_equal(l.pt_start / PG + l.nr_pt_frames, 0x96);
}

static void test_linux_dom0(void **state)
{
	const struct pv_layout_req req = {
		.virt_base = VB_LINUX,
		.kstart = VB_LINUX + 0x1000000, .kend = VB_LINUX + 0x2a3b123,
		.initrd_len = 10 * MB,
		.nr_pages = 512 * MB / PG, .store_console = false,
	};

	(void)state;
	assert_int_equal(pv_layout_compute(&req, &l), 0);
	assert_int_equal(l.v_start, VB_LINUX);
	assert_int_equal(l.initrd_start, VB_LINUX + 0x2a3c000);
	assert_int_equal(l.initrd_end, VB_LINUX + 0x343c000);
	assert_int_equal(l.p2m_start, VB_LINUX + 0x343c000);
	assert_int_equal(l.p2m_end, VB_LINUX + 0x353c000);
	assert_int_equal(l.start_info, VB_LINUX + 0x353c000);
	assert_int_equal(l.xenstore, 0);
	assert_int_equal(l.console, 0);
	assert_int_equal(l.pt_start, VB_LINUX + 0x353d000);
	/* 56 MiB mapped: L4, one L3, one L2, 28 L1s. */
	assert_int_equal(l.nr_l3, 1);
	assert_int_equal(l.nr_l2, 1);
	assert_int_equal(l.nr_l1, 28);
	assert_int_equal(l.nr_pt_frames, 31);
	assert_int_equal(l.stack, VB_LINUX + 0x355c000);
	assert_int_equal(l.v_end, VB_LINUX + 0x3800000);
}

/* The page tables themselves push the stack past the 512 KiB pad. */
static void test_tables_grow_region(void **state)
{
	struct pv_layout_req req = {
		.virt_base = 0, .kstart = 0, .kend = 0x375000,
		.nr_pages = 2048,
	};

	(void)state;
	assert_int_equal(pv_layout_compute(&req, &l), 0);
	assert_int_equal(l.nr_pt_frames, 5);
	assert_int_equal(l.stack, 0x37f000);
	assert_int_equal(l.v_end, 0x400000);		/* pad exactly 512K */
	req.kend = 0x376000;
	assert_int_equal(pv_layout_compute(&req, &l), 0);
	assert_int_equal(l.nr_l1, 4);
	assert_int_equal(l.nr_pt_frames, 7);
	assert_int_equal(l.stack, 0x376000 + 0x5000 + 0x7000);
	assert_int_equal(l.v_end, 0x800000);
	/* 8 MiB is then exactly the domain's memory; one page less fails. */
	req.nr_pages = 2047;
	assert_int_equal(pv_layout_compute(&req, &l), -ENOMEM);
}

static void test_crossing_1g_and_512g(void **state)
{
	struct pv_layout_req req = { .nr_pages = 65536 };
	static const struct {
		uint64_t vb, l3, l2, l1;
	} cases[] = {
		{ 0x40000000, 1, 1, 4 },		/* inside one GiB */
		{ 0x3fc00000, 1, 2, 4 },		/* across 1 GiB */
		{ 0x7fffc00000, 2, 2, 4 },		/* across 512 GiB */
		{ 0x8000000000, 1, 1, 4 },
	};

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		uint64_t n = 1 + cases[i].l3 + cases[i].l2 + cases[i].l1;

		req.virt_base = req.kstart = cases[i].vb;
		req.kend = cases[i].vb + 4 * MB;
		assert_int_equal(pv_layout_compute(&req, &l), 0);
		assert_int_equal(l.pt_start, cases[i].vb + 0x481000);
		assert_int_equal(l.nr_l3, cases[i].l3);
		assert_int_equal(l.nr_l2, cases[i].l2);
		assert_int_equal(l.nr_l1, cases[i].l1);
		assert_int_equal(l.nr_pt_frames, n);
		assert_int_equal(l.stack, l.pt_start + n * PG);
		assert_int_equal(l.v_end, cases[i].vb + 8 * MB);
	}
}

static void test_pt_frames(void **state)
{
	uint64_t l3, l2, l1;

	(void)state;
	assert_int_equal(pv_pt_frames(0, PG, &l3, &l2, &l1), 4);
	assert_int_equal(pv_pt_frames(0, 4 * MB, &l3, &l2, &l1), 5);
	assert_int_equal(l1, 2);
	assert_int_equal(pv_pt_frames(0x1ff000, 0x201000, &l3, &l2, &l1), 5);
	assert_int_equal(l1, 2);
	assert_int_equal(pv_pt_frames(0x3ffff000, 0x40001000, &l3, &l2, &l1),
			 6);
	assert_int_equal(l2, 2);
	/* The top of the address space: end 0 means 2^64. */
	assert_int_equal(pv_pt_frames(0xffffffffffc00000ULL, 0, &l3, &l2,
				      &l1), 5);
	assert_int_equal(l1, 2);
}

static void test_errors(void **state)
{
	struct pv_layout_req req = {
		.virt_base = 0x400000, .kstart = 0x400000,
		.kend = 0x500000, .nr_pages = 8192,
	};
	struct pv_layout_req r;

	(void)state;
	assert_int_equal(pv_layout_compute(&req, &l), 0);
	r = req;
	r.virt_base = 0x400800;			/* unaligned base */
	r.kstart = r.virt_base;
	assert_int_equal(pv_layout_compute(&r, &l), -EINVAL);
	r = req;
	r.kstart = req.virt_base - PG;		/* kernel below the base */
	assert_int_equal(pv_layout_compute(&r, &l), -EINVAL);
	r = req;
	r.kend = r.kstart;			/* empty image */
	assert_int_equal(pv_layout_compute(&r, &l), -EINVAL);
	r.kend = r.kstart - 1;
	assert_int_equal(pv_layout_compute(&r, &l), -EINVAL);
	r = req;
	r.nr_pages = 0;
	assert_int_equal(pv_layout_compute(&r, &l), -EINVAL);
	/* Too little memory for the 4 MiB region; just enough. */
	r = req;
	r.nr_pages = 1023;
	assert_int_equal(pv_layout_compute(&r, &l), -ENOMEM);
	r.nr_pages = 1024;
	assert_int_equal(pv_layout_compute(&r, &l), 0);
	assert_int_equal(l.v_end, 0x800000);
	/* An initrd that does not fit, and absurd sizes. */
	r.initrd_len = 4 * MB;
	assert_int_equal(pv_layout_compute(&r, &l), -ENOMEM);
	r = req;
	r.initrd_len = (1ULL << 36) + 1;
	assert_int_equal(pv_layout_compute(&r, &l), -ENOMEM);
	r = req;
	r.nr_pages = (1ULL << 32) + 1;
	assert_int_equal(pv_layout_compute(&r, &l), -ENOMEM);
	r = req;
	r.kend = r.virt_base + (1ULL << 40) + 1;
	assert_int_equal(pv_layout_compute(&r, &l), -ENOMEM);
	/* On failure nothing is left half-filled. */
	assert_int_equal(l.v_end, 0);
	assert_int_equal(l.nr_pt_frames, 0);
}

/* A region that would run past 2^64; a hang here used to be the bug. */
static void test_wrap_at_top(void **state)
{
	static const uint64_t bases[] = {
		0xffffffffffc00000ULL,		/* ends exactly at 2^64 */
		0xffffffffffe00000ULL,		/* wraps by 2 MiB */
		0xfffffffffffff000ULL,		/* the last page */
		0xffffffff00000000ULL,		/* fits a small kernel */
	};

	(void)state;
	alarm(10);		/* an endless loop fails instead of hanging */
	for (unsigned int i = 0; i < ARRAY_SIZE(bases); i++) {
		struct pv_layout_req req = {
			.virt_base = bases[i], .kstart = bases[i],
			.kend = bases[i] + 0x800, .nr_pages = 1 << 20,
		};

		assert_int_equal(pv_layout_compute(&req, &l),
				 i < 3 ? -ENOMEM : 0);
	}
	{
		/* 8 MiB below the top: a region of 8 MiB would end at
		 * 2^64 (the tables grow it from 4 MiB), one of 4 fits. */
		struct pv_layout_req req = {
			.virt_base = 0xffffffffff800000ULL,
			.kstart = 0xffffffffff800000ULL,
			.kend = 0xffffffffffb80000ULL, .nr_pages = 4096,
		};

		assert_int_equal(pv_layout_compute(&req, &l), -ENOMEM);
		req.kend = 0xffffffffff900000ULL;
		assert_int_equal(pv_layout_compute(&req, &l), 0);
		assert_int_equal(l.v_end, 0xffffffffffc00000ULL);
	}
	alarm(0);
}

/* --- The reference: XEN-ABI.md 1.4 read literally. --- */

struct ref_layout {
	uint64_t initrd_start, p2m_start, start_info, xenstore, console;
	uint64_t pt_start, nr_pt, stack, v_end;
};

static uint64_t up(uint64_t x, uint64_t a)
{
	return (x + a - 1) / a * a;
}

/* Counts the tables mapping [s, e) by walking it in 2 MiB steps. */
static uint64_t ref_tables(uint64_t s, uint64_t e)
{
	uint64_t n = 1, last1 = ~0ULL, last2 = ~0ULL, last3 = ~0ULL;

	for (uint64_t va = s & ~(2 * MB - 1); va < e; va += 2 * MB) {
		if (va >> 21 != last1)
			n++, last1 = va >> 21;
		if (va >> 30 != last2)
			n++, last2 = va >> 30;
		if (va >> 39 != last3)
			n++, last3 = va >> 39;
	}
	return n;
}

/* Offsets from virt_base; returns false if the memory is too small. */
static bool ref_compute(const struct pv_layout_req *r, struct ref_layout *x)
{
	uint64_t next;

	x->initrd_start = up(r->kend - r->virt_base, PG);
	x->p2m_start = up(x->initrd_start + r->initrd_len, PG);
	x->start_info = up(x->p2m_start + r->nr_pages * 8, PG);
	next = x->start_info + PG;
	x->xenstore = x->console = 0;
	if (r->store_console) {
		x->xenstore = next;
		x->console = next + PG;
		next += 2 * PG;
	}
	x->pt_start = next;
	/* The smallest table count that maps the region it produces. */
	for (x->nr_pt = 1;; x->nr_pt++) {
		uint64_t end;

		x->stack = x->pt_start + x->nr_pt * PG;
		end = x->stack + PG;
		x->v_end = up(end + 512 * 1024, 4 * MB);
		if (ref_tables(r->virt_base, r->virt_base + x->v_end) <=
		    x->nr_pt)
			break;
	}
	return x->v_end / PG <= r->nr_pages;
}

static void test_property(void **state)
{
	static const uint64_t bases[] = {
		0, 0x400000, VB_LINUX, 0x3fc00000, 0x7fffc00000,
		0x7fff800000, 0x40000000 - 12 * MB,
	};
	uint64_t seed = 0x70766c61;
	unsigned int ok = 0, nomem = 0;

	(void)state;
	for (unsigned int i = 0; i < 4000; i++) {
		struct pv_layout_req r;
		struct ref_layout x;
		uint64_t vb = bases[ut_rand(&seed) % ARRAY_SIZE(bases)];
		uint64_t ksz = 1 + ut_rand(&seed) % (64 * MB);
		int rc;

		r.virt_base = vb;
		r.kstart = vb + (ut_rand(&seed) % 8) * 2 * MB;
		r.kend = r.kstart + ksz;
		r.initrd_len = ut_rand(&seed) % 3 ?
			ut_rand(&seed) % (128 * MB) : 0;
		r.nr_pages = 1 + ut_rand(&seed) % (1 << 17);
		r.store_console = ut_rand(&seed) & 1;
		rc = pv_layout_compute(&r, &l);
		if (!ref_compute(&r, &x)) {
			assert_int_equal(rc, -ENOMEM);
			nomem++;
			continue;
		}
		assert_int_equal(rc, 0);
		ok++;
		assert_int_equal(l.v_start, vb);
		assert_int_equal(l.initrd_start, vb + x.initrd_start);
		assert_int_equal(l.initrd_end - l.initrd_start, r.initrd_len);
		assert_int_equal(l.p2m_start, vb + x.p2m_start);
		assert_int_equal(l.p2m_end - l.p2m_start, r.nr_pages * 8);
		assert_int_equal(l.start_info, vb + x.start_info);
		assert_int_equal(l.xenstore, x.xenstore ? vb + x.xenstore : 0);
		assert_int_equal(l.console, x.console ? vb + x.console : 0);
		assert_int_equal(l.pt_start, vb + x.pt_start);
		assert_int_equal(l.nr_pt_frames, x.nr_pt);
		assert_int_equal(l.nr_pt_frames,
				 1 + l.nr_l3 + l.nr_l2 + l.nr_l1);
		assert_int_equal(l.stack, vb + x.stack);
		assert_int_equal(l.v_end, vb + x.v_end);
		/* The rules of 1.4, directly. */
		assert_int_equal(l.stack, l.pt_start + l.nr_pt_frames * PG);
		assert_int_equal((l.v_end - l.v_start) % (4 * MB), 0);
		assert_true(l.v_end - (l.stack + PG) >= 512 * 1024);
		assert_true(l.v_end - (l.stack + PG) < 512 * 1024 + 4 * MB);
		assert_true((l.v_end - l.v_start) / PG <= r.nr_pages);
		assert_true(ref_tables(l.v_start, l.v_end) <= l.nr_pt_frames);
		assert_true(l.initrd_start >= r.kend);
		assert_true(l.p2m_start >= l.initrd_end);
		assert_true(l.start_info >= l.p2m_end);
	}
	/* Both outcomes were exercised. */
	assert_true(ok > 1000);
	assert_true(nomem > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minios_worked_example),
		cmocka_unit_test(test_linux_dom0),
		cmocka_unit_test(test_tables_grow_region),
		cmocka_unit_test(test_crossing_1g_and_512g),
		cmocka_unit_test(test_pt_frames),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_wrap_at_top),
		cmocka_unit_test(test_property),
	};

	return cmocka_run_group_tests_name("pv_layout", tests, NULL, NULL);
}
