/* SPDX-License-Identifier: MIT */
/*
 * The mapping part of `gnttab`: dom0 maps grants of its own into its page
 * tables (by virtual address and by the machine address of the L1 entry)
 * and for a device, reads and writes through them, watches the entry
 * flags that say a grant is in use, unmaps, and checks Xen's status for
 * each mistake. A page whose address a grant took is mapped back after
 * (mm_make_rw: its own frame, from the P2M).
 */
#include <string.h>
#include <public/errno.h>
#include <guest/check.h>
#include <guest/gnttab.h>
#include <guest/mm.h>
#include <guest/printk.h>

#define UNMAPPED_VA	0x100000000000UL	/* no L1 table there */

static struct gnttab_map_grant_ref map_op(uint64_t addr, uint32_t flags,
					  grant_ref_t ref, domid_t dom)
{
	struct gnttab_map_grant_ref op = {
		.host_addr = addr, .flags = flags, .ref = ref, .dom = dom,
	};

	return op;
}

/* Maps; the status, or the call's error. The TLB entry goes too. */
static long map1(struct gnttab_map_grant_ref *op)
{
	long rc = hypercall_grant_table_op(GNTTABOP_map_grant_ref, op, 1);

	if (!(op->flags & GNTMAP_contains_pte))
		mmuext1(MMUEXT_INVLPG_LOCAL, op->host_addr);
	return rc ? rc : op->status;
}

static long unmap1(uint64_t addr, uint64_t dev_bus_addr,
		   grant_handle_t handle)
{
	struct gnttab_unmap_grant_ref op = {
		.host_addr = addr, .dev_bus_addr = dev_bus_addr,
		.handle = handle,
	};
	long rc = hypercall_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1);

	return rc ? rc : op.status;
}

/* Refs 16 (page a, read-only) and 17 (page b) are granted to us. */
static void check_host_maps(struct check *c, const uint8_t *a, uint8_t *b,
			    uint8_t *v, uint8_t *w,
			    uint8_t *x)
{
	struct gnttab_map_grant_ref m1, m2, m3;

	m1 = map_op((uint64_t)v, GNTMAP_host_map | GNTMAP_readonly, 16, 0);
	check_eq(c, "map a read-only grant", map1(&m1), GNTST_okay);
	check_eq(c, "its page reads through the mapping",
		 memcmp(v, a, PAGE_SIZE), 0);
	check_eq(c, "mapped read-only: entry marked reading", gnttab_flags(16),
		 GTF_permit_access | GTF_readonly | GTF_reading);
	check_eq(c, "a mapped grant cannot be revoked", gnttab_revoke(16), 0);
	m2 = map_op((uint64_t)w, GNTMAP_host_map, 17, 0);
	check_eq(c, "map a writable grant", map1(&m2), GNTST_okay);
	memset(w, 0x5a, 64);
	check_eq(c, "a write through the mapping reaches the page", b[63],
		 0x5a);
	check_eq(c, "mapped writable: entry marked reading and writing",
		 gnttab_flags(17), GTF_permit_access | GTF_reading |
		 GTF_writing);
	m3 = map_op((uint64_t)x, GNTMAP_host_map | GNTMAP_readonly, 17, 0);
	check_eq(c, "map it again, read-only", map1(&m3), GNTST_okay);
	check_that(c, m3.handle != m2.handle, "a new handle (%u, %u)",
		   m2.handle, m3.handle);
	check_eq(c, "unmap the writable mapping", unmap1((uint64_t)w, 0,
		 m2.handle), GNTST_okay);
	check_eq(c, "still mapped read-only: writing cleared",
		 gnttab_flags(17), GTF_permit_access | GTF_reading);
	check_eq(c, "unmap the read-only one", unmap1((uint64_t)x, 0,
		 m3.handle), GNTST_okay);
	check_eq(c, "no mapping left: flags as granted", gnttab_flags(17),
		 GTF_permit_access);
	check_eq(c, "unmap at an address it is not mapped: general_error",
		 unmap1((uint64_t)w, 0, m1.handle), GNTST_general_error);
	check_eq(c, "unmap by the right address", unmap1((uint64_t)v, 0,
		 m1.handle), GNTST_okay);
	check_eq(c, "flags of the read-only grant as granted",
		 gnttab_flags(16), GTF_permit_access | GTF_readonly);
	check_eq(c, "unmap the same handle again: bad_handle",
		 unmap1((uint64_t)v, 0, m1.handle), GNTST_bad_handle);
	check_eq(c, "unmap a handle never given: bad_handle",
		 unmap1((uint64_t)v, 0, 0x7fffffff), GNTST_bad_handle);
	mm_make_rw(v);
	mm_make_rw(w);
	mm_make_rw(x);
}

/* By the machine address of the L1 entry, and for a device. */
static void check_pte_and_device(struct check *c, const uint8_t *a,
				 uint8_t *v, uint64_t b_mfn)
{
	struct gnttab_map_grant_ref m;
	uint64_t pte_ma = mm_l1e_machine((uint64_t)v, NULL);

	m = map_op(pte_ma, GNTMAP_host_map | GNTMAP_readonly |
		   GNTMAP_contains_pte, 16, 0);
	check_eq(c, "map by the L1 entry's machine address", map1(&m),
		 GNTST_okay);
	mmuext1(MMUEXT_INVLPG_LOCAL, (uint64_t)v);
	check_eq(c, "its page reads through that mapping",
		 memcmp(v, a, PAGE_SIZE), 0);
	check_eq(c, "unmap it by the same address", unmap1(pte_ma, 0,
		 m.handle), GNTST_okay);
	mm_make_rw(v);
	m = map_op(0, GNTMAP_device_map, 17, 0);
	check_eq(c, "map for a device", map1(&m), GNTST_okay);
	check_eq(c, "bus address is the frame's", (long)(m.dev_bus_addr >>
		 PAGE_SHIFT), (long)b_mfn);
	check_eq(c, "unmap with a wrong bus address: bad_dev_addr",
		 unmap1(0, m.dev_bus_addr + PAGE_SIZE, m.handle),
		 GNTST_bad_dev_addr);
	check_eq(c, "unmap for the device", unmap1(0, m.dev_bus_addr,
		 m.handle), GNTST_okay);
	check_eq(c, "device mapping gone: flags as granted", gnttab_flags(17),
		 GTF_permit_access);
}

/*
 * Overwriting a grant's page-table entry unmaps it implicitly: the
 * frame's references go with the entry, the grant stays in use (its
 * entry cannot be revoked) and unmapping it fails. Each run uses a new
 * ref, since the old one stays pinned.
 */
static void check_implicit_unmap(struct check *c, const uint8_t *a,
				 uint8_t *v)
{
	static grant_ref_t ref = 30;
	struct gnttab_map_grant_ref m;

	gnttab_grant(ref, 0, virt_to_mfn(a), true);
	m = map_op((uint64_t)v, GNTMAP_host_map | GNTMAP_readonly, ref,
		   0);
	check_eq(c, "map, then overwrite its entry", map1(&m), GNTST_okay);
	mm_make_rw(v);
	check_eq(c, "unmap after the entry was overwritten: general_error",
		 unmap1((uint64_t)v, 0, m.handle), GNTST_general_error);
	check_eq(c, "the grant stays in use", gnttab_flags(ref),
		 GTF_permit_access | GTF_readonly | GTF_reading);
	v[0] = (uint8_t)(a[0] + 1);
	check_eq(c, "our page is ours again: a write misses the grant",
		 a[0] != v[0], 1);
	ref++;
}

/* Mistakes, each answered as Xen answers it; addr 0 is our page. */
static const struct map_error {
	const char	*name;
	uint64_t	addr;
	uint32_t	flags;
	grant_ref_t	ref;
	domid_t		dom;
	int16_t		want;
} map_errors[] = {
	{ "map for neither host nor device: bad_gntref", 0,
	  GNTMAP_readonly, 16, 0, GNTST_bad_gntref },
	{ "map a read-only grant writable: general_error", 0,
	  GNTMAP_host_map, 16, 0, GNTST_general_error },
	{ "map where no L1 table is: general_error", UNMAPPED_VA,
	  GNTMAP_host_map | GNTMAP_readonly, 16, 0, GNTST_general_error },
	{ "map a grant to d5: general_error", 0,
	  GNTMAP_host_map | GNTMAP_readonly, 18, 0, GNTST_general_error },
	{ "map from d77: bad_domain", 0,
	  GNTMAP_host_map | GNTMAP_readonly, 16, 77, GNTST_bad_domain },
	{ "map from DOMID_SELF: bad_domain", 0,
	  GNTMAP_host_map | GNTMAP_readonly, 16, DOMID_SELF,
	  GNTST_bad_domain },
	{ "map a ref past the table: bad_gntref", 0,
	  GNTMAP_host_map | GNTMAP_readonly, 0x7fffffff, 0,
	  GNTST_bad_gntref },
	{ "map a sub-page grant: general_error", 0,
	  GNTMAP_host_map | GNTMAP_readonly, 19, 0, GNTST_general_error },
	{ "map a granted page table writable: general_error", 0,
	  GNTMAP_host_map, 20, 0, GNTST_general_error },
	{ "map a frame the granter does not own: bad_page", 0,
	  GNTMAP_host_map | GNTMAP_readonly, 21, 0, GNTST_bad_page },
};

static void check_map_errors(struct check *c, uint8_t *v)
{
	for (unsigned int i = 0; i < sizeof(map_errors) / sizeof(map_errors[0]); i++) {
		const struct map_error *e = &map_errors[i];
		struct gnttab_map_grant_ref m = map_op(e->addr ?: (uint64_t)v,
						       e->flags, e->ref,
						       e->dom);

		check_eq(c, e->name, map1(&m), e->want);
	}
	check_eq(c, "the failed maps left no mark", gnttab_flags(16),
		 GTF_permit_access | GTF_readonly);
	check_eq(c, "map, bad op address: EFAULT", hypercall_grant_table_op(
		 GNTTABOP_map_grant_ref, (void *)0x10, 1), -XEN_EFAULT);
	mm_make_rw(v);
}

void gnttab_map_checks(struct check *c)
{
	uint8_t *a = page_alloc(), *b = page_alloc();
	uint8_t *v = page_alloc(), *w = page_alloc(), *x = page_alloc();

	if (!check_that(c, a && b && v && w && x, "map: pages"))
		return;
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		a[i] = (uint8_t)(i * 5 + 1);
	gnttab_grant(16, 0, virt_to_mfn(a), true);
	gnttab_grant(17, 0, virt_to_mfn(b), false);
	gnttab_grant(18, 5, virt_to_mfn(a), true);
	gnttab_grant(19, 0, virt_to_mfn(a), true);
	__atomic_fetch_or(&gnttab_setup()[19].flags, (uint16_t)GTF_sub_page,
			  __ATOMIC_SEQ_CST);
	gnttab_grant(20, 0, virt_to_mfn(mm_readonly_page()), false);
	gnttab_grant(21, 0, 0xfffffffUL, true);
	check_host_maps(c, a, b, v, w, x);
	check_pte_and_device(c, a, v, virt_to_mfn(b));
	check_implicit_unmap(c, a, v);
	check_map_errors(c, v);
	check_that(c, gnttab_revoke(16) && gnttab_revoke(17) &&
		   gnttab_revoke(18) && gnttab_revoke(19) &&
		   gnttab_revoke(20) && gnttab_revoke(21),
		   "map: every entry revoked after use");
	page_free(x);
	page_free(w);
	page_free(v);
	page_free(b);
	page_free(a);
}
