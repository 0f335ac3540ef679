/* SPDX-License-Identifier: MIT */
/* memory_op hypercall (12): reservations, physmap and machine memory maps. */
#include "xen.h"
#include "physdev.h"

#ifndef __XEN_PUBLIC_MEMORY_H__
#define __XEN_PUBLIC_MEMORY_H__

/*
 * memory_op(cmd, arg): arg points to the struct named beside cmd. The
 * reservation commands return the number of extents done (which may be
 * fewer than asked); the others 0 or a negative XEN_E*. Only the guest
 * interface is here; toolstack-only commands (paging, sharing, access,
 * claim) are not.
 */

/*
 * increase_reservation: allocate extents for the domain; extent_start is
 * OUT (the new MFNs), or may be null.
 * decrease_reservation: free the extents whose frames are in extent_start.
 * populate_physmap: back the GPFNs in extent_start with memory.
 */
#define XENMEM_increase_reservation	0
#define XENMEM_decrease_reservation	1
#define XENMEM_populate_physmap		6

/* xen_memory_reservation.mem_flags */
#define XENMEMF_address_bits(x)		(x)
#define XENMEMF_get_address_bits(x)	((x) & 0xffu)
#define XENMEMF_node(x)			(((x) + 1) << 8)
#define XENMEMF_get_node(x)		((((x) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand	(1 << 16)
#define XENMEMF_exact_node_request	(1 << 17)
#define XENMEMF_exact_node(n)	(XENMEMF_node(n) | XENMEMF_exact_node_request)
#define XENMEMF_vnode			(1 << 18)

struct xen_memory_reservation {
	XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
	xen_ulong_t nr_extents;
	uint32_t extent_order;		/* each extent is 2^order pages */
	uint32_t mem_flags;		/* XENMEMF_* */
	domid_t domid;
	uint16_t _xpad0[3];
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);

/* Trade the extents of in for new ones described by out. */
#define XENMEM_exchange		11
struct xen_memory_exchange {
	struct xen_memory_reservation in;
	struct xen_memory_reservation out;
	xen_ulong_t nr_exchanged;	/* OUT; IN must be 0 */
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_exchange_t);

/* Highest machine frame in the system; arg unused. */
#define XENMEM_maximum_ram_page		2

/* These return a page count or the highest GPFN of domid. */
struct xen_memory_domain {
	domid_t domid;
};
#define XENMEM_current_reservation	3
#define XENMEM_maximum_reservation	4
#define XENMEM_maximum_gpfn		14

/* The MFNs holding the M2P table, in 2 MiB units. */
#define XENMEM_machphys_mfn_list	5
struct xen_machphys_mfn_list {
	uint32_t max_extents;
	uint32_t _xpad0;
	XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
	uint32_t nr_extents;		/* OUT */
	uint32_t _xpad1;
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mfn_list_t);
#define XENMEM_machphys_compat_mfn_list	25

/* Where the read-only M2P table is mapped and how far it reaches. */
#define XENMEM_machphys_mapping		12
struct xen_machphys_mapping {
	xen_ulong_t v_start;
	xen_ulong_t v_end;
	xen_ulong_t max_mfn;
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mapping_t);

/* What add_to_physmap maps (translated guests). */
#define XENMAPSPACE_shared_info		0
#define XENMAPSPACE_grant_table		1
#define XENMAPSPACE_gmfn		2
#define XENMAPSPACE_gmfn_range		3
#define XENMAPSPACE_gmfn_foreign	4
#define XENMAPSPACE_dev_mmio		5

#define XENMEM_add_to_physmap		7
struct xen_add_to_physmap {
	domid_t domid;
	uint16_t size;			/* gmfn_range: number of pages */
	uint32_t space;			/* XENMAPSPACE_* */
	xen_ulong_t idx;
	xen_pfn_t gpfn;
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_t);
/* idx flag: a grant status frame instead of a shared frame. */
#define XENMAPIDX_grant_table_status	0x80000000

#define XENMEM_add_to_physmap_batch	23
struct xen_add_to_physmap_batch {
	domid_t domid;
	uint16_t space;			/* XENMAPSPACE_* */
	uint16_t size;			/* entries in each array */
	union xen_add_to_physmap_batch_extra {
		domid_t foreign_domid;	/* gmfn_foreign */
		uint16_t res0;		/* zero otherwise */
	} u;
	XEN_GUEST_HANDLE(xen_ulong_t) idxs;
	XEN_GUEST_HANDLE(xen_pfn_t) gpfns;
	XEN_GUEST_HANDLE(int) errs;	/* OUT: one XEN_E* per entry */
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_batch_t);

#define XENMEM_remove_from_physmap	15
struct xen_remove_from_physmap {
	domid_t domid;
	uint16_t _xpad0[3];
	xen_pfn_t gpfn;
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_remove_from_physmap_t);

/*
 * An E820-style map: buffer holds nr_entries 20-byte entries. memory_map
 * gives the caller's pseudo-physical map, machine_memory_map the host's
 * (privileged), set_memory_map sets a domain's (privileged).
 */
#define XENMEM_memory_map		9
struct xen_memory_map {
	uint32_t nr_entries;		/* IN: room, OUT: used */
	uint32_t _xpad0;
	XEN_GUEST_HANDLE(void) buffer;
};
typedef struct xen_memory_map xen_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_map_t);

#define XENMEM_machine_memory_map	10
#define XENMEM_set_memory_map		13
struct xen_foreign_memory_map {
	domid_t domid;
	uint16_t _xpad0[3];
	struct xen_memory_map map;
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_foreign_memory_map_t);

/* Populate-on-demand target (HVM). */
#define XENMEM_set_pod_target		16
#define XENMEM_get_pod_target		17
struct xen_pod_target {
	uint64_t target_pages;
	uint64_t tot_pages;		/* OUT */
	uint64_t pod_cache_pages;	/* OUT */
	uint64_t pod_entries;		/* OUT */
	domid_t domid;
	uint16_t _xpad0[3];
};
typedef struct xen_pod_target xen_pod_target_t;

/* Map frames of a resource (grant table, ioreq server...) of domid. */
#define XENMEM_acquire_resource		28
struct xen_mem_acquire_resource {
	domid_t domid;
	uint16_t type;			/* XENMEM_resource_* */
	uint32_t id;
	uint32_t nr_frames;		/* IN/OUT */
	uint32_t pad;			/* zero */
	uint64_t frame;			/* first frame of the resource */
	XEN_GUEST_HANDLE(xen_pfn_t) frame_list;
};
typedef struct xen_mem_acquire_resource xen_mem_acquire_resource_t;
DEFINE_XEN_GUEST_HANDLE(xen_mem_acquire_resource_t);
#define XENMEM_resource_ioreq_server			0
#define XENMEM_resource_grant_table			1
#define XENMEM_resource_vmtrace_buf			2
#define XENMEM_resource_grant_table_id_shared		0
#define XENMEM_resource_grant_table_id_status		1
#define XENMEM_resource_ioreq_server_frame_bufioreq	0
#define XENMEM_resource_ioreq_server_frame_ioreq(n)	(1 + (n))

/* The domain's virtual NUMA topology. */
#define XENMEM_get_vnumainfo		26
struct xen_vmemrange {
	uint64_t start;
	uint64_t end;
	uint32_t flags;
	uint32_t nid;
};
typedef struct xen_vmemrange xen_vmemrange_t;
DEFINE_XEN_GUEST_HANDLE(xen_vmemrange_t);

struct xen_vnuma_topology_info {
	domid_t domid;
	uint16_t pad;
	uint32_t nr_vnodes;		/* IN/OUT */
	uint32_t nr_vcpus;		/* IN/OUT */
	uint32_t nr_vmemranges;		/* IN/OUT */
	union {
		XEN_GUEST_HANDLE(uint) h;
		uint64_t pad;
	} vdistance;
	union {
		XEN_GUEST_HANDLE(uint) h;
		uint64_t pad;
	} vcpu_to_vnode;
	union {
		XEN_GUEST_HANDLE(xen_vmemrange_t) h;
		uint64_t pad;
	} vmemrange;
};
typedef struct xen_vnuma_topology_info xen_vnuma_topology_info_t;
DEFINE_XEN_GUEST_HANDLE(xen_vnuma_topology_info_t);

#endif /* __XEN_PUBLIC_MEMORY_H__ */
