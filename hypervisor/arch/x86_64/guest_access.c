/* SPDX-License-Identifier: MIT */
/* Which guest virtual ranges a copy may touch. */
#include <asm/layout.h>
#include <hv/guest_access.h>

#define CANONICAL_LOW_END	0x0000800000000000UL

bool guest_range_ok(uint64_t va, uint64_t len)
{
	uint64_t end = va + len;

	if (end < va)
		return false;
	if (len == 0)
		return true;
	/* Low half: below the canonical hole. */
	if (end <= CANONICAL_LOW_END)
		return true;
	/* High half: above the hypervisor's slots. */
	return va >= HV_VIRT_END;
}
