/* SPDX-License-Identifier: MIT */
/*
 * The `abimm` command, CPU part: trap table, callbacks, the iret
 * hypercall, stack_switch, segment bases, lazy FPU switching, GDT and
 * descriptors, debug registers, vm_assist, the feature bits, and the
 * instructions a ring-3 PV kernel executes that Xen emulates (cpuid with
 * and without the forced-emulation prefix, rdmsr/wrmsr, reads of control
 * registers, clts, wbinvd, port I/O). Expected values: Xen 4.17, 64-bit
 * PV dom0 (see abimm.c).
 */
#include <string.h>
#include <public/callback.h>
#include <public/errno.h>
#include <public/physdev.h>
#include <public/version.h>
#include <guest/abimm.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/traps.h>
#include <guest/user.h>

#define HV_VA		0xffff830000000000UL
#define NONCANONICAL	0x800000000000UL
#define MSR_FS_BASE	0xc0000100
#define MSR_GS_BASE	0xc0000101
#define MSR_SHADOW_GS	0xc0000102
#define MSR_UNKNOWN	0x12345678
#define GP_VECTOR	13
#define NM_VECTOR	7
#define UD_VECTOR	6


static int rdmsr_probe(uint32_t msr, uint64_t *val)
{
	uint32_t lo = 0, hi = 0;

	trap_clear();
	__asm__ volatile("1: rdmsr\n2:\n\t" EXTABLE(1b, 2b)
			 : "+a" (lo), "+d" (hi) : "c" (msr) : "memory");
	*val = (uint64_t)hi << 32 | lo;
	return trap_vector();
}

static int wrmsr_probe(uint32_t msr, uint64_t val)
{
	trap_clear();
	__asm__ volatile("1: wrmsr\n2:\n\t" EXTABLE(1b, 2b)
			 : : "c" (msr), "a" ((uint32_t)val),
			   "d" ((uint32_t)(val >> 32)) : "memory");
	return trap_vector();
}

struct cpuid_regs {
	uint32_t a, b, c, d;
};

static int cpuid_probe(uint32_t leaf, bool forced, struct cpuid_regs *r)
{
	r->a = leaf;
	r->b = r->c = r->d = 0;
	trap_clear();
	if (forced)
		__asm__ volatile("1: " XEN_CPUID "\n2:\n\t" EXTABLE(1b, 2b)
				 : "+a" (r->a), "+b" (r->b), "+c" (r->c),
				   "+d" (r->d) : : "memory");
	else
		__asm__ volatile("1: cpuid\n2:\n\t" EXTABLE(1b, 2b)
				 : "+a" (r->a), "+b" (r->b), "+c" (r->c),
				   "+d" (r->d) : : "memory");
	return trap_vector();
}

#define READ_CR(n, val)							\
	({ trap_clear();						\
	   __asm__ volatile("1: mov %%cr" #n ", %0\n2:\n\t"		\
			    EXTABLE(1b, 2b) : "+r" (val) : : "memory");	\
	   trap_vector(); })

#define PROBE_INSN(insn)						\
	({ trap_clear();						\
	   __asm__ volatile("1: " insn "\n2:\n\t" EXTABLE(1b, 2b)	\
			    : : : "memory", "rax");			\
	   trap_vector(); })

static void test_traps(struct check *c)
{
	struct trap_info t[2] = {
		{ .vector = 200, .cs = FLAT_KERNEL_CS,
		  .address = NONCANONICAL },
	};
	struct callback_register cb = {
		.type = CALLBACKTYPE_event,
		.address = (uint64_t)event_callback,
	};
	struct callback_unregister un = { .type = CALLBACKTYPE_event };

	check_eq(c, "set_trap_table (ours again)", traps_init(), 0);
	check_eq(c, "set_trap_table non-canonical handler",
		 hypercall_set_trap_table(t), -XEN_EINVAL);
	t[0].address = HV_VA;
	/* Xen accepts it (the guest then faults forever); Shoji refuses. */
	check_eq(c, "set_trap_table handler in Xen's range (vector 200)",
		 hypercall_set_trap_table(t), on_shoji() ? -XEN_EINVAL : 0);
	check_eq(c, "set_trap_table bad pointer",
		 hypercall_set_trap_table((void *)HV_VA), -XEN_EFAULT);
	/* Xen 4.17 does not check callback addresses; Shoji does. */
	check_eq(c, "set_callbacks non-canonical event",
		 hypercall_set_callbacks(NONCANONICAL,
					 (uint64_t)failsafe_callback, 0),
		 on_shoji() ? -XEN_EINVAL : 0);
	check_eq(c, "set_callbacks (ours)", hypercall_set_callbacks(
		 (uint64_t)event_callback, (uint64_t)failsafe_callback, 0), 0);
	check_eq(c, "callback_op register event",
		 hypercall_callback_op(CALLBACKOP_register, &cb), 0);
	cb.type = 99;
	check_eq(c, "callback_op register type 99",
		 hypercall_callback_op(CALLBACKOP_register, &cb), -XEN_ENOSYS);
	cb.type = CALLBACKTYPE_nmi;
	check_eq(c, "callback_op register NMI",
		 hypercall_callback_op(CALLBACKOP_register, &cb), 0);
	check_eq(c, "callback_op unregister event",
		 hypercall_callback_op(CALLBACKOP_unregister, &un),
		 -XEN_EINVAL);
	un.type = CALLBACKTYPE_nmi;
	check_eq(c, "callback_op unregister NMI",
		 hypercall_callback_op(CALLBACKOP_unregister, &un), 0);
	cb.type = CALLBACKTYPE_syscall;
	cb.flags = CALLBACKF_mask_events;
	cb.address = (uint64_t)syscall_callback;
	check_eq(c, "callback_op register syscall masking events",
		 hypercall_callback_op(CALLBACKOP_register, &cb), 0);
	cb.flags = 0;
	check_eq(c, "callback_op register syscall",
		 hypercall_callback_op(CALLBACKOP_register, &cb), 0);
	check_eq(c, "callback_op NULL",
		 hypercall_callback_op(CALLBACKOP_register, NULL), -XEN_EFAULT);
	check_eq(c, "callback_op unknown command",
		 hypercall_callback_op(99, &cb), -XEN_ENOSYS);
}

static struct ctx iret_ctx;
static uint64_t iret_cs_seen;
static uint8_t iret_stack[4096] __attribute__((aligned(16)));

static void __attribute__((noreturn)) iret_landing(void)
{
	uint16_t cs;

	__asm__ volatile("movw %%cs, %0" : "=r" (cs));
	iret_cs_seen = cs;
	ctx_resume(&iret_ctx, 2);
}

/* 2: iret landed; 1: failsafe callback. */
static int iret_try(uint64_t cs, uint64_t ss)
{
	int v = ctx_save(&iret_ctx);

	if (v)
		return v;
	recover_ctx = &iret_ctx;
	iret_to((uint64_t)iret_landing, cs, 0x2,
		(uint64_t)iret_stack + sizeof(iret_stack) - 8, ss);
}

static void test_iret(struct check *c)
{
	check_eq(c, "iret to kernel mode, RPL-0 CS", iret_try(FLAT_KERNEL_CS &
		 ~3UL, FLAT_KERNEL_SS), 2);
	recover_ctx = NULL;
	check_eq(c, "iret forced RPL 3 on CS", iret_cs_seen, FLAT_KERNEL_CS);
	check_eq(c, "iret to user mode and syscall back (usermode)",
		 user_demo(), 0);
	check_eq(c, "stack_switch", hypercall_stack_switch(FLAT_KERNEL_SS,
		 (uint64_t)iret_stack + sizeof(iret_stack)), 0);
}

static void test_segments(struct check *c)
{
	uint64_t v = 0;

	check_eq(c, "set_segment_base FS",
		 hypercall_set_segment_base(SEGBASE_FS, 0x1000), 0);
	check_eq(c, "rdmsr FS_BASE emulated", rdmsr_probe(MSR_FS_BASE, &v),
		 TRAP_NONE);
	check_eq(c, "rdmsr FS_BASE value", v, 0x1000);
	check_eq(c, "wrmsr FS_BASE emulated", wrmsr_probe(MSR_FS_BASE, 0x2000),
		 TRAP_NONE);
	rdmsr_probe(MSR_FS_BASE, &v);
	check_eq(c, "rdmsr FS_BASE after wrmsr", v, 0x2000);
	check_eq(c, "wrmsr FS_BASE non-canonical",
		 wrmsr_probe(MSR_FS_BASE, NONCANONICAL), GP_VECTOR);
	check_eq(c, "wrmsr GS_BASE", wrmsr_probe(MSR_GS_BASE, 0), TRAP_NONE);
	check_eq(c, "wrmsr SHADOW_GS_BASE", wrmsr_probe(MSR_SHADOW_GS, 0),
		 TRAP_NONE);
	check_eq(c, "rdmsr unknown MSR raises #GP",
		 rdmsr_probe(MSR_UNKNOWN, &v), GP_VECTOR);
	check_eq(c, "wrmsr unknown MSR raises #GP",
		 wrmsr_probe(MSR_UNKNOWN, 0), GP_VECTOR);
	check_eq(c, "set_segment_base FS 0",
		 hypercall_set_segment_base(SEGBASE_FS, 0), 0);
	check_eq(c, "set_segment_base GS_KERNEL",
		 hypercall_set_segment_base(SEGBASE_GS_KERNEL, 0), 0);
	check_eq(c, "set_segment_base GS_USER",
		 hypercall_set_segment_base(SEGBASE_GS_USER, 0), 0);
	check_eq(c, "set_segment_base GS_USER_SEL 0",
		 hypercall_set_segment_base(SEGBASE_GS_USER_SEL, 0), 0);
	check_eq(c, "set_segment_base non-canonical",
		 hypercall_set_segment_base(SEGBASE_FS, NONCANONICAL),
		 -XEN_EINVAL);
	check_eq(c, "set_segment_base unknown which",
		 hypercall_set_segment_base(99, 0), -XEN_EINVAL);
}

static void test_fpu(struct check *c)
{
	check_eq(c, "fpu_taskswitch set", hypercall_fpu_taskswitch(1), 0);
	check_eq(c, "fninit with TS set raises #NM", PROBE_INSN("fninit"),
		 NM_VECTOR);
	check_eq(c, "fninit after #NM", PROBE_INSN("fninit"), TRAP_NONE);
	check_eq(c, "fpu_taskswitch set again", hypercall_fpu_taskswitch(1),
		 0);
	check_eq(c, "clts emulated", PROBE_INSN("clts"), TRAP_NONE);
	check_eq(c, "fninit after clts", PROBE_INSN("fninit"), TRAP_NONE);
	check_eq(c, "fpu_taskswitch clear", hypercall_fpu_taskswitch(0), 0);
}

static long desc_update(const void *va, uint64_t desc)
{
	return hypercall_update_descriptor(virt_to_machine(va), desc);
}

static void test_descriptors(struct check *c)
{
	uint64_t *g = page_alloc(), *w = page_alloc(), pte;
	uint64_t frame, l1;

	check_eq(c, "update_descriptor on a plain page",
		 desc_update(&w[1], DESC_CODE3), 0);
	check_eq(c, "update_descriptor wrote it", w[1], DESC_CODE3);
	check_eq(c, "update_descriptor misaligned",
		 desc_update((uint8_t *)&w[1] + 4, DESC_CODE3), -XEN_EINVAL);
	check_eq(c, "update_descriptor TSS", desc_update(&w[2], DESC_TSS),
		 -XEN_EINVAL);
	check_eq(c, "update_descriptor ring-0 code", desc_update(&w[3],
		 DESC_CODE0), 0);
	printk("abimm: ring-0 code descriptor stored as %#lx\n", w[3]);
	check_eq(c, "update_descriptor call gate to kernel CS",
		 desc_update(&w[4], DESC_GATE(FLAT_KERNEL_CS, 3)), 0);
	printk("abimm: call gate stored as %#lx\n", w[4]);
	check_eq(c, "update_descriptor call gate to guest selector 0x8",
		 desc_update(&w[6], DESC_GATE(0x0008, 3)), 0);
	check_eq(c, "update_descriptor call gate to Xen's ring-0 CS 0xe008",
		 desc_update(&w[8], DESC_GATE(0xe008, 3)), -XEN_EINVAL);
	l1 = mm_entry_machine((uint64_t)w, 2, &pte);
	check_eq(c, "update_descriptor in a page table",
		 hypercall_update_descriptor(pte & PTE_ADDR_MASK, DESC_CODE3),
		 -XEN_EINVAL);
	(void)l1;
	check_eq(c, "update_descriptor Xen frame", hypercall_update_descriptor(
		 xen_mfn << PAGE_SHIFT, DESC_CODE3), -XEN_EINVAL);
	g[1] = DESC_CODE0;
	mm_make_ro(g);
	frame = virt_to_mfn(g);
	check_eq(c, "set_gdt one frame", hypercall_set_gdt(&frame, 512), 0);
	printk("abimm: set_gdt kept ring-0 code descriptor as %#lx\n", g[1]);
	check_eq(c, "update_descriptor in the GDT", desc_update(&g[2],
		 DESC_CODE3), 0);
	check_eq(c, "GDT page cannot be mapped writable", mm_make_rw(g),
		 -XEN_EBUSY);
	frame = virt_to_mfn(w);
	check_eq(c, "set_gdt writable frame", hypercall_set_gdt(&frame, 512),
		 -XEN_EINVAL);
	check_eq(c, "set_gdt too many entries", hypercall_set_gdt(&frame,
		 14 * 512 + 1), -XEN_EINVAL);
	check_eq(c, "set_gdt bad pointer",
		 hypercall_set_gdt((void *)HV_VA, 512), -XEN_EFAULT);
	frame = xen_mfn;
	check_eq(c, "set_gdt Xen frame", hypercall_set_gdt(&frame, 512),
		 -XEN_EINVAL);
	w[5] = DESC_TSS;
	mm_make_ro(w);
	frame = virt_to_mfn(w);
	check_eq(c, "set_gdt with a TSS descriptor",
		 hypercall_set_gdt(&frame, 512), -XEN_EINVAL);
	check_eq(c, "set_gdt none", hypercall_set_gdt(&frame, 0), 0);
	check_eq(c, "old GDT frame writable again", mm_make_rw(g), 0);
	mm_make_rw(w);
	page_free(g);
	page_free(w);
}

static void test_debugreg(struct check *c)
{
	check_eq(c, "set_debugreg DR0", hypercall_set_debugreg(0, VIRT_BASE),
		 0);
	check_eq(c, "get_debugreg DR0", hypercall_get_debugreg(0) ==
		 (long)VIRT_BASE, 1);
	check_eq(c, "set_debugreg DR0 in Xen's range",
		 hypercall_set_debugreg(0, HV_VA), -XEN_EPERM);
	check_eq(c, "set_debugreg DR0 0", hypercall_set_debugreg(0, 0), 0);
	check_eq(c, "set_debugreg DR7", hypercall_set_debugreg(7, 0x400), 0);
	check_eq(c, "get_debugreg DR7", hypercall_get_debugreg(7), 0x400);
	check_eq(c, "set_debugreg DR8", hypercall_set_debugreg(8, 0),
		 -XEN_ENODEV);
	check_eq(c, "get_debugreg DR8", hypercall_get_debugreg(8),
		 -XEN_ENODEV);
}

static long features(void)
{
	struct xen_feature_info fi = { .submap_idx = 0 };

	hypercall_xen_version(XENVER_get_features, &fi);
	return fi.submap;
}

static void test_vm_assist(struct check *c)
{
	long f = features();

	printk("abimm: get_features submap 0 = %#lx\n", f);
	check_eq(c, "features: dom0", !!(f & (1 << XENFEAT_dom0)), 1);
	check_eq(c, "features: no auto_translated_physmap",
		 !!(f & (1 << XENFEAT_auto_translated_physmap)), 0);
	check_eq(c, "features: no supervisor_mode_kernel",
		 !!(f & (1 << XENFEAT_supervisor_mode_kernel)), 0);
	check_eq(c, "features: no hvm_callback_vector",
		 !!(f & (1 << XENFEAT_hvm_callback_vector)), 0);
	check_eq(c, "features: mmu_pt_update_preserve_ad",
		 !!(f & (1 << XENFEAT_mmu_pt_update_preserve_ad)), 1);
	check_eq(c, "vm_assist enable writable_pagetables",
		 hypercall_vm_assist(VMASST_CMD_enable,
				     VMASST_TYPE_writable_pagetables), 0);
	/* Xen 4.17 reports writable_page_tables only to HVM guests. */
	check_eq(c, "features: writable_page_tables after vm_assist",
		 !!(features() & (1 << XENFEAT_writable_page_tables)), 0);
	check_eq(c, "vm_assist disable writable_pagetables",
		 hypercall_vm_assist(VMASST_CMD_disable,
				     VMASST_TYPE_writable_pagetables), 0);
	check_eq(c, "vm_assist enable pae_extended_cr3", hypercall_vm_assist(
		 VMASST_CMD_enable, VMASST_TYPE_pae_extended_cr3), 0);
	check_eq(c, "features: pae_pgdir_above_4gb after vm_assist",
		 !!(features() & (1 << XENFEAT_pae_pgdir_above_4gb)), 1);
	check_eq(c, "vm_assist disable pae_extended_cr3", hypercall_vm_assist(
		 VMASST_CMD_disable, VMASST_TYPE_pae_extended_cr3), 0);
	check_eq(c, "vm_assist enable m2p_strict", hypercall_vm_assist(
		 VMASST_CMD_enable, VMASST_TYPE_m2p_strict), 0);
	check_eq(c, "vm_assist disable m2p_strict", hypercall_vm_assist(
		 VMASST_CMD_disable, VMASST_TYPE_m2p_strict), 0);
	check_eq(c, "vm_assist unknown type", hypercall_vm_assist(
		 VMASST_CMD_enable, 31), -XEN_EINVAL);
	check_eq(c, "vm_assist unknown command", hypercall_vm_assist(7,
		 VMASST_TYPE_writable_pagetables), -XEN_ENOSYS);
}

static void test_cpuid(struct check *c)
{
	struct cpuid_regs r;
	char sig[13];

	check_eq(c, "cpuid leaf 0", cpuid_probe(0, false, &r), TRAP_NONE);
	check_eq(c, "forced cpuid leaf 0x40000000",
		 cpuid_probe(0x40000000, true, &r), TRAP_NONE);
	memcpy(sig, &r.b, 4);
	memcpy(sig + 4, &r.c, 4);
	memcpy(sig + 8, &r.d, 4);
	sig[12] = '\0';
	printk("abimm: forced cpuid 0x40000000: eax %#x signature \"%s\"\n",
	       r.a, sig);
	check_eq(c, "cpuid signature XenVMMXenVMM",
		 strcmp(sig, "XenVMMXenVMM"), 0);
	cpuid_probe(0x40000001, true, &r);
	check_eq(c, "forced cpuid 0x40000001 version", r.a, (4 << 16) | 17);
	cpuid_probe(1, true, &r);
	check_eq(c, "forced cpuid 1 hypervisor bit", r.c >> 31, 1);
	cpuid_probe(0x40000000, false, &r);
	printk("abimm: native cpuid 0x40000000: eax %#x ebx %#x (%s)\n", r.a,
	       r.b, r.b == 0x566e6558 ? "faulted and emulated by Xen" :
	       "not intercepted: CPUID faulting unavailable");
}

static void test_privileged(struct check *c)
{
	uint64_t v = 0;
	uint64_t dummy, port_val;

	check_eq(c, "mov from CR0 emulated", READ_CR(0, v), TRAP_NONE);
	check_eq(c, "CR0 has PE and PG", (v & 0x80000001) == 0x80000001, 1);
	check_eq(c, "mov from CR3 emulated", READ_CR(3, v), TRAP_NONE);
	check_eq(c, "CR3 is our L4", v == mm_kernel_l4_mfn() << PAGE_SHIFT, 1);
	trap_verbose = false;
	probe_read64((void *)0x2000, &dummy);
	trap_verbose = true;
	check_eq(c, "mov from CR2 emulated", READ_CR(2, v), TRAP_NONE);
	check_eq(c, "CR2 holds the last fault address", v, 0x2000);
	check_eq(c, "mov from CR4 emulated", READ_CR(4, v), TRAP_NONE);
	printk("abimm: cr4 %#lx\n", v);
	check_eq(c, "wbinvd emulated", PROBE_INSN("wbinvd"), TRAP_NONE);
	check_eq(c, "inb port 0x80 at IOPL 0 raises #GP",
		 PROBE_INSN("inb $0x80, %%al"), GP_VECTOR);
	check_eq(c, "physdev_op set_iopl 1", hypercall_physdev_op(
		 PHYSDEVOP_set_iopl, &(struct physdev_set_iopl){ 1 }), 0);
	check_eq(c, "inb port 0x80 at virtual IOPL 1",
		 PROBE_INSN("inb $0x80, %%al"), TRAP_NONE);
	check_eq(c, "outb port 0x80 at virtual IOPL 1",
		 PROBE_INSN("outb %%al, $0x80"), TRAP_NONE);
	trap_clear();
	__asm__ volatile("1: inb %%dx, %%al\n2:\n\t" EXTABLE(1b, 2b)
			 : "=a" (port_val) : "d" (0x3fb), "0" (0x5a) : "memory");
	check_eq(c, "inb Xen's serial port 0x3fb", trap_vector(), TRAP_NONE);
	check_eq(c, "inb Xen's serial port reads all ones", port_val & 0xff,
		 0xff);
	hypercall_physdev_op(PHYSDEVOP_set_iopl,
			     &(struct physdev_set_iopl){ 0 });
	check_eq(c, "lidt raises #GP", PROBE_INSN("lidt (%%rsp)"), GP_VECTOR);
	check_eq(c, "hypervisor-only instruction ud2 raises #UD",
		 PROBE_INSN("ud2"), UD_VECTOR);
}

void abicpu_run(struct check *c)
{
	test_traps(c);
	test_iret(c);
	test_segments(c);
	test_fpu(c);
	test_descriptors(c);
	test_debugreg(c);
	test_vm_assist(c);
	test_cpuid(c);
	test_privileged(c);
}
