/* SPDX-License-Identifier: MIT */
/*
 * multicall (hypercall 13): a batch of hypercalls in one entry. Each
 * entry is copied in, dispatched through the one hypercall table (so
 * the same policy applies), and its result written back. A multicall
 * inside a multicall is refused with -EINVAL, as on Xen; an iret entry
 * ends the batch, its return value becoming the multicall's (it
 * restores the guest's rax). No continuations yet: the batch runs in
 * one call.
 */
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <public/xen.h>

BUILD_BUG_ON(sizeof(struct multicall_entry) != 64);

long do_multicall(uint64_t call_list, unsigned int nr_calls)
{
	struct vcpu *v = current_vcpu();
	struct multicall_entry call;
	const size_t size = sizeof(call);

	if (!guest_range_ok(call_list, (uint64_t)nr_calls * size))
		return -EFAULT;
	for (unsigned int i = 0; i < nr_calls; i++) {
		uint64_t entry = call_list + (uint64_t)i * size;

		if (copy_from_guest(&call, entry, size))
			return -EFAULT;
		if (call.op == __HYPERVISOR_multicall) {
			call.result = -EINVAL;
		} else {
			call.result = hypercall_dispatch(v, call.op,
							 call.args);
			if (call.op == __HYPERVISOR_iret)
				return call.result;
		}
		if (copy_to_guest(entry + offsetof(struct multicall_entry,
						   result),
				  &call.result, sizeof(call.result)))
			return -EFAULT;
	}
	return 0;
}
