/* SPDX-License-Identifier: MIT */
/* Who we are: version strings, filled in by the build. */
#ifndef HV_VERSION_H
#define HV_VERSION_H

#include <hv/lib.h>

extern const char shoji_version[];	/* "0.1-dev" */
extern const char shoji_extraversion[];	/* ".1-dev" after "4.17" style */
extern const char shoji_changeset[];
extern const char shoji_compiler[];
extern const char shoji_build_date[];
extern const char *hv_cmdline;		/* the boot command line */

/* Lowest address reserved for the hypervisor in a 64-bit PV guest. */
#define HV_VIRT_START_GUEST	0xffff800000000000UL

/* XENFEAT_ submap 0 bits the builder may accept as required. */
uint32_t hv_features_supported(bool dom0);

#endif
