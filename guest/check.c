/* SPDX-License-Identifier: MIT */
/* Result checking for the ABI and hostile tests: include/guest/check.h. */
#include <string.h>
#include <stdarg.h>
#include <stdio.h>
#include <guest/check.h>
#include <guest/hypercall.h>
#include <public/version.h>
#include <guest/guest.h>
#include <guest/printk.h>

bool check_eq(struct check *c, const char *name, long got, long want)
{
	if (got == want) {
		c->passed++;
		printk("%s: %s: PASS\n", c->prefix, name);
		return true;
	}
	c->failed++;
	printk("%s: %s: FAIL: got %ld (%s), expected %ld (%s)\n", c->prefix,
	       name, got, got < 0 ? xen_strerror(got) : "OK", want,
	       want < 0 ? xen_strerror(want) : "OK");
	return false;
}

bool check_eqf(struct check *c, long got, long want, const char *fmt, ...)
{
	char name[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	return check_eq(c, name, got, want);
}

bool check_that(struct check *c, bool ok, const char *fmt, ...)
{
	char name[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (ok)
		c->passed++;
	else
		c->failed++;
	printk("%s: %s: %s\n", c->prefix, name, ok ? "PASS" : "FAIL");
	return ok;
}

void check_skip(struct check *c, const char *name, const char *why)
{
	c->skipped++;
	printk("%s: %s: SKIP (%s)\n", c->prefix, name, why);
}

void check_summary(const struct check *c, bool skips)
{
	if (skips)
		printk("%s: %u passed, %u failed, %u skipped\n", c->prefix,
		       c->passed, c->failed, c->skipped);
	else
		printk("%s: %u passed, %u failed\n", c->prefix, c->passed,
		       c->failed);
}

bool on_shoji(void)
{
	static int cached = -1;
	xen_extraversion_t extra;

	if (cached < 0) {
		memset(extra, 0, sizeof(extra));
		cached = hypercall_xen_version(XENVER_extraversion, extra) >= 0 &&
			 strstr(extra, "shoji") != NULL;
	}
	return cached;
}
