/* SPDX-License-Identifier: MIT */
/*
 * The little of ACPI the hypervisor reads at boot: from the RSDP to the
 * RSDT/XSDT to the MADT, counting processors and I/O APICs. Tables are
 * firmware input: lengths and checksums are checked before use.
 */
#ifndef HV_ACPI_H
#define HV_ACPI_H

#include <hv/lib.h>

struct acpi_cpu_info {
	unsigned int	nr_cpus;	/* enabled or online-capable */
	unsigned int	nr_ioapics;
	uint32_t	lapic_ids[256];
};

/*
 * map(pa, len) returns a pointer to len readable bytes at physical pa, or
 * NULL. Returns 0, or -ENOENT when there is no valid MADT.
 */
int acpi_find_cpus(const void *rsdp, size_t rsdp_len,
		   const void *(*map)(uint64_t pa, size_t len),
		   struct acpi_cpu_info *out);

/* Scans the BIOS areas (given as mapped memory) for an RSDP. */
const void *acpi_scan_rsdp(const uint8_t *area, size_t len);

#endif
