/* SPDX-License-Identifier: MIT */
/*
 * The guest's grant table (gnttab.c): its frames set up and mapped, and
 * entries granted and revoked as a PV granter does; the `gnttab` (dom0)
 * and `grantpeer` / `grantdomu` (dom0 with boot domU d1) tests.
 */
#ifndef GUEST_GNTTAB_H
#define GUEST_GNTTAB_H

#include <stdbool.h>
#include <stdint.h>
#include <public/grant_table.h>
#include <guest/hypercall.h>

#define GNTTAB_FRAMES	4	/* as Mini-OS asks for */

static inline long hypercall_grant_table_op(unsigned int cmd, void *uops,
					    unsigned int count)
{
	return hypercall5(__HYPERVISOR_grant_table_op, cmd, (uintptr_t)uops,
			  count, 0, 0);
}

/*
 * Grows our table to GNTTAB_FRAMES frames and maps them; the entries, or
 * NULL (printed). Runs once; later calls return the first result.
 */
struct grant_entry_v1 *gnttab_setup(void);

/* Grants frame mfn to domid in entry ref: domid and frame, then flags. */
void gnttab_grant(grant_ref_t ref, domid_t domid, uint64_t mfn,
		  bool readonly);
/* Revokes ref; false while the hypervisor says it is in use. */
bool gnttab_revoke(grant_ref_t ref);
/* The entry's flags as they are now. */
uint16_t gnttab_flags(grant_ref_t ref);

/* One GNTTABOP_copy; returns the op's status, or the call's error. */
long gnttab_copy1(struct gnttab_copy *op);
/* Copies len bytes between dom's ref and our page ours (to_grant: from
 * ours into the grant), both at offset 0; as gnttab_copy1(). */
long gnttab_copy_page(domid_t dom, grant_ref_t ref, void *ours,
		      uint16_t len, bool to_grant);

void gnttab_run(void);		/* `gnttab` */
struct check;
void gnttab_random(struct check *c);	/* its random part */
void gnttab_random_maps(struct check *c);
void gnttab_map_checks(struct check *c); /* its mapping part */
void grantpeer_run(void);	/* `grantpeer`: dom0's side */
void grantdomu_run(void);	/* `grantdomu`: d1's side */

#endif
