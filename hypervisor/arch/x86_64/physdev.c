/* SPDX-License-Identifier: MIT */
/*
 * physdev_op (hypercall 33), the part that exists: PHYSDEVOP_set_iopl,
 * the virtual I/O privilege level. Port I/O by a guest traps and is
 * emulated only when its virtual IOPL allows it (>= 1 in guest kernel
 * mode, 3 in user mode), else #GP; a port the domain was not given then
 * reads as all ones and ignores writes, as on Xen.
 */
#include <asm/traps.h>
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <public/physdev.h>

long do_physdev_op(unsigned int cmd, uint64_t arg)
{
	struct vcpu *v = current_vcpu();
	struct physdev_set_iopl iopl;

	switch (cmd) {
	case PHYSDEVOP_set_iopl:
		if (copy_from_guest(&iopl, arg, sizeof(iopl)))
			return -EFAULT;
		if (iopl.iopl > 3)
			return -EINVAL;
		v->arch.iopl = iopl.iopl;
		return 0;
	default:
		gprintk(v->domain, "physdev_op %u not implemented: -ENOSYS\n",
			cmd);
		return -ENOSYS;
	}
}

bool pv_io_iopl_ok(const struct vcpu *v)
{
	return v->arch.iopl >= (v->arch.in_kernel ? 1 : 3);
}

bool pv_io_permitted(const struct vcpu *v, unsigned int port,
		     unsigned int bytes)
{
	const uint8_t *bm = v->domain->arch.io_allowed;

	for (unsigned int p = port; p < port + bytes; p++)
		if (p > 0xffff || !(bm[p / 8] & (1U << (p % 8))))
			return false;
	return true;
}

void pv_io_grant(struct domain *d, unsigned int first, unsigned int last)
{
	for (unsigned int p = first; p <= last && p <= 0xffff; p++)
		d->arch.io_allowed[p / 8] |= 1U << (p % 8);
}

void pv_io_deny(struct domain *d, unsigned int first, unsigned int last)
{
	for (unsigned int p = first; p <= last && p <= 0xffff; p++)
		d->arch.io_allowed[p / 8] &= ~(1U << (p % 8));
}
