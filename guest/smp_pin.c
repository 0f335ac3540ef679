/* SPDX-License-Identifier: MIT */
/*
 * Where our vCPUs run, through the control domain's domctls on itself:
 * XEN_DOMCTL_setvcpuaffinity (hard affinity) and XEN_DOMCTL_getvcpuinfo.
 * Only a privileged domain (dom0, domid 0) may use them; elsewhere, or
 * on a hypervisor without them, the callers get -XEN_ENOSYS / the
 * hypervisor's error and carry on without pinning.
 */
#include <string.h>
#include <public/errno.h>
#include <public/domctl.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/smp.h>

#define CPUMAP_BITS	64

static long domctl(struct xen_domctl *op, unsigned int cmd)
{
	if (!(start_info->flags & SIF_INITDOMAIN))
		return -XEN_ENOSYS;
	op->cmd = cmd;
	op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	op->domain = 0;
	return hypercall5(__HYPERVISOR_domctl, (uintptr_t)op, 0, 0, 0, 0);
}

int smp_pin(unsigned int id, int cpu)
{
	struct xen_domctl op;
	uint64_t map = cpu < 0 ? ~0ULL : 1ULL << (cpu % CPUMAP_BITS);

	memset(&op, 0, sizeof(op));
	op.u.vcpuaffinity.vcpu = id;
	op.u.vcpuaffinity.flags = XEN_VCPUAFFINITY_HARD;
	set_xen_guest_handle(op.u.vcpuaffinity.cpumap_hard.bitmap,
			     (uint8_t *)&map);
	op.u.vcpuaffinity.cpumap_hard.nr_bits = CPUMAP_BITS;
	return domctl(&op, XEN_DOMCTL_setvcpuaffinity);
}

int smp_vcpu_cpu(unsigned int id)
{
	struct xen_domctl op;
	long rc;

	memset(&op, 0, sizeof(op));
	op.u.getvcpuinfo.vcpu = id;
	rc = domctl(&op, XEN_DOMCTL_getvcpuinfo);
	return rc < 0 ? rc : (int)op.u.getvcpuinfo.cpu;
}
