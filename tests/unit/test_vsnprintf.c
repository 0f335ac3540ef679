/* SPDX-License-Identifier: MIT */
/*
 * hypervisor/lib/vsnprintf.c, compiled as hv_vsnprintf/hv_snprintf (see
 * build.mk): every supported conversion compared with glibc's output
 * and return value, at every buffer size; then what is ours alone (%p).
 */
#include "unit.h"

#include <limits.h>

int hv_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int hv_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static unsigned int compared;

/* Compares outputs at full size and at every shorter size. */
static void same(const char *file, int line, const char *fmt,
		 const char *hv, int hv_n, const char *gl, int gl_n)
{
	compared++;
	if (hv_n != gl_n || strcmp(hv, gl) != 0)
		fail_msg("%s:%d: format \"%s\": ours \"%s\" (%d), glibc "
			 "\"%s\" (%d)", file, line, fmt, hv, hv_n, gl, gl_n);
}

#define CMP(fmt, ...) do {						\
	char hb_[256], gb_[256];					\
	int hn_, gn_;							\
									\
	hn_ = hv_snprintf(hb_, sizeof(hb_), fmt, ##__VA_ARGS__);		\
	gn_ = snprintf(gb_, sizeof(gb_), fmt, ##__VA_ARGS__);		\
	same(__FILE__, __LINE__, fmt, hb_, hn_, gb_, gn_);		\
	for (size_t sz_ = 0; sz_ <= (size_t)gn_ + 1; sz_++) {		\
		memset(hb_, 'Z', sizeof(hb_));				\
		memset(gb_, 'Z', sizeof(gb_));				\
		hn_ = hv_snprintf(hb_, sz_, fmt, ##__VA_ARGS__);		\
		gn_ = snprintf(gb_, sz_, fmt, ##__VA_ARGS__);		\
		if (memcmp(hb_, gb_, sizeof(hb_)) || hn_ != gn_)	\
			fail_msg("%s:%d: \"%s\" differs at size %zu",	\
				 __FILE__, __LINE__, fmt, sz_);		\
	}								\
} while (0)

static void test_integers(void **state)
{
	static const int ints[] = { 0, 1, -1, 9, 10, -10, 42, 12345,
				    INT_MAX, INT_MIN, INT_MIN + 1 };
	static const long longs[] = { 0, -1, LONG_MAX, LONG_MIN,
				      0x123456789abcdefL, -0x100000000L };

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(ints); i++) {
		int v = ints[i];

		CMP("%d", v);
		CMP("%i", v);
		CMP("[%5d]", v);
		CMP("[%-5d]", v);
		CMP("[%05d]", v);
		CMP("[%012d]", v);
		CMP("[%1d]", v);
		CMP("%u", (unsigned int)v);
		CMP("%x", (unsigned int)v);
		CMP("%X", (unsigned int)v);
		CMP("%o", (unsigned int)v);
		CMP("[%#x]", (unsigned int)v);
		CMP("[%#X]", (unsigned int)v);
		CMP("[%#o]", (unsigned int)v);
		CMP("[%#010x]", (unsigned int)v);
		CMP("[%-#10x]", (unsigned int)v);
		CMP("[%8o]", (unsigned int)v);
		CMP("[%*d]", 7, v);
		CMP("[%-*d]", 7, v);
		CMP("[%0*x]", 9, (unsigned int)v);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(longs); i++) {
		long v = longs[i];

		CMP("%ld", v);
		CMP("%li", v);
		CMP("%lu", (unsigned long)v);
		CMP("%lx", (unsigned long)v);
		CMP("%lX", (unsigned long)v);
		CMP("%lo", (unsigned long)v);
		CMP("%lld", (long long)v);
		CMP("%llu", (unsigned long long)v);
		CMP("%llx", (unsigned long long)v);
		CMP("%zu", (size_t)v);
		CMP("%zx", (size_t)v);
		CMP("%zd", (ssize_t)v);
		CMP("[%020ld]", v);
		CMP("[%-22ld]", v);
		CMP("[%#18lx]", (unsigned long)v);
		CMP("[%#018lx]", (unsigned long)v);
	}
	CMP("%lu", ULONG_MAX);
	CMP("%u", UINT_MAX);
	/* h and hh: arguments are promoted ints; in-range values agree. */
	CMP("%hhu %hhx %hhd", 200, 0xab, -5);
	CMP("%hu %hx %hd", 60000, 0xbeef, -300);
}

static void test_strings_chars(void **state)
{
	static const char *const strs[] = {
		"", "a", "hello", "hello, world", "tab\there",
	};

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(strs); i++) {
		const char *s = strs[i];

		CMP("%s", s);
		CMP("[%10s]", s);
		CMP("[%-10s]", s);
		CMP("[%.3s]", s);
		CMP("[%.0s]", s);
		CMP("[%10.3s]", s);
		CMP("[%-10.3s]", s);
		CMP("[%*s]", 8, s);
		CMP("[%-*s]", 8, s);
		CMP("[%.*s]", 2, s);
		CMP("[%*.*s]", 6, 2, s);
		CMP("[%.*s]", -1, s);		/* negative: no precision */
		CMP("[%2s]", s);
	}
	/* The precision bounds the read: no NUL needed past it. */
	{
		const char nonul[4] = { 'a', 'b', 'c', 'd' };

		CMP("[%.4s]", nonul);
		CMP("[%.2s]", nonul);
	}
	CMP("%c", 'x');
	CMP("%c%c%c", 'a', 'b', 'c');
	CMP("[%c]", 0x41);
	CMP("%%");
	CMP("100%%");
	CMP("%d%%", 50);
	CMP("[%%%s%%]", "x");
	CMP("%s=%d, %s=%#x (%c) %lu%%", "a", -7, "b", 255U, '!', 99UL);
	CMP("no conversions at all");
	CMP("%s", "");
	CMP("%5s|%-5s|%05d|%-5d|%5x", "ab", "cd", 42, 42, 0xfU);
}

/* A NUL byte from %c counts and is stored, as in C. */
static void test_nul_char(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(hv_snprintf(buf, sizeof(buf), "a%cb", 0), 3);
	assert_memory_equal(buf, "a\0b\0", 4);
}

static void test_truncation(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(hv_snprintf(NULL, 0, "%s %d", "hello", 12345), 11);
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(hv_snprintf(buf, 0, "abc"), 3);
	assert_int_equal(buf[0], 'Z');
	assert_int_equal(hv_snprintf(buf, 1, "abc"), 3);
	assert_string_equal(buf, "");
	assert_int_equal(hv_snprintf(buf, 5, "hello world"), 11);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], 'Z');
	/* Long output, past any internal buffer. */
	{
		char big[400], ref[400];
		int n;

		n = hv_snprintf(big, sizeof(big), "%300d|%-50s|", 7, "x");
		assert_int_equal(n, snprintf(ref, sizeof(ref), "%300d|%-50s|",
					     7, "x"));
		assert_string_equal(big, ref);
	}
}

static void test_ours_alone(void **state)
{
	char buf[64];
	void *p = (void *)0xdeadbeefUL;
	const char *volatile null = NULL;	/* hidden from -Wformat */

	(void)state;
	/* %p: always 0x and 16 digits, NULL too (glibc says "(nil)"). */
	assert_int_equal(hv_snprintf(buf, sizeof(buf), "%p", p), 18);
	assert_string_equal(buf, "0x00000000deadbeef");
	hv_snprintf(buf, sizeof(buf), "%p", (void *)0);
	assert_string_equal(buf, "0x0000000000000000");
	hv_snprintf(buf, sizeof(buf), "%p", (void *)~0UL);
	assert_string_equal(buf, "0xffffffffffffffff");
	/* %s of NULL. */
	hv_snprintf(buf, sizeof(buf), "[%s]", null);
	assert_string_equal(buf, "[(null)]");
	/* A '%' at the very end, alone or after flags, ends the output. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
	assert_int_equal(hv_snprintf(buf, sizeof(buf), "abc%"), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(hv_snprintf(buf, sizeof(buf), "abc%-08"), 3);
	assert_string_equal(buf, "abc");
	/* An unknown conversion is printed as written. */
	hv_snprintf(buf, sizeof(buf), "a%qb");
	assert_string_equal(buf, "a%qb");
#pragma GCC diagnostic pop
}

static int check_count(void **state)
{
	(void)state;
	/* The CMP macro ran (a guard against an empty table). */
	assert_true(compared > 300);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_strings_chars),
		cmocka_unit_test(test_nul_char),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_ours_alone),
	};

	return cmocka_run_group_tests_name("vsnprintf", tests, NULL,
					   check_count);
}
