/* SPDX-License-Identifier: MIT */
/*
 * The random run of `gnttab`: NR_OPS grant copies in batches of one to
 * four, built by a fixed-seed PRNG from a small vocabulary, while refs
 * 8-15 of our own table are re-granted at random between batches:
 *
 *   entries   type invalid, permit_access, accept_transfer or transitive,
 *             maybe read-only (or with the v2-only sub_page bit),
 *             to us (d0) or to d5, of one of the frames below;
 *   frames    scratch data pages, our L4 (a page table), Xen's M2P
 *             frames, frames beyond RAM;
 *   each side a ref (8-15, reserved 0, past any table) of DOMID_SELF,
 *             d0 (us) or d77 (none), or a frame (DOMID_SELF); any offset
 *             and length up to a little past a page.
 *
 * A frame is never named with a domid here: within a batch Xen checks
 * that only when the op's domids differ from the op before's, and lets
 * the next op name our frame as d0's (gnttab.c checks the one-op case).
 *
 * Every status must be a GNTST_* code; how many of each came back is
 * printed, and with a fixed seed that line is the same on every run and
 * must be the same on Shoji as on Xen (gnttab.scn, xen-gnttab.scn).
 * Afterwards no entry may be left marked in use.
 */
#include <stdio.h>
#include <string.h>
#include <guest/abimm.h>
#include <guest/check.h>
#include <guest/gnttab.h>
#include <guest/mm.h>
#include <guest/printk.h>

#define NR_OPS		5000
#define SEED		0x6a7e5eedc0b1e5UL
#define NR_DATA		4
#define FIRST_REF	8
#define NR_REFS		8
#define NR_STATUS	14		/* GNTST_okay .. GNTST_no_space */

static uint64_t rng;
static uint8_t *data[NR_DATA];

static uint64_t rnd_below(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

static uint64_t pick_mfn(void)
{
	switch (rnd_below(4)) {
	case 0:
	case 1:
		return virt_to_mfn(data[rnd_below(NR_DATA)]);
	case 2:
		return rnd_below(2) ? mm_kernel_l4_mfn() : xen_mfn;
	default:
		return beyond_ram_mfn + rnd_below(16);
	}
}

static void regrant(grant_ref_t ref)
{
	static const uint16_t extra[] = {
		0, GTF_readonly, GTF_sub_page,
	};
	uint16_t flags = (uint16_t)rnd_below(4) |
			 extra[rnd_below(sizeof(extra) / sizeof(extra[0]))];

	gnttab_grant(ref, rnd_below(4) ? 0 : 5, pick_mfn(), false);
	__atomic_store_n(&gnttab_setup()[ref].flags, flags, __ATOMIC_RELEASE);
}

static void pick_side(struct gnttab_copy_ptr *p, bool gref)
{
	static const domid_t gref_dom[] = { DOMID_SELF, DOMID_SELF, 0, 77 };

	if (gref) {
		switch (rnd_below(8)) {
		case 0:
			p->u.ref = 0;
			break;
		case 1:
			p->u.ref = 0x7fffffff;
			break;
		default:
			p->u.ref = FIRST_REF + (grant_ref_t)rnd_below(NR_REFS);
		}
		p->domid = gref_dom[rnd_below(4)];
	} else {
		p->u.gmfn = pick_mfn();
		p->domid = DOMID_SELF;
	}
	p->offset = (uint16_t)(rnd_below(2) ? rnd_below(PAGE_SIZE) :
			       rnd_below(PAGE_SIZE + 64));
}

static void pick_copy(struct gnttab_copy *op)
{
	memset(op, 0, sizeof(*op));
	op->flags = (uint16_t)rnd_below(4);
	pick_side(&op->source, op->flags & GNTCOPY_source_gref);
	pick_side(&op->dest, op->flags & GNTCOPY_dest_gref);
	op->len = (uint16_t)(rnd_below(3) ? rnd_below(512) :
			     rnd_below(PAGE_SIZE + 64));
}

void gnttab_random(struct check *c)
{
	unsigned long count[NR_STATUS] = { 0 }, bad = 0, failed_calls = 0;
	struct gnttab_copy ops[4];
	unsigned int marked = 0;
	char line[256];
	size_t len = 0;

	rng = SEED;
	for (unsigned int i = 0; i < NR_DATA; i++)
		data[i] = page_alloc();
	for (unsigned int done = 0; done < NR_OPS;) {
		unsigned int n = 1 + (unsigned int)rnd_below(4);

		for (grant_ref_t r = FIRST_REF; r < FIRST_REF + NR_REFS; r++)
			if (rnd_below(4) == 0)
				regrant(r);
		for (unsigned int i = 0; i < n; i++)
			pick_copy(&ops[i]);
		if (hypercall_grant_table_op(GNTTABOP_copy, ops, n)) {
			failed_calls++;
			continue;
		}
		for (unsigned int i = 0; i < n; i++) {
			int s = -ops[i].status;

			if (s < 0 || s >= NR_STATUS)
				bad++;
			else
				count[s]++;
		}
		done += n;
	}
	for (int s = 0; s < NR_STATUS; s++)
		if (count[s])
			len += snprintf(line + len, sizeof(line) - len, " %d=%lu",
					-s, count[s]);
	printk("gnttab: random copies:%s\n", line);
	check_eq(c, "random: every call returned 0", (long)failed_calls, 0);
	check_eq(c, "random: every status is a GNTST code", (long)bad, 0);
	for (grant_ref_t r = FIRST_REF; r < FIRST_REF + NR_REFS; r++)
		marked += !gnttab_revoke(r);
	check_eq(c, "random: no entry left marked in use", marked, 0);
}
