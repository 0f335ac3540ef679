/* SPDX-License-Identifier: MIT */
/*
 * The x86 part of memory_op: a domain's pseudo-physical memory map, the
 * machine's (privileged), and where the read-only M2P lies.
 */
#include <asm/mm.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <public/memory.h>
#include <public/xen.h>

BUILD_BUG_ON(sizeof(struct e820_entry) != 20);

static int copy_map_out(uint64_t buffer, const struct e820_entry *map,
			unsigned int n)
{
	return copy_to_guest(buffer, map, (size_t)n * sizeof(*map));
}

/* The map set for the domain; none is set for dom0, as on Xen. */
static long memory_map(uint64_t arg)
{
	const struct domain *d = current_vcpu()->domain;
	struct xen_memory_map map;

	if (copy_from_guest(&map, arg, sizeof(map)))
		return -EFAULT;
	if (d->mm.nr_e820 == 0)
		return -ENOSYS;
	map.nr_entries = MIN(map.nr_entries, d->mm.nr_e820);
	if (copy_map_out(map.buffer.q, d->mm.e820, map.nr_entries) ||
	    copy_to_guest(arg, &map, sizeof(map)))
		return -EFAULT;
	return 0;
}

static long machine_memory_map(uint64_t arg)
{
	struct xen_memory_map map;
	const struct e820_entry *e820;
	unsigned int nr;

	if (!current_vcpu()->domain->is_privileged)
		return -EPERM;
	if (copy_from_guest(&map, arg, sizeof(map)))
		return -EFAULT;
	e820 = mm_machine_map(&nr);
	if (map.buffer.q) {
		if (map.nr_entries < nr + 1)
			return -EINVAL;
		if (copy_map_out(map.buffer.q, e820, nr))
			return -EFAULT;
	}
	map.nr_entries = nr;
	return copy_to_guest(arg, &map, sizeof(map));
}

static long machphys_mapping(uint64_t arg)
{
	struct xen_machphys_mapping m = {
		.v_start = M2P_RO_VIRT_START,
		.v_end = M2P_RO_VIRT_END,
		.max_mfn = (M2P_RO_VIRT_END - M2P_RO_VIRT_START) / 8 - 1,
	};

	if (current_vcpu()->domain->is_privileged)
		m.max_mfn = max_mfn - 1;
	return copy_to_guest(arg, &m, sizeof(m));
}

/*
 * XENMEM_machphys_mfn_list: the MFN of each 2 MiB extent of the M2P, as
 * Xen lists them for tools that map the table themselves.
 */
static long machphys_mfn_list(uint64_t arg)
{
	struct xen_machphys_mfn_list l;
	uint64_t base, size;
	unsigned int n;

	if (copy_from_guest(&l, arg, sizeof(l)))
		return -EFAULT;
	m2p_extent(&base, &size);
	n = MIN(l.max_extents, (unsigned int)(size >> 21));
	for (unsigned int i = 0; i < n; i++) {
		xen_pfn_t mfn = (base + ((uint64_t)i << 21)) >> PAGE_SHIFT;

		if (copy_to_guest(l.extent_start.q + i * sizeof(mfn), &mfn,
				  sizeof(mfn)))
			return -EFAULT;
	}
	l.nr_extents = n;
	return copy_to_guest(arg, &l, sizeof(l));
}

long arch_domain_max_gpfn(const struct domain *d)
{
	uint64_t max_pfn = d->shared_info ?
			   READ_ONCE(d->shared_info->arch.max_pfn) : 0;

	return (long)((max_pfn ? max_pfn : 1) - 1);
}

long arch_memory_op(uint64_t cmd, uint64_t arg)
{
	switch (cmd) {
	case XENMEM_memory_map:
		return memory_map(arg);
	case XENMEM_machine_memory_map:
		return machine_memory_map(arg);
	case XENMEM_machphys_mapping:
		return machphys_mapping(arg);
	case XENMEM_machphys_mfn_list:
		return machphys_mfn_list(arg);
	default:
		return -ENOSYS;
	}
}
