/* SPDX-License-Identifier: MIT */
/* hypervisor/lib/mb2.c: the multiboot2 information is loader input. */
#include "unit.h"

#include <errno.h>
#include <hv/mb2.h>

/* An information block under construction, 8-byte aligned. */
struct mbi {
	uint64_t	q[2048];
	size_t		len;
};

static uint8_t *bytes(struct mbi *m)
{
	return (uint8_t *)m->q;
}

static void put32(struct mbi *m, size_t off, uint32_t v)
{
	memcpy(bytes(m) + off, &v, 4);
}

static void mbi_init(struct mbi *m)
{
	memset(m, 0, sizeof(*m));
	m->len = 8;
}

/* Appends a tag of size 8 + plen (as given in size when nonzero). */
static size_t tag_sized(struct mbi *m, uint32_t type, const void *payload,
			size_t plen, uint32_t size)
{
	size_t at = m->len;

	assert_true(at + 8 + plen + 8 <= sizeof(m->q));
	put32(m, at, type);
	put32(m, at + 4, size ? size : (uint32_t)(8 + plen));
	if (plen)
		memcpy(bytes(m) + at + 8, payload, plen);
	m->len += (8 + plen + 7) & ~(size_t)7;
	return at;
}

static size_t tag(struct mbi *m, uint32_t type, const void *payload,
		  size_t plen)
{
	return tag_sized(m, type, payload, plen, 0);
}

static size_t tag_str(struct mbi *m, uint32_t type, const char *s)
{
	return tag(m, type, s, strlen(s) + 1);
}

static size_t tag_module(struct mbi *m, uint32_t start, uint32_t end,
			 const char *s)
{
	uint8_t p[256];
	size_t n = strlen(s) + 1;

	memcpy(p, &start, 4);
	memcpy(p + 4, &end, 4);
	memcpy(p + 8, s, n);
	return tag(m, 3, p, 8 + n);
}

/* A memory map tag of n entries of esize bytes. */
static size_t tag_mmap(struct mbi *m, uint32_t esize, unsigned int n,
		       const uint64_t (*ent)[3])
{
	uint8_t p[8 + 200 * 32];
	uint32_t ver = 0;

	assert_true(8 + (size_t)n * esize <= sizeof(p));
	memset(p, 0, sizeof(p));
	memcpy(p, &esize, 4);
	memcpy(p + 4, &ver, 4);
	for (unsigned int i = 0; i < n; i++) {
		uint32_t type = (uint32_t)ent[i][2];

		memcpy(p + 8 + i * esize, &ent[i][0], 8);
		memcpy(p + 8 + i * esize + 8, &ent[i][1], 8);
		memcpy(p + 8 + i * esize + 16, &type, 4);
	}
	return tag(m, 6, p, 8 + (size_t)n * esize);
}

/* Ends the block with the end tag and sets total_size. */
static void mbi_finish(struct mbi *m)
{
	tag(m, 0, NULL, 0);
	put32(m, 0, (uint32_t)m->len);
}

static int parse(struct mbi *m, struct boot_info *bi, const char **why)
{
	return mb2_parse(m->q, m->len, bi, why);
}

static struct boot_info bi;

static const uint64_t good_mmap[3][3] = {
	{ 0, 0x9fc00, MB2_MEM_AVAILABLE },
	{ 0xf0000, 0x10000, MB2_MEM_RESERVED },
	{ 0x100000, 0x7fee0000, MB2_MEM_AVAILABLE },
};

/* Everything GRUB gives Shoji: the reference for the other tests. */
static void build_good(struct mbi *m)
{
	uint8_t rsdp1[20], rsdp2[36];
	uint32_t mem[2] = { 639, 2096000 };

	memset(rsdp1, 1, sizeof(rsdp1));
	memset(rsdp2, 2, sizeof(rsdp2));
	mbi_init(m);
	tag_str(m, 1, "console=com1 loglvl=all");
	tag_str(m, 2, "GRUB 2.06");
	tag(m, 4, mem, sizeof(mem));
	tag(m, 21, "\x01\x02\x03\x04", 4);	/* load base: unused */
	tag_mmap(m, 24, 3, good_mmap);
	tag_module(m, 0x200000, 0x280123, "guest console=hvc0");
	tag_module(m, 0x300000, 0x300000, "");
	tag(m, 15, rsdp2, sizeof(rsdp2));
	tag(m, 14, rsdp1, sizeof(rsdp1));	/* the v2 copy still wins */
	mbi_finish(m);
}

static void test_good(void **state)
{
	struct mbi m;
	const char *why;
	const uint8_t *lo = bytes(&m);

	(void)state;
	build_good(&m);
	assert_int_equal(parse(&m, &bi, &why), 0);
	assert_string_equal(why, "");
	assert_string_equal(bi.cmdline, "console=com1 loglvl=all");
	assert_string_equal(bi.loader_name, "GRUB 2.06");
	assert_true((const uint8_t *)bi.cmdline > lo &&
		    (const uint8_t *)bi.cmdline < lo + m.len);
	assert_int_equal(bi.mem_lower_kb, 639);
	assert_int_equal(bi.mem_upper_kb, 2096000);
	assert_int_equal(bi.nr_mmap, 3);
	for (unsigned int i = 0; i < 3; i++) {
		assert_int_equal(bi.mmap[i].addr, good_mmap[i][0]);
		assert_int_equal(bi.mmap[i].len, good_mmap[i][1]);
		assert_int_equal(bi.mmap[i].type, good_mmap[i][2]);
	}
	assert_int_equal(bi.nr_modules, 2);
	assert_int_equal(bi.modules[0].start, 0x200000);
	assert_int_equal(bi.modules[0].end, 0x280123);
	assert_string_equal(bi.modules[0].string, "guest console=hvc0");
	assert_int_equal(bi.modules[1].start, 0x300000);
	assert_int_equal(bi.modules[1].end, 0x300000);
	assert_string_equal(bi.modules[1].string, "");
	assert_non_null(bi.rsdp);
	assert_int_equal(bi.rsdp_len, 36);
	assert_int_equal(((const uint8_t *)bi.rsdp)[0], 2);
	assert_int_equal(bi.nr_ignored, 0);
	assert_int_equal(mb2_total_size(m.q), m.len);
}

static void test_minimal_and_defaults(void **state)
{
	struct mbi m;
	const char *why;
	uint8_t rsdp1[20];

	(void)state;
	mbi_init(&m);
	mbi_finish(&m);
	assert_int_equal(m.len, 16);
	assert_int_equal(parse(&m, &bi, &why), 0);
	assert_string_equal(bi.cmdline, "");
	assert_string_equal(bi.loader_name, "");
	assert_int_equal(bi.nr_mmap, 0);
	assert_int_equal(bi.nr_modules, 0);
	assert_null(bi.rsdp);

	/* Only the ACPI 1.0 copy: taken. An empty ACPI tag: ignored. */
	memset(rsdp1, 7, sizeof(rsdp1));
	mbi_init(&m);
	tag(&m, 15, NULL, 0);
	tag(&m, 14, rsdp1, sizeof(rsdp1));
	mbi_finish(&m);
	assert_int_equal(parse(&m, &bi, &why), 0);
	assert_int_equal(bi.rsdp_len, 20);
	assert_int_equal(((const uint8_t *)bi.rsdp)[0], 7);

	/* A short basic-meminfo tag is ignored, not read past. */
	mbi_init(&m);
	tag(&m, 4, "\x01\x00\x00\x00", 4);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &bi, &why), 0);
	assert_int_equal(bi.mem_lower_kb, 0);
	assert_int_equal(bi.mem_upper_kb, 0);
}

/* Every strict prefix fails, read from a buffer of exactly that size. */
static void test_truncated_everywhere(void **state)
{
	struct mbi m;
	const char *why;

	(void)state;
	build_good(&m);
	for (size_t len = 0; len < m.len; len++) {
		uint8_t *p = ut_dup(m.q, len);

		/* As given, and with total_size honestly shrunk to len. */
		assert_int_equal(mb2_parse(p, len, &bi, &why), -EINVAL);
		assert_true(why[0] != '\0');
		if (len >= 4) {
			uint32_t t = (uint32_t)len;

			memcpy(p, &t, 4);
			assert_int_equal(mb2_parse(p, len, &bi, &why),
					 -EINVAL);
			assert_true(why[0] != '\0');
		}
		free(p);
	}
	{
		uint8_t *p = ut_dup(m.q, m.len);

		assert_int_equal(mb2_parse(p, m.len, &bi, &why), 0);
		free(p);
	}
}

static void expect_fail_at(struct mbi *m, const char *reason,
			   const char *file, int line)
{
	const char *why = NULL;

	_assert_int_equal(cast_to_largest_integral_type(
				mb2_parse(m->q, m->len, &bi, &why)),
			  cast_to_largest_integral_type(-EINVAL), file, line);
	_assert_string_equal(why, reason, file, line);
}

#define expect_fail(m, reason) expect_fail_at(m, reason, __FILE__, __LINE__)

static void test_lying_total_size(void **state)
{
	struct mbi m;
	const char *why;

	(void)state;
	build_good(&m);
	put32(&m, 0, (uint32_t)m.len + 8);	/* more than available */
	expect_fail(&m, "total_size out of range");
	put32(&m, 0, 0xffffffff);
	expect_fail(&m, "total_size out of range");
	put32(&m, 0, 8);
	expect_fail(&m, "total_size out of range");
	put32(&m, 0, 15);
	expect_fail(&m, "total_size out of range");
	/* Cutting off the end tag. */
	put32(&m, 0, (uint32_t)m.len - 8);
	expect_fail(&m, "no end tag");
	put32(&m, 0, (uint32_t)m.len - 4);
	expect_fail(&m, "no end tag");
	/* Bytes after the end tag, within avail, are fine. */
	put32(&m, 0, (uint32_t)m.len);
	m.len += 8;
	put32(&m, 0, (uint32_t)m.len);
	assert_int_equal(parse(&m, &bi, &why), 0);
	/* Avail too small to hold a header. */
	assert_int_equal(mb2_parse(m.q, 15, &bi, &why), -EINVAL);
	assert_string_equal(why, "information too small or misaligned");
}

static void test_tag_sizes(void **state)
{
	struct mbi m;
	size_t at;

	(void)state;
	/* A tag claiming more than what is left. */
	build_good(&m);
	put32(&m, 8 + 4, (uint32_t)m.len);
	expect_fail(&m, "tag size out of range");
	put32(&m, 8 + 4, 0xfffffff8);
	expect_fail(&m, "tag size out of range");
	/* Sizes below the tag header: 0 would loop forever. */
	for (uint32_t sz = 0; sz < 8; sz++) {
		put32(&m, 8 + 4, sz);
		expect_fail(&m, "tag size out of range");
	}
	/* The last tag before the end tag reaching into it. */
	mbi_init(&m);
	at = tag_str(&m, 1, "abc");
	mbi_finish(&m);
	put32(&m, at + 4, 8 + 4 + 4 + 8 + 1);
	expect_fail(&m, "tag size out of range");
	/* An end tag of the wrong size. */
	mbi_init(&m);
	tag_sized(&m, 0, "\0\0\0\0\0\0\0\0", 8, 16);
	put32(&m, 0, (uint32_t)m.len);
	expect_fail(&m, "bad end tag");
}

static void test_unterminated_strings(void **state)
{
	struct mbi m;
	size_t at;

	(void)state;
	mbi_init(&m);
	tag(&m, 1, "abcdefgh", 8);		/* no NUL inside the tag */
	mbi_finish(&m);
	expect_fail(&m, "string tag not terminated");
	mbi_init(&m);
	tag(&m, 2, NULL, 0);			/* empty: no room for NUL */
	mbi_finish(&m);
	expect_fail(&m, "string tag not terminated");
	/* The NUL after the tag's end (in the padding) does not count. */
	mbi_init(&m);
	at = tag_str(&m, 1, "abc");
	mbi_finish(&m);
	put32(&m, at + 4, 8 + 3);
	expect_fail(&m, "string tag not terminated");
	mbi_init(&m);
	at = tag_module(&m, 0x1000, 0x2000, "mod");
	mbi_finish(&m);
	put32(&m, at + 4, 16 + 3);
	expect_fail(&m, "module string not terminated");
	put32(&m, at + 4, 16);
	expect_fail(&m, "module tag too short");
}

static void test_missing_end(void **state)
{
	struct mbi m;

	(void)state;
	mbi_init(&m);
	tag_str(&m, 1, "x");
	put32(&m, 0, (uint32_t)m.len);
	expect_fail(&m, "no end tag");
	/* Padding of the last tag taking the block past total_size. */
	mbi_init(&m);
	tag_str(&m, 1, "x");
	put32(&m, 0, (uint32_t)m.len - 4);
	put32(&m, 12, 8 + 2);
	expect_fail(&m, "no end tag");
}

static void test_module_end_before_start(void **state)
{
	struct mbi m;

	(void)state;
	mbi_init(&m);
	tag_module(&m, 0x2000, 0x1fff, "m");
	mbi_finish(&m);
	expect_fail(&m, "module ends before it starts");
}

static void test_too_many(void **state)
{
	static uint64_t ent[200][3];
	struct mbi m;
	const char *why;
	char name[16];

	(void)state;
	mbi_init(&m);
	for (unsigned int i = 0; i < MB2_MAX_MODULES + 4; i++) {
		snprintf(name, sizeof(name), "m%u", i);
		tag_module(&m, 0x1000 * i, 0x1000 * i + 10, name);
	}
	for (unsigned int i = 0; i < 200; i++) {
		ent[i][0] = 0x100000ULL * i;
		ent[i][1] = 0x1000;
		ent[i][2] = 1 + i % 5;
	}
	tag_mmap(&m, 24, 100, ent);
	tag_mmap(&m, 24, 30, ent + 100);	/* two mmap tags add up */
	mbi_finish(&m);
	assert_int_equal(parse(&m, &bi, &why), 0);
	assert_int_equal(bi.nr_modules, MB2_MAX_MODULES);
	assert_string_equal(bi.modules[MB2_MAX_MODULES - 1].string, "m15");
	assert_int_equal(bi.modules[MB2_MAX_MODULES - 1].start, 0xf000);
	assert_int_equal(bi.nr_mmap, MB2_MAX_MMAP);
	assert_int_equal(bi.mmap[127].addr, 0x100000ULL * 127);
	assert_int_equal(bi.mmap[127].type, 1 + 127 % 5);
	assert_int_equal(bi.nr_ignored, 4 + 2);
}

static void test_mmap_entries(void **state)
{
	static const uint64_t ent[2][3] = {
		{ 0x1000, 0x2000, 1 },
		{ 0xfffffffffffff000ULL, 0x2000, 1 },	/* wraps: clamped */
	};
	struct mbi m;
	const char *why;
	size_t at;

	(void)state;
	/* A larger entry size than today's 24 is stepped over correctly. */
	mbi_init(&m);
	tag_mmap(&m, 32, 2, ent);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &bi, &why), 0);
	assert_int_equal(bi.nr_mmap, 2);
	assert_int_equal(bi.mmap[0].addr, 0x1000);
	assert_int_equal(bi.mmap[0].len, 0x2000);
	assert_int_equal(bi.mmap[1].addr, 0xfffffffffffff000ULL);
	assert_int_equal(bi.mmap[1].len, 0xfff);
	/* A trailing partial entry is not read. */
	mbi_init(&m);
	at = tag_mmap(&m, 24, 2, ent);
	mbi_finish(&m);
	put32(&m, at + 4, 16 + 24 + 20);
	assert_int_equal(parse(&m, &bi, &why), 0);
	assert_int_equal(bi.nr_mmap, 1);
	/* Bad entry sizes and a short tag. */
	for (unsigned int i = 0; i < 4; i++) {
		static const uint32_t bad[] = { 0, 20, 28, 8192 };

		mbi_init(&m);
		at = tag_mmap(&m, 24, 2, ent);
		mbi_finish(&m);
		put32(&m, at + 8, bad[i]);
		expect_fail(&m, "memory map entry size invalid");
	}
	mbi_init(&m);
	tag(&m, 6, "\x18\0\0\0", 4);
	mbi_finish(&m);
	expect_fail(&m, "memory map tag too short");
	/* An empty map (header only) is valid. */
	mbi_init(&m);
	tag_mmap(&m, 24, 0, ent);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &bi, &why), 0);
	assert_int_equal(bi.nr_mmap, 0);
}

static void test_misaligned(void **state)
{
	struct mbi m;
	const char *why;
	uint8_t *p;

	(void)state;
	build_good(&m);
	p = bytes(&m);
	memmove(p + 4, p, m.len);
	assert_int_equal(mb2_parse(p + 4, m.len, &bi, &why), -EINVAL);
	assert_string_equal(why, "information too small or misaligned");
	assert_int_equal(mb2_total_size(p + 4), 0);
	memmove(p, p + 4, m.len);
	assert_int_equal(mb2_total_size(p), m.len);
	/* A misaligned tag (size not rounded by the loader) is misread
	 * as garbage and rejected, never read out of bounds. */
	mbi_init(&m);
	tag_str(&m, 1, "abc");
	m.len -= 4;
	mbi_finish(&m);
	assert_int_equal(mb2_parse(m.q, m.len, &bi, &why), -EINVAL);
}

/* Random corruption: only -EINVAL or a result whose fields hold up. */
static void test_random_corruption(void **state)
{
	struct mbi good, m;
	uint64_t seed = 0x6d623221;
	const char *why;

	(void)state;
	build_good(&good);
	for (unsigned int i = 0; i < 20000; i++) {
		uint8_t *p;
		int rc;

		m = good;
		for (unsigned int k = 1 + ut_rand(&seed) % 4; k; k--)
			bytes(&m)[ut_rand(&seed) % m.len] = (uint8_t)ut_rand(&seed);
		p = ut_dup(m.q, m.len);
		rc = mb2_parse(p, m.len, &bi, &why);
		if (rc == 0) {
			assert_true(bi.nr_modules <= MB2_MAX_MODULES);
			assert_true(bi.nr_mmap <= MB2_MAX_MMAP);
			assert_true(strlen(bi.cmdline) < m.len);
			for (unsigned int j = 0; j < bi.nr_modules; j++) {
				assert_true(bi.modules[j].start <=
					    bi.modules[j].end);
				assert_true(strlen(bi.modules[j].string) <
					    m.len);
			}
		} else {
			assert_int_equal(rc, -EINVAL);
			assert_true(why[0] != '\0');
		}
		free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_minimal_and_defaults),
		cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_lying_total_size),
		cmocka_unit_test(test_tag_sizes),
		cmocka_unit_test(test_unterminated_strings),
		cmocka_unit_test(test_missing_end),
		cmocka_unit_test(test_module_end_before_start),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_mmap_entries),
		cmocka_unit_test(test_misaligned),
		cmocka_unit_test(test_random_corruption),
	};

	return cmocka_run_group_tests_name("mb2", tests, NULL, NULL);
}
