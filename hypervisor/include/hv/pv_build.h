/* SPDX-License-Identifier: MIT */
/* The boot-time PV domain builder (common/pv_build.c). */
#ifndef HV_PV_BUILD_H
#define HV_PV_BUILD_H

#include <hv/domain.h>
#include <hv/mb2.h>

/* What to build a domain from. */
struct pv_build_req {
	const char		*name;		/* log prefix: "dom0", "d1" */
	const struct mb2_module	*kernel;	/* a PV ELF image */
	const struct mb2_module	*initrd;	/* or NULL */
	const char		*cmdline;	/* start_info.cmd_line */
	unsigned long		nr_pages;	/* memory to give it */
	unsigned long		max_pages;	/* its limit (>= nr_pages) */
	uint32_t		si_flags;	/* SIF_* for start_info */
};

/*
 * Builds the PV domain d (registered, vCPU0 allocated) from req: checks
 * the image, allocates and fills its memory, and sets vCPU0's entry
 * state; vCPU0 stays down. Returns 0, or a negative errno after printing
 * what is wrong with the image or the memory (-ENOEXEC: the image;
 * -EINVAL: the layout; -ENOMEM: memory).
 */
int pv_build(struct domain *d, const struct pv_build_req *req);

#endif
