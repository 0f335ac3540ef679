/* SPDX-License-Identifier: MIT */
/*
 * guest/cpio.c: newc archives written here member by member, found by
 * name, walked, truncated everywhere and corrupted at random. The
 * archive is untrusted input to the guest kernel.
 */
#include "unit.h"

#include <public/errno.h>
#include <guest/cpio.h>

struct arch {
	uint8_t		b[8192];
	size_t		len;
};

/* Appends one member; namesize counts the name's NUL. */
static size_t member(struct arch *a, const char *name, uint32_t mode,
		     const void *data, uint32_t size)
{
	size_t at = a->len, nlen = strlen(name) + 1;
	char hdr[111];

	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X"
		 "%08X%08X%08X%08X%08X%08X", 1u, mode, 0u, 0u, 1u, 0u, size,
		 0u, 0u, 0u, 0u, (uint32_t)nlen, 0u);
	assert_true(a->len + 110 + nlen + 3 + size + 3 <= sizeof(a->b));
	memcpy(a->b + a->len, hdr, 110);
	memcpy(a->b + a->len + 110, name, nlen);
	a->len = (a->len + 110 + nlen + 3) & ~(size_t)3;
	if (size)
		memcpy(a->b + a->len, data, size);
	a->len = (a->len + size + 3) & ~(size_t)3;
	return at;
}

#define REG	0100644
#define DIR	0040755

static struct cpio_file f;
static size_t last_member_end;		/* end of "zz/last"'s data */

static void build(struct arch *a)
{
	memset(a, 0, sizeof(*a));
	member(a, ".", DIR, NULL, 0);
	member(a, "init.sh", REG, "echo hello\n", 11);
	member(a, "etc", DIR, NULL, 0);
	member(a, "etc/motd", REG, "Welcome to Shoji", 16);
	member(a, "./dotted", REG, "d", 1);
	member(a, "/absolute", REG, "ab", 2);
	member(a, "empty", REG, NULL, 0);
	member(a, "link", 0120777, "init.sh", 7);
	member(a, "a", REG, "1", 1);
	member(a, "ab", REG, "12", 2);
	member(a, "abc", REG, "123", 3);
	member(a, "abcd", REG, "1234", 4);
	member(a, "zz/last", REG, "the end", 7);
	last_member_end = a->len - 1;	/* 7 bytes + 1 of padding */
	member(a, "TRAILER!!!", 0, NULL, 0);
	member(a, "after", REG, "x", 1);	/* past the end marker */
}

static int find(const struct arch *a, const char *path)
{
	return cpio_find(a->b, a->len, path, &f);
}

#define EXPECT_FILE(a, path, content, n) do {				\
	assert_int_equal(find(a, path), 0);				\
	assert_int_equal(f.size, n);					\
	assert_memory_equal(f.data, content, n);			\
	assert_int_equal(f.mode & CPIO_MODE_TYPE, CPIO_MODE_REG);	\
} while (0)

static void test_find(void **state)
{
	struct arch a;

	(void)state;
	build(&a);
	EXPECT_FILE(&a, "init.sh", "echo hello\n", 11);
	assert_string_equal(f.name, "init.sh");
	assert_true((const uint8_t *)f.data > a.b &&
		    (const uint8_t *)f.data + f.size <= a.b + a.len);
	assert_int_equal(((uintptr_t)f.data - (uintptr_t)a.b) % 4, 0);
	EXPECT_FILE(&a, "/init.sh", "echo hello\n", 11);
	EXPECT_FILE(&a, "./init.sh", "echo hello\n", 11);
	EXPECT_FILE(&a, ".//./init.sh", "echo hello\n", 11);
	EXPECT_FILE(&a, "etc/motd", "Welcome to Shoji", 16);
	EXPECT_FILE(&a, "/etc/motd", "Welcome to Shoji", 16);
	/* Stored names with "./" or "/" are found by the plain name. */
	EXPECT_FILE(&a, "dotted", "d", 1);
	EXPECT_FILE(&a, "absolute", "ab", 2);
	EXPECT_FILE(&a, "./absolute", "ab", 2);
	assert_int_equal(find(&a, "empty"), 0);
	assert_int_equal(f.size, 0);
	/* Names differing by one character, and each padding length. */
	EXPECT_FILE(&a, "a", "1", 1);
	EXPECT_FILE(&a, "ab", "12", 2);
	EXPECT_FILE(&a, "abc", "123", 3);
	EXPECT_FILE(&a, "abcd", "1234", 4);
	EXPECT_FILE(&a, "zz/last", "the end", 7);
	/* Not regular files, absent names, and members after the end. */
	assert_int_equal(find(&a, "etc"), -XEN_ENOENT);
	assert_int_equal(find(&a, "link"), -XEN_ENOENT);
	assert_int_equal(find(&a, "."), -XEN_ENOENT);
	assert_int_equal(find(&a, ""), -XEN_ENOENT);
	assert_int_equal(find(&a, "etc/"), -XEN_ENOENT);
	assert_int_equal(find(&a, "motd"), -XEN_ENOENT);
	assert_int_equal(find(&a, "init"), -XEN_ENOENT);
	assert_int_equal(find(&a, "init.sh2"), -XEN_ENOENT);
	assert_int_equal(find(&a, "after"), -XEN_ENOENT);
	assert_int_equal(find(&a, "TRAILER!!!"), -XEN_ENOENT);
}

static void test_walk(void **state)
{
	static const char *const names[] = {
		".", "init.sh", "etc", "etc/motd", "./dotted", "/absolute",
		"empty", "link", "a", "ab", "abc", "abcd", "zz/last",
	};
	struct arch a;
	size_t off = 0;
	int rc;

	(void)state;
	build(&a);
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
		size_t before = off;

		assert_int_equal(cpio_next(a.b, a.len, &off, &f), 0);
		assert_string_equal(f.name, names[i]);
		assert_true(off > before && off % 4 == 0);
	}
	assert_int_equal(f.mode, REG);
	rc = cpio_next(a.b, a.len, &off, &f);
	assert_int_equal(rc, 1);
	assert_string_equal(f.name, "TRAILER!!!");
	/* An offset at or past the end, or not leaving a header. */
	off = a.len;
	assert_int_equal(cpio_next(a.b, a.len, &off, &f), -XEN_EINVAL);
	off = a.len + 100;
	assert_int_equal(cpio_next(a.b, a.len, &off, &f), -XEN_EINVAL);
	off = a.len - 109;
	assert_int_equal(cpio_next(a.b, a.len, &off, &f), -XEN_EINVAL);
	off = SIZE_MAX;
	assert_int_equal(cpio_next(a.b, a.len, &off, &f), -XEN_EINVAL);
}

/* Patches one 8-digit field (0 = ino ... 12 = check) of a header. */
static void field(struct arch *a, size_t hdr, unsigned int idx,
		  const char *v8)
{
	memcpy(a->b + hdr + 6 + 8 * idx, v8, 8);
}

static void test_malformed(void **state)
{
	struct arch a;
	size_t h;

	(void)state;
	memset(&a, 0, sizeof(a));
	h = member(&a, "f", REG, "data", 4);
	member(&a, "TRAILER!!!", 0, NULL, 0);
	EXPECT_FILE(&a, "f", "data", 4);
	/* Lower-case hex is hex. */
	field(&a, h, 1, "000081a4");
	EXPECT_FILE(&a, "f", "data", 4);
	/* The crc format and old formats are not read. */
	memcpy(a.b + h, "070702", 6);
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	memcpy(a.b + h, "070707", 6);
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	memcpy(a.b + h, "070701", 6);
	/* Non-hex digits in the fields read. */
	field(&a, h, 1, "0000 1A4");
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	field(&a, h, 1, "000081A4");
	field(&a, h, 6, "0000000g");
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	field(&a, h, 6, "-0000004");
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	field(&a, h, 6, "00000004");
	field(&a, h, 11, "0000002x");
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	/* namesize: 0, not ending on the NUL, past the end. */
	field(&a, h, 11, "00000000");
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	field(&a, h, 11, "00000001");		/* "" would need "\0" */
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	field(&a, h, 11, "00000003");		/* NUL at [1], not [2] */
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	field(&a, h, 11, "FFFFFFFF");
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	field(&a, h, 11, "00000002");
	/* filesize past the end. */
	field(&a, h, 6, "FFFFFFFF");
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	field(&a, h, 6, "00000100");
	assert_int_equal(find(&a, "f"), -XEN_EINVAL);
	/* A larger filesize that still fits swallows the trailer. */
	field(&a, h, 6, "00000080");
	assert_int_equal(find(&a, "f"), 0);
	assert_int_equal(f.size, 0x80);
	assert_int_equal(find(&a, "g"), -XEN_EINVAL);
	field(&a, h, 6, "00000004");
	/* No trailer: running off the end is an error, not "absent". */
	a.len = 120;
	EXPECT_FILE(&a, "f", "data", 4);
	assert_int_equal(find(&a, "g"), -XEN_EINVAL);
	/* An empty archive. */
	assert_int_equal(cpio_find(a.b, 0, "f", &f), -XEN_EINVAL);
}

/* Every prefix of the archive, in a buffer ending right there. */
static void test_truncated_everywhere(void **state)
{
	struct arch a;
	uint8_t *buf;

	(void)state;
	build(&a);
	buf = ut_dup(a.b, a.len);
	for (size_t n = a.len; n-- > 0;) {
		int rc;

		UT_POISON(buf + n, 1);
		rc = cpio_find(buf, n, "zz/last", &f);
		if (n >= last_member_end)
			assert_int_equal(rc, 0);
		else
			assert_int_equal(rc, -XEN_EINVAL);
		rc = cpio_find(buf, n, "nothere", &f);
		assert_true(rc == -XEN_EINVAL || (rc == -XEN_ENOENT &&
						    n >= a.len - 128));
	}
	UT_UNPOISON(buf, a.len);
	free(buf);
}

static void test_random_corruption(void **state)
{
	struct arch a;
	uint64_t seed = 0x63706961;
	uint8_t *buf;

	(void)state;
	build(&a);
	buf = malloc(a.len);
	assert_non_null(buf);
	for (unsigned int i = 0; i < 20000; i++) {
		int rc;

		memcpy(buf, a.b, a.len);
		for (unsigned int k = 1 + ut_rand(&seed) % 4; k; k--)
			buf[ut_rand(&seed) % a.len] =
				"0123456789abcdefFX\0/"[ut_rand(&seed) % 20];
		rc = cpio_find(buf, a.len, "zz/last", &f);
		assert_true(rc == 0 || rc == -XEN_EINVAL ||
			    rc == -XEN_ENOENT);
		if (rc == 0) {
			const uint8_t *d = f.data;

			assert_true(d >= buf && f.size <= a.len &&
				    d + f.size <= buf + a.len);
			assert_true((const uint8_t *)f.name >= buf &&
				    (const uint8_t *)f.name +
				    strlen(f.name) < buf + a.len);
		}
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_random_corruption),
	};

	return cmocka_run_group_tests_name("cpio", tests, NULL, NULL);
}
