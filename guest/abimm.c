/* SPDX-License-Identifier: MIT */
/*
 * The `abimm` command, memory part: mmu_update, mmuext_op,
 * update_va_mapping(_otherdomain), multicall and memory_op with good and
 * bad arguments, each result and errno checked exactly, one line per
 * case ("abimm: <case>: PASS" / "... FAIL: got X, expected Y"). The CPU
 * part (traps, callbacks, descriptors, emulated instructions) is
 * abicpu.c. Expected values are what Xen 4.17 returns to a 64-bit PV
 * dom0 (tests/boot/xen-abi-mm.scn); cases where a privileged domain
 * gets more than a domU say so.
 *
 * Scratch pages come from page_alloc() and go back mapped read-write
 * and untyped, so the command can run again.
 */
#include <string.h>
#include <public/errno.h>
#include <public/memory.h>
#include <public/version.h>
#include <guest/abimm.h>
#include <guest/check.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/traps.h>

#define HV_VA		0xffff830000000000UL	/* Xen's directmap */
#define FREE_L2_SLOT	300			/* VIRT_BASE + 600 MiB */
#define FREE_L4_SLOT	300

/* Frames not ours: found once by abimm_find_foreign(). */
uint64_t xen_mfn;		/* an M2P frame: owned by Xen */
uint64_t beyond_ram_mfn;	/* past the last RAM frame */

void abimm_find_foreign(void)
{
	struct xen_machphys_mfn_list l = { .max_extents = 1 };
	xen_pfn_t mfn = 0;

	set_xen_guest_handle(l.extent_start, &mfn);
	if (hypercall_memory_op(XENMEM_machphys_mfn_list, &l) == 0 &&
	    l.nr_extents)
		xen_mfn = mfn;
	beyond_ram_mfn = hypercall_memory_op(XENMEM_maximum_ram_page, NULL) +
			 0x100;
}

static long update1(uint64_t ptr, uint64_t val, unsigned int *done)
{
	struct mmu_update u = { .ptr = ptr, .val = val };

	return hypercall_mmu_update(&u, 1, done, DOMID_SELF);
}

static long ext2(unsigned int cmd, uint64_t arg1, uint64_t arg2)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = arg1 };

	op.arg2.src_mfn = arg2;
	return hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static void flush(void)
{
	mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0);
}

static int write_vector(void *p)
{
	trap_verbose = false;
	int v = probe_write64(p, 0x1234);
	trap_verbose = true;
	return v;
}

/* Scratch state of the mmu_update tests. */
struct mmu_scratch {
	uint8_t		*s, *d;		/* two pages of ours */
	uint64_t	mfn, pfn;	/* of s */
	uint64_t	l1e;		/* machine address: s's L1 entry */
	uint64_t	l2e;		/* an empty slot of our L2 */
	uint64_t	l4;		/* machine address of our L4 */
};

/* Updates Xen performs: an L1 entry, A/D preserved, the M2P. */
static void mmu_update_good(struct check *c,
				const struct mmu_scratch *m)
{
	uint64_t pte;
	unsigned int done = 99;

	check_eq(c, "mmu_update L1 entry read-only",
		 update1(m->l1e, pte_make(m->mfn, PTE_KERNEL_RO), &done), 0);
	check_eq(c, "mmu_update done count", done, 1);
	check_eq(c, "mmuext_op INVLPG_LOCAL", ext2(MMUEXT_INVLPG_LOCAL,
		 (uint64_t)m->s, 0), 0);
	check_eq(c, "write to page made read-only faults", write_vector(m->s), 14);
	check_eq(c, "mmu_update PRESERVE_AD read-write",
		 update1(m->l1e | MMU_PT_UPDATE_PRESERVE_AD,
			 pte_make(m->mfn, PTE_P | PTE_RW), NULL), 0);
	flush();
	mm_l1e_machine((uint64_t)m->s, &pte);
	check_eq(c, "mmu_update PRESERVE_AD kept the accessed bit",
		 !!(pte & PTE_A), 1);
	check_eq(c, "write to page made read-write works", write_vector(m->s),
		 TRAP_NONE);
	check_eq(c, "mmu_update MACHPHYS_UPDATE",
		 update1((m->mfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, 0x12345,
			 NULL), 0);
	check_eq(c, "M2P shows the MACHPHYS_UPDATE", mfn_to_pfn(m->mfn), 0x12345);
	update1((m->mfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, m->pfn, NULL);
	check_eq(c, "M2P restored", mfn_to_pfn(m->mfn), m->pfn);
}

/* M2P updates and plain-page writes Xen refuses or allows. */
static void mmu_update_refused_frames(struct check *c,
				const struct mmu_scratch *m)
{
	check_eq(c, "mmu_update MACHPHYS_UPDATE of a Xen frame",
		 update1((xen_mfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, 1,
			 NULL), -XEN_EINVAL);
	check_eq(c, "mmu_update MACHPHYS_UPDATE beyond RAM",
		 update1((beyond_ram_mfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE,
			 1, NULL), -XEN_EINVAL);
	/* A PV guest's entries are never translated: as NORMAL. */
	check_eq(c, "mmu_update NO_TRANSLATE (PV)",
		 update1(m->l1e | MMU_PT_UPDATE_NO_TRANSLATE,
			 pte_make(m->mfn, PTE_KERNEL_RW), NULL), 0);
	check_eq(c, "mmu_update of a plain writable page",
		 update1(virt_to_machine(m->d), 0x1234, NULL), 0);
	check_eq(c, "plain page written", *(uint64_t *)m->d, 0x1234);
	/* Xen takes the command from ptr & 7: +4 is command 4. */
	check_eq(c, "mmu_update misaligned ptr (command 4)",
		 update1(m->l1e + 4, pte_make(m->mfn, PTE_KERNEL_RW), NULL),
		 -XEN_ENOSYS);
	check_eq(c, "mmu_update ptr beyond RAM",
		 update1(beyond_ram_mfn << PAGE_SHIFT, 0, NULL), -XEN_EINVAL);
}

/* Entries Xen refuses to install. */
static void mmu_update_refused_entries(struct check *c,
				const struct mmu_scratch *m)
{
	uint64_t pte;

	check_eq(c, "mmu_update map Xen frame read-write",
		 update1(m->l1e, pte_make(xen_mfn, PTE_KERNEL_RW), NULL),
		 -XEN_EBUSY);
	check_eq(c, "mmu_update map Xen frame read-only",
		 update1(m->l1e, pte_make(xen_mfn, PTE_KERNEL_RO), NULL),
		 -XEN_EBUSY);
	check_eq(c, "mmu_update map frame beyond RAM (dom0: I/O memory)",
		 update1(m->l1e, pte_make(beyond_ram_mfn, PTE_KERNEL_RW), NULL),
		 0);
	check_eq(c, "mmu_update restore entry",
		 update1(m->l1e, pte_make(m->mfn, PTE_KERNEL_RW), NULL), 0);
	flush();
	mm_entry_machine((uint64_t)m->s, 2, &pte);	/* the L1 mapping s */
	check_eq(c, "mmu_update map a page table read-write",
		 update1(m->l1e, (pte & PTE_ADDR_MASK) | PTE_KERNEL_RW, NULL),
		 -XEN_EBUSY);
	update1(m->l1e, pte_make(m->mfn, PTE_KERNEL_RW), NULL);
	check_eq(c, "mmu_update L2 superpage",
		 update1(m->l2e, pte_make(0, PTE_TABLE | PTE_PSE) |
			 (virt_to_machine(m->d) & PTE_ADDR_MASK & ~0x1fffffUL),
			 NULL), -XEN_EINVAL);
	check_eq(c, "mmu_update L2 entry to a writable page",
		 update1(m->l2e, pte_make(virt_to_mfn(m->d), PTE_TABLE), NULL),
		 -XEN_EINVAL);
	check_eq(c, "mmu_update L4 Xen slot 256",
		 update1(m->l4 + 256 * 8, pte_make(virt_to_mfn(m->d),
			 PTE_TABLE), NULL), -XEN_EINVAL);
	check_eq(c, "mmu_update L4 linear read-only",
		 update1(m->l4 + FREE_L4_SLOT * 8, pte_make(m->l4 >> PAGE_SHIFT,
			 PTE_P | PTE_US | PTE_A), NULL), 0);
	check_eq(c, "mmu_update L4 linear cleared",
		 update1(m->l4 + FREE_L4_SLOT * 8, 0, NULL), 0);
	check_eq(c, "mmu_update L4 linear read-write",
		 update1(m->l4 + FREE_L4_SLOT * 8, pte_make(m->l4 >> PAGE_SHIFT,
			 PTE_TABLE), NULL), -XEN_EINVAL);
}

/* Bad pointers, domains and a batch failing half-way. */
static void mmu_update_bad_args(struct check *c,
				const struct mmu_scratch *m)
{
	struct mmu_update batch[3];
	unsigned int done = 99;

	check_eq(c, "mmu_update NULL requests",
		 hypercall_mmu_update(NULL, 1, NULL, DOMID_SELF), -XEN_EFAULT);
	check_eq(c, "mmu_update count 0",
		 hypercall_mmu_update(NULL, 0, NULL, DOMID_SELF), 0);
	/* Xen ignores a failure to write the done count. */
	check_eq(c, "mmu_update done to hypervisor address",
		 hypercall_mmu_update(&(struct mmu_update){ m->l1e,
			 pte_make(m->mfn, PTE_KERNEL_RW) }, 1,
			 (unsigned int *)HV_VA, DOMID_SELF), 0);
	check_eq(c, "mmu_update bad foreign domain",
		 hypercall_mmu_update(&(struct mmu_update){ m->l1e,
			 pte_make(m->mfn, PTE_KERNEL_RW) }, 1, NULL, 0x7ff5),
		 -XEN_ESRCH);
	batch[0] = (struct mmu_update){ m->l1e,
					pte_make(m->mfn, PTE_KERNEL_RW) };
	batch[1] = (struct mmu_update){ m->l4 + 256 * 8, 0 };
	batch[2] = batch[0];
	check_eq(c, "mmu_update batch fails at entry 1",
		 hypercall_mmu_update(batch, 3, &done, DOMID_SELF),
		 -XEN_EINVAL);
	check_eq(c, "mmu_update batch done count", done, 1);
}

static void test_mmu_update(struct check *c)
{
	struct mmu_scratch m;

	m.s = page_alloc();
	m.d = page_alloc();
	m.mfn = virt_to_mfn(m.s);
	m.pfn = virt_to_pfn(m.s);
	m.l1e = mm_l1e_machine((uint64_t)m.s, NULL);
	m.l2e = mm_entry_machine(VIRT_BASE, 2, NULL) -
		pt_index(VIRT_BASE, 2) * 8 + FREE_L2_SLOT * 8;
	m.l4 = mm_kernel_l4_mfn() << PAGE_SHIFT;
	mmu_update_good(c, &m);
	mmu_update_refused_frames(c, &m);
	mmu_update_refused_entries(c, &m);
	mmu_update_bad_args(c, &m);
	flush();
	page_free(m.s);
	page_free(m.d);
}

/* A fresh page, mapped read-only so that it may become a table. */
static uint64_t *table_page(void)
{
	uint64_t *t = page_alloc();

	if (t)
		mm_make_ro(t);
	return t;
}

static void table_page_free(uint64_t *t)
{
	mm_make_rw(t);
	page_free(t);
}

static void test_pin(struct check *c)
{
	static const char *const lvl[] = { "L1", "L2", "L3", "L4" };
	uint64_t *t = table_page(), *w = page_alloc();
	uint64_t mfn = virt_to_mfn(t);

	for (unsigned int i = 0; i < 4; i++) {
		check_eqf(c, mmuext1(MMUEXT_PIN_L1_TABLE + i, mfn), 0,
			  "mmuext_op PIN_%s_TABLE", lvl[i]);
		check_eqf(c, mmuext1(MMUEXT_PIN_L1_TABLE + i, mfn),
			  -XEN_EINVAL, "mmuext_op PIN_%s_TABLE twice", lvl[i]);
		check_eqf(c, mmuext1(MMUEXT_UNPIN_TABLE, mfn), 0,
			  "mmuext_op UNPIN %s", lvl[i]);
	}
	check_eq(c, "mmuext_op UNPIN not pinned",
		 mmuext1(MMUEXT_UNPIN_TABLE, mfn), -XEN_EINVAL);
	check_eq(c, "mmuext_op PIN_L1_TABLE of a writable page",
		 mmuext1(MMUEXT_PIN_L1_TABLE, virt_to_mfn(w)), -XEN_EINVAL);
	check_eq(c, "mmuext_op PIN_L1_TABLE of a Xen frame",
		 mmuext1(MMUEXT_PIN_L1_TABLE, xen_mfn), -XEN_EINVAL);
	check_eq(c, "mmuext_op PIN_L4_TABLE beyond RAM",
		 mmuext1(MMUEXT_PIN_L4_TABLE, beyond_ram_mfn), -XEN_EINVAL);
	check_eq(c, "mmuext_op NEW_BASEPTR current L4",
		 mmuext1(MMUEXT_NEW_BASEPTR, mm_kernel_l4_mfn()), 0);
	check_eq(c, "mmuext_op NEW_BASEPTR writable page",
		 mmuext1(MMUEXT_NEW_BASEPTR, virt_to_mfn(w)), -XEN_EINVAL);
	check_eq(c, "mmuext_op PIN_L4_TABLE for user",
		 mmuext1(MMUEXT_PIN_L4_TABLE, mfn), 0);
	check_eq(c, "mmuext_op NEW_USER_BASEPTR",
		 mmuext1(MMUEXT_NEW_USER_BASEPTR, mfn), 0);
	check_eq(c, "mmuext_op NEW_USER_BASEPTR 0",
		 mmuext1(MMUEXT_NEW_USER_BASEPTR, 0), 0);
	check_eq(c, "mmuext_op NEW_USER_BASEPTR writable page",
		 mmuext1(MMUEXT_NEW_USER_BASEPTR, virt_to_mfn(w)), -XEN_EINVAL);
	check_eq(c, "mmuext_op UNPIN user L4",
		 mmuext1(MMUEXT_UNPIN_TABLE, mfn), 0);
	table_page_free(t);
	page_free(w);
}

static void test_mmuext_misc(struct check *c)
{
	uint8_t *a = page_alloc(), *b = page_alloc();
	uint64_t *t = table_page();
	unsigned long mask = 1;
	struct mmuext_op ops[3] = {
		{ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
		{ .cmd = 99 },
		{ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
	};
	unsigned int done = 99;

	check_eq(c, "mmuext_op TLB_FLUSH_LOCAL",
		 ext2(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
	check_eq(c, "mmuext_op TLB_FLUSH_MULTI",
		 ext2(MMUEXT_TLB_FLUSH_MULTI, 0, (uint64_t)&mask), 0);
	check_eq(c, "mmuext_op TLB_FLUSH_MULTI bad mask",
		 ext2(MMUEXT_TLB_FLUSH_MULTI, 0, HV_VA), -XEN_EINVAL);
	check_eq(c, "mmuext_op INVLPG_MULTI",
		 ext2(MMUEXT_INVLPG_MULTI, (uint64_t)a, (uint64_t)&mask), 0);
	check_eq(c, "mmuext_op TLB_FLUSH_ALL", ext2(MMUEXT_TLB_FLUSH_ALL, 0, 0),
		 0);
	check_eq(c, "mmuext_op INVLPG_ALL",
		 ext2(MMUEXT_INVLPG_ALL, (uint64_t)a, 0), 0);
	memset(b, 0xab, PAGE_SIZE);
	check_eq(c, "mmuext_op COPY_PAGE", ext2(MMUEXT_COPY_PAGE,
		 virt_to_mfn(a), virt_to_mfn(b)), 0);
	check_eq(c, "COPY_PAGE copied", a[PAGE_SIZE - 1], 0xab);
	check_eq(c, "mmuext_op CLEAR_PAGE", ext2(MMUEXT_CLEAR_PAGE,
		 virt_to_mfn(a), 0), 0);
	check_eq(c, "CLEAR_PAGE cleared", a[PAGE_SIZE - 1], 0);
	mmuext1(MMUEXT_PIN_L1_TABLE, virt_to_mfn(t));
	check_eq(c, "mmuext_op CLEAR_PAGE of a page table",
		 ext2(MMUEXT_CLEAR_PAGE, virt_to_mfn(t), 0), -XEN_EINVAL);
	check_eq(c, "mmuext_op COPY_PAGE onto a page table",
		 ext2(MMUEXT_COPY_PAGE, virt_to_mfn(t), virt_to_mfn(b)),
		 -XEN_EINVAL);
	mmuext1(MMUEXT_UNPIN_TABLE, virt_to_mfn(t));
	check_eq(c, "mmuext_op CLEAR_PAGE Xen frame",
		 ext2(MMUEXT_CLEAR_PAGE, xen_mfn, 0), -XEN_EINVAL);
	check_eq(c, "mmuext_op COPY_PAGE from Xen frame",
		 ext2(MMUEXT_COPY_PAGE, virt_to_mfn(a), xen_mfn), -XEN_EINVAL);
	check_eq(c, "mmuext_op SET_LDT none", ext2(MMUEXT_SET_LDT, 0, 0), 0);
	check_eq(c, "mmuext_op SET_LDT misaligned",
		 ext2(MMUEXT_SET_LDT, (uint64_t)a + 8, 1), -XEN_EINVAL);
	check_eq(c, "mmuext_op SET_LDT 8193 entries",
		 ext2(MMUEXT_SET_LDT, (uint64_t)a, 8193), -XEN_EINVAL);
	check_eq(c, "mmuext_op SET_LDT hypervisor address",
		 ext2(MMUEXT_SET_LDT, HV_VA, 1), -XEN_EINVAL);
	check_eq(c, "mmuext_op MARK_SUPER", ext2(MMUEXT_MARK_SUPER,
		 virt_to_mfn(a), 0), -XEN_EOPNOTSUPP);
	check_eq(c, "mmuext_op UNMARK_SUPER", ext2(MMUEXT_UNMARK_SUPER,
		 virt_to_mfn(a), 0), -XEN_EOPNOTSUPP);
	check_eq(c, "mmuext_op FLUSH_CACHE (dom0)",
		 ext2(MMUEXT_FLUSH_CACHE, 0, 0), 0);
	check_eq(c, "mmuext_op unknown command", ext2(99, 0, 0), -XEN_ENOSYS);
	check_eq(c, "mmuext_op NULL ops",
		 hypercall_mmuext_op(NULL, 1, NULL, DOMID_SELF), -XEN_EFAULT);
	check_eq(c, "mmuext_op batch fails at entry 1",
		 hypercall_mmuext_op(ops, 3, &done, DOMID_SELF), -XEN_ENOSYS);
	check_eq(c, "mmuext_op batch done count", done, 1);
	table_page_free(t);
	page_free(a);
	page_free(b);
}

static void test_update_va_mapping(struct check *c)
{
	uint8_t *s = page_alloc();
	uint64_t mfn = virt_to_mfn(s), va = (uint64_t)s, pte;
	uint64_t ro = pte_make(mfn, PTE_KERNEL_RO);
	uint64_t rw = pte_make(mfn, PTE_KERNEL_RW);
	unsigned long mask = 1;

	check_eq(c, "update_va_mapping read-only INVLPG",
		 hypercall_update_va_mapping(va, ro, UVMF_INVLPG), 0);
	check_eq(c, "write after update_va_mapping faults", write_vector(s),
		 14);
	check_eq(c, "update_va_mapping read-write TLB_FLUSH|ALL",
		 hypercall_update_va_mapping(va, rw, UVMF_TLB_FLUSH | UVMF_ALL),
		 0);
	check_eq(c, "write after update_va_mapping works", write_vector(s),
		 TRAP_NONE);
	check_eq(c, "update_va_mapping NONE",
		 hypercall_update_va_mapping(va, rw, UVMF_NONE), 0);
	check_eq(c, "update_va_mapping INVLPG MULTI",
		 hypercall_update_va_mapping(va, rw, UVMF_INVLPG |
					     (uint64_t)&mask), 0);
	check_eq(c, "update_va_mapping MULTI bad mask",
		 hypercall_update_va_mapping(va, rw, UVMF_INVLPG | HV_VA),
		 -XEN_EFAULT);
	check_eq(c, "update_va_mapping no L1 at 0x1000",
		 hypercall_update_va_mapping(0x1000, rw, UVMF_INVLPG),
		 -XEN_EINVAL);
	check_eq(c, "update_va_mapping hypervisor address",
		 hypercall_update_va_mapping(HV_VA, rw, UVMF_INVLPG),
		 -XEN_EINVAL);
	check_eq(c, "update_va_mapping non-canonical",
		 hypercall_update_va_mapping(0x800000000000UL, rw,
					     UVMF_INVLPG), -XEN_EINVAL);
	check_eq(c, "update_va_mapping Xen frame read-write",
		 hypercall_update_va_mapping(va, pte_make(xen_mfn,
			PTE_KERNEL_RW), UVMF_INVLPG), -XEN_EBUSY);
	mm_entry_machine(va, 2, &pte);
	check_eq(c, "update_va_mapping page table read-write",
		 hypercall_update_va_mapping(va, (pte & PTE_ADDR_MASK) |
			PTE_KERNEL_RW, UVMF_INVLPG), -XEN_EBUSY);
	/* Naming itself other than DOMID_SELF is refused. */
	check_eq(c, "update_va_mapping_otherdomain own domid",
		 hypercall_update_va_mapping_otherdomain(va, rw, UVMF_INVLPG,
							 0), -XEN_ESRCH);
	check_eq(c, "update_va_mapping_otherdomain DOMID_SELF",
		 hypercall_update_va_mapping_otherdomain(va, rw, UVMF_INVLPG,
							 DOMID_SELF), 0);
	check_eq(c, "update_va_mapping_otherdomain no such domain",
		 hypercall_update_va_mapping_otherdomain(va, rw, UVMF_INVLPG,
							 77), -XEN_ESRCH);
	hypercall_update_va_mapping(va, rw, UVMF_INVLPG);
	page_free(s);
}

static void test_multicall(struct check *c)
{
	uint8_t *s = page_alloc();
	struct multicall_entry mc[3] = {
		{ .op = __HYPERVISOR_update_va_mapping,
		  .args = { (uint64_t)s, pte_make(virt_to_mfn(s),
			    PTE_KERNEL_RW), UVMF_INVLPG } },
		{ .op = __HYPERVISOR_xen_version, .args = { XENVER_version } },
		{ .op = __HYPERVISOR_mmuext_op,
		  .args = { 0, 1, 0, DOMID_SELF } },
	};

	check_eq(c, "multicall of 3", hypercall_multicall(mc, 3), 0);
	check_eq(c, "multicall result 0 update_va_mapping", mc[0].result, 0);
	check_eq(c, "multicall result 1 xen_version", mc[1].result,
		 (4 << 16) | 17);
	check_eq(c, "multicall result 2 mmuext_op NULL", mc[2].result,
		 -XEN_EFAULT);
	mc[0].op = 200;
	check_eq(c, "multicall unknown op", hypercall_multicall(mc, 1), 0);
	check_eq(c, "multicall unknown op result", mc[0].result, -XEN_ENOSYS);
	check_eq(c, "multicall count 0", hypercall_multicall(mc, 0), 0);
	check_eq(c, "multicall NULL", hypercall_multicall(NULL, 1),
		 -XEN_EFAULT);
	page_free(s);
}

static long reservation_op(unsigned int cmd, xen_pfn_t *list, unsigned int n)
{
	struct xen_memory_reservation r = {
		.nr_extents = n, .extent_order = 0, .domid = DOMID_SELF,
	};

	set_xen_guest_handle(r.extent_start, list);
	return hypercall_memory_op(cmd, &r);
}

static long current_pages(domid_t dom)
{
	struct xen_memory_domain d = { .domid = dom };

	return hypercall_memory_op(XENMEM_current_reservation, &d);
}

/* Gives a page back, gets a new frame and another one, puts all back. */
static void test_reservation(struct check *c)
{
	uint8_t *s = page_alloc();
	uint64_t pfn = virt_to_pfn(s), old = virt_to_mfn(s);
	long before = current_pages(DOMID_SELF);
	xen_pfn_t x;

	hypercall_update_va_mapping((uint64_t)s, 0, UVMF_INVLPG);
	p2m[pfn] = INVALID_MFN;
	x = old;
	check_eq(c, "memory_op decrease_reservation",
		 reservation_op(XENMEM_decrease_reservation, &x, 1), 1);
	check_eq(c, "current_reservation one less", current_pages(DOMID_SELF),
		 before - 1);
	x = xen_mfn;
	check_eq(c, "memory_op decrease_reservation Xen frame",
		 reservation_op(XENMEM_decrease_reservation, &x, 1), 0);
	check_eq(c, "memory_op increase_reservation",
		 reservation_op(XENMEM_increase_reservation, &x, 1), 1);
	check_eq(c, "increase_reservation gave a frame", x != xen_mfn, 1);
	check_eq(c, "memory_op increase_reservation above maximum",
		 reservation_op(XENMEM_increase_reservation,
				&(xen_pfn_t){ 0 }, 1), 0);
	check_eq(c, "memory_op decrease_reservation new frame",
		 reservation_op(XENMEM_decrease_reservation, &x, 1), 1);
	x = pfn;
	check_eq(c, "memory_op populate_physmap",
		 reservation_op(XENMEM_populate_physmap, &x, 1), 1);
	check_eq(c, "populate_physmap set the M2P", mfn_to_pfn(x), pfn);
	p2m[pfn] = x;
	check_eq(c, "map the populated page", hypercall_update_va_mapping(
		 (uint64_t)s, pte_make(x, PTE_KERNEL_RW), UVMF_INVLPG), 0);
	check_eq(c, "current_reservation restored", current_pages(DOMID_SELF),
		 before);
	check_eq(c, "memory_op populate_physmap above maximum",
		 reservation_op(XENMEM_populate_physmap, &(xen_pfn_t){ pfn },
				1), 0);
	/* Xen returns the extents done so far (0), not -EFAULT. */
	check_eq(c, "memory_op reservation NULL arg",
		 hypercall_memory_op(XENMEM_decrease_reservation, NULL), 0);
	page_free(s);
}

static void test_memory_op(struct check *c)
{
	uint8_t map[20 * 16];
	struct xen_memory_map mm = { .nr_entries = 16 };
	struct xen_machphys_mapping mp;
	struct xen_memory_exchange ex;
	long max = hypercall_memory_op(XENMEM_maximum_ram_page, NULL);

	set_xen_guest_handle(mm.buffer, map);
	/* Xen 4.17: no pseudo-physical map was set for a PV dom0. */
	check_eq(c, "memory_op memory_map (none set for PV dom0)",
		 hypercall_memory_op(XENMEM_memory_map, &mm), -XEN_ENOSYS);
	check_eq(c, "memory_op memory_map NULL",
		 hypercall_memory_op(XENMEM_memory_map, NULL), -XEN_EFAULT);
	mm.nr_entries = 16;
	check_eq(c, "memory_op machine_memory_map (privileged)",
		 hypercall_memory_op(XENMEM_machine_memory_map, &mm), 0);
	printk("abimm: machine_memory_map: %u entries\n", mm.nr_entries);
	printk("abimm: maximum_ram_page=%#lx\n", max);
	check_eq(c, "maximum_ram_page above our frames", max > 0 &&
		 (uint64_t)max > virt_to_mfn(p2m), 1);
	check_eq(c, "memory_op current_reservation",
		 current_pages(DOMID_SELF), start_info->nr_pages);
	check_eq(c, "memory_op current_reservation domain 0",
		 current_pages(0), start_info->nr_pages);
	check_eq(c, "memory_op current_reservation no such domain",
		 current_pages(77), -XEN_ESRCH);
	check_eq(c, "memory_op maximum_reservation",
		 hypercall_memory_op(XENMEM_maximum_reservation,
			&(struct xen_memory_domain){ DOMID_SELF }),
		 start_info->nr_pages);
	check_eq(c, "memory_op machphys_mapping",
		 hypercall_memory_op(XENMEM_machphys_mapping, &mp), 0);
	check_eq(c, "machphys_mapping v_start", mp.v_start,
		 MACH2PHYS_VIRT_START);
	printk("abimm: machphys_mapping v_end=%#lx max_mfn=%#lx\n",
	       (unsigned long)mp.v_end, (unsigned long)mp.max_mfn);
	memset(&ex, 0, sizeof(ex));
	ex.in.domid = ex.out.domid = DOMID_SELF;
	/* Shoji has no XENMEM_exchange yet: a clean -ENOSYS. */
	check_eq(c, "memory_op exchange of nothing",
		 hypercall_memory_op(XENMEM_exchange, &ex),
		 on_shoji() ? -XEN_ENOSYS : 0);
	check_eq(c, "memory_op unknown command",
		 hypercall_memory_op(99, NULL), -XEN_ENOSYS);
	test_reservation(c);
}

void abimm_run(void)
{
	struct check c = { .prefix = "abimm" };
	unsigned long free_before = page_free_count();

	abimm_find_foreign();
	printk("abimm: Xen frame %#lx, beyond RAM %#lx\n", xen_mfn,
	       beyond_ram_mfn);
	test_mmu_update(&c);
	test_pin(&c);
	test_mmuext_misc(&c);
	test_update_va_mapping(&c);
	test_multicall(&c);
	test_memory_op(&c);
	abicpu_run(&c);
	check_eq(&c, "scratch pages all returned", page_free_count(),
		 free_before);
	check_summary(&c, true);
}
