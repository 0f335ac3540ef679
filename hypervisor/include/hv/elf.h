/* SPDX-License-Identifier: MIT */
/*
 * PV kernel images: the ELF64 parser and Xen's ELF note rules
 * (XEN-ABI.md section 1). elf_parse() reads and checks everything a
 * builder needs without trusting a byte of the image; elf_load() then
 * copies the PT_LOAD segments through a callback.
 */
#ifndef HV_ELF_H
#define HV_ELF_H

#include <hv/lib.h>

#define ELF_FEATURE_WORDS	1	/* XENFEAT_NR_SUBMAPS */

struct elf_info {
	/* From the program headers. */
	uint64_t	pstart, pend;	/* PT_LOAD p_paddr span */
	uint64_t	e_entry;
	/* From the notes; the *_set flags say a note was present. */
	bool		notes_from_sections;
	const char	*xen_version, *guest_os, *loader, *features;
	uint64_t	virt_base, paddr_offset, entry, hypercall_page;
	bool		virt_base_set, paddr_offset_set, entry_set;
	bool		hypercall_page_set;
	uint32_t	f_required[ELF_FEATURE_WORDS];
	uint32_t	f_supported[ELF_FEATURE_WORDS];
	/* Computed: the kernel's virtual range and entry. */
	uint64_t	virt_offset;
	uint64_t	virt_kstart, virt_kend, virt_entry;
};

/*
 * Parses and checks the image at img (len bytes, untrusted). Strings in
 * *info point into img and are terminated. Returns 0, or -ENOEXEC with
 * *why saying what is wrong, in words for the boot log.
 */
int elf_parse(const void *img, size_t len, struct elf_info *info,
	      const char **why);

/*
 * Copies every PT_LOAD segment: put(va, src, n, ctx) for the file bytes
 * and put(va, NULL, n, ctx) for the zero-filled rest; va is the
 * segment's virtual address (p_paddr + virt_offset). Call only after
 * elf_parse() succeeded on the same image. Stops at the first error put
 * returns and returns it.
 */
int elf_load(const void *img, size_t len, const struct elf_info *info,
	     int (*put)(uint64_t va, const void *src, size_t n, void *ctx),
	     void *ctx);

/* Finds a feature name of features.h (without XENFEAT_); -1 if unknown. */
int elf_feature_index(const char *name, size_t len);

#endif
