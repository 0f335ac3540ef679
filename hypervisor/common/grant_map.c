/* SPDX-License-Identifier: MIT */
/*
 * GNTTABOP_map_grant_ref and unmap_grant_ref: a domain maps another's
 * grant into its own page tables (GNTMAP_host_map, arch/grant_pv.c) or
 * for a device (GNTMAP_device_map: no IOMMU here, so it only learns the
 * frame's bus address), and gets a handle, an index into its maptrack.
 *
 * Each mapping pins the entry once (grant_table.c) for as long as it
 * lasts, and holds a set of frame references per part: the host part's
 * set belongs to the page-table entry (see grant_pv.c), the device
 * part's to the maptrack entry. Unmapping takes away the host part if
 * host_addr is given and the device part if dev_bus_addr is, as Xen
 * does; the handle is freed when neither is left.
 *
 * The maptrack is under the mapping domain's own table lock, the pin
 * under the granter's; they are never held together. A handle being
 * mapped or unmapped is marked MAP_BUSY meanwhile, so that a second
 * unmap of it gets GNTST_bad_handle.
 */
#include <asm/mm.h>
#include <hv/domain.h>
#include <hv/grant_pv.h>
#include <hv/page_alloc.h>

#include "grant_int.h"

#define MAP_BUSY	0x8000
#define MAP_PARTS	(GNTMAP_device_map | GNTMAP_host_map)
#define MAP_KEPT	(MAP_PARTS | GNTMAP_readonly | GNTMAP_contains_pte)

BUILD_BUG_ON(sizeof(struct gnttab_map_grant_ref) != 32);
BUILD_BUG_ON(sizeof(struct gnttab_unmap_grant_ref) != 24);
BUILD_BUG_ON(MAP_KEPT & MAP_BUSY);

static struct maptrack_entry *maptrack(struct grant_table *gt, uint32_t h)
{
	return &gt->maptrack[h / MAPTRACK_PER_PAGE][h % MAPTRACK_PER_PAGE];
}

/* A free handle of d's, marked busy; -1 if there is none. */
static long handle_get(struct domain *d)
{
	struct grant_table *gt = &d->gnttab;
	unsigned long flags = spin_lock_irqsave(&gt->lock);
	uint32_t n = gt->maptrack_pages * MAPTRACK_PER_PAGE, h;
	long found = -1;

	for (uint32_t i = 0; i < n && found < 0; i++) {
		h = (gt->maptrack_hint + i) % n;
		if (maptrack(gt, h)->flags == 0)
			found = h;
	}
	if (found < 0 && gt->maptrack_pages < MAPTRACK_MAX_PAGES) {
		unsigned long mfn = alloc_pages(0);

		if (mfn != PAGE_NONE) {
			memset(mfn_to_virt(mfn), 0, PAGE_SIZE);
			gt->maptrack[gt->maptrack_pages++] = mfn_to_virt(mfn);
			found = n;
		}
	}
	if (found >= 0) {
		maptrack(gt, (uint32_t)found)->flags = MAP_BUSY;
		gt->maptrack_hint = (uint32_t)found + 1;
	}
	spin_unlock_irqrestore(&gt->lock, flags);
	return found;
}

static void handle_set(struct domain *d, uint32_t h,
		       const struct maptrack_entry *e)
{
	struct grant_table *gt = &d->gnttab;
	unsigned long flags = spin_lock_irqsave(&gt->lock);

	*maptrack(gt, h) = *e;
	spin_unlock_irqrestore(&gt->lock, flags);
}

void gnttab_map_one(struct domain *curr, union gnttab_op *u_op)
{
	struct gnttab_map_grant_ref *op = &u_op->map;
	struct maptrack_entry e = { .ref = op->ref };
	struct grant_use u = { .ref = op->ref, .map = true };
	bool ro = op->flags & GNTMAP_readonly, host, dev;
	long h;

	host = op->flags & GNTMAP_host_map;
	dev = op->flags & GNTMAP_device_map;
	if (!host && !dev) {
		op->status = GNTST_bad_gntref;	/* Xen's answer */
		return;
	}
	/* By number only: DOMID_SELF names no domain here, as on Xen. */
	u.granter = domain_lookup(op->dom);
	if (u.granter == NULL) {
		op->status = GNTST_bad_domain;
		return;
	}
	h = handle_get(curr);
	if (h < 0) {
		op->status = GNTST_no_device_space;
		return;
	}
	u.writable = !ro;
	/* The pin and the host part's frame references. */
	op->status = gnttab_acquire(curr, &u);
	if (op->status != GNTST_okay)
		goto out_handle;
	op->status = GNTST_general_error;
	if (dev && host &&
	    gnttab_frame_get(u.mfn, u.granter, u.writable) != GNTST_okay)
		goto out_frame;
	if (host && pv_grant_map(current_vcpu(), op->host_addr, u.mfn,
				 op->flags))
		goto out_dev;
	/* Xen gives the frame's address whatever the parts (no IOMMU). */
	op->dev_bus_addr = (uint64_t)u.mfn << PAGE_SHIFT;
	e.dom = u.granter->domain_id;
	e.mfn = (uint32_t)u.mfn;
	e.flags = (uint16_t)(op->flags & MAP_KEPT);
	handle_set(curr, (uint32_t)h, &e);
	op->handle = (grant_handle_t)h;
	op->status = GNTST_okay;
	return;

out_dev:
	if (dev && host)
		gnttab_frame_put(u.mfn, u.writable);
out_frame:
	gnttab_frame_put(u.mfn, u.writable);
	gnttab_release(&u);
out_handle:
	handle_set(curr, (uint32_t)h, &(struct maptrack_entry){ 0 });
}

/* Marks handle h busy and returns its entry; false if not mapped. */
static bool handle_take(struct domain *d, grant_handle_t h,
			struct maptrack_entry *e)
{
	struct grant_table *gt = &d->gnttab;
	unsigned long flags = spin_lock_irqsave(&gt->lock);
	bool ok = h < gt->maptrack_pages * MAPTRACK_PER_PAGE;

	if (ok) {
		struct maptrack_entry *m = maptrack(gt, array_index_nospec(h,
				gt->maptrack_pages * MAPTRACK_PER_PAGE));

		ok = m->flags && !(m->flags & MAP_BUSY);
		if (ok) {
			*e = *m;
			m->flags |= MAP_BUSY;
		}
	}
	spin_unlock_irqrestore(&gt->lock, flags);
	return ok;
}

void gnttab_unmap_one(struct domain *curr, union gnttab_op *u_op)
{
	struct gnttab_unmap_grant_ref *op = &u_op->unmap;
	struct maptrack_entry e;
	struct grant_use u;
	bool ro;

	if (!handle_take(curr, op->handle, &e)) {
		op->status = GNTST_bad_handle;
		return;
	}
	ro = e.flags & GNTMAP_readonly;
	/* The bus address counts only for a device part, as on Xen. */
	op->status = GNTST_bad_dev_addr;
	if (op->dev_bus_addr && (e.flags & GNTMAP_device_map) &&
	    op->dev_bus_addr != (uint64_t)e.mfn << PAGE_SHIFT)
		goto out;
	op->status = GNTST_general_error;
	if (op->host_addr && (e.flags & GNTMAP_host_map)) {
		/* The entry's frame references go with it. */
		if (pv_grant_unmap(current_vcpu(), op->host_addr, e.mfn,
				   e.flags))
			goto out;
		e.flags &= (uint16_t)~GNTMAP_host_map;
	}
	if (op->dev_bus_addr && (e.flags & GNTMAP_device_map)) {
		gnttab_frame_put(e.mfn, !ro);
		e.flags &= (uint16_t)~GNTMAP_device_map;
	}
	op->status = GNTST_okay;
	if (!(e.flags & MAP_PARTS)) {
		u = (struct grant_use){
			.granter = domain_lookup(e.dom), .ref = e.ref,
			.writable = !ro,
		};
		/* The granter outlives the mappings of its grants. */
		if (u.granter)
			gnttab_release(&u);
		e.flags = 0;
	}
out:
	handle_set(curr, op->handle, &e);
}
