/* SPDX-License-Identifier: MIT */
/* Grant tables: sharing pages between domains, and grant_table_op (20). */
#include "xen.h"

#ifndef __XEN_PUBLIC_GRANT_TABLE_H__
#define __XEN_PUBLIC_GRANT_TABLE_H__

/*
 * A domain grants access to one of its frames by filling an entry of its
 * grant table (frames it maps after GNTTABOP_setup_table); the grantee
 * names the entry by (domid, grant_ref_t) in map, copy and transfer
 * operations. To grant: write domid and frame, write barrier, then flags.
 * To revoke: atomically change flags to 0 only while neither GTF_reading
 * nor GTF_writing is set (the hypervisor sets those while it is mapped).
 */
typedef uint32_t grant_ref_t;

/* Version 1 entry, 8 bytes; 512 per 4 KiB frame. */
struct grant_entry_v1 {
	uint16_t flags;		/* GTF_* */
	domid_t domid;		/* who may use it */
	uint32_t frame;		/* MFN (PV granter) or GFN */
};
typedef struct grant_entry_v1 grant_entry_v1_t;

/* Entries 0..7 belong to the toolstack; 0 and 1 name the two rings. */
#define GNTTAB_NR_RESERVED_ENTRIES	8
#define GNTTAB_RESERVED_CONSOLE		0
#define GNTTAB_RESERVED_XENSTORE	1

/* flags bits 1:0, the entry type. */
#define GTF_invalid		(0U << 0)
#define GTF_permit_access	(1U << 0)
#define GTF_accept_transfer	(2U << 0)
#define GTF_transitive		(3U << 0)
#define GTF_type_mask		(3U << 0)

/* Access entries: set by the granter (readonly, cache attributes)... */
#define _GTF_readonly		(2)
#define GTF_readonly		(1U << _GTF_readonly)
/* ...and by the hypervisor while the grant is in use. */
#define _GTF_reading		(3)
#define GTF_reading		(1U << _GTF_reading)
#define _GTF_writing		(4)
#define GTF_writing		(1U << _GTF_writing)
#define _GTF_PWT		(5)
#define GTF_PWT			(1U << _GTF_PWT)
#define _GTF_PCD		(6)
#define GTF_PCD			(1U << _GTF_PCD)
#define _GTF_PAT		(7)
#define GTF_PAT			(1U << _GTF_PAT)
#define _GTF_sub_page		(8)
#define GTF_sub_page		(1U << _GTF_sub_page)

/* Transfer entries: progress of a page handed over. */
#define _GTF_transfer_committed	(2)
#define GTF_transfer_committed	(1U << _GTF_transfer_committed)
#define _GTF_transfer_completed	(3)
#define GTF_transfer_completed	(1U << _GTF_transfer_completed)

/* Version 2 entries, 16 bytes; flags live in hdr, status in a separate table. */
struct grant_entry_header {
	uint16_t flags;
	domid_t domid;
};
typedef struct grant_entry_header grant_entry_header_t;

union grant_entry_v2 {
	grant_entry_header_t hdr;
	struct {
		grant_entry_header_t hdr;
		uint32_t pad0;
		uint64_t frame;
	} full_page;
	struct {
		grant_entry_header_t hdr;
		uint16_t page_off;
		uint16_t length;
		uint64_t frame;
	} sub_page;
	struct {
		grant_entry_header_t hdr;
		domid_t trans_domid;
		uint16_t pad0;
		grant_ref_t gref;
	} transitive;
	uint32_t __spacer[4];
};
typedef union grant_entry_v2 grant_entry_v2_t;

typedef uint16_t grant_status_t;

/*
 * grant_table_op(cmd, uops, count): uops is an array of count structs of
 * the kind named by cmd. The call returns 0 unless the array could not be
 * accessed; each op reports its own result in status (GNTST_*).
 */
#define GNTTABOP_map_grant_ref		0
#define GNTTABOP_unmap_grant_ref	1
#define GNTTABOP_setup_table		2
#define GNTTABOP_dump_table		3
#define GNTTABOP_transfer		4
#define GNTTABOP_copy			5
#define GNTTABOP_query_size		6
#define GNTTABOP_unmap_and_replace	7
#define GNTTABOP_set_version		8
#define GNTTABOP_get_status_frames	9
#define GNTTABOP_get_version		10
#define GNTTABOP_swap_grant_ref		11
#define GNTTABOP_cache_flush		12

typedef uint32_t grant_handle_t;

/*
 * Map dom's grant ref at host_addr (a VA, or with GNTMAP_contains_pte the
 * machine address of a PTE). handle identifies the mapping for unmap.
 */
struct gnttab_map_grant_ref {
	uint64_t host_addr;
	uint32_t flags;			/* GNTMAP_* */
	grant_ref_t ref;
	domid_t dom;
	int16_t status;			/* OUT: GNTST_* */
	grant_handle_t handle;		/* OUT */
	uint64_t dev_bus_addr;		/* OUT, with GNTMAP_device_map */
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_map_grant_ref_t);

struct gnttab_unmap_grant_ref {
	uint64_t host_addr;
	uint64_t dev_bus_addr;
	grant_handle_t handle;
	int16_t status;			/* OUT */
	uint16_t _xpad0;
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_grant_ref_t);

/* Grow dom's table to nr_frames frames and list them (MFNs for PV). */
struct gnttab_setup_table {
	domid_t dom;
	uint16_t _xpad0;
	uint32_t nr_frames;
	int16_t status;			/* OUT */
	uint16_t _xpad1[3];
	XEN_GUEST_HANDLE(xen_pfn_t) frame_list;	/* OUT */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_setup_table_t);

/* Print dom's table on the hypervisor console. */
struct gnttab_dump_table {
	domid_t dom;
	int16_t status;			/* OUT */
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_dump_table_t);

/* Give page mfn to domid, which accepted it in its entry ref. */
struct gnttab_transfer {
	xen_pfn_t mfn;
	domid_t domid;
	uint16_t _xpad0;
	grant_ref_t ref;
	int16_t status;			/* OUT */
	uint16_t _xpad1[3];
};
typedef struct gnttab_transfer gnttab_transfer_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_transfer_t);

/*
 * Copy len bytes between two pages, each named by a grant ref (flag
 * GNTCOPY_*_gref) or by a frame of the caller; may not cross a page.
 */
#define _GNTCOPY_source_gref	(0)
#define GNTCOPY_source_gref	(1 << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref	(1)
#define GNTCOPY_dest_gref	(1 << _GNTCOPY_dest_gref)

struct gnttab_copy {
	struct gnttab_copy_ptr {
		union {
			grant_ref_t ref;
			xen_pfn_t gmfn;
		} u;
		domid_t domid;
		uint16_t offset;
		uint32_t _xpad0;
	} source, dest;
	uint16_t len;
	uint16_t flags;			/* GNTCOPY_* */
	int16_t status;			/* OUT */
	uint16_t _xpad0;
};
typedef struct gnttab_copy gnttab_copy_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_copy_t);

/* Current and maximum table size of dom. */
struct gnttab_query_size {
	domid_t dom;
	uint16_t _xpad0;
	uint32_t nr_frames;		/* OUT */
	uint32_t max_nr_frames;		/* OUT */
	int16_t status;			/* OUT */
	uint16_t _xpad1;
};
typedef struct gnttab_query_size gnttab_query_size_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_query_size_t);

/* Unmap handle at host_addr and move the mapping at new_addr there. */
struct gnttab_unmap_and_replace {
	uint64_t host_addr;
	uint64_t new_addr;
	grant_handle_t handle;
	int16_t status;			/* OUT */
	uint16_t _xpad0;
};
typedef struct gnttab_unmap_and_replace gnttab_unmap_and_replace_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_and_replace_t);

/* Switch the caller's table format (1 or 2); OUT: the current one. */
struct gnttab_set_version {
	uint32_t version;
};
typedef struct gnttab_set_version gnttab_set_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_set_version_t);

/* Version 2: the frames of dom's status table. */
struct gnttab_get_status_frames {
	uint32_t nr_frames;
	domid_t dom;
	int16_t status;			/* OUT */
	XEN_GUEST_HANDLE(uint64_t) frame_list;	/* OUT */
};
typedef struct gnttab_get_status_frames gnttab_get_status_frames_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_status_frames_t);

struct gnttab_get_version {
	domid_t dom;
	uint16_t pad;
	uint32_t version;		/* OUT */
};
typedef struct gnttab_get_version gnttab_get_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_version_t);

/* Exchange two entries of the caller's table. */
struct gnttab_swap_grant_ref {
	grant_ref_t ref_a;
	grant_ref_t ref_b;
	int16_t status;			/* OUT */
	uint16_t _xpad0;
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_swap_grant_ref_t);

/* Clean or invalidate caches for part of a granted page. */
struct gnttab_cache_flush {
	union {
		uint64_t dev_bus_addr;
		grant_ref_t ref;
	} a;
	uint16_t offset;
	uint16_t length;
	uint32_t op;			/* GNTTAB_CACHE_* */
};
typedef struct gnttab_cache_flush gnttab_cache_flush_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_cache_flush_t);
#define GNTTAB_CACHE_CLEAN		(1u << 0)
#define GNTTAB_CACHE_INVAL		(1u << 1)
#define GNTTAB_CACHE_SOURCE_GREF	(1u << 31)

/* gnttab_map_grant_ref.flags */
#define _GNTMAP_device_map	(0)	/* map for device DMA */
#define GNTMAP_device_map	(1 << _GNTMAP_device_map)
#define _GNTMAP_host_map	(1)	/* map into the page tables */
#define GNTMAP_host_map		(1 << _GNTMAP_host_map)
#define _GNTMAP_readonly	(2)
#define GNTMAP_readonly		(1 << _GNTMAP_readonly)
#define _GNTMAP_application_map	(3)	/* user-accessible mapping */
#define GNTMAP_application_map	(1 << _GNTMAP_application_map)
#define _GNTMAP_contains_pte	(4)	/* host_addr is a PTE address */
#define GNTMAP_contains_pte	(1 << _GNTMAP_contains_pte)
/* Bits copied into the PTE's available bits (XENFEAT_gnttab_map_avail_bits). */
#define _GNTMAP_guest_avail0	(16)
#define GNTMAP_guest_avail_mask	((uint32_t)~0 << _GNTMAP_guest_avail0)

/* Per-op status codes. */
#define GNTST_okay		(0)
#define GNTST_general_error	(-1)
#define GNTST_bad_domain	(-2)
#define GNTST_bad_gntref	(-3)
#define GNTST_bad_handle	(-4)
#define GNTST_bad_virt_addr	(-5)
#define GNTST_bad_dev_addr	(-6)
#define GNTST_no_device_space	(-7)
#define GNTST_permission_denied	(-8)
#define GNTST_bad_page		(-9)
#define GNTST_bad_copy_arg	(-10)
#define GNTST_address_too_big	(-11)
#define GNTST_eagain		(-12)
#define GNTST_no_space		(-13)

/* Text for -status, as an array initializer. */
#define GNTTABOP_error_msgs {					\
	"okay",							\
	"undefined error",					\
	"unrecognised domain id",				\
	"invalid grant reference",				\
	"invalid mapping handle",				\
	"invalid virtual address",				\
	"invalid device address",				\
	"no spare translation slot in the I/O MMU",		\
	"permission denied",					\
	"bad page",						\
	"copy arguments cross page boundary",			\
	"page address size too large",				\
	"operation not done; try again",			\
	"out of space",						\
}

#endif /* __XEN_PUBLIC_GRANT_TABLE_H__ */
