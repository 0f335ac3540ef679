/* SPDX-License-Identifier: MIT */
/*
 * Copying to and from guest virtual addresses, through the page tables
 * the guest is running on. An address range must lie wholly in the
 * guest's half of the address space; a fault on the way (not present,
 * or read-only for a write) is caught and becomes -EFAULT, never a
 * hypervisor fault. Each hypercall copies its arguments in once and
 * validates the copy.
 */
#ifndef HV_GUEST_ACCESS_H
#define HV_GUEST_ACCESS_H

#include <hv/errno.h>
#include <hv/lib.h>

/* True for a canonical virtual address (bits 63-47 all equal). */
static inline bool is_canonical(uint64_t va)
{
	return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}

/* True when [va, va + len) is canonical, guest-owned and does not wrap. */
bool guest_range_ok(uint64_t va, uint64_t len);

/* Returns the number of bytes NOT copied (0 on success). */
size_t raw_copy_from_guest(void *dst, uint64_t src, size_t len);
size_t raw_copy_to_guest(uint64_t dst, const void *src, size_t len);

static inline int __must_check copy_from_guest(void *dst, uint64_t src,
					       size_t len)
{
	if (!guest_range_ok(src, len) || raw_copy_from_guest(dst, src, len))
		return -EFAULT;
	return 0;
}

static inline int __must_check copy_to_guest(uint64_t dst, const void *src,
					     size_t len)
{
	if (!guest_range_ok(dst, len) || raw_copy_to_guest(dst, src, len))
		return -EFAULT;
	return 0;
}

#endif
