/* SPDX-License-Identifier: MIT */
/* domctl hypercall (36): the control domain's operations on one domain. */
#include "xen.h"

#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

/*
 * domctl(struct xen_domctl *): the caller must be privileged (-EPERM
 * otherwise) and name this interface version (-EACCES otherwise). The
 * whole struct is copied in; ops that produce output copy it all back.
 */
#define XEN_DOMCTL_INTERFACE_VERSION	0x00000015

/* XEN_DOMCTL_getdomaininfo: also the element of sysctl getdomaininfolist. */
struct xen_domctl_getdomaininfo {
	domid_t domain;			/* also written to xen_domctl.domain */
	uint16_t pad1;
#define _XEN_DOMINF_dying	0
#define XEN_DOMINF_dying	(1U << _XEN_DOMINF_dying)
#define _XEN_DOMINF_hvm_guest	1
#define XEN_DOMINF_hvm_guest	(1U << _XEN_DOMINF_hvm_guest)
#define _XEN_DOMINF_shutdown	2
#define XEN_DOMINF_shutdown	(1U << _XEN_DOMINF_shutdown)
#define _XEN_DOMINF_paused	3
#define XEN_DOMINF_paused	(1U << _XEN_DOMINF_paused)
#define _XEN_DOMINF_blocked	4
#define XEN_DOMINF_blocked	(1U << _XEN_DOMINF_blocked)
#define _XEN_DOMINF_running	5
#define XEN_DOMINF_running	(1U << _XEN_DOMINF_running)
#define _XEN_DOMINF_debugged	6
#define XEN_DOMINF_debugged	(1U << _XEN_DOMINF_debugged)
#define _XEN_DOMINF_xs_domain	7
#define XEN_DOMINF_xs_domain	(1U << _XEN_DOMINF_xs_domain)
#define _XEN_DOMINF_hap		8
#define XEN_DOMINF_hap		(1U << _XEN_DOMINF_hap)
/* The shutdown code (SHUTDOWN_*) sits in bits 16 and up. */
#define XEN_DOMINF_shutdownmask	255
#define XEN_DOMINF_shutdownshift 16
	uint32_t flags;			/* XEN_DOMINF_* */
	uint64_t tot_pages;		/* pages owned now */
	uint64_t max_pages;
	uint64_t outstanding_pages;	/* unclaimed part of a claim */
	uint64_t shr_pages;
	uint64_t paged_pages;
	uint64_t shared_info_frame;	/* MFN for a PV domain */
	uint64_t cpu_time;		/* ns run, all vCPUs */
	uint32_t nr_online_vcpus;
#define XEN_INVALID_MAX_VCPU_ID	(~0U)
	uint32_t max_vcpu_id;
	uint32_t ssidref;
	xen_domain_handle_t handle;
	uint32_t cpupool;
	uint8_t gpaddr_bits;
	uint8_t pad2[7];
	struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t);

/* XEN_DOMCTL_max_mem */
struct xen_domctl_max_mem {
	uint64_t max_memkb;
};

/* XEN_DOMCTL_getvcpuinfo: vcpu in, the rest out. */
struct xen_domctl_getvcpuinfo {
	uint32_t vcpu;
	uint8_t online;			/* not down */
	uint8_t blocked;		/* waiting for an event */
	uint8_t running;		/* on a CPU now */
	uint8_t _xpad0;
	uint64_t cpu_time;		/* ns run */
	uint32_t cpu;			/* the CPU it runs or is queued on */
	uint32_t _xpad1;
};

/* XEN_DOMCTL_setvcpuaffinity, XEN_DOMCTL_getvcpuaffinity */
struct xen_domctl_vcpuaffinity {
	uint32_t vcpu;
#define _XEN_VCPUAFFINITY_HARD	0
#define XEN_VCPUAFFINITY_HARD	(1U << _XEN_VCPUAFFINITY_HARD)
#define _XEN_VCPUAFFINITY_SOFT	1
#define XEN_VCPUAFFINITY_SOFT	(1U << _XEN_VCPUAFFINITY_SOFT)
#define _XEN_VCPUAFFINITY_FORCE	2
#define XEN_VCPUAFFINITY_FORCE	(1U << _XEN_VCPUAFFINITY_FORCE)
	uint32_t flags;
	/* Set: in, and out as the effective maps. Get: out. */
	struct xenctl_bitmap cpumap_hard;
	struct xenctl_bitmap cpumap_soft;
};

/* XEN_DOMCTL_max_vcpus */
struct xen_domctl_max_vcpus {
	uint32_t max;
};

/* XEN_DOMCTL_scheduler_op */
#define XEN_SCHEDULER_CREDIT	5
#define XEN_SCHEDULER_CREDIT2	6
#define XEN_SCHEDULER_ARINC653	7
#define XEN_SCHEDULER_RTDS	8
#define XEN_SCHEDULER_NULL	9

struct xen_domctl_sched_credit {
	uint16_t weight;		/* putinfo: 0 keeps it */
	uint16_t cap;			/* % of one CPU; putinfo: 0xffff keeps it */
};

struct xen_domctl_sched_credit2 {
	uint16_t weight;
	uint16_t cap;
};

struct xen_domctl_sched_rtds {
	uint32_t period;
	uint32_t budget;
#define _XEN_DOMCTL_SCHEDRT_extra	0
#define XEN_DOMCTL_SCHEDRT_extra	(1U << _XEN_DOMCTL_SCHEDRT_extra)
	uint32_t flags;
};

typedef struct xen_domctl_schedparam_vcpu {
	union {
		struct xen_domctl_sched_credit credit;
		struct xen_domctl_sched_credit2 credit2;
		struct xen_domctl_sched_rtds rtds;
	} u;
	uint32_t vcpuid;
} xen_domctl_schedparam_vcpu_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_schedparam_vcpu_t);

#define XEN_DOMCTL_SCHEDOP_putinfo	0
#define XEN_DOMCTL_SCHEDOP_getinfo	1
#define XEN_DOMCTL_SCHEDOP_putvcpuinfo	2	/* credit: -EINVAL */
#define XEN_DOMCTL_SCHEDOP_getvcpuinfo	3	/* credit: -EINVAL */
struct xen_domctl_scheduler_op {
	uint32_t sched_id;		/* XEN_SCHEDULER_*: must be ours */
	uint32_t cmd;			/* XEN_DOMCTL_SCHEDOP_* */
	union {
		struct xen_domctl_sched_credit credit;
		struct xen_domctl_sched_credit2 credit2;
		struct xen_domctl_sched_rtds rtds;
		struct {
			XEN_GUEST_HANDLE_64(xen_domctl_schedparam_vcpu_t)
				vcpus;
			uint32_t nr_vcpus;
			uint32_t padding;
		} v;
	} u;
};

/* XEN_DOMCTL_setdomainhandle */
struct xen_domctl_setdomainhandle {
	xen_domain_handle_t handle;
};

struct xen_domctl {
	uint32_t cmd;			/* XEN_DOMCTL_* */
	uint32_t interface_version;	/* XEN_DOMCTL_INTERFACE_VERSION */
	domid_t domain;
	uint16_t _pad[3];
	union {
		struct xen_domctl_getdomaininfo getdomaininfo;
		struct xen_domctl_vcpuaffinity vcpuaffinity;
		struct xen_domctl_max_mem max_mem;
		struct xen_domctl_getvcpuinfo getvcpuinfo;
		struct xen_domctl_max_vcpus max_vcpus;
		struct xen_domctl_scheduler_op scheduler_op;
		struct xen_domctl_setdomainhandle setdomainhandle;
		uint8_t pad[128];
	} u;
};
typedef struct xen_domctl xen_domctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_t);

/* Op numbers (xen_domctl.cmd). Append-only; retired numbers stay unused. */
#define XEN_DOMCTL_createdomain			1
#define XEN_DOMCTL_destroydomain		2
#define XEN_DOMCTL_pausedomain			3
#define XEN_DOMCTL_unpausedomain		4
#define XEN_DOMCTL_getdomaininfo		5
#define XEN_DOMCTL_setvcpuaffinity		9
#define XEN_DOMCTL_shadow_op			10
#define XEN_DOMCTL_max_mem			11
#define XEN_DOMCTL_setvcpucontext		12
#define XEN_DOMCTL_getvcpucontext		13
#define XEN_DOMCTL_getvcpuinfo			14
#define XEN_DOMCTL_max_vcpus			15
#define XEN_DOMCTL_scheduler_op			16
#define XEN_DOMCTL_setdomainhandle		17
#define XEN_DOMCTL_setdebugging			18
#define XEN_DOMCTL_irq_permission		19
#define XEN_DOMCTL_iomem_permission		20
#define XEN_DOMCTL_ioport_permission		21
#define XEN_DOMCTL_hypercall_init		22
#define XEN_DOMCTL_settimeoffset		24
#define XEN_DOMCTL_getvcpuaffinity		25
#define XEN_DOMCTL_resumedomain			27
#define XEN_DOMCTL_sendtrigger			28
#define XEN_DOMCTL_subscribe			29
#define XEN_DOMCTL_set_address_size		35
#define XEN_DOMCTL_get_address_size		36
#define XEN_DOMCTL_set_ext_vcpucontext		42
#define XEN_DOMCTL_get_ext_vcpucontext		43
#define XEN_DOMCTL_set_target			46
#define XEN_DOMCTL_gettscinfo			59
#define XEN_DOMCTL_settscinfo			60
#define XEN_DOMCTL_getpageframeinfo3		61
#define XEN_DOMCTL_set_virq_handler		66
#define XEN_DOMCTL_setnodeaffinity		68
#define XEN_DOMCTL_getnodeaffinity		69
#define XEN_DOMCTL_soft_reset			79
#define XEN_DOMCTL_get_cpu_policy		82
#define XEN_DOMCTL_set_cpu_policy		83

#endif
