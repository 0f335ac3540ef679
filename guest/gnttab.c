/* SPDX-License-Identifier: MIT */
/*
 * Our grant table as a PV granter keeps it (setup_table, then the frames
 * mapped read-write at pages of our own), and the `gnttab` command: dom0
 * grants pages to itself and checks setup_table, query_size and copy,
 * with the status Xen 4.17 gives for each mistake. The same checks run
 * on Xen (xen-gnttab.scn).
 */
#include <string.h>
#include <public/errno.h>
#include <guest/abimm.h>
#include <guest/check.h>
#include <guest/gnttab.h>
#include <guest/mm.h>
#include <guest/printk.h>

static struct grant_entry_v1 *table;

struct grant_entry_v1 *gnttab_setup(void)
{
	static bool done;
	uint64_t frames[GNTTAB_FRAMES];
	struct gnttab_setup_table op = {
		.dom = DOMID_SELF, .nr_frames = GNTTAB_FRAMES,
	};
	char *va;
	long rc;

	if (done)
		return table;
	done = true;
	op.frame_list.p = frames;
	rc = hypercall_grant_table_op(GNTTABOP_setup_table, &op, 1);
	if (rc || op.status != GNTST_okay) {
		printk("gnttab: setup_table: rc %ld, status %d\n", rc,
		       op.status);
		return NULL;
	}
	/* Pages of our own whose frames we trade for the table's. */
	va = page_alloc_run(GNTTAB_FRAMES);
	if (va == NULL)
		return NULL;
	for (unsigned int i = 0; i < GNTTAB_FRAMES; i++) {
		rc = mm_set_l1e(va + i * PAGE_SIZE,
				pte_make(frames[i], PTE_KERNEL_RW));
		if (rc) {
			printk("gnttab: mapping frame %u (%#lx): %ld\n", i,
			       frames[i], rc);
			return NULL;
		}
	}
	table = (struct grant_entry_v1 *)va;
	return table;
}

void gnttab_grant(grant_ref_t ref, domid_t domid, uint64_t mfn,
		  bool readonly)
{
	table[ref].domid = domid;
	table[ref].frame = (uint32_t)mfn;
	__atomic_store_n(&table[ref].flags, (uint16_t)(GTF_permit_access |
			 (readonly ? GTF_readonly : 0)), __ATOMIC_RELEASE);
}

bool gnttab_revoke(grant_ref_t ref)
{
	uint16_t flags = __atomic_load_n(&table[ref].flags, __ATOMIC_ACQUIRE);

	do {
		if (flags & (GTF_reading | GTF_writing))
			return false;
	} while (!__atomic_compare_exchange_n(&table[ref].flags, &flags, 0,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	return true;
}

uint16_t gnttab_flags(grant_ref_t ref)
{
	return __atomic_load_n(&table[ref].flags, __ATOMIC_ACQUIRE);
}

long gnttab_copy1(struct gnttab_copy *op)
{
	long rc = hypercall_grant_table_op(GNTTABOP_copy, op, 1);

	return rc ? rc : op->status;
}

long gnttab_copy_page(domid_t dom, grant_ref_t ref, void *ours,
		      uint16_t len, bool to_grant)
{
	struct gnttab_copy op = { .len = len };
	struct gnttab_copy_ptr *grant = to_grant ? &op.dest : &op.source;
	struct gnttab_copy_ptr *self = to_grant ? &op.source : &op.dest;

	grant->u.ref = ref;
	grant->domid = dom;
	self->u.gmfn = virt_to_mfn(ours);
	self->domid = DOMID_SELF;
	op.flags = to_grant ? GNTCOPY_dest_gref : GNTCOPY_source_gref;
	return gnttab_copy1(&op);
}

/* A copy op between two grant refs of our own (DOMID_SELF). */
static struct gnttab_copy gref_copy(grant_ref_t from, uint16_t from_off,
				    grant_ref_t to, uint16_t to_off,
				    uint16_t len)
{
	struct gnttab_copy op = {
		.source = { .u.ref = from, .domid = DOMID_SELF,
			    .offset = from_off },
		.dest = { .u.ref = to, .domid = DOMID_SELF, .offset = to_off },
		.len = len,
		.flags = GNTCOPY_source_gref | GNTCOPY_dest_gref,
	};

	return op;
}

static void fill(uint8_t *p, uint8_t seed)
{
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		p[i] = (uint8_t)(seed + i * 7);
}

static void check_sizes(struct check *c)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	struct gnttab_setup_table s = { .dom = DOMID_SELF };
	uint64_t frames[2];

	check_eq(c, "query_size", hypercall_grant_table_op(
		 GNTTABOP_query_size, &q, 1) ?: q.status, GNTST_okay);
	printk("gnttab: %u frame(s) of %u\n", q.nr_frames, q.max_nr_frames);
	check_that(c, q.nr_frames >= GNTTAB_FRAMES && q.max_nr_frames >=
		   q.nr_frames, "query_size: at least %u frames, max above",
		   GNTTAB_FRAMES);
	s.nr_frames = q.max_nr_frames + 1;
	check_eq(c, "setup_table past the maximum: general_error",
		 hypercall_grant_table_op(GNTTABOP_setup_table, &s, 1) ?:
		 s.status, GNTST_general_error);
	s.nr_frames = 1;
	s.frame_list.p = frames;
	check_eq(c, "setup_table, count 2: EINVAL", hypercall_grant_table_op(
		 GNTTABOP_setup_table, &s, 2), -XEN_EINVAL);
	s.dom = 77;
	check_eq(c, "setup_table of d77: bad_domain", hypercall_grant_table_op(
		 GNTTABOP_setup_table, &s, 1) ?: s.status, GNTST_bad_domain);
	s.dom = DOMID_SELF;
	s.frame_list.q = 0x10;
	check_eq(c, "setup_table, bad frame list: bad_virt_addr",
		 hypercall_grant_table_op(GNTTABOP_setup_table, &s, 1) ?:
		 s.status, GNTST_bad_virt_addr);
	q.dom = 77;
	check_eq(c, "query_size of d77: bad_domain", hypercall_grant_table_op(
		 GNTTABOP_query_size, &q, 1) ?: q.status, GNTST_bad_domain);
	check_eq(c, "query_size, bad op address: EFAULT",
		 hypercall_grant_table_op(GNTTABOP_query_size, (void *)0x10, 1),
		 -XEN_EFAULT);
}

/* Refs 8 (read-only) and 9 (writable) grant pages a and b to ourselves. */
static void check_copies(struct check *c, uint8_t *a, uint8_t *b)
{
	struct gnttab_copy op, ops[3];
	grant_ref_t past = 0x7fffffff;	/* beyond any table's size */

	fill(a, 1);
	memset(b, 0, PAGE_SIZE);
	gnttab_grant(8, 0, virt_to_mfn(a), true);
	gnttab_grant(9, 0, virt_to_mfn(b), false);
	op = gref_copy(8, 0, 9, 0, PAGE_SIZE);
	check_eq(c, "copy a page, gref to gref", gnttab_copy1(&op),
		 GNTST_okay);
	check_eq(c, "the page arrived", memcmp(a, b, PAGE_SIZE), 0);
	check_eq(c, "read-only entry's flags are as granted", gnttab_flags(8),
		 GTF_permit_access | GTF_readonly);
	check_eq(c, "writable entry's flags are as granted", gnttab_flags(9),
		 GTF_permit_access);
	op = gref_copy(8, 100, 9, 4000, 96);
	check_eq(c, "copy to the end of a page", gnttab_copy1(&op),
		 GNTST_okay);
	check_eq(c, "the bytes arrived", memcmp(a + 100, b + 4000, 96), 0);
	op = gref_copy(8, 0, 9, 4000, 97);
	check_eq(c, "copy past the end of a page: bad_copy_arg",
		 gnttab_copy1(&op), GNTST_bad_copy_arg);
	op = gref_copy(9, 0, 8, 0, 16);
	check_eq(c, "copy into a read-only grant: general_error",
		 gnttab_copy1(&op), GNTST_general_error);
	op = gref_copy(past, 0, 9, 0, 16);
	check_eq(c, "ref past the table: bad_gntref", gnttab_copy1(&op),
		 GNTST_bad_gntref);
	op = gref_copy(12, 0, 9, 0, 16);
	check_eq(c, "entry never granted: general_error", gnttab_copy1(&op),
		 GNTST_general_error);
	gnttab_grant(10, 5, virt_to_mfn(a), false);
	op = gref_copy(10, 0, 9, 0, 16);
	check_eq(c, "entry granted to d5: general_error", gnttab_copy1(&op),
		 GNTST_general_error);
	gnttab_grant(11, 0, virt_to_mfn(mm_readonly_page()), false);
	op = gref_copy(8, 0, 11, 0, 16);
	check_eq(c, "copy into a granted page table: general_error",
		 gnttab_copy1(&op), GNTST_general_error);
	op = gref_copy(8, 0, 9, 0, 16);
	op.source.domid = 77;
	check_eq(c, "granter d77: bad_domain", gnttab_copy1(&op),
		 GNTST_bad_domain);

	/* By frame: only DOMID_SELF may name its frames so. */
	fill(a, 9);
	op = gref_copy(0, 8, 9, 8, 64);
	op.flags = GNTCOPY_dest_gref;
	op.source.u.gmfn = virt_to_mfn(a);
	check_eq(c, "copy from our frame into a grant", gnttab_copy1(&op),
		 GNTST_okay);
	check_eq(c, "the bytes arrived", memcmp(a + 8, b + 8, 64), 0);
	op.source.domid = 0;
	check_eq(c, "frame named with our own id: permission_denied",
		 gnttab_copy1(&op), GNTST_permission_denied);
	op.source.domid = DOMID_SELF;
	op.source.u.gmfn = 0xfffffffUL;
	check_eq(c, "frame we do not own: bad_page", gnttab_copy1(&op),
		 GNTST_bad_page);

	/* A batch: each op has its own status, the call succeeds. */
	ops[0] = gref_copy(8, 0, 9, 0, 8);
	ops[1] = gref_copy(12, 0, 9, 0, 8);
	ops[2] = gref_copy(8, 8, 9, 8, 8);
	check_eq(c, "batch of 3 copies", hypercall_grant_table_op(
		 GNTTABOP_copy, ops, 3), 0);
	check_that(c, ops[0].status == GNTST_okay &&
		   ops[1].status == GNTST_general_error &&
		   ops[2].status == GNTST_okay,
		   "batch statuses okay, general_error, okay (got %d %d %d)",
		   ops[0].status, ops[1].status, ops[2].status);
	check_eq(c, "copy, bad op address: EFAULT", hypercall_grant_table_op(
		 GNTTABOP_copy, (void *)0x10, 1), -XEN_EFAULT);
	check_that(c, gnttab_revoke(8) && gnttab_revoke(9) &&
		   gnttab_revoke(10) && gnttab_revoke(11),
		   "entries revoked after use");
}

void gnttab_run(void)
{
	struct check c = { .prefix = "gnttab" };
	uint8_t *a = page_alloc(), *b = page_alloc();

	if (!check_that(&c, gnttab_setup() != NULL && a && b,
			"setup_table, %u frames mapped", GNTTAB_FRAMES))
		goto out;
	check_sizes(&c);
	check_copies(&c, a, b);
	check_eq(&c, "unknown op 13: ENOSYS", hypercall_grant_table_op(
		 13, NULL, 0), -XEN_ENOSYS);
	gnttab_map_checks(&c);
	abimm_find_foreign();
	gnttab_random(&c);
	gnttab_random_maps(&c);
out:
	check_summary(&c, false);
	printk("TEST gnttab: %s\n", c.failed ? "FAIL" : "PASS");
}
