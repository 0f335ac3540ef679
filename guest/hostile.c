/* SPDX-License-Identifier: MIT */
/*
 * The `hostile` command: a guest that attacks the hypervisor's memory
 * and CPU checks. Every attempt below is one Xen 4.17 refuses (or, for a
 * privileged dom0, allows in a harmless way: noted at the case); an
 * attempt passes when the result is exactly Xen's. Then a long run of
 * random requests (hostile_random.c), and a check that our reservation
 * and free pages are what they were. The hypervisor must stay up and
 * the guest must be able to go on: attacks only ever touch scratch
 * pages, Xen's slots, frames that are not ours, or are undone at once.
 * Lines: "hostile: <case>: PASS|FAIL...", "hostile: N passed, N failed".
 */
#include <string.h>
#include <public/callback.h>
#include <public/errno.h>
#include <public/memory.h>
#include <guest/abimm.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/traps.h>

#define HV_VA		0xffff830000000000UL
#define NONCANONICAL	0x800000000000UL
#define PF_VECTOR	14
#define XEN_FRAME	(~0UL)
#define BEYOND_RAM	(~1UL)

/* The kernel's mapping of the entry at machine address ma (one of ours). */
static uint64_t *entry_virt(uint64_t ma)
{
	return (uint64_t *)((uint8_t *)pfn_to_virt(mfn_to_pfn(ma >> PAGE_SHIFT))
			    + (ma & ~PAGE_MASK));
}

static int quiet_write(volatile void *p, uint64_t v)
{
	int vec;

	trap_verbose = false;
	vec = probe_write64(p, v);
	trap_verbose = true;
	return vec;
}

static void attack_direct_writes(struct check *c)
{
	uint8_t *s = page_alloc();
	uint64_t mfn = virt_to_mfn(s), pte;
	uint64_t l1e = mm_l1e_machine((uint64_t)s, NULL);
	uint64_t *e = entry_virt(l1e);
	uint64_t l1_mfn, *l4e;

	mm_entry_machine((uint64_t)s, 2, &pte);
	l1_mfn = pte_mfn(pte);
	l4e = entry_virt((mm_kernel_l4_mfn() << PAGE_SHIFT) + 300 * 8);
	/*
	 * Xen 4.17 emulates writes to a PV guest's L1 tables whether or not
	 * the guest asked for the assist.
	 */
	check_eq(c, "vm_assist disable writable_pagetables",
		 hypercall_vm_assist(VMASST_CMD_disable,
				     VMASST_TYPE_writable_pagetables), 0);
	check_eq(c, "direct write to own L1 entry emulated even so",
		 quiet_write(e, pte_make(mfn, PTE_KERNEL_RW)), TRAP_NONE);
	check_eq(c, "vm_assist enable writable_pagetables",
		 hypercall_vm_assist(VMASST_CMD_enable,
				     VMASST_TYPE_writable_pagetables), 0);
	check_eq(c, "writable page tables: good L1 write emulated",
		 quiet_write(e, pte_make(mfn, PTE_KERNEL_RO)), TRAP_NONE);
	check_eq(c, "writable page tables: entry now read-only",
		 !!(*e & PTE_RW), 0);
	check_eq(c, "writable page tables: L1 entry to Xen frame faults",
		 quiet_write(e, pte_make(xen_mfn, PTE_KERNEL_RW)), PF_VECTOR);
	check_eq(c, "writable page tables: L1 entry to a page table RW faults",
		 quiet_write(e, pte_make(l1_mfn, PTE_KERNEL_RW)), PF_VECTOR);
	/* Xen 4.17 accepts bit 62 in a PV L1 entry (and adds US, bit 52). */
	check_eq(c, "writable page tables: L1 entry with bit 62 accepted",
		 quiet_write(e, pte_make(mfn, PTE_KERNEL_RW) | 1UL << 62),
		 TRAP_NONE);
	check_eq(c, "writable page tables: L4 write faults",
		 quiet_write(l4e, pte_make(mm_kernel_l4_mfn(), PTE_P)),
		 PF_VECTOR);
	check_eq(c, "vm_assist disable writable_pagetables",
		 hypercall_vm_assist(VMASST_CMD_disable,
				     VMASST_TYPE_writable_pagetables), 0);
	check_eq(c, "own entry still maps our frame", pte_mfn(*e), mfn);
	mm_make_rw(s);
	page_free(s);
}

static void attack_writable_tables(struct check *c)
{
	uint8_t *s = page_alloc();
	uint64_t l1e = mm_l1e_machine((uint64_t)s, NULL), pte;
	uint64_t tables[3];

	tables[0] = mm_kernel_l4_mfn();
	mm_entry_machine((uint64_t)s, 3, &pte);
	tables[1] = pte_mfn(pte);				/* our L2 */
	mm_entry_machine((uint64_t)s, 2, &pte);
	tables[2] = pte_mfn(pte);				/* an L1 */
	for (unsigned int i = 0; i < 3; i++) {
		check_eqf(c, mm_update1(l1e, pte_make(tables[i],
			  PTE_KERNEL_RW)), -XEN_EBUSY,
			  "mmu_update maps page table %u writable", i);
		check_eqf(c, hypercall_update_va_mapping((uint64_t)s,
			  pte_make(tables[i], PTE_KERNEL_RW), UVMF_INVLPG),
			  -XEN_EBUSY,
			  "update_va_mapping maps page table %u writable", i);
	}
	check_eq(c, "read-only alias of our L4 allowed",
		 hypercall_update_va_mapping((uint64_t)s, pte_make(tables[0],
					     PTE_KERNEL_RO), UVMF_INVLPG), 0);
	check_eq(c, "write through the read-only alias faults",
		 quiet_write(s, 0), PF_VECTOR);
	check_eq(c, "page back", mm_make_rw(s), 0);
	page_free(s);
}

/* Frames that are not ours; dom0 may map what is not RAM (I/O memory). */
static void attack_foreign_frames(struct check *c)
{
	static const struct {
		const char	*what;
		uint64_t	mfn;	/* or XEN_FRAME, BEYOND_RAM */
		long		rw, ro;		/* Xen's results */
	} f[] = {
		{ "Xen's M2P frame", XEN_FRAME, -XEN_EBUSY, -XEN_EBUSY },
		{ "MFN 0", 0, 0, 0 },
		{ "MFN 1", 1, 0, 0 },
		{ "MFN 0x100 (1 MiB, Xen's)", 0x100, -XEN_EBUSY, -XEN_EBUSY },
		{ "local APIC 0xfee00", 0xfee00, -XEN_EPERM, -XEN_EPERM },
		{ "IO-APIC 0xfec00", 0xfec00, 0, 0 },
		{ "beyond RAM", BEYOND_RAM, 0, 0 },
		{ "MFN 2^40-1", (1UL << 40) - 1, -XEN_EINVAL, -XEN_EINVAL },
	};
	uint8_t *s = page_alloc();
	uint64_t l1e = mm_l1e_machine((uint64_t)s, NULL), mfn;

	for (unsigned int i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		mfn = f[i].mfn == XEN_FRAME ? xen_mfn :
		      f[i].mfn == BEYOND_RAM ? beyond_ram_mfn : f[i].mfn;
		check_eqf(c, mm_update1(l1e, pte_make(mfn, PTE_KERNEL_RW)),
			  f[i].rw, "map %s read-write", f[i].what);
		check_eqf(c, mm_update1(l1e, pte_make(mfn, PTE_KERNEL_RO)),
			  f[i].ro, "map %s read-only", f[i].what);
		mm_update1(l1e, pte_make(virt_to_mfn(s), PTE_KERNEL_RW));
	}
	mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0);
	page_free(s);
}

static void attack_pins(struct check *c)
{
	uint64_t *g = page_alloc(), pte, l2;
	uint64_t l4 = mm_kernel_l4_mfn();

	mm_entry_machine((uint64_t)g, 3, &pte);
	l2 = pte_mfn(pte);
	check_eq(c, "unpin the L4 in use (its base pointer keeps it)",
		 mmuext1(MMUEXT_UNPIN_TABLE, l4), 0);
	check_eq(c, "pin it again", mmuext1(MMUEXT_PIN_L4_TABLE, l4), 0);
	check_eq(c, "unpin an L2 in use that is not pinned",
		 mmuext1(MMUEXT_UNPIN_TABLE, l2), -XEN_EINVAL);
	check_eq(c, "pin our L2 as an L1", mmuext1(MMUEXT_PIN_L1_TABLE, l2),
		 -XEN_EINVAL);
	check_eq(c, "pin our L4 as an L3", mmuext1(MMUEXT_PIN_L3_TABLE, l4),
		 -XEN_EINVAL);
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		g[i] = pte_make(xen_mfn + i, PTE_KERNEL_RW);
	mm_make_ro(g);
	check_eq(c, "pin a table of Xen frames",
		 mmuext1(MMUEXT_PIN_L1_TABLE, virt_to_mfn(g)), -XEN_EBUSY);
	check_eq(c, "new base pointer of garbage",
		 mmuext1(MMUEXT_NEW_BASEPTR, virt_to_mfn(g)), -XEN_EINVAL);
	check_eq(c, "new user base pointer of garbage",
		 mmuext1(MMUEXT_NEW_USER_BASEPTR, virt_to_mfn(g)), -XEN_EINVAL);
	mm_make_rw(g);
	page_free(g);
}

static void attack_entry_points(struct check *c)
{
	struct trap_info t[2] = {
		{ .vector = 14, .cs = FLAT_KERNEL_CS, .address = HV_VA },
	};
	struct callback_register cb = {
		.type = CALLBACKTYPE_syscall, .address = HV_VA,
	};

	/*
	 * Xen accepts these (the guest only hurts itself); Shoji refuses
	 * them with -EINVAL. Undone at once either way.
	 */
	check_eq(c, "trap table: page-fault handler in Xen's range",
		 hypercall_set_trap_table(t), on_shoji() ? -XEN_EINVAL : 0);
	check_eq(c, "trap table restored", traps_init(), 0);
	check_eq(c, "callbacks in Xen's range",
		 hypercall_set_callbacks(HV_VA, HV_VA, HV_VA),
		 on_shoji() ? -XEN_EINVAL : 0);
	check_eq(c, "callback_op syscall in Xen's range",
		 hypercall_callback_op(CALLBACKOP_register, &cb),
		 on_shoji() ? -XEN_EINVAL : 0);
	check_eq(c, "callbacks restored", traps_init(), 0);
	t[0].address = NONCANONICAL;
	check_eq(c, "trap table: non-canonical handler",
		 hypercall_set_trap_table(t), -XEN_EINVAL);
}

static struct ctx iret_ctx;
static uint8_t iret_stack[4096] __attribute__((aligned(16)));
static uint64_t landed_cs;

static void __attribute__((noreturn)) iret_landing(void)
{
	uint16_t cs;

	__asm__ volatile("movw %%cs, %0" : "=r" (cs));
	landed_cs = cs;
	ctx_resume(&iret_ctx, 2);
}

/*
 * 2: landed (landed_cs says with which CS), 1: failsafe callback,
 * RECOVER_TRAP | vector: a fault on the way back (trap_last).
 */
static int iret_try(uint64_t cs, uint64_t ss)
{
	int v = ctx_save(&iret_ctx);

	if (v) {
		recover_ctx = NULL;
		return v;
	}
	recover_ctx = &iret_ctx;
	iret_to((uint64_t)iret_landing, cs, 0x2,
		(uint64_t)iret_stack + sizeof(iret_stack) - 8, ss);
}

static void attack_iret(struct check *c)
{
	/*
	 * An RPL-3 CS means "to user mode": without a user page table Xen
	 * crashes the domain ("Guest switching to user mode with no user
	 * page tables"), so that one is not tried here.
	 */
	check_eq(c, "iret to ring 0 (CS 0xe030) lands in ring 3",
		 iret_try(FLAT_KERNEL_CS & ~3UL, FLAT_KERNEL_SS), 2);
	check_eq(c, "iret to ring 0: CS RPL forced to 3", landed_cs,
		 FLAT_KERNEL_CS);
	check_eq(c, "iret with Xen's ring-0 CS 0xe008: #GP",
		 iret_try(0xe008, FLAT_KERNEL_SS), RECOVER_TRAP | 13);
	check_eq(c, "iret with Xen's ring-0 CS: error code", trap_last.error,
		 0xe008);
	check_eq(c, "iret with Xen's ring-0 SS 0xe010: #GP",
		 iret_try(FLAT_KERNEL_CS & ~3UL, 0xe010), RECOVER_TRAP | 13);
	check_eq(c, "iret with Xen's ring-0 SS: error code", trap_last.error,
		 0xe010);
	check_eq(c, "iret with a null CS: #GP", iret_try(0, FLAT_KERNEL_SS),
		 RECOVER_TRAP | 13);
}

static void attack_gdt(struct check *c)
{
	uint64_t *g = page_alloc(), frame = virt_to_mfn(g);

	g[1] = DESC_CODE0;
	g[2] = DESC_GATE(FLAT_KERNEL_CS, 3);
	mm_make_ro(g);
	check_eq(c, "set_gdt with ring-0 code and a call gate",
		 hypercall_set_gdt(&frame, 512), 0);
	check_eq(c, "ring-0 code descriptor made DPL 3", (g[1] >> 45) & 3, 3);
	check_eq(c, "call gate made DPL 0 (Xen emulates it)",
		 (g[2] >> 45) & 3, 0);
	check_eq(c, "set_gdt none", hypercall_set_gdt(&frame, 0), 0);
	mm_make_rw(g);
	g[3] = DESC_TSS;
	mm_make_ro(g);
	check_eq(c, "set_gdt with a TSS descriptor",
		 hypercall_set_gdt(&frame, 512), -XEN_EINVAL);
	mm_make_rw(g);
	page_free(g);
}

static void attack_pointers(struct check *c)
{
	static const uint64_t bad[] = { 0, 0x1000, HV_VA, NONCANONICAL };
	struct mmu_update u = { 0, 0 };
	struct mmuext_op ldt = {
		.cmd = MMUEXT_SET_LDT, .arg1.linear_addr = VIRT_BASE + 8,
		.arg2.nr_ents = 1,
	};
	xen_pfn_t frame = 0;

	for (unsigned int i = 0; i < 4; i++) {
		void *p = (void *)bad[i];

		if (i > 0) {
			check_eqf(c, hypercall_mmu_update(p, 1, NULL,
				  DOMID_SELF), -XEN_EFAULT,
				  "mmu_update requests at %#lx", bad[i]);
			check_eqf(c, hypercall_mmuext_op(p, 1, NULL,
				  DOMID_SELF), -XEN_EFAULT,
				  "mmuext_op ops at %#lx", bad[i]);
			check_eqf(c, hypercall_set_trap_table(p), -XEN_EFAULT,
				  "set_trap_table at %#lx", bad[i]);
		}
		check_eqf(c, hypercall_multicall(p, 1), -XEN_EFAULT,
			  "multicall at %#lx", bad[i]);
		check_eqf(c, hypercall_set_gdt(p, 512), -XEN_EFAULT,
			  "set_gdt frames at %#lx", bad[i]);
		check_eqf(c, hypercall_callback_op(CALLBACKOP_register, p),
			  -XEN_EFAULT, "callback_op at %#lx", bad[i]);
		check_eqf(c, hypercall_memory_op(XENMEM_current_reservation,
			  p), -XEN_EFAULT, "memory_op at %#lx", bad[i]);
	}
	check_eq(c, "mmu_update huge count, unmapped requests",
		 hypercall_mmu_update((void *)0x1000, 0x7fffffff, NULL,
				      DOMID_SELF), -XEN_EFAULT);
	check_eq(c, "mmuext_op huge count, unmapped ops",
		 hypercall_mmuext_op((void *)0x1000, 0x7fffffff, NULL,
				     DOMID_SELF), -XEN_EFAULT);
	check_eq(c, "multicall huge count, unmapped calls",
		 hypercall_multicall((void *)0x1000, 0xffffffff), -XEN_EFAULT);
	check_eq(c, "set_gdt huge count", hypercall_set_gdt(&frame,
		 0xffffffff), -XEN_EINVAL);
	check_eq(c, "mmu_update one bad request, huge count reads past it",
		 hypercall_mmu_update(&u, 2, NULL, DOMID_SELF), -XEN_EINVAL);
	check_eq(c, "update_va_mapping misaligned va of an unmapped page",
		 hypercall_update_va_mapping(0x1001, 0, UVMF_INVLPG),
		 -XEN_EINVAL);
	check_eq(c, "mmuext_op SET_LDT misaligned",
		 hypercall_mmuext_op(&ldt, 1, NULL, DOMID_SELF), -XEN_EINVAL);
}

static long reservation(void)
{
	struct xen_memory_domain d = { .domid = DOMID_SELF };

	return hypercall_memory_op(XENMEM_current_reservation, &d);
}

void hostile_run(void)
{
	struct check c = { .prefix = "hostile" };
	long res = reservation();
	unsigned long free_pages = page_free_count();

	abimm_find_foreign();
	printk("hostile: before: current_reservation=%ld, %lu pages free\n",
	       res, free_pages);
	attack_direct_writes(&c);
	attack_writable_tables(&c);
	attack_foreign_frames(&c);
	attack_pins(&c);
	attack_entry_points(&c);
	attack_iret(&c);
	attack_gdt(&c);
	attack_pointers(&c);
	hostile_random_run(&c);
	printk("hostile: after: current_reservation=%ld, %lu pages free\n",
	       reservation(), page_free_count());
	check_eq(&c, "current_reservation unchanged", reservation(), res);
	check_eq(&c, "free pages unchanged", page_free_count(), free_pages);
	check_summary(&c, false);
}
