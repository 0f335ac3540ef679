/* SPDX-License-Identifier: MIT */
/*
 * hypervisor/lib/acpi.c: synthetic firmware tables in a fake physical
 * memory (RSDP v1/v2, RSDT/XSDT, MADT), every checksum and length
 * checked, and every MADT entry form.
 */
#include "unit.h"

#include <errno.h>
#include <hv/acpi.h>

/* Fake physical memory: tables placed at pa = MEM_BASE + offset. */
#define MEM_BASE	0xe0000ULL
static uint8_t mem[0x10000];
static size_t mem_used;
static size_t mem_limit = sizeof(mem);	/* map() refuses beyond this */
static struct acpi_cpu_info out;

static const void *map(uint64_t pa, size_t len)
{
	if (pa < MEM_BASE || pa - MEM_BASE > mem_limit ||
	    len > mem_limit - (pa - MEM_BASE))
		return NULL;
	return mem + (pa - MEM_BASE);
}

static uint8_t sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s += *p++;
	return s;
}

/* Copies a table into mem (16-aligned); returns its pa. */
static uint64_t place(const void *t, size_t len)
{
	uint64_t pa = MEM_BASE + mem_used;

	assert_true(mem_used + len <= sizeof(mem));
	memcpy(mem + mem_used, t, len);
	mem_used = (mem_used + len + 15) & ~(size_t)15;
	return pa;
}

/* An SDT: header + body, checksum fixed. */
static uint64_t sdt(const char *sig, const void *body, size_t blen)
{
	uint8_t t[4096];
	uint32_t len = (uint32_t)(36 + blen);

	assert_true(len <= sizeof(t));
	memset(t, 0, 36);
	memcpy(t, sig, 4);
	memcpy(t + 4, &len, 4);
	t[8] = 1;
	memcpy(t + 10, "SHOJI ", 6);
	memcpy(t + 36, body, blen);
	t[9] = (uint8_t)-sum(t, len);
	return place(t, len);
}

static uint8_t *at(uint64_t pa)
{
	return mem + (pa - MEM_BASE);
}

/* Rewrites a placed table's checksum after a test changed it. */
static void refix(uint64_t pa)
{
	uint32_t len;

	memcpy(&len, at(pa) + 4, 4);
	at(pa)[9] = 0;
	at(pa)[9] = (uint8_t)-sum(at(pa), len);
}

/* RSDT (4-byte) or XSDT (8-byte) of the given table addresses. */
static uint64_t root(bool x, const uint64_t *pas, unsigned int n)
{
	uint8_t body[64 * 8];

	for (unsigned int i = 0; i < n; i++)
		memcpy(body + i * (x ? 8 : 4), &pas[i], x ? 8 : 4);
	return sdt(x ? "XSDT" : "RSDT", body, n * (x ? 8 : 4));
}

struct madt_b {
	uint8_t		b[4096];
	size_t		len;
};

static void madt_init(struct madt_b *m)
{
	memset(m, 0, sizeof(*m));
	m->len = 8;			/* local APIC address, flags */
	m->b[2] = 0xe0;
	m->b[3] = 0xfe;
}

static void lapic(struct madt_b *m, uint8_t uid, uint8_t id, uint32_t fl)
{
	uint8_t e[8] = { 0, 8, uid, id };

	memcpy(e + 4, &fl, 4);
	memcpy(m->b + m->len, e, 8);
	m->len += 8;
}

static void x2apic(struct madt_b *m, uint32_t id, uint32_t fl)
{
	uint8_t e[16] = { 9, 16 };

	memcpy(e + 4, &id, 4);
	memcpy(e + 8, &fl, 4);
	memcpy(m->b + m->len, e, 16);
	m->len += 16;
}

static void ioapic(struct madt_b *m, uint8_t id)
{
	uint8_t e[12] = { 1, 12, id, 0, 0, 0, 0xc0, 0xfe };

	memcpy(m->b + m->len, e, 12);
	m->len += 12;
}

static void raw(struct madt_b *m, const void *e, size_t n)
{
	memcpy(m->b + m->len, e, n);
	m->len += n;
}

static uint64_t madt(const struct madt_b *m)
{
	return sdt("APIC", m->b, m->len);
}

static uint8_t rsdp[36];

static void rsdp_v1(uint64_t rsdt)
{
	uint32_t pa = (uint32_t)rsdt;

	memset(rsdp, 0, sizeof(rsdp));
	memcpy(rsdp, "RSD PTR ", 8);
	memcpy(rsdp + 9, "SHOJI ", 6);
	memcpy(rsdp + 16, &pa, 4);
	rsdp[8] = (uint8_t)-sum(rsdp, 20);
}

static void rsdp_v2(uint64_t rsdt, uint64_t xsdt)
{
	uint32_t len = 36;

	rsdp_v1(rsdt);
	rsdp[15] = 2;
	rsdp[8] = 0;
	rsdp[8] = (uint8_t)-sum(rsdp, 20);
	memcpy(rsdp + 20, &len, 4);
	memcpy(rsdp + 24, &xsdt, 8);
	rsdp[32] = (uint8_t)-sum(rsdp, 36);
}

static int find(size_t len)
{
	return acpi_find_cpus(rsdp, len, map, &out);
}

static int setup(void **state)
{
	(void)state;
	memset(mem, 0xee, sizeof(mem));
	mem_used = 0;
	mem_limit = sizeof(mem);
	memset(&out, 0x77, sizeof(out));
	return 0;
}

/* A small machine: two enabled CPUs, one online-capable, one off. */
static uint64_t standard_madt(void)
{
	struct madt_b m;

	madt_init(&m);
	lapic(&m, 0, 0, 1);
	lapic(&m, 1, 2, 1);
	ioapic(&m, 8);
	lapic(&m, 2, 4, 2);		/* online capable */
	lapic(&m, 3, 6, 0);		/* disabled */
	return madt(&m);
}

static void test_v1_rsdt(void **state)
{
	uint64_t t[2];

	(void)state;
	t[0] = sdt("FACP", "\0\0\0\0", 4);
	t[1] = standard_madt();
	rsdp_v1(root(false, t, 2));
	assert_int_equal(find(20), 0);
	assert_int_equal(out.nr_cpus, 3);
	assert_int_equal(out.lapic_ids[0], 0);
	assert_int_equal(out.lapic_ids[1], 2);
	assert_int_equal(out.lapic_ids[2], 4);
	assert_int_equal(out.nr_ioapics, 1);
}

static void test_v2_xsdt_x2apic(void **state)
{
	struct madt_b m;
	uint64_t t[3], other;

	(void)state;
	madt_init(&m);
	x2apic(&m, 300, 1);
	lapic(&m, 0, 1, 1);
	x2apic(&m, 0x10000, 3);
	x2apic(&m, 301, 0);
	ioapic(&m, 1);
	ioapic(&m, 2);
	t[0] = sdt("FACP", "\0\0\0\0", 4);
	t[1] = sdt("HPET", "\0\0\0\0", 4);
	t[2] = madt(&m);
	other = standard_madt();
	/* The RSDT names a different MADT: the XSDT must be the one used. */
	rsdp_v2(root(false, &other, 1), root(true, t, 3));
	assert_int_equal(find(36), 0);
	assert_int_equal(out.nr_cpus, 3);
	assert_int_equal(out.lapic_ids[0], 300);
	assert_int_equal(out.lapic_ids[1], 1);
	assert_int_equal(out.lapic_ids[2], 0x10000);
	assert_int_equal(out.nr_ioapics, 2);
	/* Only 20 bytes of the RSDP: the v1 part, so the RSDT. */
	assert_int_equal(find(20), 0);
	assert_int_equal(out.nr_cpus, 3);
	assert_int_equal(out.lapic_ids[2], 4);
	/* A bad extended checksum: the RSDT too. */
	rsdp[32]++;
	assert_int_equal(find(36), 0);
	assert_int_equal(out.lapic_ids[2], 4);
	/* An XSDT address of 0: the RSDT. */
	rsdp_v2(root(false, &other, 1), 0);
	assert_int_equal(find(36), 0);
	assert_int_equal(out.lapic_ids[2], 4);
}

static void test_bad_rsdp(void **state)
{
	uint64_t t;

	(void)state;
	t = standard_madt();
	rsdp_v1(root(false, &t, 1));
	assert_int_equal(find(20), 0);
	assert_int_equal(acpi_find_cpus(NULL, 20, map, &out), -ENOENT);
	assert_int_equal(find(19), -ENOENT);
	rsdp[7] = 'X';				/* signature */
	rsdp[8] -= 'X' - ' ';			/* with a right checksum */
	assert_int_equal(find(20), -ENOENT);
	rsdp_v1(root(false, &t, 1));
	rsdp[8]++;				/* v1 checksum */
	assert_int_equal(find(20), -ENOENT);
	assert_int_equal(out.nr_cpus, 0);	/* cleared on failure */
	/* The v1 checksum covers a v2 RSDP's first 20 bytes too. */
	rsdp_v2(root(false, &t, 1), root(true, &t, 1));
	assert_int_equal(find(36), 0);
	rsdp[8]++;
	rsdp[32]--;				/* keep the 36-byte sum */
	assert_int_equal(find(36), -ENOENT);
	/* A root table that is not mapped. */
	rsdp_v1(0x1000);
	assert_int_equal(find(20), -ENOENT);
}

static void test_bad_tables(void **state)
{
	uint64_t t[2], r, m;
	uint32_t len;

	(void)state;
	/* The RSDT first, so that the MADT is the last table in memory. */
	t[0] = 0x12345000;			/* unmapped: skipped */
	t[1] = MEM_BASE + mem_used + 48;
	r = root(false, t, 2);
	m = standard_madt();
	assert_int_equal(m, t[1]);
	rsdp_v1(r);
	assert_int_equal(find(20), 0);
	assert_int_equal(out.nr_cpus, 3);
	/* MADT checksum. */
	at(m)[9]++;
	assert_int_equal(find(20), -ENOENT);
	at(m)[9]--;
	/* MADT length: under a header, over 1 MiB, past mapped memory. */
	memcpy(&len, at(m) + 4, 4);
	for (unsigned int i = 0; i < 3; i++) {
		static const uint32_t bad[] = { 35, (1U << 20) + 1, 0x20000 };

		/* Rejected before any checksum is computed over it. */
		memcpy(at(m) + 4, &bad[i], 4);
		assert_int_equal(find(20), -ENOENT);
	}
	memcpy(at(m) + 4, &len, 4);
	assert_int_equal(find(20), 0);
	/* The mapping ending one byte short of the MADT. */
	mem_limit = (size_t)(m - MEM_BASE) + len - 1;
	assert_int_equal(find(20), -ENOENT);
	mem_limit = sizeof(mem);
	/* RSDT checksum; RSDT too short for any entry. */
	at(r)[9]++;
	assert_int_equal(find(20), -ENOENT);
	at(r)[9]--;
	len = 36 + 3;
	memcpy(at(r) + 4, &len, 4);
	refix(r);
	assert_int_equal(find(20), -ENOENT);
	/* No MADT at all. */
	t[1] = sdt("FACP", "\0\0\0\0", 4);
	rsdp_v1(root(false, t, 2));
	assert_int_equal(find(20), -ENOENT);
	/* A MADT with no usable CPU. */
	{
		struct madt_b mb;

		madt_init(&mb);
		lapic(&mb, 0, 0, 0);
		ioapic(&mb, 0);
		t[1] = madt(&mb);
		rsdp_v1(root(false, t, 2));
		assert_int_equal(find(20), -ENOENT);
		assert_int_equal(out.nr_ioapics, 1);
	}
}

static void test_madt_entries(void **state)
{
	struct madt_b m;
	uint64_t t;
	static const uint8_t zero_len[8] = { 0, 0, 0, 9, 1, 0, 0, 0 };
	static const uint8_t short_lapic[6] = { 0, 6, 0, 10, 1, 0 };
	static const uint8_t short_x2[12] = { 9, 12, 0, 0, 11, 0, 0, 0, 1 };
	static const uint8_t nmi[6] = { 4, 6, 0xff, 5, 0, 1 };

	(void)state;
	/* Length 0 stops the walk: what came before still counts. */
	madt_init(&m);
	lapic(&m, 0, 1, 1);
	raw(&m, zero_len, 8);
	lapic(&m, 0, 2, 1);
	t = madt(&m);
	rsdp_v1(root(false, &t, 1));
	assert_int_equal(find(20), 0);
	assert_int_equal(out.nr_cpus, 1);
	/* Too short for their type: skipped, not misread. */
	madt_init(&m);
	raw(&m, short_lapic, 6);
	raw(&m, short_x2, 12);
	raw(&m, nmi, 6);
	lapic(&m, 0, 3, 1);
	t = madt(&m);
	rsdp_v1(root(false, &t, 1));
	assert_int_equal(find(20), 0);
	assert_int_equal(out.nr_cpus, 1);
	assert_int_equal(out.lapic_ids[0], 3);
	/* An entry running past the table's end stops the walk. */
	madt_init(&m);
	lapic(&m, 0, 4, 1);
	lapic(&m, 0, 5, 1);
	m.b[m.len - 7] = 9;			/* length 9 > 8 left */
	t = madt(&m);
	rsdp_v1(root(false, &t, 1));
	assert_int_equal(find(20), 0);
	assert_int_equal(out.nr_cpus, 1);
	assert_int_equal(out.lapic_ids[0], 4);
	/* A trailing single byte is ignored. */
	madt_init(&m);
	lapic(&m, 0, 6, 1);
	raw(&m, "\x00", 1);
	t = madt(&m);
	rsdp_v1(root(false, &t, 1));
	assert_int_equal(find(20), 0);
	assert_int_equal(out.nr_cpus, 1);
}

static void test_many_cpus(void **state)
{
	struct madt_b m;
	uint64_t t;

	(void)state;
	madt_init(&m);
	for (unsigned int i = 0; i < 300; i++) {
		if (i % 2)
			x2apic(&m, 1000 + i, 1);
		else
			lapic(&m, (uint8_t)i, (uint8_t)i, 1);
	}
	t = madt(&m);
	rsdp_v1(root(false, &t, 1));
	assert_int_equal(find(20), 0);
	assert_int_equal(out.nr_cpus, 256);
	assert_int_equal(out.lapic_ids[254], 254);
	assert_int_equal(out.lapic_ids[255], 1255);
}

static void test_scan_rsdp(void **state)
{
	uint8_t area[1024];

	(void)state;
	memset(area, 0, sizeof(area));
	rsdp_v1(0x1234);
	assert_null(acpi_scan_rsdp(area, sizeof(area)));
	/* Misaligned copies are not found; a bad-checksum decoy neither. */
	memcpy(area + 0x18, rsdp, 20);
	memcpy(area + 0x40, rsdp, 20);
	area[0x40 + 8]++;
	assert_null(acpi_scan_rsdp(area, sizeof(area)));
	memcpy(area + 0x80, rsdp, 20);
	assert_ptr_equal(acpi_scan_rsdp(area, sizeof(area)), area + 0x80);
	/* At the very end: found only if all 20 bytes are inside. */
	memset(area, 0, sizeof(area));
	memcpy(area + 1024 - 32, rsdp, 20);
	assert_ptr_equal(acpi_scan_rsdp(area, sizeof(area)),
			 area + 1024 - 32);
	assert_null(acpi_scan_rsdp(area, 1024 - 32 + 19));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_v1_rsdt, setup),
		cmocka_unit_test_setup(test_v2_xsdt_x2apic, setup),
		cmocka_unit_test_setup(test_bad_rsdp, setup),
		cmocka_unit_test_setup(test_bad_tables, setup),
		cmocka_unit_test_setup(test_madt_entries, setup),
		cmocka_unit_test_setup(test_many_cpus, setup),
		cmocka_unit_test_setup(test_scan_rsdp, setup),
	};

	return cmocka_run_group_tests_name("acpi", tests, NULL, NULL);
}
