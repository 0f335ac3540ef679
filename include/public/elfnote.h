/* SPDX-License-Identifier: MIT */
/* Types of the "Xen" ELF notes a PV kernel carries for the domain builder. */
#ifndef __XEN_PUBLIC_ELFNOTE_H__
#define __XEN_PUBLIC_ELFNOTE_H__

/*
 * Each note has name "Xen" and one of these types. "num" notes hold a 4- or
 * 8-byte little-endian value (read by descsz), "str" notes a NUL-terminated
 * string. Addresses are guest virtual. XEN-ABI.md section 1.2 says how the
 * builder uses each one.
 */
#define XEN_ELFNOTE_INFO		0	/* str: ignored */
#define XEN_ELFNOTE_ENTRY		1	/* num: entry point */
#define XEN_ELFNOTE_HYPERCALL_PAGE	2	/* num: page to fill with stubs */
#define XEN_ELFNOTE_VIRT_BASE		3	/* num: where PFN 0 is mapped */
#define XEN_ELFNOTE_PADDR_OFFSET	4	/* num: subtracted from p_paddr */
#define XEN_ELFNOTE_XEN_VERSION		5	/* str: must start "xen-3.0" */
#define XEN_ELFNOTE_GUEST_OS		6	/* str: "linux", "Mini-OS"... */
#define XEN_ELFNOTE_GUEST_VERSION	7	/* str */
#define XEN_ELFNOTE_LOADER		8	/* str: "generic" */
#define XEN_ELFNOTE_PAE_MODE		9	/* str: 32-bit guests only */
#define XEN_ELFNOTE_FEATURES		10	/* str: "a|!b", see features.h */
#define XEN_ELFNOTE_BSD_SYMTAB		11	/* str: "yes" loads the symtab */
#define XEN_ELFNOTE_HV_START_LOW	12	/* num: 32-bit guests only */
#define XEN_ELFNOTE_L1_MFN_VALID	13	/* num pairs: mask, value */
#define XEN_ELFNOTE_SUSPEND_CANCEL	14	/* num: cooperative cancel */
#define XEN_ELFNOTE_INIT_P2M		15	/* num: VA of the initial P2M */
#define XEN_ELFNOTE_MOD_START_PFN	16	/* num: initrd may be a PFN */
#define XEN_ELFNOTE_SUPPORTED_FEATURES	17	/* num: XENFEAT_* bitmap */
#define XEN_ELFNOTE_PHYS32_ENTRY	18	/* num: PVH entry, not PV */

/* Highest builder note type. */
#define XEN_ELFNOTE_MAX			XEN_ELFNOTE_PHYS32_ENTRY

/* Notes in crash and core-dump files, not in kernels. */
#define XEN_ELFNOTE_CRASH_INFO			0x1000001
#define XEN_ELFNOTE_CRASH_REGS			0x1000002
#define XEN_ELFNOTE_DUMPCORE_NONE		0x2000000
#define XEN_ELFNOTE_DUMPCORE_HEADER		0x2000001
#define XEN_ELFNOTE_DUMPCORE_XEN_VERSION	0x2000002
#define XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION	0x2000003

#endif /* __XEN_PUBLIC_ELFNOTE_H__ */
