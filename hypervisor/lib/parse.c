/* SPDX-License-Identifier: MIT */
/* Number parsing shared by the command line and the builder. */
#include <hv/lib.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

bool parse_ulong(const char **s, unsigned long *val)
{
	const char *p = *s;
	unsigned long v = 0, base = 10;
	int d;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value(p[2]) < 16) {
		base = 16;
		p += 2;
	}
	if (digit_value(*p) >= (int)base)
		return false;
	for (; (d = digit_value(*p)) < (int)base; p++) {
		if (v > (~0UL - d) / base)
			return false;
		v = v * base + d;
	}
	*val = v;
	*s = p;
	return true;
}
