/* SPDX-License-Identifier: MIT */
/* Building dom0 and the boot domUs from the multiboot2 modules. */
#ifndef HV_DOM0_BUILD_H
#define HV_DOM0_BUILD_H

#include <hv/cmdline.h>
#include <hv/domain.h>
#include <hv/mb2.h>

/*
 * Builds dom0 into d from kernel (a PV ELF image) and initrd (may be
 * NULL), with the module string of kernel as its command line, sized by
 * the dom0_mem option. Returns 0, or a negative errno after printing
 * what is wrong with the image or the memory.
 */
int dom0_build(struct domain *d, const struct mb2_module *kernel,
	       const struct mb2_module *initrd,
	       const struct boot_params *params);

/* True if module m describes a boot domU (its string starts "domU"). */
bool boot_domu_module(const struct mb2_module *m);

/*
 * Creates and builds the boot domU of module m as domain domid, its
 * vCPU0 ready for domain_start(). Failures are reported and leave no domain behind;
 * they do not stop the machine. Returns 0 or a negative errno.
 */
int boot_domu_create(domid_t domid, const struct mb2_module *m);

#endif
