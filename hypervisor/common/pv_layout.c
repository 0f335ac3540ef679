/* SPDX-License-Identifier: MIT */
/*
 * Initial PV layout arithmetic. Elements are packed page-aligned after
 * the kernel: initrd, P2M list, start_info, (xenstore and console pages
 * for a domU), the bootstrap page tables, one stack page. The mapped
 * region then ends on a 4 MiB boundary with at least 512 KiB to spare;
 * since the page tables must map themselves, their count is grown until
 * it covers the region it produces.
 */
#include <hv/errno.h>
#include <hv/pv_layout.h>

#define PG		4096ULL
#define MB4		(4ULL << 20)
#define MIN_PAD		(512ULL << 10)

/* Distinct aligned blocks of 2^shift bytes that [start, end) touches. */
static uint64_t span(uint64_t start, uint64_t end, unsigned int shift)
{
	return ((end - 1) >> shift) - (start >> shift) + 1;
}

uint64_t pv_pt_frames(uint64_t start, uint64_t end, uint64_t *l3,
		      uint64_t *l2, uint64_t *l1)
{
	*l3 = span(start, end, 39);
	*l2 = span(start, end, 30);
	*l1 = span(start, end, 21);
	return 1 + *l3 + *l2 + *l1;
}

static uint64_t page_up(uint64_t x)
{
	return ROUNDUP(x, PG);
}

/* Lays out the elements at offsets from virt_base (no overflow there). */
static void layout_offsets(const struct pv_layout_req *req,
			   struct pv_layout *l)
{
	uint64_t next, stack_end;

	l->initrd_start = page_up(req->kend - req->virt_base);
	l->initrd_end = l->initrd_start + req->initrd_len;
	l->p2m_start = page_up(l->initrd_end);
	l->p2m_end = l->p2m_start + req->nr_pages * 8;
	l->start_info = page_up(l->p2m_end);
	next = l->start_info + PG;
	if (req->store_console) {
		l->xenstore = next;
		l->console = next + PG;
		next += 2 * PG;
	}
	l->pt_start = next;
	for (uint64_t n = 2;; n++) {
		l->stack = l->pt_start + n * PG;
		stack_end = l->stack + PG;
		l->v_end = ROUNDUP(stack_end, MB4);
		if (l->v_end - stack_end < MIN_PAD)
			l->v_end += MB4;
		/* Past 2^64 the table count is garbage: the caller fails. */
		if (l->v_end > UINT64_MAX - req->virt_base)
			break;
		/* Table counts depend on alignment, so use real addresses. */
		if (pv_pt_frames(req->virt_base, req->virt_base + l->v_end,
				 &l->nr_l3, &l->nr_l2, &l->nr_l1) <= n) {
			l->nr_pt_frames = n;
			break;
		}
	}
}

int pv_layout_compute(const struct pv_layout_req *req, struct pv_layout *l)
{
	uint64_t *fields[] = {
		&l->initrd_start, &l->initrd_end, &l->p2m_start, &l->p2m_end,
		&l->start_info, &l->pt_start, &l->stack, &l->v_end,
	};

	memset(l, 0, sizeof(*l));
	if (!IS_ALIGNED(req->virt_base, PG) || req->kstart < req->virt_base ||
	    req->kend <= req->kstart || req->nr_pages == 0)
		return -EINVAL;
	if (req->kend - req->virt_base > (1ULL << 40) ||
	    req->initrd_len > (1ULL << 36) || req->nr_pages > (1ULL << 32))
		return -ENOMEM;
	layout_offsets(req, l);
	/* The region must fit the domain's memory and the address space. */
	if (l->v_end / PG > req->nr_pages ||
	    l->v_end > UINT64_MAX - req->virt_base)
		return -ENOMEM;
	for (unsigned int i = 0; i < ARRAY_SIZE(fields); i++)
		*fields[i] += req->virt_base;
	if (req->store_console) {
		l->xenstore += req->virt_base;
		l->console += req->virt_base;
	}
	l->v_start = req->virt_base;
	return 0;
}
