/* SPDX-License-Identifier: MIT */
/* vcpu_op hypercall (24): bring vCPUs up and down, timers, shared areas. */
#include "xen.h"

#ifndef __XEN_PUBLIC_VCPU_H__
#define __XEN_PUBLIC_VCPU_H__

/*
 * vcpu_op(cmd, vcpuid, arg): arg points to the struct named beside cmd, or
 * is unused. Returns 0 or a negative XEN_E* unless noted.
 */

/* arg: vcpu_guest_context; the vCPU must not have been initialised. */
#define VCPUOP_initialise	0
#define VCPUOP_up		1
#define VCPUOP_down		2
/* Returns 1 if the vCPU is up, 0 if down. */
#define VCPUOP_is_up		3

/* arg: vcpu_runstate_info, filled with the vCPU's accounting. */
#define VCPUOP_get_runstate_info	4
struct vcpu_runstate_info {
	int32_t state;			/* RUNSTATE_* */
	uint32_t _xpad0;
	uint64_t state_entry_time;	/* system time of the last change */
	uint64_t time[4];		/* ns spent in each RUNSTATE_* */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_runstate_info_t);

/* Set in state_entry_time while the hypervisor updates the area. */
#define XEN_RUNSTATE_UPDATE	(xen_mk_ullong(1) << 63)

#define RUNSTATE_running	0
#define RUNSTATE_runnable	1
#define RUNSTATE_blocked	2
#define RUNSTATE_offline	3

/*
 * arg: the guest virtual address of a vcpu_runstate_info the hypervisor
 * keeps current. The union spells the same 8 bytes as a handle, a pointer
 * (guest source compatibility) or a number.
 */
#define VCPUOP_register_runstate_memory_area	5
struct vcpu_register_runstate_memory_area {
	union {
		XEN_GUEST_HANDLE(vcpu_runstate_info_t) h;
		struct vcpu_runstate_info *v;
		uint64_t p;
	} addr;
};
typedef struct vcpu_register_runstate_memory_area
	vcpu_register_runstate_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_runstate_memory_area_t);

/* Periodic VIRQ_TIMER; the period must be at least 1 ms. */
#define VCPUOP_set_periodic_timer	6
#define VCPUOP_stop_periodic_timer	7
struct vcpu_set_periodic_timer {
	uint64_t period_ns;
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_periodic_timer_t);

/* One-shot VIRQ_TIMER at an absolute system time. */
#define VCPUOP_set_singleshot_timer	8
#define VCPUOP_stop_singleshot_timer	9
struct vcpu_set_singleshot_timer {
	uint64_t timeout_abs_ns;
	uint32_t flags;			/* VCPU_SSHOTTMR_* */
	uint32_t _xpad0;
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_singleshot_timer_t);

/* Fail with XEN_ETIME instead of firing if the time is already past. */
#define _VCPU_SSHOTTMR_future	(0)
#define VCPU_SSHOTTMR_future	(1U << _VCPU_SSHOTTMR_future)

/* Moves the vCPU's vcpu_info to guest frame mfn at offset; once only. */
#define VCPUOP_register_vcpu_info	10
struct vcpu_register_vcpu_info {
	uint64_t mfn;
	uint32_t offset;
	uint32_t rsvd;			/* zero */
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_vcpu_info_t);

/* Injects an NMI into the vCPU; arg unused. */
#define VCPUOP_send_nmi		11

/* The physical CPU's APIC and ACPI ids (privileged domains). */
#define VCPUOP_get_physid	12
struct vcpu_get_physid {
	uint64_t phys_id;
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_get_physid_t);
#define xen_vcpu_physid_to_x86_apicid(physid)	((uint32_t)(physid))
#define xen_vcpu_physid_to_x86_acpiid(physid)	((uint32_t)((physid) >> 32))

/* A second copy of vcpu_time_info, kept current at a guest address. */
#define VCPUOP_register_vcpu_time_memory_area	13
DEFINE_XEN_GUEST_HANDLE(vcpu_time_info_t);
struct vcpu_register_time_memory_area {
	union {
		XEN_GUEST_HANDLE(vcpu_time_info_t) h;
		struct vcpu_time_info *v;
		uint64_t p;
	} addr;
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_time_memory_area_t);

#endif /* __XEN_PUBLIC_VCPU_H__ */
