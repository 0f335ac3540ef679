/* SPDX-License-Identifier: MIT */
/* x86 part of the guest ABI: guest handles, trap table, vCPU context. */
#include "../xen.h"

#ifndef __XEN_PUBLIC_ARCH_X86_XEN_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_H__

#ifndef __ASSEMBLY__
#include <stdint.h>
#endif

/*
 * Guest handles: how a hypercall argument names guest memory. On x86-64 a
 * handle is 8 bytes, the guest virtual address, laid out exactly as Xen's
 * "struct { type *p; }". We make it a union of that pointer and a uint64_t:
 * guests keep writing .p (through set_xen_guest_handle()), while the
 * hypervisor reads .q and so never holds a dereferenceable guest pointer.
 * Size, alignment and offset are those of Xen's handle.
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type)				\
	typedef union { type *p; uint64_t q; } __guest_handle_ ## name
#define __DEFINE_XEN_GUEST_HANDLE(name, type)				\
	___DEFINE_XEN_GUEST_HANDLE(name, type);				\
	___DEFINE_XEN_GUEST_HANDLE(const_ ## name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name)	__DEFINE_XEN_GUEST_HANDLE(name, name)
#define __XEN_GUEST_HANDLE(name)	__guest_handle_ ## name
#define XEN_GUEST_HANDLE(name)		__XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_PARAM(name)	XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_64(name)	XEN_GUEST_HANDLE(name)
#define set_xen_guest_handle_raw(hnd, val)	do { (hnd).p = val; } while (0)
#define set_xen_guest_handle(hnd, val)	set_xen_guest_handle_raw(hnd, val)

#include "xen-x86_64.h"

#ifndef __ASSEMBLY__
typedef uint64_t xen_pfn_t;		/* a machine or pseudo-physical frame */
#define PRI_xen_pfn	"lx"
#define PRIu_xen_pfn	"lu"
#endif

/* x86 PV guests get start_info and a software upcall mask. */
#define XEN_HAVE_PV_GUEST_ENTRY	1
#define XEN_HAVE_PV_UPCALL_MASK	1

/* GDT pages from 14 on belong to the hypervisor (the flat selectors). */
#define FIRST_RESERVED_GDT_PAGE		14
#define FIRST_RESERVED_GDT_BYTE		(FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY	(FIRST_RESERVED_GDT_BYTE / 8)

/* vcpu_info slots in shared_info; more vCPUs need VCPUOP_register_vcpu_info. */
#define XEN_LEGACY_MAX_VCPUS	32

#ifndef __ASSEMBLY__
typedef uint64_t xen_ulong_t;		/* a guest word */
#define PRI_xen_ulong	"lx"

/*
 * One virtual IDT entry for set_trap_table. flags bits 1:0 are the lowest
 * privilege that may raise the vector with "int n"; bit 2 masks events on
 * entry. A table ends at the first entry whose address is 0.
 */
#define TI_GET_DPL(_ti)		((_ti)->flags & 3)
#define TI_GET_IF(_ti)		((_ti)->flags & 4)
#define TI_SET_DPL(_ti, _dpl)	((_ti)->flags |= (_dpl))
#define TI_SET_IF(_ti, _if)	((_ti)->flags |= ((!!(_if)) << 2))
struct trap_info {
	uint8_t vector;
	uint8_t flags;
	uint16_t cs;		/* code selector of the handler */
	uint32_t _xpad0;
	uint64_t address;	/* handler entry point */
};
typedef struct trap_info trap_info_t;
DEFINE_XEN_GUEST_HANDLE(trap_info_t);

typedef uint64_t tsc_timestamp_t;

/*
 * Full register state of a PV vCPU: VCPUOP_initialise, and domctl's
 * get/set vcpucontext.
 */
struct vcpu_guest_context {
	struct { char x[512]; } fpu_ctxt;	/* FXSAVE image */
	uint64_t flags;				/* VGCF_* */
	struct cpu_user_regs user_regs;
	struct trap_info trap_ctxt[256];	/* the virtual IDT */
	uint64_t ldt_base;
	uint64_t ldt_ents;
	uint64_t gdt_frames[16];		/* MFNs */
	uint64_t gdt_ents;
	uint64_t kernel_ss;			/* see stack_switch */
	uint64_t kernel_sp;
	uint64_t ctrlreg[8];			/* CR3 holds an MFN << 12 */
	uint64_t debugreg[8];
	uint64_t event_callback_eip;
	uint64_t failsafe_callback_eip;
	uint64_t syscall_callback_eip;
	uint64_t vm_assist;			/* VMASST_TYPE_* bitmap */
	uint64_t fs_base;
	uint64_t gs_base_kernel;
	uint64_t gs_base_user;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_guest_context_t);
#endif

/* vcpu_guest_context.flags */
#define VGCF_I387_VALID			(1 << 0)
#define VGCF_IN_KERNEL			(1 << 2)
#define _VGCF_i387_valid		0
#define VGCF_i387_valid			(1 << _VGCF_i387_valid)
#define _VGCF_in_kernel			2
#define VGCF_in_kernel			(1 << _VGCF_in_kernel)
#define _VGCF_failsafe_disables_events	3
#define VGCF_failsafe_disables_events	(1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events	4
#define VGCF_syscall_disables_events	(1 << _VGCF_syscall_disables_events)
#define _VGCF_online			5
#define VGCF_online			(1 << _VGCF_online)

#ifndef __ASSEMBLY__
/* Guest-written P2M description in shared_info, for save/restore tools. */
struct arch_shared_info {
	uint64_t max_pfn;
	xen_pfn_t pfn_to_mfn_frame_list_list;	/* 3-level P2M tree root */
	uint64_t nmi_reason;
	uint64_t p2m_cr3;			/* virtual P2M, see SIF_VIRT_P2M_4TOOLS */
	uint64_t p2m_vaddr;
	uint64_t p2m_generation;
};
typedef struct arch_shared_info arch_shared_info_t;

/* One CPUID leaf of a domain's policy. */
typedef struct xen_cpuid_leaf {
	uint32_t leaf;
	uint32_t subleaf;		/* XEN_CPUID_NO_SUBLEAF if none */
	uint32_t a;
	uint32_t b;
	uint32_t c;
	uint32_t d;
} xen_cpuid_leaf_t;
DEFINE_XEN_GUEST_HANDLE(xen_cpuid_leaf_t);
#define XEN_CPUID_NO_SUBLEAF	0xffffffffu

/* One MSR of a domain's policy. */
typedef struct xen_msr_entry {
	uint32_t idx;
	uint32_t flags;			/* must be zero */
	uint64_t val;
} xen_msr_entry_t;
DEFINE_XEN_GUEST_HANDLE(xen_msr_entry_t);

/*
 * What a domain emulates (HVM only: a PV domain has none) and its MSR
 * policy; getdomaininfo reports it.
 */
struct xen_arch_domainconfig {
#define _XEN_X86_EMU_LAPIC	0
#define XEN_X86_EMU_LAPIC	(1U << _XEN_X86_EMU_LAPIC)
#define _XEN_X86_EMU_HPET	1
#define XEN_X86_EMU_HPET	(1U << _XEN_X86_EMU_HPET)
#define _XEN_X86_EMU_PM		2
#define XEN_X86_EMU_PM		(1U << _XEN_X86_EMU_PM)
#define _XEN_X86_EMU_RTC	3
#define XEN_X86_EMU_RTC		(1U << _XEN_X86_EMU_RTC)
#define _XEN_X86_EMU_IOAPIC	4
#define XEN_X86_EMU_IOAPIC	(1U << _XEN_X86_EMU_IOAPIC)
#define _XEN_X86_EMU_PIC	5
#define XEN_X86_EMU_PIC		(1U << _XEN_X86_EMU_PIC)
#define _XEN_X86_EMU_VGA	6
#define XEN_X86_EMU_VGA		(1U << _XEN_X86_EMU_VGA)
#define _XEN_X86_EMU_IOMMU	7
#define XEN_X86_EMU_IOMMU	(1U << _XEN_X86_EMU_IOMMU)
#define _XEN_X86_EMU_PIT	8
#define XEN_X86_EMU_PIT		(1U << _XEN_X86_EMU_PIT)
#define _XEN_X86_EMU_USE_PIRQ	9
#define XEN_X86_EMU_USE_PIRQ	(1U << _XEN_X86_EMU_USE_PIRQ)
#define _XEN_X86_EMU_VPCI	10
#define XEN_X86_EMU_VPCI	(1U << _XEN_X86_EMU_VPCI)
	uint32_t emulation_flags;
#define XEN_X86_MSR_RELAXED	(1U << 0)
	uint32_t misc_flags;
};
#endif

/*
 * Forced emulation: "ud2; .ascii \"xen\"" before cpuid makes the hypervisor
 * emulate the instruction and apply the guest's CPUID policy.
 */
#ifdef __ASSEMBLY__
#define XEN_EMULATE_PREFIX	.byte 0x0f,0x0b,0x78,0x65,0x6e ;
#define XEN_CPUID		XEN_EMULATE_PREFIX cpuid
#else
#define XEN_EMULATE_PREFIX	".byte 0x0f,0x0b,0x78,0x65,0x6e ; "
#define XEN_CPUID		XEN_EMULATE_PREFIX "cpuid"
#endif

/* Port for HVM debug output; listed for completeness. */
#define XEN_HVM_DEBUGCONS_IOPORT	0xe9

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_H__ */
