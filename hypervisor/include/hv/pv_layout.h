/* SPDX-License-Identifier: MIT */
/*
 * The initial virtual layout of a PV domain (XEN-ABI.md 1.4), as pure
 * arithmetic: from the kernel's range, the initrd's size and the number
 * of pages, where each element goes and how many page-table frames map
 * the whole region. Every address is a guest virtual address; PFN n is
 * at virt_base + n * 4096.
 */
#ifndef HV_PV_LAYOUT_H
#define HV_PV_LAYOUT_H

#include <hv/lib.h>

struct pv_layout_req {
	uint64_t	virt_base;
	uint64_t	kstart, kend;	/* kernel image virtual range */
	uint64_t	initrd_len;	/* 0: none */
	uint64_t	nr_pages;	/* the domain's memory */
	bool		store_console;	/* domU: xenstore and console pages */
};

struct pv_layout {
	uint64_t	v_start;	/* = virt_base */
	uint64_t	initrd_start, initrd_end;
	uint64_t	p2m_start, p2m_end;
	uint64_t	start_info;
	uint64_t	xenstore, console;	/* 0 for dom0 */
	uint64_t	pt_start;
	uint64_t	nr_pt_frames;
	uint64_t	nr_l3, nr_l2, nr_l1;	/* plus one L4 */
	uint64_t	stack;		/* page; rsp = stack + 4096 */
	uint64_t	v_end;		/* end of the mapped region */
};

/*
 * Computes the layout. Returns 0; -EINVAL if the request is inconsistent
 * (kernel below virt_base, unaligned base, empty image); -ENOMEM if the
 * region does not fit in nr_pages or the address space.
 */
int pv_layout_compute(const struct pv_layout_req *req, struct pv_layout *l);

/* Page-table frames (L4 first) needed to map [start, end) with 4K pages. */
uint64_t pv_pt_frames(uint64_t start, uint64_t end, uint64_t *l3,
		      uint64_t *l2, uint64_t *l1);

#endif
