/* SPDX-License-Identifier: MIT */
/*
 * The hypercall table, reduced to the memory hypercalls, for multicall
 * in host tests (common/hypercall.c pulls in every handler).
 */
#include "mm_shim.h"

long hypercall_dispatch(struct vcpu *v, uint64_t nr, const uint64_t a[5])
{
	(void)v;
	switch (nr) {
	case __HYPERVISOR_mmu_update:
		return do_mmu_update(a[0], a[1], a[2], a[3]);
	case __HYPERVISOR_mmuext_op:
		return do_mmuext_op(a[0], a[1], a[2], a[3]);
	case __HYPERVISOR_memory_op:
		return do_memory_op(a[0], a[1]);
	case __HYPERVISOR_update_va_mapping:
		return do_update_va_mapping(a[0], a[1], a[2]);
	default:
		return -ENOSYS;
	}
}
