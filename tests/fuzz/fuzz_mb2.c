/* SPDX-License-Identifier: MIT */
/* mb2_parse() on arbitrary bytes: the loader's multiboot2 information. */
#include "fuzz.h"

#include <hv/mb2.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *p = fuzz_dup(data, size);	/* malloc: 16-byte aligned */
	struct boot_info bi;
	const char *why;

	if (mb2_parse(p, size, &bi, &why) == 0) {
		FUZZ_CHECK(bi.nr_modules <= MB2_MAX_MODULES);
		FUZZ_CHECK(bi.nr_mmap <= MB2_MAX_MMAP);
		/* Every string is terminated inside the buffer. */
		FUZZ_CHECK(strlen(bi.cmdline) < size + 1);
		FUZZ_CHECK(strlen(bi.loader_name) < size + 1);
		for (unsigned int i = 0; i < bi.nr_modules; i++) {
			FUZZ_CHECK(bi.modules[i].start <= bi.modules[i].end);
			FUZZ_CHECK(strlen(bi.modules[i].string) < size);
		}
		for (unsigned int i = 0; i < bi.nr_mmap; i++)
			FUZZ_CHECK(bi.mmap[i].len <=
				   UINT64_MAX - bi.mmap[i].addr);
		if (bi.rsdp) {
			const uint8_t *r = bi.rsdp;

			FUZZ_CHECK(r >= p && bi.rsdp_len <= size &&
				   r + bi.rsdp_len <= p + size);
		}
	} else {
		FUZZ_CHECK(why != NULL && why[0] != '\0');
	}
	free(p);
	return 0;
}
