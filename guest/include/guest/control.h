/* SPDX-License-Identifier: MIT */
/*
 * domctl and sysctl from a privileged guest (control.c): thin wrappers
 * that fill the header (op number, interface version, domain) and
 * return 0 or the hypercall's -XEN_E*.
 */
#ifndef GUEST_CONTROL_H
#define GUEST_CONTROL_H

#include <stdint.h>
#include <public/domctl.h>
#include <public/sysctl.h>

/* One domctl cmd on domid; op's union is in and out. */
long domctl(uint32_t cmd, domid_t domid, struct xen_domctl *op);
/* One sysctl cmd; op's union is in and out. */
long sysctl(uint32_t cmd, struct xen_sysctl *op);

/* getvcpuinfo of vCPU vcpu of domid into *vi. */
long domctl_vcpuinfo(domid_t domid, uint32_t vcpu,
		     struct xen_domctl_getvcpuinfo *vi);
/*
 * Hard affinity of vCPU vcpu of domid: set to *map (then *map holds the
 * effective mask), or get into *map. Bit n: CPU n, CPUs 0-63.
 */
long domctl_affinity_set(domid_t domid, uint32_t vcpu, uint64_t *map);
long domctl_affinity_get(domid_t domid, uint32_t vcpu, uint64_t *map);
/* Credit scheduler weight and cap of domid. */
long domctl_sched_get(domid_t domid, uint16_t *weight, uint16_t *cap);
long domctl_sched_set(domid_t domid, uint16_t weight, uint16_t cap);

/* The `domains` command: one line per domain, as `xl list` prints. */
void domains_list(void);
/* The `dmesg [-c]` command: the hypervisor's console ring. */
void dmesg(const char *args);

#endif
