/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor command line: space-separated name=value options (see
 * cmdline.h). Each option has a handler; a handler returns false when
 * its value is bad, which is warned about with the whole option text.
 */
#include <hv/cmdline.h>

#define OPT_MAX		128

bool parse_size(const char **s, uint64_t *bytes)
{
	unsigned long v;
	unsigned int shift = 0;

	if (!parse_ulong(s, &v))
		return false;
	switch (**s) {
	case 'k': case 'K':
		shift = 10;
		break;
	case 'm': case 'M':
		shift = 20;
		break;
	case 'g': case 'G':
		shift = 30;
		break;
	case 't': case 'T':
		shift = 40;
		break;
	case 'b': case 'B':
		break;
	default:
		*bytes = v;
		return true;
	}
	(*s)++;
	if (shift && v > (UINT64_MAX >> shift))
		return false;
	*bytes = (uint64_t)v << shift;
	return true;
}

static bool opt_console(const char *v, struct boot_params *p)
{
	if (strcmp(v, "com1") == 0)
		p->console_com1 = true;
	else if (strcmp(v, "none") == 0)
		p->console_com1 = false;
	else
		return false;
	return true;
}

/* com1=<baud>[,<bits><parity><stop>][,<io-base>] */
static bool opt_com1(const char *v, struct boot_params *p)
{
	struct serial_config c = p->com1;
	unsigned long n;

	if (!parse_ulong(&v, &n) || n < 50 || n > 115200)
		return false;
	c.baud = n;
	if (*v == ',' && v[1] != ',' && v[1] != '\0') {
		v++;
		/* strchr() finds the NUL too: test v[1] first. */
		if (v[0] < '5' || v[0] > '8' || !v[1] ||
		    !strchr("noe", v[1]) || (v[2] != '1' && v[2] != '2'))
			return false;
		c.data_bits = v[0] - '0';
		c.parity = v[1];
		c.stop_bits = v[2] - '0';
		v += 3;
	} else if (*v == ',' && v[1] == ',') {
		v++;
	}
	if (*v == ',') {
		v++;
		if (!parse_ulong(&v, &n) || n == 0 || n > 0xfff8)
			return false;
		c.port = n;
	}
	if (*v != '\0')
		return false;
	p->com1 = c;
	return true;
}

/* dom0_mem=[min:<sz>,][max:<sz>,][<sz>] in any order, as Xen has it. */
static bool opt_dom0_mem(const char *v, struct boot_params *p)
{
	uint64_t amt = 0, min = 0, max = 0, sz;

	for (;;) {
		uint64_t *dst = &amt;

		if (strncmp(v, "min:", 4) == 0) {
			dst = &min;
			v += 4;
		} else if (strncmp(v, "max:", 4) == 0) {
			dst = &max;
			v += 4;
		}
		if (!parse_size(&v, &sz))
			return false;
		*dst = sz;
		if (*v == '\0')
			break;
		if (*v++ != ',')
			return false;
	}
	if (max && min > max)
		return false;
	p->dom0_mem = amt;
	p->dom0_mem_min = min;
	p->dom0_mem_max = max;
	return true;
}

static bool opt_loglvl(const char *v, struct boot_params *p)
{
	static const char *const names[] = {
		"error", "warning", "info", "debug",
	};
	char lvl[16];

	/* Xen's form is <level>[/<rate-limited level>]: take the first. */
	strlcpy(lvl, v, sizeof(lvl));
	if (strchr(lvl, '/'))
		*strchr(lvl, '/') = '\0';
	if (strcmp(lvl, "none") == 0) {
		p->loglvl_none = true;
		p->loglvl = LOG_ERR;
		return true;
	}
	if (strcmp(lvl, "all") == 0) {
		p->loglvl_none = false;
		p->loglvl = LOG_DEBUG;
		return true;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
		if (strcmp(lvl, names[i]) == 0) {
			p->loglvl_none = false;
			p->loglvl = (enum log_level)i;
			return true;
		}
	}
	return false;
}

static const struct {
	const char	*name;
	bool		(*fn)(const char *value, struct boot_params *p);
} options[] = {
	{ "console",	opt_console },
	{ "com1",	opt_com1 },
	{ "dom0_mem",	opt_dom0_mem },
	{ "loglvl",	opt_loglvl },
};

/* Handles one "name=value" word; returns false to warn. */
static bool parse_option(const char *opt, struct boot_params *p,
			 const char **msg)
{
	const char *eq = strchr(opt, '=');
	size_t nlen = eq ? (size_t)(eq - opt) : strlen(opt);

	for (unsigned int i = 0; i < ARRAY_SIZE(options); i++) {
		if (strlen(options[i].name) != nlen ||
		    strncmp(options[i].name, opt, nlen) != 0)
			continue;
		if (eq == NULL || !options[i].fn(eq + 1, p)) {
			*msg = "bad value, option ignored";
			return false;
		}
		return true;
	}
	*msg = "unknown option ignored";
	return false;
}

int cmdline_parse(const char *cmdline, struct boot_params *p,
		  cmdline_warn_fn warn)
{
	int warnings = 0;

	memset(p, 0, sizeof(*p));
	p->console_com1 = true;
	p->com1 = (struct serial_config){ 0x3f8, 115200, 8, 'n', 1 };
	p->loglvl = LOG_INFO;
	while (*cmdline) {
		char opt[OPT_MAX];
		const char *msg;
		size_t len = 0;

		while (*cmdline == ' ' || *cmdline == '\t')
			cmdline++;
		while (cmdline[len] && cmdline[len] != ' ' &&
		       cmdline[len] != '\t')
			len++;
		if (len == 0)
			break;
		if (len >= OPT_MAX) {
			strlcpy(opt, cmdline, sizeof(opt));
			warn("option too long, ignored", opt);
			warnings++;
		} else {
			memcpy(opt, cmdline, len);
			opt[len] = '\0';
			if (!parse_option(opt, p, &msg)) {
				warn(msg, opt);
				warnings++;
			}
		}
		cmdline += len;
	}
	return warnings;
}
