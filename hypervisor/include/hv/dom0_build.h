/* SPDX-License-Identifier: MIT */
/* Building dom0 from the multiboot2 modules. */
#ifndef HV_DOM0_BUILD_H
#define HV_DOM0_BUILD_H

#include <hv/cmdline.h>
#include <hv/domain.h>
#include <hv/mb2.h>

/*
 * Builds dom0 into d from kernel (a PV ELF image) and initrd (may be
 * NULL), with the module string of kernel as its command line. Returns 0, or a negative errno after
 * printing what is wrong with the image or the memory.
 */
int dom0_build(struct domain *d, const struct mb2_module *kernel,
	       const struct mb2_module *initrd,
	       const struct boot_params *params);

#endif
