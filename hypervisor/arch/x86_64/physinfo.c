/* SPDX-License-Identifier: MIT */
/*
 * The machine as sysctl physinfo and getdomaininfo describe it: the TSC
 * frequency, the physical address width and the boot CPU's feature
 * words in Xen's featureset order.
 */
#include <asm/processor.h>
#include <hv/control.h>
#include <hv/mm.h>
#include <hv/time.h>

uint8_t arch_paddr_bits(void)
{
	uint32_t a, b, c, d;

	cpuid(0x80000000, &a, &b, &c, &d);
	if (a < 0x80000008)
		return 36;
	cpuid(0x80000008, &a, &b, &c, &d);
	return (uint8_t)a;
}

/*
 * hw_cap[] holds Xen's featureset words 0-7: leaf 1 edx and ecx, leaf
 * 0x80000001 edx and ecx, leaf 0xd subleaf 1 eax, leaf 7 subleaf 0 ebx
 * and ecx, leaf 0x80000007 edx.
 */
void arch_physinfo(struct xen_sysctl_physinfo *pi)
{
	uint32_t a, b, c, d, max, xmax;

	cpuid(0, &max, &b, &c, &d);
	cpuid(0x80000000, &xmax, &b, &c, &d);
	cpuid(1, &a, &b, &pi->hw_cap[1], &pi->hw_cap[0]);
	if (xmax >= 0x80000001)
		cpuid(0x80000001, &a, &b, &pi->hw_cap[3], &pi->hw_cap[2]);
	if (max >= 0xd)
		cpuid_count(0xd, 1, &pi->hw_cap[4], &b, &c, &d);
	if (max >= 7)
		cpuid_count(7, 0, &a, &pi->hw_cap[5], &pi->hw_cap[6], &d);
	if (xmax >= 0x80000007)
		cpuid(0x80000007, &a, &b, &c, &pi->hw_cap[7]);
	pi->cpu_khz = (uint32_t)tsc_khz;
	pi->max_mfn = max_mfn - 1;
}
