/* SPDX-License-Identifier: MIT */
/* What domctl (common/domctl.c) and sysctl (common/sysctl.c) share. */
#ifndef HV_CONTROL_H
#define HV_CONTROL_H

#include <hv/domain.h>
#include <public/domctl.h>
#include <public/sysctl.h>

/* Fills info (getdomaininfo's record) for d, as Xen 4.17 does. */
void domain_getinfo(struct domain *d, struct xen_domctl_getdomaininfo *info);

/* The machine's physical address width, in bits. */
uint8_t arch_paddr_bits(void);

/* physinfo's architectural part: cpu_khz, hw_cap, max_mfn. */
void arch_physinfo(struct xen_sysctl_physinfo *pi);

#endif
