/* SPDX-License-Identifier: MIT */
/*
 * elf_parse() on arbitrary bytes, then elf_load() of what it accepts
 * into a bounded buffer: every byte put must lie in the kernel's range.
 */
#include "fuzz.h"

#include <hv/elf.h>

#define LOAD_MAX	(1U << 20)

static uint8_t loadbuf[LOAD_MAX];

static int put(uint64_t va, const void *src, size_t n, void *ctx)
{
	const struct elf_info *info = ctx;
	uint64_t off;

	/* elf_parse() promised every segment inside [kstart, kend). */
	FUZZ_CHECK(va >= info->virt_kstart && va <= info->virt_kend &&
		   n <= info->virt_kend - va);
	off = va - info->virt_kstart;
	if (off > LOAD_MAX || n > LOAD_MAX - off)
		return -1;		/* the domain's memory is smaller */
	if (src)
		memcpy(loadbuf + off, src, n);
	else
		memset(loadbuf + off, 0, n);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *p = fuzz_dup(data, size);
	struct elf_info info;
	const char *why;

	if (elf_parse(p, size, &info, &why) == 0) {
		FUZZ_CHECK(info.virt_base <= info.virt_kstart);
		FUZZ_CHECK(info.virt_kstart <= info.virt_entry &&
			   info.virt_entry < info.virt_kend);
		FUZZ_CHECK(strncmp(info.xen_version, "xen-3.0", 7) == 0);
		if (info.hypercall_page_set)
			FUZZ_CHECK(info.hypercall_page % 4096 == 0 &&
				   info.hypercall_page >= info.virt_kstart &&
				   info.hypercall_page < info.virt_kend);
		FUZZ_CHECK((info.f_required[0] & ~info.f_supported[0]) == 0);
		elf_load(p, size, &info, put, &info);
	} else {
		FUZZ_CHECK(why != NULL && why[0] != '\0');
	}
	free(p);
	return 0;
}
