/* SPDX-License-Identifier: MIT */
/*
 * The grant-table metrics of `bench` (bench.c), on grants dom0 makes to
 * itself (gnttab.c):
 *
 *  grant_copy_4k	one GNTTABOP_copy of a whole page, grant to grant
 *			(two entries pinned and unpinned, 4 KiB copied).
 *  grant_map_unmap	GNTTABOP_map_grant_ref of a read-only grant at a
 *			page of ours, then unmap_grant_ref, then our own
 *			frame mapped back (update_va_mapping).
 */
#include <stddef.h>
#include <guest/bench.h>
#include <guest/events.h>
#include <guest/gnttab.h>
#include <guest/mm.h>
#include <guest/printk.h>

#define REF_SRC		60
#define REF_DST		61

static uint8_t *src, *dst, *at;

static void run(const char *name, long (*one)(void), unsigned long n)
{
	uint64_t runs[BENCH_RUNS];
	long rc = 0;

	for (unsigned int r = 0; r <= BENCH_RUNS && rc == 0; r++) {
		uint64_t t0 = rdtsc_ordered();

		for (unsigned long i = 0; i < n && rc == 0; i++)
			rc = one();
		/* Run 0 warms up. */
		if (r)
			runs[r - 1] = rdtsc_ordered() - t0;
	}
	if (rc)
		printk("bench: %s failed: %ld\n", name, rc);
	else
		bench_report(name, runs, n);
}

static long copy_page(void)
{
	struct gnttab_copy op = {
		.source = { .u.ref = REF_SRC, .domid = DOMID_SELF },
		.dest = { .u.ref = REF_DST, .domid = DOMID_SELF },
		.len = PAGE_SIZE,
		.flags = GNTCOPY_source_gref | GNTCOPY_dest_gref,
	};

	return gnttab_copy1(&op);
}

static long map_unmap(void)
{
	struct gnttab_map_grant_ref m = {
		.host_addr = (uint64_t)at, .ref = REF_SRC, .dom = 0,
		.flags = GNTMAP_host_map | GNTMAP_readonly,
	};
	struct gnttab_unmap_grant_ref u = { .host_addr = (uint64_t)at };
	long rc = hypercall_grant_table_op(GNTTABOP_map_grant_ref, &m, 1) ?:
		  m.status;

	if (rc)
		return rc;
	u.handle = m.handle;
	rc = hypercall_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1) ?:
	     u.status;
	if (rc)
		return rc;
	return mm_make_rw(at);
}

void bench_gnttab_run(unsigned long n)
{
	src = page_alloc();
	dst = page_alloc();
	at = page_alloc();
	if (gnttab_setup() == NULL || !src || !dst || !at) {
		printk("bench: grant table: setup failed\n");
		goto out;
	}
	gnttab_grant(REF_SRC, 0, virt_to_mfn(src), true);
	gnttab_grant(REF_DST, 0, virt_to_mfn(dst), false);
	run("grant_copy_4k", copy_page, n);
	run("grant_map_unmap", map_unmap, n);
	gnttab_revoke(REF_SRC);
	gnttab_revoke(REF_DST);
out:
	if (at)
		page_free(at);
	if (dst)
		page_free(dst);
	if (src)
		page_free(src);
}
