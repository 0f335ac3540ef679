/* SPDX-License-Identifier: MIT */
/*
 * RSDP -> XSDT (or RSDT) -> MADT, with every length and checksum
 * checked. MADT entries: type 0 (local APIC: u8 uid, u8 id, u32 flags),
 * type 1 (I/O APIC), type 9 (local x2APIC: u32 id, u32 flags, u32 uid);
 * a processor counts when flags has bit 0 (enabled) or bit 1 (online
 * capable).
 */
#include <hv/acpi.h>
#include <hv/errno.h>

#define SDT_HDR_LEN	36
#define MAX_TABLE_LEN	(1U << 20)

static bool checksum_ok(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += p[i];
	return sum == 0;
}

const void *acpi_scan_rsdp(const uint8_t *area, size_t len)
{
	for (size_t off = 0; off + 20 <= len; off += 16)
		if (memcmp(area + off, "RSD PTR ", 8) == 0 &&
		    checksum_ok(area + off, 20))
			return area + off;
	return NULL;
}

/* Maps a whole table after checking its header and checksum. */
static const uint8_t *map_table(uint64_t pa,
				const void *(*map)(uint64_t, size_t))
{
	const uint8_t *h = map(pa, SDT_HDR_LEN);
	uint32_t len;

	if (h == NULL)
		return NULL;
	memcpy(&len, h + 4, 4);
	if (len < SDT_HDR_LEN || len > MAX_TABLE_LEN)
		return NULL;
	h = map(pa, len);
	if (h == NULL || !checksum_ok(h, len))
		return NULL;
	return h;
}

static void parse_madt(const uint8_t *madt, struct acpi_cpu_info *out)
{
	uint32_t len;

	memcpy(&len, madt + 4, 4);
	for (uint32_t off = SDT_HDR_LEN + 8; off + 2 <= len;) {
		uint8_t type = madt[off], elen = madt[off + 1];
		uint32_t flags, id;

		if (elen < 2 || elen > len - off)
			break;
		if (type == 0 && elen >= 8) {
			memcpy(&flags, madt + off + 4, 4);
			id = madt[off + 3];
		} else if (type == 9 && elen >= 16) {
			memcpy(&id, madt + off + 4, 4);
			memcpy(&flags, madt + off + 8, 4);
		} else {
			if (type == 1)
				out->nr_ioapics++;
			off += elen;
			continue;
		}
		if ((flags & 3) && out->nr_cpus < ARRAY_SIZE(out->lapic_ids))
			out->lapic_ids[out->nr_cpus++] = id;
		off += elen;
	}
}

int acpi_find_cpus(const void *rsdp_v, size_t rsdp_len,
		   const void *(*map)(uint64_t pa, size_t len),
		   struct acpi_cpu_info *out)
{
	const uint8_t *rsdp = rsdp_v, *root;
	uint64_t root_pa = 0;
	unsigned int esize = 4;
	uint32_t len;

	memset(out, 0, sizeof(*out));
	if (rsdp == NULL || rsdp_len < 20 || memcmp(rsdp, "RSD PTR ", 8) ||
	    !checksum_ok(rsdp, 20))
		return -ENOENT;
	if (rsdp[15] >= 2 && rsdp_len >= 36 && checksum_ok(rsdp, 36)) {
		memcpy(&root_pa, rsdp + 24, 8);
		esize = 8;
	}
	if (root_pa == 0) {
		uint32_t pa32;

		memcpy(&pa32, rsdp + 16, 4);
		root_pa = pa32;
		esize = 4;
	}
	root = map_table(root_pa, map);
	if (root == NULL)
		return -ENOENT;
	memcpy(&len, root + 4, 4);
	for (uint32_t off = SDT_HDR_LEN; off + esize <= len; off += esize) {
		uint64_t pa = 0;
		const uint8_t *t;

		memcpy(&pa, root + off, esize);
		t = map_table(pa, map);
		if (t && memcmp(t, "APIC", 4) == 0) {
			parse_madt(t, out);
			return out->nr_cpus ? 0 : -ENOENT;
		}
	}
	return -ENOENT;
}
