/* SPDX-License-Identifier: MIT */
/*
 * CPUID as a PV guest sees it. Shoji turns on CPUID faulting where the
 * CPU has it, so a guest's plain cpuid traps like the forced-emulation
 * form (ud2; "xen"; cpuid) and both land here. The policy starts from
 * the host's leaves and hides what a PV guest must not use or Shoji does
 * not virtualise: VMX/SVM, MONITOR, the local APIC and x2APIC, PCID,
 * XSAVE and everything that needs it (AVX...), superpages (PSE, 1 GiB
 * pages), PGE, MTRRs, machine checks, FSGSBASE, SMEP/SMAP, PKU; it sets
 * the hypervisor bit and adds Xen's leaves at 0x40000000 (signature
 * "XenVMMXenVMM", version 4.17, hypercall page MSR, time, PV leaf), as
 * Xen 4.17 fills them for a PV guest.
 */
#include <asm/processor.h>
#include <asm/traps.h>
#include <hv/hypercall.h>
#include <hv/time.h>
#include <hv/version.h>

#define XEN_LEAF_BASE		0x40000000U
#define XEN_LEAF_MAX		(XEN_LEAF_BASE + 5)

/* Leaf 1 ECX: keep SSE3, PCLMUL, SSSE3, CX16, SSE4.1/4.2, MOVBE, POPCNT,
 * AES, RDRAND (and CMPXCHG16B...); hide the rest listed above. */
#define L1_ECX_HIDE	((1U << 2) | (1U << 3) | (1U << 4) | (1U << 5) | \
			 (1U << 6) | (1U << 7) | (1U << 8) | (1U << 12) | \
			 (1U << 14) | (1U << 15) | (1U << 17) | (1U << 18) | \
			 (1U << 21) | (1U << 24) | (1U << 26) | (1U << 27) | \
			 (1U << 28) | (1U << 29))
#define L1_ECX_HYPERVISOR	(1U << 31)
/* Leaf 1 EDX: hide VME, PSE, MCE, APIC, MTRR, PGE, MCA, PSE36, DS, ACPI,
 * TM, PBE. */
#define L1_EDX_HIDE	((1U << 1) | (1U << 3) | (1U << 7) | (1U << 9) | \
			 (1U << 12) | (1U << 13) | (1U << 14) | (1U << 17) | \
			 (1U << 21) | (1U << 22) | (1U << 29) | (1U << 31))
/* Leaf 7 EBX: keep BMI1, BMI2, ERMS, RDSEED, ADX, CLFLUSHOPT, SHA only. */
#define L7_EBX_KEEP	((1U << 3) | (1U << 8) | (1U << 9) | (1U << 18) | \
			 (1U << 19) | (1U << 23) | (1U << 29))
/* 0x80000001: ECX hide SVM, ExtApic, SKINIT, WDT, LWP, MONITORX;
 * EDX hide 1 GiB pages and RDTSCP. */
#define E1_ECX_HIDE	((1U << 2) | (1U << 3) | (1U << 12) | (1U << 13) | \
			 (1U << 15) | (1U << 29))
#define E1_EDX_HIDE	((1U << 26) | (1U << 27))

static void xen_leaves(const struct vcpu *v, uint32_t leaf, uint32_t sub,
		       uint32_t r[4])
{
	uint32_t a, b, c, d;

	switch (leaf - XEN_LEAF_BASE) {
	case 0:
		r[0] = XEN_LEAF_MAX;
		r[1] = 0x566e6558;	/* "XenV" */
		r[2] = 0x65584d4d;	/* "MMXe" */
		r[3] = 0x4d4d566e;	/* "nVMM" */
		break;
	case 1:
		r[0] = (SHOJI_XEN_MAJOR << 16) | SHOJI_XEN_MINOR;
		break;
	case 2:
		r[0] = 1;			/* hypercall pages */
		r[1] = XEN_LEAF_BASE;		/* hypercall-page MSR */
		r[2] = (hv_features_supported(v->domain->is_privileged) &
			(1U << 5)) ? 1 : 0;	/* PRESERVE_AD */
		break;
	case 3:
		if (sub == 0) {
			r[0] = 0;		/* TSC not emulated */
			r[2] = tsc_khz;
		} else if (sub == 1) {
			r[2] = tsc_to_system_mul;
			r[3] = (uint8_t)tsc_shift;
		} else if (sub == 2) {
			r[0] = tsc_khz;
		}
		break;
	case 5:
		if (sub == 0) {
			cpuid(0x80000008, &a, &b, &c, &d);
			r[1] = a & 0xff;	/* machine address width */
		}
		break;
	default:
		break;				/* 4 is HVM-only */
	}
}

void pv_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t sub,
	      uint32_t r[4])
{
	uint32_t max_basic, max_ext, unused;

	r[0] = r[1] = r[2] = r[3] = 0;
	if (leaf >= XEN_LEAF_BASE && leaf <= XEN_LEAF_BASE + 0xff) {
		if (leaf <= XEN_LEAF_MAX)
			xen_leaves(v, leaf, sub, r);
		return;
	}
	cpuid(0, &max_basic, &unused, &unused, &unused);
	cpuid(0x80000000, &max_ext, &unused, &unused, &unused);
	max_basic = max_basic > 0xd ? 0xd : max_basic;
	if ((leaf <= max_basic) ||
	    (leaf >= 0x80000000 && leaf <= max_ext))
		cpuid_count(leaf, sub, &r[0], &r[1], &r[2], &r[3]);
	else
		return;
	switch (leaf) {
	case 0:
		r[0] = max_basic;
		break;
	case 1:
		r[1] = (r[1] & 0x00ffffff) | (v->vcpu_id << 25);
		r[2] = (r[2] & ~L1_ECX_HIDE) | L1_ECX_HYPERVISOR;
		r[3] &= ~L1_EDX_HIDE;
		break;
	case 7:
		if (sub == 0) {
			r[0] = 0;
			r[1] &= L7_EBX_KEEP;
		} else {
			r[1] = 0;
		}
		r[2] = r[3] = 0;
		break;
	case 5:		/* MONITOR/MWAIT */
	case 6:		/* power management */
	case 0xa:	/* performance monitoring */
	case 0xd:	/* XSAVE */
		r[0] = r[1] = r[2] = r[3] = 0;
		break;
	case 0x80000001:
		r[2] &= ~E1_ECX_HIDE;
		r[3] &= ~E1_EDX_HIDE;
		break;
	default:
		break;
	}
}

#define MSR_PLATFORM_INFO		0x000000ce
#define MSR_MISC_FEATURES_ENABLES	0x00000140
#define PLATFORM_INFO_CPUID_FAULTING	(1UL << 31)

bool cpuid_faulting_enable(void)
{
	uint64_t info;

	if (rdmsr_safe(MSR_PLATFORM_INFO, &info) ||
	    !(info & PLATFORM_INFO_CPUID_FAULTING))
		return false;
	return wrmsr_safe(MSR_MISC_FEATURES_ENABLES, 1) == 0;
}
