/* SPDX-License-Identifier: MIT */
/* XENFEAT_* bit numbers, reported by XENVER_get_features and ELF notes. */
#ifndef __XEN_PUBLIC_FEATURES_H__
#define __XEN_PUBLIC_FEATURES_H__

/*
 * A set bit means the hypervisor offers the feature to this domain. A guest
 * names them without the prefix in XEN_ELFNOTE_FEATURES ("!" = required)
 * and as bits in XEN_ELFNOTE_SUPPORTED_FEATURES.
 */
#define XENFEAT_writable_page_tables		0	/* PTs need no mmu_update */
#define XENFEAT_writable_descriptor_tables	1
#define XENFEAT_auto_translated_physmap		2	/* hypervisor keeps the P2M */
#define XENFEAT_supervisor_mode_kernel		3	/* kernel runs in ring 0 */
#define XENFEAT_pae_pgdir_above_4gb		4
#define XENFEAT_mmu_pt_update_preserve_ad	5	/* MMU_PT_UPDATE_PRESERVE_AD */
#define XENFEAT_highmem_assist			6
#define XENFEAT_gnttab_map_avail_bits		7	/* GNTMAP_guest_avail_mask */
#define XENFEAT_hvm_callback_vector		8
#define XENFEAT_hvm_safe_pvclock		9
#define XENFEAT_hvm_pirqs			10
#define XENFEAT_dom0				11	/* may run as dom0 */
/* 12 is unused */
#define XENFEAT_memory_op_vnode_supported	13
#define XENFEAT_ARM_SMCCC_supported		14
#define XENFEAT_linux_rsdp_unrestricted		15
#define XENFEAT_not_direct_mapped		16
#define XENFEAT_direct_mapped			17

/* Number of 32-bit submaps XENVER_get_features answers for. */
#define XENFEAT_NR_SUBMAPS	1

#endif /* __XEN_PUBLIC_FEATURES_H__ */
