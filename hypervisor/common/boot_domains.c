/* SPDX-License-Identifier: MIT */
/*
 * Boot domUs: unprivileged PV domains the hypervisor builds from
 * multiboot2 modules next to dom0, so that several domains exist before
 * any toolstack does (for the scheduler and event-channel tests, and
 * for small fixed setups). A module whose string starts with the word
 * "domU" is one:
 *
 *   module2 /boot/guest domU mem=16M vcpus=2 -- <guest command line>
 *
 * Options before "--" are the hypervisor's: mem= (default 16M, at least
 * 2M) and vcpus= (default 1, at most 32). What follows "--" becomes the
 * guest's start_info.cmd_line. The domains get ids 1, 2, ... in module
 * order, no I/O privilege, default event-channel limits, weight 256 and
 * no cap; their vCPU0 starts once dom0 is built. A bad option or an image the
 * builder refuses skips that domain with a message; dom0 still boots.
 */
#include <asm/page.h>
#include <hv/console.h>
#include <hv/dom0_build.h>
#include <hv/errno.h>
#include <hv/evtchn.h>
#include <hv/pv_build.h>
#include <hv/sched.h>
#include <public/xen.h>

#define DOMU_WORD		"domU"
#define DOMU_DEFAULT_MEM	(16UL << 20)
#define DOMU_MIN_MEM		(2UL << 20)

struct domu_opts {
	uint64_t	mem;
	unsigned long	vcpus;
	const char	*cmdline;
};

/* Whether the word at s is w (ends at a space or the string's end). */
static bool word_is(const char *s, const char *w)
{
	size_t n = strlen(w);

	return strncmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == '\0');
}

bool boot_domu_module(const struct mb2_module *m)
{
	return word_is(m->string, DOMU_WORD);
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* One option at *s; false (with *s at it) if unknown or malformed. */
static bool parse_opt(const char **s, struct domu_opts *o)
{
	const char *p = *s;

	if (strncmp(p, "mem=", 4) == 0) {
		p += 4;
		if (!parse_size(&p, &o->mem) || o->mem < DOMU_MIN_MEM)
			return false;
	} else if (strncmp(p, "vcpus=", 6) == 0) {
		p += 6;
		if (!parse_ulong(&p, &o->vcpus) || o->vcpus == 0 ||
		    o->vcpus > XEN_LEGACY_MAX_VCPUS)
			return false;
	} else {
		return false;
	}
	if (*p != ' ' && *p != '\0')
		return false;
	*s = p;
	return true;
}

static int parse_opts(domid_t domid, const char *s, struct domu_opts *o)
{
	*o = (struct domu_opts){ .mem = DOMU_DEFAULT_MEM, .vcpus = 1,
				 .cmdline = "" };
	s = skip_spaces(s + strlen(DOMU_WORD));
	while (*s) {
		if (word_is(s, "--")) {
			o->cmdline = skip_spaces(s + 2);
			return 0;
		}
		if (!parse_opt(&s, o)) {
			printk(KERN_ERR "d%u: boot domain option \"%.32s\" not "
			       "understood (mem=<size>, at least 2M; vcpus=1..32;"
			       " then -- and the guest's command line): "
			       "domain skipped\n", domid, s);
			return -EINVAL;
		}
		s = skip_spaces(s);
	}
	return 0;
}

int boot_domu_create(domid_t domid, const struct mb2_module *m)
{
	char name[8];
	struct domu_opts o;
	struct pv_build_req req;
	struct domain *d;
	int rc = parse_opts(domid, m->string, &o);

	if (rc)
		return rc;
	d = domain_create(domid, o.vcpus, EVTCHN_DEFAULT_MAX_PORT);
	if (d == NULL) {
		printk(KERN_ERR "d%u: no memory for the domain: skipped\n",
		       domid);
		return -ENOMEM;
	}
	snprintf(name, sizeof(name), "d%u", domid);
	req = (struct pv_build_req){
		.name = name, .kernel = m, .initrd = NULL,
		.cmdline = o.cmdline, .nr_pages = o.mem >> PAGE_SHIFT,
		.max_pages = o.mem >> PAGE_SHIFT, .si_flags = 0,
	};
	rc = pv_build(d, &req);
	if (rc) {
		printk(KERN_ERR "d%u: boot domain not built (%d): skipped\n",
		       domid, rc);
		domain_create_undo(d);
		return rc;
	}
	printk("d%u: boot domain with %lu vCPU(s), %lu MiB: \"%s\"\n", domid,
	       o.vcpus, (unsigned long)(o.mem >> 20), o.cmdline);
	return 0;
}
