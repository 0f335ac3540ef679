/* SPDX-License-Identifier: MIT */
/* xen_version hypercall (17): commands and the buffers they fill. */
#include "xen.h"

#ifndef __XEN_PUBLIC_VERSION_H__
#define __XEN_PUBLIC_VERSION_H__

/*
 * xen_version(cmd, arg). Unless noted, arg points to the buffer named
 * beside the command and the call returns 0 or a negative XEN_E*.
 */

/* Returns (major << 16) | minor; arg unused. */
#define XENVER_version		0

#define XENVER_extraversion	1
typedef char xen_extraversion_t[16];
#define XEN_EXTRAVERSION_LEN	(sizeof(xen_extraversion_t))

#define XENVER_compile_info	2
struct xen_compile_info {
	char compiler[64];
	char compile_by[16];
	char compile_domain[32];
	char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;

#define XENVER_capabilities	3
typedef char xen_capabilities_info_t[1024];
#define XEN_CAPABILITIES_INFO_LEN	(sizeof(xen_capabilities_info_t))

#define XENVER_changeset	4
typedef char xen_changeset_info_t[64];
#define XEN_CHANGESET_INFO_LEN	(sizeof(xen_changeset_info_t))

/* virt_start: lowest address the hypervisor reserves in the guest. */
#define XENVER_platform_parameters	5
struct xen_platform_parameters {
	xen_ulong_t virt_start;
};
typedef struct xen_platform_parameters xen_platform_parameters_t;

/* Fills submap with 32 XENFEAT_* bits starting at bit 32 * submap_idx. */
#define XENVER_get_features	6
struct xen_feature_info {
	uint32_t submap_idx;	/* IN */
	uint32_t submap;	/* OUT */
};
typedef struct xen_feature_info xen_feature_info_t;

#include "features.h"

/* Returns the page size; arg unused. */
#define XENVER_pagesize		7

/* Fills a xen_domain_handle_t with the caller's handle. */
#define XENVER_guest_handle	8

#define XENVER_commandline	9
typedef char xen_commandline_t[1024];

/* len is IN (buffer size) and OUT (bytes written); returns len. */
#define XENVER_build_id		10
struct xen_build_id {
	uint32_t len;
	unsigned char buf[XEN_FLEX_ARRAY_DIM];
};
typedef struct xen_build_id xen_build_id_t;

#endif /* __XEN_PUBLIC_VERSION_H__ */
