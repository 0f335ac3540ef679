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

/*
 * Random mappings: NR_MAP_STEPS steps, each a map of ref 40-47 (granted
 * at random as above, by us to us) at one of four pages of ours, by
 * address or by L1 entry, for the host, a device or both, read-only or
 * not; an unmap of a live handle, by the right address or a wrong one,
 * with the right bus address, none or a wrong one; or an overwrite of
 * a page's entry (an implicit unmap). Handles that were unmapped are
 * never named again: Xen hands them out again in another order.
 */
#define NR_MAP_STEPS	3000
#define MAP_FIRST_REF	40
#define NR_LIVE		16

struct live_map {
	grant_handle_t	handle;
	unsigned int	page;
	uint32_t	flags;
	uint64_t	bus;
};

static uint8_t *target[NR_DATA];

/* Our own frame back at target page i (an implicit unmap if mapped). */
static void restore(unsigned int i)
{
	mm_make_rw(target[i]);
}

static uint64_t map_addr(unsigned int page, uint32_t flags)
{
	if (flags & GNTMAP_contains_pte)
		return mm_l1e_machine((uint64_t)target[page], NULL);
	return (uint64_t)target[page];
}

static long random_map(struct live_map *live, unsigned int *nr_live)
{
	static const uint32_t kinds[] = {
		GNTMAP_host_map, GNTMAP_host_map | GNTMAP_readonly,
		GNTMAP_host_map | GNTMAP_contains_pte,
		GNTMAP_host_map | GNTMAP_readonly | GNTMAP_contains_pte,
		GNTMAP_device_map, GNTMAP_device_map | GNTMAP_readonly,
		GNTMAP_host_map | GNTMAP_device_map, GNTMAP_readonly,
	};
	struct gnttab_map_grant_ref op = {
		.flags = kinds[rnd_below(8)], .dom = 0,
		.ref = MAP_FIRST_REF + (grant_ref_t)rnd_below(NR_REFS),
	};
	unsigned int page = (unsigned int)rnd_below(NR_DATA);
	long rc;

	op.host_addr = map_addr(page, op.flags);
	rc = hypercall_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);
	if (rc)
		return rc;
	mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0);
	if (op.status == GNTST_okay && *nr_live < NR_LIVE)
		live[(*nr_live)++] = (struct live_map){
			.handle = op.handle, .page = page, .flags = op.flags,
			.bus = op.dev_bus_addr,
		};
	return op.status;
}

static long random_unmap(struct live_map *live, unsigned int *nr_live)
{
	unsigned int i = (unsigned int)rnd_below(*nr_live);
	struct live_map *m = &live[i];
	struct gnttab_unmap_grant_ref op = { .handle = m->handle };
	long rc;

	if (m->flags & GNTMAP_host_map)
		op.host_addr = rnd_below(4) ? map_addr(m->page, m->flags) :
			map_addr((m->page + 1) % NR_DATA, m->flags);
	switch (rnd_below(4)) {
	case 0:
		break;
	case 1:
		op.dev_bus_addr = m->bus + PAGE_SIZE;
		break;
	default:
		op.dev_bus_addr = m->bus;
	}
	rc = hypercall_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1);
	if (rc)
		return rc;
	mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0);
	/* Gone when every part it had was named rightly. */
	if (op.status == GNTST_okay &&
	    (!(m->flags & GNTMAP_host_map) || op.host_addr) &&
	    (!(m->flags & GNTMAP_device_map) || op.dev_bus_addr))
		live[i] = live[--(*nr_live)];
	return op.status;
}

void gnttab_random_maps(struct check *c)
{
	unsigned long count[NR_STATUS] = { 0 }, failed_calls = 0;
	struct live_map live[NR_LIVE];
	unsigned int nr_live = 0, implicit = 0, stuck = 0;
	char line[256];
	size_t len = 0;

	rng = SEED ^ 0x3a9;
	for (unsigned int i = 0; i < NR_DATA; i++)
		target[i] = page_alloc();
	for (unsigned int step = 0; step < NR_MAP_STEPS; step++) {
		long rc = 0;

		if (rnd_below(8) == 0)
			regrant(MAP_FIRST_REF + (grant_ref_t)rnd_below(NR_REFS));
		switch (rnd_below(nr_live ? 8 : 4)) {
		case 0:
			restore((unsigned int)rnd_below(NR_DATA));
			implicit++;
			continue;
		case 1:
		case 2:
		case 3:
			rc = random_map(live, &nr_live);
			break;
		default:
			rc = random_unmap(live, &nr_live);
		}
		if (rc > 0 || rc <= -NR_STATUS)
			failed_calls++;
		else
			count[-rc]++;
	}
	/* What is left: those whose entry was overwritten stay mapped. */
	for (unsigned int i = 0; i < nr_live; i++) {
		struct gnttab_unmap_grant_ref op = {
			.handle = live[i].handle, .dev_bus_addr = live[i].bus,
			.host_addr = live[i].flags & GNTMAP_host_map ?
				map_addr(live[i].page, live[i].flags) : 0,
		};

		stuck += hypercall_grant_table_op(GNTTABOP_unmap_grant_ref,
						  &op, 1) || op.status;
	}
	for (int s = 0; s < NR_STATUS; s++)
		if (count[s])
			len += snprintf(line + len, sizeof(line) - len, " %d=%lu",
					-s, count[s]);
	printk("gnttab: random maps:%s; %u overwrites, %u of %u left "
	       "mapped\n", line, implicit, stuck, nr_live);
	check_eq(c, "random maps: every call returned 0", (long)failed_calls,
		 0);
	for (unsigned int i = 0; i < NR_DATA; i++)
		restore(i);
	for (unsigned int i = 0; i < NR_DATA; i++)
		target[i][0] = (uint8_t)i;
	check_that(c, target[0][0] == 0 && target[3][0] == 3,
		   "random maps: our pages are ours again");
}
