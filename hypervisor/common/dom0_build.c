/* SPDX-License-Identifier: MIT */
/*
 * dom0's share of the machine: the dom0_mem option, or all free memory
 * but a reserve for the hypervisor (1/16, at most 128 MiB), built by
 * the PV builder as the privileged initial domain.
 */
#include <asm/page.h>
#include <hv/dom0_build.h>
#include <hv/mm.h>
#include <hv/page_alloc.h>
#include <hv/pv_build.h>
#include <public/xen.h>

#define RESERVE_MAX	(128UL << 20)

static uint64_t dom0_size(const struct boot_params *p)
{
	uint64_t avail = heap_free_frames() << PAGE_SHIFT;
	uint64_t reserve = MIN(avail / 16, RESERVE_MAX);
	uint64_t size = p->dom0_mem ? p->dom0_mem : avail - reserve;

	if (p->dom0_mem_min && size < p->dom0_mem_min)
		size = p->dom0_mem_min;
	if (p->dom0_mem_max && size > p->dom0_mem_max)
		size = p->dom0_mem_max;
	return MIN(size, avail - reserve) >> PAGE_SHIFT;
}

int dom0_build(struct domain *d, const struct mb2_module *kernel,
	       const struct mb2_module *initrd,
	       const struct boot_params *params)
{
	struct pv_build_req req = {
		.name = "dom0", .kernel = kernel, .initrd = initrd,
		/* The whole module string, as Xen passes it under GRUB 2. */
		.cmdline = kernel->string,
		.nr_pages = dom0_size(params),
		.max_pages = params->dom0_mem_max ?
			     params->dom0_mem_max >> PAGE_SHIFT :
			     total_ram_frames,
		.si_flags = SIF_PRIVILEGED | SIF_INITDOMAIN,
	};

	domain_register(d);	/* id 0 always fits */
	return pv_build(d, &req);
}
