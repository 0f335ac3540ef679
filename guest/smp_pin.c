/* SPDX-License-Identifier: MIT */
/*
 * Where our vCPUs run, through the control domain's domctls on itself
 * (control.c): XEN_DOMCTL_setvcpuaffinity (hard affinity) and
 * XEN_DOMCTL_getvcpuinfo. Only a privileged domain (dom0, domid 0) may
 * use them; elsewhere, or on a hypervisor without them, the callers get
 * -XEN_ENOSYS / the hypervisor's error and carry on without pinning.
 */
#include <public/errno.h>
#include <guest/control.h>
#include <guest/guest.h>
#include <guest/smp.h>

static bool may_control(void)
{
	return start_info->flags & SIF_INITDOMAIN;
}

int smp_pin(unsigned int id, int cpu)
{
	uint64_t map = cpu < 0 ? ~0ULL : 1ULL << (cpu % 64);

	if (!may_control())
		return -XEN_ENOSYS;
	return domctl_affinity_set(0, id, &map);
}

int smp_vcpu_cpu(unsigned int id)
{
	struct xen_domctl_getvcpuinfo vi;
	long rc;

	if (!may_control())
		return -XEN_ENOSYS;
	rc = domctl_vcpuinfo(0, id, &vi);
	return rc < 0 ? rc : (int)vi.cpu;
}
