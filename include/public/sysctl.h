/* SPDX-License-Identifier: MIT */
/* sysctl hypercall (35): the control domain's machine-wide operations. */
#include "xen.h"
#include "domctl.h"

#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

/*
 * sysctl(struct xen_sysctl *): the caller must be privileged (-EPERM)
 * and name this interface version (-EACCES). On success the whole struct
 * is copied back.
 */
#define XEN_SYSCTL_INTERFACE_VERSION	0x00000015

/*
 * XEN_SYSCTL_readconsole (what `xl dmesg` uses): copies up to count bytes
 * of the hypervisor's console ring to buffer, from the oldest byte kept
 * or, if incremental, from index; count and index come back as the bytes
 * copied and the index after them; clear forgets what was read.
 */
struct xen_sysctl_readconsole {
	uint8_t clear;
	uint8_t incremental;
	uint8_t pad0, pad1;
	uint32_t index;
	XEN_GUEST_HANDLE_64(char) buffer;
	uint32_t count;
	uint32_t _xpad0;
};

/* XEN_SYSCTL_physinfo */
#define _XEN_SYSCTL_PHYSCAP_hvm		0
#define XEN_SYSCTL_PHYSCAP_hvm		(1u << _XEN_SYSCTL_PHYSCAP_hvm)
#define _XEN_SYSCTL_PHYSCAP_pv		1
#define XEN_SYSCTL_PHYSCAP_pv		(1u << _XEN_SYSCTL_PHYSCAP_pv)
#define _XEN_SYSCTL_PHYSCAP_directio	2
#define XEN_SYSCTL_PHYSCAP_directio	(1u << _XEN_SYSCTL_PHYSCAP_directio)
#define _XEN_SYSCTL_PHYSCAP_hap		3
#define XEN_SYSCTL_PHYSCAP_hap		(1u << _XEN_SYSCTL_PHYSCAP_hap)
#define _XEN_SYSCTL_PHYSCAP_shadow	4
#define XEN_SYSCTL_PHYSCAP_shadow	(1u << _XEN_SYSCTL_PHYSCAP_shadow)
#define XEN_SYSCTL_PHYSCAP_vmtrace	(1u << 6)
#define XEN_SYSCTL_PHYSCAP_vpmu		(1u << 7)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1	(1u << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2	(1u << 9)
struct xen_sysctl_physinfo {
	uint32_t threads_per_core;
	uint32_t cores_per_socket;
	uint32_t nr_cpus;		/* online */
	uint32_t max_cpu_id;
	uint32_t nr_nodes;
	uint32_t max_node_id;
	uint32_t cpu_khz;
	uint32_t capabilities;		/* XEN_SYSCTL_PHYSCAP_* */
	uint32_t arch_capabilities;
	uint32_t pad;
	uint64_t total_pages;
	uint64_t free_pages;
	uint64_t scrub_pages;
	uint64_t outstanding_pages;
	uint64_t max_mfn;
	uint32_t hw_cap[8];		/* the boot CPU's feature words */
};

/* XEN_SYSCTL_sched_id: the scheduler's XEN_SCHEDULER_* (domctl.h). */
struct xen_sysctl_sched_id {
	uint32_t sched_id;
};

/* XEN_SYSCTL_getdomaininfolist: domains with id >= first_domain. */
struct xen_sysctl_getdomaininfolist {
	domid_t first_domain;
	uint16_t _xpad0;
	uint32_t max_domains;
	XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) buffer;
	uint32_t num_domains;		/* out */
	uint32_t _xpad1;
};

/* XEN_SYSCTL_scheduler_op: a pool's global parameters. */
#define XEN_SYSCTL_SCHED_RATELIMIT_MAX	500000
#define XEN_SYSCTL_SCHED_RATELIMIT_MIN	100
struct xen_sysctl_credit_schedule {
#define XEN_SYSCTL_CSCHED_TSLICE_MAX	1000
#define XEN_SYSCTL_CSCHED_TSLICE_MIN	1
	uint32_t tslice_ms;
	uint32_t ratelimit_us;		/* 0: off */
#define XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US (100 * 1000)
	uint32_t vcpu_migr_delay_us;
};

struct xen_sysctl_credit2_schedule {
	uint32_t ratelimit_us;
};

#define XEN_SYSCTL_SCHEDOP_putinfo	0
#define XEN_SYSCTL_SCHEDOP_getinfo	1
struct xen_sysctl_scheduler_op {
	uint32_t cpupool_id;
	uint32_t sched_id;		/* XEN_SCHEDULER_* */
	uint32_t cmd;			/* XEN_SYSCTL_SCHEDOP_* */
	uint32_t _xpad1;
	union {
		/* Xen's ARINC 653 handle sets the alignment; 16 bytes. */
		uint64_t _xpad0[2];
		struct xen_sysctl_credit_schedule sched_credit;
		struct xen_sysctl_credit2_schedule sched_credit2;
	} u;
};

struct xen_sysctl {
	uint32_t cmd;			/* XEN_SYSCTL_* */
	uint32_t interface_version;	/* XEN_SYSCTL_INTERFACE_VERSION */
	union {
		struct xen_sysctl_readconsole readconsole;
		struct xen_sysctl_physinfo physinfo;
		struct xen_sysctl_sched_id sched_id;
		struct xen_sysctl_getdomaininfolist getdomaininfolist;
		struct xen_sysctl_scheduler_op scheduler_op;
		uint8_t pad[128];
	} u;
};
typedef struct xen_sysctl xen_sysctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_t);

/* Op numbers (xen_sysctl.cmd). Append-only. */
#define XEN_SYSCTL_readconsole		1
#define XEN_SYSCTL_tbuf_op		2
#define XEN_SYSCTL_physinfo		3
#define XEN_SYSCTL_sched_id		4
#define XEN_SYSCTL_perfc_op		5
#define XEN_SYSCTL_getdomaininfolist	6
#define XEN_SYSCTL_debug_keys		7
#define XEN_SYSCTL_getcpuinfo		8
#define XEN_SYSCTL_availheap		9
#define XEN_SYSCTL_get_pmstat		10
#define XEN_SYSCTL_cpu_hotplug		11
#define XEN_SYSCTL_pm_op		12
#define XEN_SYSCTL_page_offline_op	14
#define XEN_SYSCTL_lockprof_op		15
#define XEN_SYSCTL_cputopoinfo		16
#define XEN_SYSCTL_numainfo		17
#define XEN_SYSCTL_cpupool_op		18
#define XEN_SYSCTL_scheduler_op		19

#endif
