/* SPDX-License-Identifier: MIT */
/*
 * xen_version (hypercall 17). Shoji implements Xen 4.17's guest ABI, so
 * it reports version 4.17 to guests, which test it to pick interfaces;
 * the extraversion and changeset name Shoji itself. get_features
 * reports only what Shoji honours today (docs/hypercalls.md).
 */
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/version.h>
#include <public/features.h>
#include <public/version.h>

/*
 * What a 64-bit PV guest is told, as Xen 4.17 tells it, less what Shoji
 * does not honour yet: MMU_PT_UPDATE_PRESERVE_AD, updates of any page
 * table by machine address (highmem_assist), XENMEMF_vnode accepted,
 * and PFN = MFN (direct_mapped). Not gnttab_map_avail_bits: there are
 * no grant tables yet. Never writable_page_tables: Xen reports it only
 * for translated guests, and a PV kernel seeing it would stop mapping
 * its page tables read-only.
 */
#define FEATURES_PV	((1U << XENFEAT_mmu_pt_update_preserve_ad) |	\
			 (1U << XENFEAT_highmem_assist) |		\
			 (1U << XENFEAT_memory_op_vnode_supported) |	\
			 (1U << XENFEAT_direct_mapped))

/* Feature bits honoured now, per domain kind. */
static uint32_t features_submap0(const struct domain *d)
{
	uint32_t f = FEATURES_PV;

	if (d->is_privileged)
		f |= 1U << XENFEAT_dom0;
	/* As Xen: the assist also lets page directories live above 4 GiB. */
	if (d->vm_assist & (1UL << VMASST_TYPE_pae_extended_cr3))
		f |= 1U << XENFEAT_pae_pgdir_above_4gb;
	return f;
}

/*
 * What a kernel may require in its FEATURES note: what it is told, and
 * writable_page_tables, which for a PV kernel means that its writes to
 * its own page tables are emulated (ptwr.c).
 */
uint32_t hv_features_supported(bool dom0)
{
	return FEATURES_PV | (1U << XENFEAT_writable_page_tables) |
	       (dom0 ? 1U << XENFEAT_dom0 : 0);
}

static long copy_string_out(uint64_t arg, const char *s, size_t size)
{
	char buf[1024];

	memset(buf, 0, size);
	strlcpy(buf, s, size);
	return copy_to_guest(arg, buf, size);
}

static long version_compile_info(uint64_t arg)
{
	struct xen_compile_info info;

	memset(&info, 0, sizeof(info));
	strlcpy(info.compiler, shoji_compiler, sizeof(info.compiler));
	strlcpy(info.compile_by, "shoji", sizeof(info.compile_by));
	strlcpy(info.compile_domain, "shoji", sizeof(info.compile_domain));
	strlcpy(info.compile_date, shoji_build_date,
		sizeof(info.compile_date));
	return copy_to_guest(arg, &info, sizeof(info));
}

static long version_features(const struct domain *d, uint64_t arg)
{
	struct xen_feature_info fi;

	if (copy_from_guest(&fi, arg, sizeof(fi)))
		return -EFAULT;
	if (fi.submap_idx >= XENFEAT_NR_SUBMAPS)
		return -EINVAL;
	fi.submap = features_submap0(d);
	return copy_to_guest(arg, &fi, sizeof(fi));
}

long do_xen_version(unsigned int cmd, uint64_t arg)
{
	struct domain *d = current_vcpu()->domain;
	xen_platform_parameters_t pp = { .virt_start = HV_VIRT_START_GUEST };
	uint8_t handle[16] = { 0 };

	switch (cmd) {
	case XENVER_version:
		return (SHOJI_XEN_MAJOR << 16) | SHOJI_XEN_MINOR;
	case XENVER_extraversion:
		return copy_string_out(arg, shoji_extraversion,
				       sizeof(xen_extraversion_t));
	case XENVER_compile_info:
		return version_compile_info(arg);
	case XENVER_capabilities:
		return copy_string_out(arg, "xen-3.0-x86_64 ",
				       sizeof(xen_capabilities_info_t));
	case XENVER_changeset:
		return copy_string_out(arg, shoji_changeset,
				       sizeof(xen_changeset_info_t));
	case XENVER_platform_parameters:
		return copy_to_guest(arg, &pp, sizeof(pp));
	case XENVER_get_features:
		return version_features(d, arg);
	case XENVER_pagesize:
		return 4096;
	case XENVER_guest_handle:
		return copy_to_guest(arg, handle, sizeof(handle));
	case XENVER_commandline:
		if (!d->is_privileged)
			return -EPERM;
		return copy_string_out(arg, hv_cmdline,
				       sizeof(xen_commandline_t));
	case XENVER_build_id:
		return -ENODATA;	/* linked without a build id */
	default:
		return -ENOSYS;
	}
}
