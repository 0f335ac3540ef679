/* SPDX-License-Identifier: MIT */
/*
 * What the domain builder and the hypervisor tell us about ourselves:
 * start_info, and the xen_version sub-ops. One greppable line per value:
 * "start_info: <field>=<value>", "xen_version: <what>=<value>".
 */
#include <stdint.h>
#include <string.h>
#include <public/xen.h>
#include <public/version.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/printk.h>

#define SI	"start_info: "
#define XV	"xen_version: "

static void flags_print(uint32_t flags)
{
	printk(SI "flags=%#x%s%s%s%s%s\n", flags,
	       flags & SIF_PRIVILEGED ? " privileged" : "",
	       flags & SIF_INITDOMAIN ? " initdomain" : "",
	       flags & SIF_MULTIBOOT_MOD ? " multiboot_mod" : "",
	       flags & SIF_MOD_START_PFN ? " mod_start_pfn" : "",
	       flags & SIF_VIRT_P2M_4TOOLS ? " virt_p2m_4tools" : "");
}

void start_info_print(const struct start_info *si)
{
	printk(SI "magic=%.*s\n", (int)strnlen(si->magic, sizeof(si->magic)),
	       si->magic);
	printk(SI "nr_pages=%lu\n", (unsigned long)si->nr_pages);
	printk(SI "shared_info=%#lx\n", (unsigned long)si->shared_info);
	flags_print(si->flags);
	printk(SI "store_mfn=%#lx\n", (unsigned long)si->store_mfn);
	printk(SI "store_evtchn=%u\n", (unsigned int)si->store_evtchn);
	if (si->flags & SIF_INITDOMAIN) {
		printk(SI "console.dom0.info_off=%#x\n",
		       (unsigned int)si->console.dom0.info_off);
		printk(SI "console.dom0.info_size=%u\n",
		       (unsigned int)si->console.dom0.info_size);
	} else {
		printk(SI "console.domU.mfn=%#lx\n",
		       (unsigned long)si->console.domU.mfn);
		printk(SI "console.domU.evtchn=%u\n",
		       (unsigned int)si->console.domU.evtchn);
	}
	printk(SI "pt_base=%#lx\n", (unsigned long)si->pt_base);
	printk(SI "nr_pt_frames=%lu\n", (unsigned long)si->nr_pt_frames);
	printk(SI "mfn_list=%#lx\n", (unsigned long)si->mfn_list);
	printk(SI "mod_start=%#lx\n", (unsigned long)si->mod_start);
	printk(SI "mod_len=%lu\n", (unsigned long)si->mod_len);
	printk(SI "first_p2m_pfn=%#lx\n", (unsigned long)si->first_p2m_pfn);
	printk(SI "nr_p2m_frames=%lu\n", (unsigned long)si->nr_p2m_frames);
	printk(SI "cmd_line=\"%.*s\"\n",
	       (int)strnlen((const char *)si->cmd_line, sizeof(si->cmd_line)),
	       (const char *)si->cmd_line);
}

static void version_failed(const char *op, long rc)
{
	printk(XV "%s failed: %ld (%s)\n", op, rc, xen_strerror(rc));
}

/* Fetches a string sub-op into buf and prints it, NUL-terminated by us. */
static void version_string(int cmd, const char *op, const char *what,
			   char *buf, size_t size)
{
	long rc;

	memset(buf, 0, size);
	rc = hypercall_xen_version(cmd, buf);
	if (rc < 0) {
		version_failed(op, rc);
		return;
	}
	buf[size - 1] = '\0';
	printk(XV "%s=%s\n", what, buf);
}

static void compile_info_print(void)
{
	struct xen_compile_info ci;
	long rc;

	memset(&ci, 0, sizeof(ci));
	rc = hypercall_xen_version(XENVER_compile_info, &ci);
	if (rc < 0) {
		version_failed("XENVER_compile_info", rc);
		return;
	}
	printk(XV "compiler=%.*s\n", (int)sizeof(ci.compiler), ci.compiler);
	printk(XV "compile_by=%.*s\n", (int)sizeof(ci.compile_by),
	       ci.compile_by);
	printk(XV "compile_domain=%.*s\n", (int)sizeof(ci.compile_domain),
	       ci.compile_domain);
	printk(XV "compile_date=%.*s\n", (int)sizeof(ci.compile_date),
	       ci.compile_date);
}

static void numbers_print(void)
{
	struct xen_platform_parameters pp = { 0 };
	struct xen_feature_info fi = { .submap_idx = 0 };
	long rc;

	rc = hypercall_xen_version(XENVER_platform_parameters, &pp);
	if (rc < 0)
		version_failed("XENVER_platform_parameters", rc);
	else
		printk(XV "virt_start=%#lx\n", (unsigned long)pp.virt_start);

	rc = hypercall_xen_version(XENVER_get_features, &fi);
	if (rc < 0)
		version_failed("XENVER_get_features", rc);
	else
		printk(XV "features[0]=%#x\n", (unsigned int)fi.submap);

	rc = hypercall_xen_version(XENVER_pagesize, NULL);
	if (rc < 0)
		version_failed("XENVER_pagesize", rc);
	else
		printk(XV "pagesize=%ld\n", rc);
}

void xen_info_print(void)
{
	/* Big enough for each string sub-op (capabilities: 1024). */
	static char buf[sizeof(xen_capabilities_info_t)];
	long rc;

	rc = hypercall_xen_version(XENVER_version, NULL);
	if (rc < 0)
		version_failed("XENVER_version", rc);
	else
		printk(XV "version=%ld.%ld\n", rc >> 16, rc & 0xffff);
	version_string(XENVER_extraversion, "XENVER_extraversion",
		       "extraversion", buf, sizeof(xen_extraversion_t));
	version_string(XENVER_capabilities, "XENVER_capabilities",
		       "capabilities", buf, sizeof(xen_capabilities_info_t));
	version_string(XENVER_changeset, "XENVER_changeset", "changeset",
		       buf, sizeof(xen_changeset_info_t));
	compile_info_print();
	numbers_print();
}
