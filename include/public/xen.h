/* SPDX-License-Identifier: MIT */
/* Core guest ABI: hypercall numbers, shared_info, start_info, common types. */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

/*
 * Shoji implements one interface version, the one Xen 4.17 calls latest.
 * A guest that asks for an older __XEN_INTERFACE_VERSION__ still gets the
 * current names and layouts (Xen would give it the historical ones).
 */
#define __XEN_LATEST_INTERFACE_VERSION__ 0x00040e00
#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#endif

#include "arch-x86/xen.h"

#ifndef __ASSEMBLY__
/* Handles to the basic types; the arrays of hypercall arguments use these. */
DEFINE_XEN_GUEST_HANDLE(char);
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
DEFINE_XEN_GUEST_HANDLE(int);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);

/* Size of a trailing variable-length array, for each language mode. */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define XEN_FLEX_ARRAY_DIM
#elif defined(__GNUC__)
#define XEN_FLEX_ARRAY_DIM 0
#else
#define XEN_FLEX_ARRAY_DIM 1
#endif

/* Typed integer constants that stay plain numbers in assembly. */
#define __xen_mk_uint(x)	x ## U
#define __xen_mk_ulong(x)	x ## UL
#ifndef __xen_mk_ullong
#define __xen_mk_ullong(x)	x ## ULL
#endif
#define xen_mk_uint(x)		__xen_mk_uint(x)
#define xen_mk_ulong(x)		__xen_mk_ulong(x)
#define xen_mk_ullong(x)	__xen_mk_ullong(x)
#else
#define xen_mk_uint(x)		x
#define xen_mk_ulong(x)		x
#define xen_mk_ullong(x)	x
#endif

/*
 * Hypercall numbers: slot N of the hypercall page, or %eax for a direct
 * syscall. Append-only; a retired number is never reused.
 */
#define __HYPERVISOR_set_trap_table			0
#define __HYPERVISOR_mmu_update				1
#define __HYPERVISOR_set_gdt				2
#define __HYPERVISOR_stack_switch			3
#define __HYPERVISOR_set_callbacks			4
#define __HYPERVISOR_fpu_taskswitch			5
#define __HYPERVISOR_sched_op_compat			6
#define __HYPERVISOR_platform_op			7
#define __HYPERVISOR_set_debugreg			8
#define __HYPERVISOR_get_debugreg			9
#define __HYPERVISOR_update_descriptor			10
/* 11 is unused */
#define __HYPERVISOR_memory_op				12
#define __HYPERVISOR_multicall				13
#define __HYPERVISOR_update_va_mapping			14
#define __HYPERVISOR_set_timer_op			15
#define __HYPERVISOR_event_channel_op_compat		16
#define __HYPERVISOR_xen_version			17
#define __HYPERVISOR_console_io				18
#define __HYPERVISOR_physdev_op_compat			19
#define __HYPERVISOR_grant_table_op			20
#define __HYPERVISOR_vm_assist				21
#define __HYPERVISOR_update_va_mapping_otherdomain	22
#define __HYPERVISOR_iret				23
#define __HYPERVISOR_vcpu_op				24
#define __HYPERVISOR_set_segment_base			25
#define __HYPERVISOR_mmuext_op				26
#define __HYPERVISOR_xsm_op				27
#define __HYPERVISOR_nmi_op				28
#define __HYPERVISOR_sched_op				29
#define __HYPERVISOR_callback_op			30
#define __HYPERVISOR_xenoprof_op			31
#define __HYPERVISOR_event_channel_op			32
#define __HYPERVISOR_physdev_op				33
#define __HYPERVISOR_hvm_op				34
#define __HYPERVISOR_sysctl				35
#define __HYPERVISOR_domctl				36
#define __HYPERVISOR_kexec_op				37
#define __HYPERVISOR_tmem_op				38
#define __HYPERVISOR_argo_op				39
#define __HYPERVISOR_xenpmu_op				40
#define __HYPERVISOR_dm_op				41
#define __HYPERVISOR_hypfs_op				42
/* 43..47 are unused */
#define __HYPERVISOR_arch_0				48
#define __HYPERVISOR_arch_1				49
#define __HYPERVISOR_arch_2				50
#define __HYPERVISOR_arch_3				51
#define __HYPERVISOR_arch_4				52
#define __HYPERVISOR_arch_5				53
#define __HYPERVISOR_arch_6				54
#define __HYPERVISOR_arch_7				55

/* Virtual interrupts, bound to event channels with EVTCHNOP_bind_virq. */
#define VIRQ_TIMER	0	/* per vCPU: timer expired */
#define VIRQ_DEBUG	1	/* per vCPU: debug key pressed */
#define VIRQ_CONSOLE	2	/* global: hypervisor console input */
#define VIRQ_DOM_EXC	3	/* global: a domain crashed or shut down */
#define VIRQ_TBUF	4	/* global: trace buffer needs draining */
#define VIRQ_DEBUGGER	6	/* global: a domain paused for the debugger */
#define VIRQ_XENOPROF	7	/* per vCPU: profiling buffer */
#define VIRQ_CON_RING	8	/* global: hypervisor console ring has data */
#define VIRQ_PCPU_STATE	9	/* global: physical CPU state changed */
#define VIRQ_MEM_EVENT	10	/* global: memory event */
#define VIRQ_ARGO	11	/* Argo message */
#define VIRQ_ENOMEM	12	/* global: hypervisor heap is low */
#define VIRQ_XENPMU	13	/* per vCPU: PMU interrupt */
#define VIRQ_ARCH_0	16	/* x86: machine check */
#define VIRQ_ARCH_1	17
#define VIRQ_ARCH_2	18
#define VIRQ_ARCH_3	19
#define VIRQ_ARCH_4	20
#define VIRQ_ARCH_5	21
#define VIRQ_ARCH_6	22
#define VIRQ_ARCH_7	23
#define NR_VIRQS	24

/*
 * mmu_update: the low two bits of mmu_update.ptr select the command, the
 * rest is a machine address (of a PTE, or of the frame for M2P updates).
 */
#define MMU_NORMAL_PT_UPDATE		0
#define MMU_MACHPHYS_UPDATE		1
#define MMU_PT_UPDATE_PRESERVE_AD	2
#define MMU_PT_UPDATE_NO_TRANSLATE	3

/* mmuext_op commands (mmuext_op.cmd). */
#define MMUEXT_PIN_L1_TABLE		0
#define MMUEXT_PIN_L2_TABLE		1
#define MMUEXT_PIN_L3_TABLE		2
#define MMUEXT_PIN_L4_TABLE		3
#define MMUEXT_UNPIN_TABLE		4
#define MMUEXT_NEW_BASEPTR		5
#define MMUEXT_TLB_FLUSH_LOCAL		6
#define MMUEXT_INVLPG_LOCAL		7
#define MMUEXT_TLB_FLUSH_MULTI		8
#define MMUEXT_INVLPG_MULTI		9
#define MMUEXT_TLB_FLUSH_ALL		10
#define MMUEXT_INVLPG_ALL		11
#define MMUEXT_FLUSH_CACHE		12
#define MMUEXT_SET_LDT			13
#define MMUEXT_NEW_USER_BASEPTR		15
#define MMUEXT_CLEAR_PAGE		16
#define MMUEXT_COPY_PAGE		17
#define MMUEXT_FLUSH_CACHE_GLOBAL	18
#define MMUEXT_MARK_SUPER		19
#define MMUEXT_UNMARK_SUPER		20

#ifndef __ASSEMBLY__
/* One extended MMU operation; which union member is used depends on cmd. */
struct mmuext_op {
	uint32_t cmd;				/* MMUEXT_* */
	uint32_t _xpad0;
	union {
		xen_pfn_t mfn;			/* pin, unpin, baseptr, page ops */
		uint64_t linear_addr;		/* invlpg, set_ldt */
	} arg1;
	union {
		uint32_t nr_ents;		/* set_ldt */
		XEN_GUEST_HANDLE(const_void) vcpumask; /* *_MULTI */
		xen_pfn_t src_mfn;		/* copy_page */
	} arg2;
};
typedef struct mmuext_op mmuext_op_t;
DEFINE_XEN_GUEST_HANDLE(mmuext_op_t);
#endif

/*
 * update_va_mapping flags: bits 1:0 the flush kind, the rest the scope
 * (local, all vCPUs, or else the address of a vCPU bitmap).
 */
#define UVMF_NONE		(xen_mk_ulong(0) << 0)
#define UVMF_TLB_FLUSH		(xen_mk_ulong(1) << 0)
#define UVMF_INVLPG		(xen_mk_ulong(2) << 0)
#define UVMF_FLUSHTYPE_MASK	(xen_mk_ulong(3) << 0)
#define UVMF_MULTI		(xen_mk_ulong(0) << 2)
#define UVMF_LOCAL		(xen_mk_ulong(0) << 2)
#define UVMF_ALL		(xen_mk_ulong(1) << 2)

/* console_io commands. */
#define CONSOLEIO_write		0
#define CONSOLEIO_read		1

/* vm_assist commands and the assists a guest may turn on. */
#define VMASST_CMD_enable			0
#define VMASST_CMD_disable			1
#define VMASST_TYPE_4gb_segments		0
#define VMASST_TYPE_4gb_segments_notify		1
#define VMASST_TYPE_writable_pagetables		2
#define VMASST_TYPE_pae_extended_cr3		3
#define VMASST_TYPE_architectural_iopl		4
#define VMASST_TYPE_runstate_update_flag	5
#define VMASST_TYPE_m2p_strict			32

/* Domain ids at and above DOMID_FIRST_RESERVED name no real domain. */
#define DOMID_FIRST_RESERVED	xen_mk_uint(0x7FF0)
#define DOMID_SELF		xen_mk_uint(0x7FF0)	/* the caller */
#define DOMID_IO		xen_mk_uint(0x7FF1)	/* I/O memory owner */
#define DOMID_XEN		xen_mk_uint(0x7FF2)	/* hypervisor-owned */
#define DOMID_COW		xen_mk_uint(0x7FF3)	/* shared pages */
#define DOMID_INVALID		xen_mk_uint(0x7FF4)
#define DOMID_IDLE		xen_mk_uint(0x7FFF)
#define DOMID_MASK		xen_mk_uint(0x7FFF)

#ifndef __ASSEMBLY__
typedef uint16_t domid_t;

/* One page-table write or M2P update; see MMU_* above. */
struct mmu_update {
	uint64_t ptr;		/* machine address | MMU_* command */
	uint64_t val;		/* new PTE, or PFN for MMU_MACHPHYS_UPDATE */
};
typedef struct mmu_update mmu_update_t;
DEFINE_XEN_GUEST_HANDLE(mmu_update_t);

/* One hypercall of a multicall batch; result is written back. */
struct multicall_entry {
	xen_ulong_t op;
	xen_ulong_t result;
	xen_ulong_t args[6];
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);

/*
 * Per-vCPU time, written by the hypervisor. version is odd while an update
 * is in progress: read version, the fields, then version again, and retry
 * if it was odd or changed. Guest time in ns is
 *   system_time + (((tsc - tsc_timestamp) << tsc_shift) * mul) >> 32
 * with a negative tsc_shift meaning a right shift.
 */
struct vcpu_time_info {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;		/* TSC at the last update */
	uint64_t system_time;		/* ns since boot at tsc_timestamp */
	uint32_t tsc_to_system_mul;	/* 32.32 fixed-point multiplier */
	int8_t tsc_shift;
	uint8_t flags;			/* XEN_PVCLOCK_* */
	uint8_t pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;

#define XEN_PVCLOCK_TSC_STABLE_BIT	(1 << 0)
#define XEN_PVCLOCK_GUEST_STOPPED	(1 << 1)

/*
 * Per-vCPU event state. The hypervisor sets evtchn_upcall_pending and a
 * selector bit when a port becomes pending; the guest masks upcalls with
 * evtchn_upcall_mask (its virtual interrupt flag).
 */
struct vcpu_info {
	uint8_t evtchn_upcall_pending;
	uint8_t evtchn_upcall_mask;
	uint8_t _xpad0[6];
	xen_ulong_t evtchn_pending_sel;	/* bit i: word i of evtchn_pending */
	struct arch_vcpu_info arch;
	vcpu_time_info_t time;
};
typedef struct vcpu_info vcpu_info_t;

/*
 * The shared_info page, mapped by the guest at the machine address in
 * start_info.shared_info. wc_* is the wall clock at system time 0,
 * versioned like vcpu_time_info.
 */
struct shared_info {
	struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
	xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
	xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
	uint32_t wc_version;
	uint32_t wc_sec;
	uint32_t wc_nsec;
	uint32_t wc_sec_hi;		/* upper 32 bits of wc_sec */
	struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;
#define xen_wc_sec_hi wc_sec_hi

/*
 * Handed to a PV guest in %rsi at entry. Addresses are guest virtual unless
 * the name says mfn or machine; see XEN-ABI.md section 1.6 for the layout
 * the builder produces.
 */
#define MAX_GUEST_CMDLINE 1024
struct start_info {
	char magic[32];			/* "xen-<version>-x86_64" */
	uint64_t nr_pages;		/* pages of the domain */
	uint64_t shared_info;		/* machine address of shared_info */
	uint32_t flags;			/* SIF_* */
	uint32_t _xpad0;
	xen_pfn_t store_mfn;		/* xenstore ring */
	uint32_t store_evtchn;
	uint32_t _xpad1;
	union {
		struct {
			xen_pfn_t mfn;	/* console ring */
			uint32_t evtchn;
			uint32_t _xpad0;
		} domU;
		struct {
			uint32_t info_off;	/* dom0_vga_console_info */
			uint32_t info_size;
		} dom0;
	} console;
	uint64_t pt_base;		/* bootstrap L4 */
	uint64_t nr_pt_frames;
	uint64_t mfn_list;		/* the P2M array */
	uint64_t mod_start;		/* initrd (a PFN with SIF_MOD_START_PFN) */
	uint64_t mod_len;		/* initrd size in bytes */
	int8_t cmd_line[MAX_GUEST_CMDLINE];
	uint64_t first_p2m_pfn;		/* with XEN_ELFNOTE_INIT_P2M only */
	uint64_t nr_p2m_frames;
};
typedef struct start_info start_info_t;
#endif

/* start_info.flags */
#define SIF_PRIVILEGED		(1 << 0)	/* may use privileged ops */
#define SIF_INITDOMAIN		(1 << 1)	/* this is dom0 */
#define SIF_MULTIBOOT_MOD	(1 << 2)	/* mod_start: multiboot modules */
#define SIF_MOD_START_PFN	(1 << 3)	/* mod_start is a PFN */
#define SIF_VIRT_P2M_4TOOLS	(1 << 4)	/* tools use the virtual P2M */
#define SIF_PM_MASK		(0xFF << 8)	/* power-management bits */

#ifndef __ASSEMBLY__
/* One entry of the module list a dom0 gets with SIF_MULTIBOOT_MOD. */
struct xen_multiboot_mod_list {
	uint32_t mod_start;	/* PFN-relative byte offsets */
	uint32_t mod_end;
	uint32_t cmdline;
	uint32_t pad;
};

/* dom0's boot console, at start_info + console.dom0.info_off. */
typedef struct dom0_vga_console_info {
	uint8_t video_type;	/* XEN_VGATYPE_* */
	uint8_t _xpad0[3];
	union {
		struct {
			uint16_t font_height;
			uint16_t cursor_x;
			uint16_t cursor_y;
			uint16_t rows;
			uint16_t columns;
		} text_mode_3;
		struct {
			uint16_t width;
			uint16_t height;
			uint16_t bytes_per_line;
			uint16_t bits_per_pixel;
			uint32_t lfb_base;
			uint32_t lfb_size;
			uint8_t red_pos;
			uint8_t red_size;
			uint8_t green_pos;
			uint8_t green_size;
			uint8_t blue_pos;
			uint8_t blue_size;
			uint8_t rsvd_pos;
			uint8_t rsvd_size;
			uint32_t gbl_caps;
			uint16_t mode_attrs;
			uint16_t pad;
			uint32_t ext_lfb_base;	/* bits 63:32 of lfb_base */
		} vesa_lfb;
	} u;
} dom0_vga_console_info_t;
#define xen_vga_console_info	dom0_vga_console_info
#define xen_vga_console_info_t	dom0_vga_console_info_t
#endif

#define XEN_VGATYPE_TEXT_MODE_3	0x03
#define XEN_VGATYPE_VESA_LFB	0x23
#define XEN_VGATYPE_EFI_LFB	0x70

#ifndef __ASSEMBLY__
typedef uint8_t xen_domain_handle_t[16];

__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint16, uint16_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);

/*
 * A CPU (or node) set for domctl and sysctl: bit i of the map is byte
 * i / 8, bit i % 8; nr_bits says how many bits the caller's buffer holds.
 */
struct xenctl_bitmap {
	XEN_GUEST_HANDLE_64(uint8) bitmap;
	uint32_t nr_bits;
	uint32_t _xpad0;
};
typedef struct xenctl_bitmap xenctl_bitmap_t;

typedef struct {
	uint8_t a[16];
} xen_uuid_t;

/* A xen_uuid_t initializer from the usual 8-4-4-4-12 hex groups. */
#define XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6)		\
	{ { ((a) >> 24) & 0xFF, ((a) >> 16) & 0xFF,			\
	    ((a) >> 8) & 0xFF, (a) & 0xFF,				\
	    ((b) >> 8) & 0xFF, (b) & 0xFF,				\
	    ((c) >> 8) & 0xFF, (c) & 0xFF,				\
	    ((d) >> 8) & 0xFF, (d) & 0xFF,				\
	    e1, e2, e3, e4, e5, e6 } }
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define XEN_DEFINE_UUID(a, b, c, d, e1, e2, e3, e4, e5, e6)		\
	((xen_uuid_t)XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6))
#else
#define XEN_DEFINE_UUID(a, b, c, d, e1, e2, e3, e4, e5, e6)		\
	XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6)
#endif
#endif

#endif /* __XEN_PUBLIC_XEN_H__ */
