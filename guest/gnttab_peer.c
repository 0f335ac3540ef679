/* SPDX-License-Identifier: MIT */
/*
 * Grants between two domains: boot domU d1 (`grantdomu`) grants pages to
 * dom0, and dom0 (`grantpeer`) copies through them, and into what d1
 * should not have granted.
 *
 * d1 grants: ref 8 a page of pattern 3, read-only; ref 9 a zeroed page,
 * writable; ref 10 its L4 page table, writable; ref 11 a frame it does
 * not own. dom0 copies ref 8 out and maps it to read it, maps ref 9 to
 * write pattern 6 and then copies pattern 5 into it; the others must
 * fail. A domU cannot print, so d1 reports by shutting down: it
 * powers off once pattern 5 arrived and every entry could be revoked,
 * and crashes if the copy never came (PEER_WAIT_NS) or an entry stayed
 * marked in use.
 */
#include <string.h>
#include <public/sched.h>
#include <guest/check.h>
#include <guest/events.h>
#include <guest/gnttab.h>
#include <guest/guest.h>
#include <guest/mm.h>
#include <guest/printk.h>

#define PEER_DOMID	1
#define PEER_WAIT_NS	20000000000ULL
#define PEER_POLL_NS	10000000ULL

static void pattern(uint8_t *p, uint8_t seed)
{
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		p[i] = (uint8_t)(seed * 31 + i * 13);
}

static bool is_pattern(const uint8_t *p, uint8_t seed)
{
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		if (p[i] != (uint8_t)(seed * 31 + i * 13))
			return false;
	return true;
}

void grantdomu_run(void)
{
	uint8_t *a = page_alloc(), *b = page_alloc();
	uint64_t until = time_now() + PEER_WAIT_NS;

	if (gnttab_setup() == NULL || a == NULL || b == NULL)
		guest_shutdown(SHUTDOWN_crash, "grantdomu: no grant table");
	pattern(a, 3);
	gnttab_grant(9, 0, virt_to_mfn(b), false);
	gnttab_grant(10, 0, virt_to_mfn(mm_readonly_page()), false);
	gnttab_grant(11, 0, 0xfffffffUL, true);
	/* Ref 8 last: dom0 starts once it can read it. */
	gnttab_grant(8, 0, virt_to_mfn(a), true);
	while (!is_pattern(b, 5)) {
		if (time_now() > until)
			guest_shutdown(SHUTDOWN_crash,
				       "grantdomu: nothing arrived");
		time_sleep_until(time_now() + PEER_POLL_NS);
	}
	/* dom0 is done with ref 9 once the whole page is there. */
	for (grant_ref_t ref = 8; ref <= 11; ref++)
		if (!gnttab_revoke(ref))
			guest_shutdown(SHUTDOWN_crash,
				       "grantdomu: entry still in use");
	guest_shutdown(SHUTDOWN_poweroff, "grantdomu: done");
}

/* A page between d1's ref and a page of ours (to_peer: ours -> d1). */
static long peer_copy(grant_ref_t ref, uint8_t *ours, bool to_peer)
{
	return gnttab_copy_page(PEER_DOMID, ref, ours, PAGE_SIZE, to_peer);
}

/*
 * Maps d1's ref at our page va (read-only or not), runs check, unmaps
 * and maps our own frame back: false if any step failed.
 */
static bool peer_map(struct check *c, grant_ref_t ref, uint8_t *va,
		     bool readonly, uint8_t seed)
{
	struct gnttab_map_grant_ref m = {
		.host_addr = (uint64_t)va, .ref = ref, .dom = PEER_DOMID,
		.flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0),
	};
	struct gnttab_unmap_grant_ref u = { .host_addr = (uint64_t)va };
	bool ok;

	if (!check_eq(c, readonly ? "map d1's read-only grant" :
		      "map d1's writable grant", hypercall_grant_table_op(
		      GNTTABOP_map_grant_ref, &m, 1) ?: m.status, GNTST_okay))
		return false;
	mmuext1(MMUEXT_INVLPG_LOCAL, (uint64_t)va);
	if (readonly) {
		ok = check_eq(c, "d1's page reads through the mapping",
			      is_pattern(va, seed), 1);
	} else {
		pattern(va, seed);
		ok = true;
	}
	u.handle = m.handle;
	ok &= check_eq(c, "unmap it", hypercall_grant_table_op(
		       GNTTABOP_unmap_grant_ref, &u, 1) ?: u.status,
		       GNTST_okay);
	mm_make_rw(va);
	return ok;
}

void grantpeer_run(void)
{
	struct check c = { .prefix = "grantpeer" };
	struct gnttab_map_grant_ref m = {
		.flags = GNTMAP_host_map, .ref = 8, .dom = PEER_DOMID,
	};
	uint8_t *x = page_alloc(), *y = page_alloc();
	uint64_t until = time_now() + PEER_WAIT_NS;
	long rc;

	if (!check_that(&c, x && y, "two pages"))
		goto out;
	/* Until d1 has granted ref 8: bad_gntref, then general_error. */
	while ((rc = peer_copy(8, x, false)) != GNTST_okay &&
	       time_now() < until)
		time_sleep_until(time_now() + PEER_POLL_NS);
	check_eq(&c, "copy d1's read-only grant out", rc, GNTST_okay);
	check_eq(&c, "d1's page arrived", is_pattern(x, 3), 1);
	check_eq(&c, "copy into d1's read-only grant: general_error",
		 peer_copy(8, y, true), GNTST_general_error);
	check_eq(&c, "copy into d1's granted page table: general_error",
		 peer_copy(10, y, true), GNTST_general_error);
	check_eq(&c, "copy from a frame d1 does not own: bad_page",
		 peer_copy(11, x, false), GNTST_bad_page);
	check_eq(&c, "copy from d1's ungranted ref 12: general_error",
		 peer_copy(12, x, false), GNTST_general_error);
	peer_map(&c, 8, x, true, 3);
	m.host_addr = (uint64_t)x;
	check_eq(&c, "map d1's read-only grant writable: general_error",
		 hypercall_grant_table_op(GNTTABOP_map_grant_ref, &m, 1) ?:
		 m.status, GNTST_general_error);
	/* Pattern 6 through a mapping, then 5 by copy: d1 waits for 5. */
	peer_map(&c, 9, y, false, 6);
	pattern(y, 5);
	check_eq(&c, "copy into d1's writable grant", peer_copy(9, y, true),
		 GNTST_okay);
out:
	check_summary(&c, false);
	printk("TEST grantpeer: %s\n", c.failed ? "FAIL" : "PASS");
}
