/* SPDX-License-Identifier: MIT */
/*
 * vm_assist (hypercall 21): a guest turns on or off assists it relies
 * on; Shoji records which ones, per domain, for the code that honours
 * them (writable page tables, architectural IOPL, M2P strictness...).
 */
#include <hv/errno.h>
#include <hv/hypercall.h>
#include <public/xen.h>

/* The assists a 64-bit PV guest may ask for, as in Xen 4.17. */
#define VMASST_VALID	((1UL << VMASST_TYPE_4gb_segments) |		\
			 (1UL << VMASST_TYPE_4gb_segments_notify) |	\
			 (1UL << VMASST_TYPE_writable_pagetables) |	\
			 (1UL << VMASST_TYPE_pae_extended_cr3) |	\
			 (1UL << VMASST_TYPE_architectural_iopl) |	\
			 (1UL << VMASST_TYPE_runstate_update_flag) |	\
			 (1UL << VMASST_TYPE_m2p_strict))

long do_vm_assist(unsigned int cmd, unsigned int type)
{
	struct domain *d = current_vcpu()->domain;

	if (type >= 64 || !(VMASST_VALID & (1UL << type)))
		return -EINVAL;
	switch (cmd) {
	case VMASST_CMD_enable:
		d->vm_assist |= 1UL << type;
		return 0;
	case VMASST_CMD_disable:
		d->vm_assist &= ~(1UL << type);
		return 0;
	default:
		return -ENOSYS;
	}
}
