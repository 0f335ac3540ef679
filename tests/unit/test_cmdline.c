/* SPDX-License-Identifier: MIT */
/*
 * hypervisor/common/cmdline.c and lib/parse.c: every option, the
 * defaults, and that each bad value or unknown option is warned about
 * with its own text and leaves the setting as it was.
 */
#include "unit.h"

#include <hv/cmdline.h>

static struct boot_params p;
static char warn_msg[16][64], warn_opt[16][160];
static unsigned int nwarn;

static void warn(const char *msg, const char *option)
{
	assert_true(nwarn < ARRAY_SIZE(warn_msg));
	snprintf(warn_msg[nwarn], sizeof(warn_msg[0]), "%s", msg);
	snprintf(warn_opt[nwarn], sizeof(warn_opt[0]), "%s", option);
	nwarn++;
}

static int parse(const char *cmdline)
{
	nwarn = 0;
	return cmdline_parse(cmdline, &p, warn);
}

static void expect_defaults_except(const char *what)
{
	if (strcmp(what, "console"))
		assert_true(p.console_com1);
	if (strcmp(what, "com1")) {
		assert_int_equal(p.com1.port, 0x3f8);
		assert_int_equal(p.com1.baud, 115200);
		assert_int_equal(p.com1.data_bits, 8);
		assert_int_equal(p.com1.parity, 'n');
		assert_int_equal(p.com1.stop_bits, 1);
	}
	if (strcmp(what, "dom0_mem")) {
		assert_int_equal(p.dom0_mem, 0);
		assert_int_equal(p.dom0_mem_min, 0);
		assert_int_equal(p.dom0_mem_max, 0);
	}
	if (strcmp(what, "loglvl")) {
		assert_int_equal(p.loglvl, LOG_INFO);
		assert_false(p.loglvl_none);
	}
}

/* A bad value: one warning naming the option, defaults untouched. */
#define EXPECT_BAD(opt) do {						\
	assert_int_equal(parse(opt), 1);				\
	assert_int_equal(nwarn, 1);					\
	assert_string_equal(warn_msg[0], "bad value, option ignored");	\
	assert_string_equal(warn_opt[0], opt);				\
	expect_defaults_except("");					\
} while (0)

static void test_defaults(void **state)
{
	(void)state;
	memset(&p, 0x5a, sizeof(p));
	assert_int_equal(parse(""), 0);
	assert_int_equal(nwarn, 0);
	expect_defaults_except("");
	assert_int_equal(parse("   \t  "), 0);
	expect_defaults_except("");
}

static void test_console(void **state)
{
	(void)state;
	assert_int_equal(parse("console=none"), 0);
	assert_false(p.console_com1);
	expect_defaults_except("console");
	assert_int_equal(parse("console=none console=com1"), 0);
	assert_true(p.console_com1);
	EXPECT_BAD("console=vga");
	EXPECT_BAD("console=");
	EXPECT_BAD("console");
	EXPECT_BAD("console=com1,vga");
}

static void test_com1(void **state)
{
	static const struct {
		const char *opt;
		uint16_t port;
		uint32_t baud;
		uint8_t bits;
		char parity;
		uint8_t stop;
	} good[] = {
		{ "com1=9600", 0x3f8, 9600, 8, 'n', 1 },
		{ "com1=115200,8n1", 0x3f8, 115200, 8, 'n', 1 },
		{ "com1=115200,8n1,0x2f8", 0x2f8, 115200, 8, 'n', 1 },
		{ "com1=57600,7e2,0x2E8", 0x2e8, 57600, 7, 'e', 2 },
		{ "com1=50,5o1", 0x3f8, 50, 5, 'o', 1 },
		{ "com1=38400,,0x3e8", 0x3e8, 38400, 8, 'n', 1 },
		{ "com1=19200,6n2,760", 760, 19200, 6, 'n', 2 },
		{ "com1=0x4b0", 0x3f8, 1200, 8, 'n', 1 },
		{ "com1=9600,8n1,0xfff8", 0xfff8, 9600, 8, 'n', 1 },
	};
	static const char *const bad[] = {
		"com1=", "com1", "com1=abc", "com1=49", "com1=115201",
		"com1=9600x", "com1=9600,9n1", "com1=9600,4n1",
		"com1=9600,8x1", "com1=9600,8N1", "com1=9600,8n3",
		"com1=9600,8n0", "com1=9600,8n", "com1=9600,8",
		"com1=9600,8n1,", "com1=9600,8n1,0", "com1=9600,8n1,0xfff9",
		"com1=9600,8n1,0x2f8,", "com1=9600,8n1x", "com1=9600,",
		"com1=9600,,", "com1=9600,,0x", "com1=-9600",
		"com1=99999999999999999999999",
	};

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(good); i++) {
		assert_int_equal(parse(good[i].opt), 0);
		assert_int_equal(p.com1.port, good[i].port);
		assert_int_equal(p.com1.baud, good[i].baud);
		assert_int_equal(p.com1.data_bits, good[i].bits);
		assert_int_equal(p.com1.parity, good[i].parity);
		assert_int_equal(p.com1.stop_bits, good[i].stop);
		expect_defaults_except("com1");
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_BAD(bad[i]);
	/* A bad com1= after a good one keeps the good one. */
	assert_int_equal(parse("com1=9600,7e1 com1=9600,8q1"), 1);
	assert_int_equal(p.com1.data_bits, 7);
	assert_int_equal(p.com1.parity, 'e');
}

/*
 * "com1=9600,8" must not read past its terminator: here the buffer the
 * parser copies each option into still holds "1" and a NUL from the
 * longer option before it, which used to be taken as parity '\0' and
 * one stop bit.
 */
static void test_com1_stale_bytes(void **state)
{
	(void)state;
	assert_int_equal(parse("xxxxxxxxxxxx1 com1=9600,8"), 2);
	assert_string_equal(warn_msg[0], "unknown option ignored");
	assert_string_equal(warn_opt[1], "com1=9600,8");
	assert_int_equal(p.com1.baud, 115200);
	assert_int_equal(p.com1.parity, 'n');
}

static void test_dom0_mem(void **state)
{
	static const struct {
		const char *opt;
		uint64_t amt, min, max;
	} good[] = {
		{ "dom0_mem=512M", 512ULL << 20, 0, 0 },
		{ "dom0_mem=512m", 512ULL << 20, 0, 0 },
		{ "dom0_mem=1G", 1ULL << 30, 0, 0 },
		{ "dom0_mem=2048K", 2048ULL << 10, 0, 0 },
		{ "dom0_mem=2048k", 2048ULL << 10, 0, 0 },
		{ "dom0_mem=1T", 1ULL << 40, 0, 0 },
		{ "dom0_mem=1073741824", 1ULL << 30, 0, 0 },
		{ "dom0_mem=4096B", 4096, 0, 0 },
		{ "dom0_mem=0x1000", 0x1000, 0, 0 },
		{ "dom0_mem=0x10M", 16ULL << 20, 0, 0 },
		{ "dom0_mem=max:2G", 0, 0, 2ULL << 30 },
		{ "dom0_mem=min:128M", 0, 128ULL << 20, 0 },
		{ "dom0_mem=min:128M,max:2G,1G", 1ULL << 30, 128ULL << 20,
		  2ULL << 30 },
		{ "dom0_mem=1G,max:2G,min:512M", 1ULL << 30, 512ULL << 20,
		  2ULL << 30 },
		{ "dom0_mem=max:1G,min:1G", 0, 1ULL << 30, 1ULL << 30 },
		{ "dom0_mem=min:2G", 0, 2ULL << 30, 0 },  /* no max: no limit */
		{ "dom0_mem=17179869183G", 17179869183ULL << 30, 0, 0 },
	};
	static const char *const bad[] = {
		"dom0_mem=", "dom0_mem", "dom0_mem=512Q", "dom0_mem=1G,",
		"dom0_mem=,1G", "dom0_mem=max:", "dom0_mem=min:512M;1G",
		"dom0_mem=min:2G,max:1G", "dom0_mem=max:1G,min:2G",
		"dom0_mem=-512M", "dom0_mem=M", "dom0_mem=1GG",
		"dom0_mem=17179869184G", "dom0_mem=16777216T",
		"dom0_mem=99999999999999999999",
		"dom0_mem=mid:1G", "dom0_mem=1G 2",
	};

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(good); i++) {
		assert_int_equal(parse(good[i].opt), 0);
		assert_int_equal(p.dom0_mem, good[i].amt);
		assert_int_equal(p.dom0_mem_min, good[i].min);
		assert_int_equal(p.dom0_mem_max, good[i].max);
		expect_defaults_except("dom0_mem");
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(bad) - 1; i++)
		EXPECT_BAD(bad[i]);
	/* "2" is a word of its own: an unknown option. */
	assert_int_equal(parse("dom0_mem=1G 2"), 1);
	assert_string_equal(warn_msg[0], "unknown option ignored");
	assert_string_equal(warn_opt[0], "2");
	assert_int_equal(p.dom0_mem, 1ULL << 30);
	/* A bad dom0_mem= keeps the earlier good one whole. */
	assert_int_equal(parse("dom0_mem=1G,max:2G dom0_mem=max:3G,5Q"), 1);
	assert_int_equal(p.dom0_mem, 1ULL << 30);
	assert_int_equal(p.dom0_mem_max, 2ULL << 30);
}

static void test_loglvl(void **state)
{
	static const struct {
		const char *opt;
		enum log_level lvl;
		bool none;
	} good[] = {
		{ "loglvl=none", LOG_ERR, true },
		{ "loglvl=error", LOG_ERR, false },
		{ "loglvl=warning", LOG_WARN, false },
		{ "loglvl=info", LOG_INFO, false },
		{ "loglvl=debug", LOG_DEBUG, false },
		{ "loglvl=all", LOG_DEBUG, false },
		{ "loglvl=warning/debug", LOG_WARN, false },
		{ "loglvl=all/none", LOG_DEBUG, false },
		{ "loglvl=none loglvl=debug", LOG_DEBUG, false },
		{ "loglvl=debug loglvl=error", LOG_ERR, false },
	};
	static const char *const bad[] = {
		"loglvl=", "loglvl", "loglvl=verbose", "loglvl=warn",
		"loglvl=INFO", "loglvl=info2", "loglvl=/info",
		"loglvl=debugdebugdebugdebug", "loglvl=warningwarningwarning",
	};

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(good); i++) {
		assert_int_equal(parse(good[i].opt), 0);
		assert_int_equal(p.loglvl, good[i].lvl);
		assert_int_equal(p.loglvl_none, good[i].none);
		expect_defaults_except("loglvl");
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_BAD(bad[i]);
	/* Ignored means ignored: "none" stays in force. */
	assert_int_equal(parse("loglvl=none loglvl=bogus"), 1);
	assert_true(p.loglvl_none);
	assert_int_equal(p.loglvl, LOG_ERR);
}

static void test_unknown_and_layout(void **state)
{
	(void)state;
	assert_int_equal(parse("foo=bar noreboot =x console=none"), 3);
	assert_false(p.console_com1);
	assert_string_equal(warn_opt[0], "foo=bar");
	assert_string_equal(warn_opt[1], "noreboot");
	assert_string_equal(warn_opt[2], "=x");
	for (unsigned int i = 0; i < 3; i++)
		assert_string_equal(warn_msg[i], "unknown option ignored");
	/* A prefix or an extension of a known name is not that name. */
	assert_int_equal(parse("consol=none consoles=none com=9600"), 3);
	assert_true(p.console_com1);
	/* Tabs and runs of blanks separate; values are case-sensitive. */
	assert_int_equal(parse("\t loglvl=debug\t\tconsole=none  "), 0);
	assert_int_equal(p.loglvl, LOG_DEBUG);
	assert_false(p.console_com1);
	/* Everything at once. */
	assert_int_equal(parse("console=com1 com1=57600,8n1,0x2f8 "
			       "dom0_mem=min:256M,max:1G,512M loglvl=all"), 0);
	assert_int_equal(p.com1.port, 0x2f8);
	assert_int_equal(p.com1.baud, 57600);
	assert_int_equal(p.dom0_mem, 512ULL << 20);
	assert_int_equal(p.dom0_mem_min, 256ULL << 20);
	assert_int_equal(p.dom0_mem_max, 1ULL << 30);
	assert_int_equal(p.loglvl, LOG_DEBUG);
}

static void test_overlong(void **state)
{
	char line[600], opt[200];

	(void)state;
	/* 127 characters fit (and are merely unknown); 128 do not. */
	memset(opt, 'a', 127);
	opt[127] = '\0';
	assert_int_equal(parse(opt), 1);
	assert_string_equal(warn_msg[0], "unknown option ignored");
	assert_string_equal(warn_opt[0], opt);
	memset(opt, 'a', 128);
	opt[128] = '\0';
	assert_int_equal(parse(opt), 1);
	assert_string_equal(warn_msg[0], "option too long, ignored");
	assert_int_equal(strlen(warn_opt[0]), 127);
	/* A long value of a known option; the next options still count. */
	snprintf(line, sizeof(line), "loglvl=debug dom0_mem=%0190d "
		 "console=none", 1);
	assert_int_equal(parse(line), 1);
	assert_string_equal(warn_msg[0], "option too long, ignored");
	assert_int_equal(strncmp(warn_opt[0], "dom0_mem=000", 12), 0);
	assert_int_equal(p.dom0_mem, 0);
	assert_int_equal(p.loglvl, LOG_DEBUG);
	assert_false(p.console_com1);
}

static void test_parse_size_and_ulong(void **state)
{
	const char *s;
	uint64_t b;
	unsigned long v;

	(void)state;
	s = "4k,";
	assert_true(parse_size(&s, &b));
	assert_int_equal(b, 4096);
	assert_string_equal(s, ",");
	s = "0x10";
	assert_true(parse_size(&s, &b));
	assert_int_equal(b, 16);
	assert_string_equal(s, "");
	s = "x";
	assert_false(parse_size(&s, &b));
	assert_string_equal(s, "x");
	s = "18446744073709551615";
	assert_true(parse_ulong(&s, &v));
	assert_int_equal(v, UINT64_MAX);
	s = "18446744073709551616";
	assert_false(parse_ulong(&s, &v));
	s = "0xffffffffffffffff";
	assert_true(parse_ulong(&s, &v));
	assert_int_equal(v, UINT64_MAX);
	s = "0x1ffffffffffffffff";
	assert_false(parse_ulong(&s, &v));
	/* "0x" without a hex digit is the number 0 followed by "x". */
	s = "0xg";
	assert_true(parse_ulong(&s, &v));
	assert_int_equal(v, 0);
	assert_string_equal(s, "xg");
	s = "12ab";
	assert_true(parse_ulong(&s, &v));
	assert_int_equal(v, 12);
	assert_string_equal(s, "ab");
	s = "";
	assert_false(parse_ulong(&s, &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_console),
		cmocka_unit_test(test_com1),
		cmocka_unit_test(test_com1_stale_bytes),
		cmocka_unit_test(test_dom0_mem),
		cmocka_unit_test(test_loglvl),
		cmocka_unit_test(test_unknown_and_layout),
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_parse_size_and_ulong),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
