/* SPDX-License-Identifier: MIT */
/*
 * acpi_find_cpus() on arbitrary firmware: the input's first 36 bytes
 * are the RSDP, the rest is physical memory from MEM_BASE up, which
 * map() hands out only within bounds.
 */
#include "fuzz.h"

#include <hv/acpi.h>
#include <hv/errno.h>

#define MEM_BASE	0x1000ULL

static const uint8_t *mem;
static size_t mem_len;

static const void *map(uint64_t pa, size_t len)
{
	if (pa < MEM_BASE || pa - MEM_BASE > mem_len ||
	    len > mem_len - (pa - MEM_BASE))
		return NULL;
	return mem + (pa - MEM_BASE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t rlen = size < 36 ? size : 36;
	uint8_t *rsdp = fuzz_dup(data, rlen);
	uint8_t *m = fuzz_dup(data + rlen, size - rlen);
	struct acpi_cpu_info out;
	int rc;

	mem = m;
	mem_len = size - rlen;
	rc = acpi_find_cpus(rsdp, rlen, map, &out);
	FUZZ_CHECK(rc == 0 || rc == -ENOENT);
	FUZZ_CHECK(out.nr_cpus <= 256);
	if (rc == 0)
		FUZZ_CHECK(out.nr_cpus > 0);
	/* The BIOS-area scan over the same bytes. */
	{
		const uint8_t *r = acpi_scan_rsdp(m, mem_len);

		FUZZ_CHECK(r == NULL || (r >= m && r + 20 <= m + mem_len));
	}
	free(rsdp);
	free(m);
	return 0;
}
