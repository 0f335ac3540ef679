/* SPDX-License-Identifier: MIT */
/*
 * sched_op (hypercall 29). With one vCPU on one CPU there is nothing to
 * schedule yet: yield returns at once; block and poll come with event
 * channels. shutdown ends the domain (and, for dom0, the machine).
 */
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/sched.h>
#include <public/sched.h>

static long sched_shutdown(struct domain *d, uint64_t arg)
{
	struct sched_shutdown s;

	if (copy_from_guest(&s, arg, sizeof(s)))
		return -EFAULT;
	if (s.reason > SHUTDOWN_watchdog)
		return -EINVAL;
	domain_shutdown(d, s.reason);
	return 0;
}

long do_sched_op(unsigned int cmd, uint64_t arg)
{
	struct domain *d = current_vcpu()->domain;

	switch (cmd) {
	case SCHEDOP_yield:
		vcpu_yield_current();
		return 0;
	case SCHEDOP_shutdown:
		return sched_shutdown(d, arg);
	default:
		gprintk(d, "sched_op %u not implemented: -ENOSYS\n", cmd);
		return -ENOSYS;
	}
}
