/* SPDX-License-Identifier: MIT */
/*
 * The multiboot2 boot information, parsed into a boot_info. The loader's
 * bytes are checked before use: every tag lies inside total_size, every
 * size is sane, every string is terminated inside its tag.
 */
#ifndef HV_MB2_H
#define HV_MB2_H

#include <hv/lib.h>

#define MB2_MAX_MODULES		16
#define MB2_MAX_MMAP		128

#define MB2_MEM_AVAILABLE	1
#define MB2_MEM_RESERVED	2
#define MB2_MEM_ACPI		3
#define MB2_MEM_NVS		4
#define MB2_MEM_BAD		5

struct mb2_mmap_entry {
	uint64_t	addr;
	uint64_t	len;
	uint32_t	type;
};

struct mb2_module {
	uint64_t	start;		/* physical, inclusive */
	uint64_t	end;		/* physical, exclusive */
	const char	*string;	/* inside the mbi; never NULL */
};

struct boot_info {
	const char		*cmdline;	/* "" when absent */
	const char		*loader_name;	/* "" when absent */
	unsigned int		nr_mmap;
	struct mb2_mmap_entry	mmap[MB2_MAX_MMAP];
	unsigned int		nr_modules;
	struct mb2_module	modules[MB2_MAX_MODULES];
	const void		*rsdp;		/* copy of the ACPI RSDP */
	uint32_t		rsdp_len;
	uint64_t		mem_lower_kb, mem_upper_kb;
	unsigned int		nr_ignored;	/* modules or entries over
						   the limits */
};

/*
 * Parses the multiboot2 information at mbi, of which avail bytes may be
 * read (its total_size must fit). Strings in *bi point into mbi.
 * Returns 0, or -EINVAL with *why naming the defect.
 */
int mb2_parse(const void *mbi, size_t avail, struct boot_info *bi,
	      const char **why);

/* The mbi's total_size field, or 0 if mbi is not 8-byte aligned. */
uint32_t mb2_total_size(const void *mbi);

#endif
