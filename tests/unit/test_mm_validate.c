/* SPDX-License-Identifier: MIT */
/*
 * The PV page-table rules over a simulated frame table
 * (arch/x86_64/mm*.c, mmu_update.c, mmuext.c, ptwr.c, common/memory.c):
 * every rule and the errno Xen 4.17 gives for breaking it, and that
 * every count balances and teardown frees every frame.
 */
#include "mm/mm_shim.h"

#define P	_PAGE_PRESENT
#define RW	_PAGE_RW
#define US	_PAGE_USER
#define PT	(P | RW | US | _PAGE_ACCESSED)

static int setup(void **state)
{
	(void)state;
	ut_mm_setup(512, 64);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ut_check_counts();
	ut_mm_teardown();
	return 0;
}

/* A four-level tree for va 0 in d: returns the L4; l1 gets the L1. */
static unsigned long build_tree(struct domain *d, unsigned long *l1)
{
	unsigned long l4 = ut_frame(d), l3 = ut_frame(d), l2 = ut_frame(d);

	*l1 = ut_frame(d);
	ut_table(l4)[0] = ut_pte(l3, PT);
	ut_table(l3)[0] = ut_pte(l2, PT);
	ut_table(l2)[0] = ut_pte(*l1, PT);
	return l4;
}

static void test_l1_pin_rw_mapping(void **state)
{
	unsigned long l1 = ut_frame(&ut_d0), data = ut_frame(&ut_d0);

	(void)state;
	ut_table(l1)[3] = ut_pte(data, P | RW);
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, l1, 0, DOMID_SELF), 0);
	assert_int_equal(frame_table[data].type_info & PGT_type_mask,
			 PGT_writable_page);
	/* USER forced, with the kernel-only marker. */
	assert_true(ut_table(l1)[3] & _PAGE_USER);
	assert_true(ut_table(l1)[3] & _PAGE_GUEST_KERNEL);
	ut_check_counts();
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, l1, 0, DOMID_SELF),
			 -EINVAL);		/* already pinned */
	assert_int_equal(ut_ext(MMUEXT_UNPIN_TABLE, l1, 0, DOMID_SELF), 0);
	assert_int_equal(ut_ext(MMUEXT_UNPIN_TABLE, l1, 0, DOMID_SELF),
			 -EINVAL);		/* not pinned */
	assert_int_equal(frame_table[data].type_info & PGT_count_mask, 0);
}

static void pin_l1_with(struct vcpu *v, uint64_t e, long expect)
{
	unsigned long l1 = ut_frame(v->domain);

	ut_set_current(v);
	ut_table(l1)[7] = e;
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, l1, 0, DOMID_SELF),
			 expect);
	if (expect == 0)
		assert_int_equal(ut_ext(MMUEXT_UNPIN_TABLE, l1, 0,
					DOMID_SELF), 0);
	ut_check_counts();
	ut_set_current(&ut_v0);
}

static void test_l1_rules(void **state)
{
	unsigned long own1 = ut_frame(&ut_d1), own0 = ut_frame(&ut_d0);

	(void)state;
	pin_l1_with(&ut_v1, ut_pte(own1, P | RW), 0);
	pin_l1_with(&ut_v1, ut_pte(own1, P | _PAGE_PCD), -EINVAL);
	pin_l1_with(&ut_v0, ut_pte(own0, P | _PAGE_PCD), 0);  /* I/O priv */
	/* Xen 4.17 lets bit 62 through in a PV L1 entry. */
	pin_l1_with(&ut_v1, ut_pte(own1, P | _PAGE_GNTTAB), 0);
	pin_l1_with(&ut_v1, ut_pte(own1, P | _PAGE_GLOBAL | _PAGE_NX), 0);
	pin_l1_with(&ut_v1, ut_pte(own1, P | (1UL << 61)), 0); /* avail */
	pin_l1_with(&ut_v1, ut_pte(own0, P), -EBUSY);	/* d0's frame */
	pin_l1_with(&ut_v1, ut_pte(3, P), -EBUSY);	/* hypervisor's */
	pin_l1_with(&ut_v1, ut_pte(UT_FRAMES + 5, P), -EPERM); /* MMIO */
	pin_l1_with(&ut_v0, ut_pte(UT_FRAMES + 5, P), 0);
	pin_l1_with(&ut_v1, PADDR_MASK | P, -EINVAL);	/* "no frame" */
	pin_l1_with(&ut_v1, ut_pte(own0, 0), 0);	/* not present */
}

static void test_pt_never_writable(void **state)
{
	unsigned long l1 = ut_frame(&ut_d0), other = ut_frame(&ut_d0);

	(void)state;
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, l1, 0, DOMID_SELF), 0);
	ut_table(other)[0] = ut_pte(l1, P | RW);	/* RW map of an L1 */
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, other, 0, DOMID_SELF),
			 -EBUSY);
	ut_table(other)[0] = ut_pte(l1, P);		/* read-only: fine */
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, other, 0, DOMID_SELF),
			 0);
	/* A writable-mapped frame cannot become a table. */
	assert_int_equal(ut_mmu(ut_pte(other, 0) + 8, ut_pte(ut_frame(&ut_d0),
			 P | RW), DOMID_SELF, NULL), 0);
	ut_check_counts();
	assert_int_equal(ut_ext(MMUEXT_UNPIN_TABLE, l1, 0, DOMID_SELF), 0);
}

/*
 * A frame the hypervisor writes for the guest (a vcpu_info registered
 * with VCPUOP_register_vcpu_info): only the domain's own, never a page
 * table, and never one while the hypervisor holds it.
 */
static void test_guest_frame(void **state)
{
	unsigned long f = ut_frame(&ut_d0), l1 = ut_frame(&ut_d0);
	unsigned long other = ut_frame(&ut_d1);

	(void)state;
	assert_null(mm_get_guest_frame(&ut_d0, other));	/* d1's */
	assert_null(mm_get_guest_frame(&ut_d0, UT_FRAMES + 5));
	assert_null(mm_get_guest_frame(&ut_d0, 3));	/* the hypervisor's */
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, l1, 0, DOMID_SELF), 0);
	assert_null(mm_get_guest_frame(&ut_d0, l1));	/* a page table */
	assert_ptr_equal(mm_get_guest_frame(&ut_d0, f), ut_table(f));
	assert_int_equal(frame_table[f].type_info & PGT_type_mask,
			 PGT_writable_page);
	/* Held by the hypervisor: the guest cannot make it a table. */
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, f, 0, DOMID_SELF),
			 -EINVAL);
	mm_put_guest_frame(f);
	assert_int_equal(frame_table[f].type_info & PGT_count_mask, 0);
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, f, 0, DOMID_SELF), 0);
	ut_check_counts();
	assert_int_equal(ut_ext(MMUEXT_UNPIN_TABLE, f, 0, DOMID_SELF), 0);
	assert_int_equal(ut_ext(MMUEXT_UNPIN_TABLE, l1, 0, DOMID_SELF), 0);
}

static void test_upper_levels(void **state)
{
	unsigned long l1, l4 = build_tree(&ut_d0, &l1), bad = ut_frame(&ut_d0);
	unsigned int done = 99;

	(void)state;
	assert_int_equal(ut_ext(MMUEXT_PIN_L4_TABLE, l4, 0, DOMID_SELF), 0);
	assert_int_equal(ut_table(l4)[HV_L4_FIRST],
			 0xabc000UL | _PAGE_PRESENT | _PAGE_RW);
	assert_true(ut_table(l4)[0] & _PAGE_ACCESSED);
	ut_check_counts();
	/* Hypervisor slot of an L4. */
	assert_int_equal(ut_mmu(ut_pte(l4, 0) + HV_L4_FIRST * 8, 0,
				DOMID_SELF, &done), -EINVAL);
	assert_int_equal(done, 0);
	/* Superpage. */
	assert_int_equal(ut_mmu(ut_pte(pte_mfn(ut_table(l4)[0]), 0) + 8,
				ut_pte(0, P | _PAGE_PSE), DOMID_SELF, NULL),
			 -EINVAL);
	/* An L2 entry to a frame that cannot be an L1 (mapped RW). */
	ut_table(bad)[0] = ut_pte(bad, P | RW);
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, bad, 0, DOMID_SELF),
			 -EBUSY);
	assert_int_equal(ut_mmu(ut_pte(pte_mfn(ut_table(pte_mfn(
			 ut_table(l4)[0]))[0]), 0) + 8, ut_pte(l4, P),
			 DOMID_SELF, NULL), -EINVAL);	/* an L4 as an L1 */
	assert_int_equal(ut_ext(MMUEXT_UNPIN_TABLE, l4, 0, DOMID_SELF), 0);
	assert_int_equal(frame_table[l1].type_info & PGT_validated, 0);
}

static void test_linear(void **state)
{
	unsigned long l1, l4 = build_tree(&ut_d0, &l1), l4b, l1b;

	(void)state;
	l4b = build_tree(&ut_d0, &l1b);
	assert_int_equal(ut_ext(MMUEXT_PIN_L4_TABLE, l4, 0, DOMID_SELF), 0);
	/* Self map, read-only: allowed, no reference. */
	assert_int_equal(ut_mmu(ut_pte(l4, 0) + 8 * 300, ut_pte(l4, P),
				DOMID_SELF, NULL), 0);
	assert_int_equal(ut_mmu(ut_pte(l4, 0) + 8 * 301, ut_pte(l4, P | RW),
				DOMID_SELF, NULL), -EINVAL);
	/* Another validated L4, read-only: allowed. */
	assert_int_equal(ut_ext(MMUEXT_PIN_L4_TABLE, l4b, 0, DOMID_SELF), 0);
	assert_int_equal(ut_mmu(ut_pte(l4, 0) + 8 * 302, ut_pte(l4b, P),
				DOMID_SELF, NULL), 0);
	ut_check_counts();
	/* A table with linear entries may not be used linearly itself. */
	assert_int_equal(ut_mmu(ut_pte(l4b, 0) + 8 * 303, ut_pte(l4, P),
				DOMID_SELF, NULL), -EINVAL);
	assert_int_equal(ut_ext(MMUEXT_UNPIN_TABLE, l4b, 0, DOMID_SELF), 0);
	ut_check_counts();
}

static void test_mmu_update_batch(void **state)
{
	unsigned long l1 = ut_frame(&ut_d0), data = ut_frame(&ut_d0);
	struct mmu_update req[3] = {
		{ ut_pte(l1, 0) + 8, ut_pte(data, P) },
		{ ut_pte(l1, 0) + 16, ut_pte(3, P) },	/* not ours */
		{ ut_pte(l1, 0) + 24, ut_pte(data, P) },
	};
	unsigned int done = 0;

	(void)state;
	assert_int_equal(ut_ext(MMUEXT_PIN_L1_TABLE, l1, 0, DOMID_SELF), 0);
	assert_int_equal(do_mmu_update((uint64_t)req, 3, (uint64_t)&done,
				       DOMID_SELF), -EBUSY);
	assert_int_equal(done, 1);
	assert_int_equal(ut_mmu(ut_pte(l1, 0) + 4, 0, DOMID_SELF, &done),
			 -ENOSYS);		/* command 4 */
	assert_int_equal(do_mmu_update(0x1000, 1, 0, DOMID_SELF), -EFAULT);
	assert_int_equal(do_mmu_update(0xffff800000000000UL, 1, 0,
				       DOMID_SELF), -EFAULT);
	assert_int_equal(ut_mmu(ut_pte(l1, 0), 0, 0, NULL), -ESRCH);
	assert_int_equal(ut_mmu(ut_pte(l1, 0), 0, 77, NULL), -ESRCH);
	assert_int_equal(ut_mmu(ut_pte(l1, 0), 0, DOMID_XEN, NULL), -ESRCH);
	ut_set_current(&ut_v1);
	assert_int_equal(ut_mmu(ut_pte(l1, 0), 0, 0, NULL), -EPERM);
	assert_int_equal(ut_mmu(ut_pte(l1, 0), 0, DOMID_SELF, NULL),
			 -EINVAL);		/* d0's table */
	assert_int_equal(ut_mmu(ut_pte(data, 0) | MMU_MACHPHYS_UPDATE, 5,
				DOMID_SELF, NULL), -EINVAL);
	ut_set_current(&ut_v0);
	assert_int_equal(ut_mmu(ut_pte(data, 0) | MMU_MACHPHYS_UPDATE, 42,
				DOMID_SELF, NULL), 0);
	assert_int_equal(ut_m2p[data], 42);
	/* Plain page: written as it is. */
	assert_int_equal(ut_mmu(ut_pte(data, 0) + 16, 0x1234, DOMID_SELF,
				NULL), 0);
	assert_int_equal(ut_table(data)[2], 0x1234);
	/* Preserve A/D. */
	ut_table(l1)[1] |= _PAGE_ACCESSED | _PAGE_DIRTY;
	assert_int_equal(ut_mmu(ut_pte(l1, 0) + 8 + MMU_PT_UPDATE_PRESERVE_AD,
				ut_pte(data, P), DOMID_SELF, NULL), 0);
	assert_true(ut_table(l1)[1] & _PAGE_DIRTY);
	assert_int_equal(ut_ext(MMUEXT_UNPIN_TABLE, l1, 0, DOMID_SELF), 0);
}

static void test_mmuext_misc(void **state)
{
	unsigned long l1, l4 = build_tree(&ut_d1, &l1), page = ut_frame(&ut_d1);
	struct mmuext_op op = { .cmd = MMUEXT_SET_LDT };

	(void)state;
	ut_set_current(&ut_v1);
	assert_int_equal(ut_ext(MMUEXT_MARK_SUPER, 0, 0, DOMID_SELF),
			 -EOPNOTSUPP);
	assert_int_equal(ut_ext(14, 0, 0, DOMID_SELF), -ENOSYS);
	assert_int_equal(ut_ext(MMUEXT_FLUSH_CACHE, 0, 0, DOMID_SELF),
			 -EACCES);
	assert_int_equal(ut_ext(MMUEXT_TLB_FLUSH_LOCAL, 0, 0, 0), -EPERM);
	assert_int_equal(ut_ext(MMUEXT_NEW_BASEPTR, page + 5000, 0,
				DOMID_SELF), -EINVAL);
	op.arg1.linear_addr = 0x1001;
	op.arg2.nr_ents = 4;
	assert_int_equal(do_mmuext_op((uint64_t)&op, 1, 0, DOMID_SELF),
			 -EINVAL);
	op.arg2.nr_ents = 8193;
	op.arg1.linear_addr = 0x1000;
	assert_int_equal(do_mmuext_op((uint64_t)&op, 1, 0, DOMID_SELF),
			 -EINVAL);
	assert_int_equal(ut_ext(MMUEXT_NEW_BASEPTR, l4, 0, DOMID_SELF), 0);
	assert_int_equal(ut_v1.mm.guest_table, l4);
	assert_int_equal(ut_ext(MMUEXT_NEW_USER_BASEPTR, l4, 0, DOMID_SELF),
			 0);
	assert_int_equal(ut_ext(MMUEXT_CLEAR_PAGE, page, 0, DOMID_SELF), 0);
	assert_int_equal(ut_table(page)[9], 0);
	assert_int_equal(ut_ext(MMUEXT_CLEAR_PAGE, l1, 0, DOMID_SELF),
			 -EINVAL);		/* a page table */
	assert_int_equal(ut_ext(MMUEXT_COPY_PAGE, page, l1, DOMID_SELF), 0);
	ut_check_counts();
	/* update_va_mapping through the new base table. */
	assert_int_equal(do_update_va_mapping(0x3000, ut_pte(page, P | RW),
					      UVMF_INVLPG), 0);
	assert_int_equal(do_update_va_mapping(0x40000000, ut_pte(page, P), 0),
			 -EINVAL);		/* no L1 there */
	assert_int_equal(do_update_va_mapping(0xffff800000000000UL, 0, 0),
			 -EINVAL);
	assert_int_equal(do_update_va_mapping(0x3000, ut_pte(page, P | RW),
					      UVMF_TLB_FLUSH | 0x100), -EFAULT);
	assert_int_equal(do_update_va_mapping_otherdomain(0x3000, 0, 0, 77),
			 -ESRCH);
	ut_check_counts();
	ut_set_current(&ut_v0);
}

static void test_memory_op(void **state)
{
	uint64_t list[8] = { 0 }, big[100];
	struct xen_memory_reservation r = { .nr_extents = 8,
					    .domid = DOMID_SELF };
	domid_t self = DOMID_SELF;

	(void)state;
	r.extent_start.q = (uint64_t)list;
	ut_set_current(&ut_v1);
	assert_int_equal(do_memory_op(XENMEM_current_reservation,
				      (uint64_t)&self), 0);
	assert_int_equal(do_memory_op(XENMEM_increase_reservation,
				      (uint64_t)&r), 8);
	assert_int_equal(ut_d1.tot_pages, 8);
	for (unsigned int i = 0; i < 8; i++)
		list[i] = 100 + i;
	assert_int_equal(do_memory_op(XENMEM_populate_physmap,
				      (uint64_t)&r), 8);
	assert_int_equal(ut_m2p[list[3]], 103);
	r.nr_extents = 100;		/* max_pages 64: a short count */
	r.extent_start.q = (uint64_t)big;
	assert_int_equal(do_memory_op(XENMEM_increase_reservation,
				      (uint64_t)&r), 64 - 16);
	r.extent_start.q = (uint64_t)list;
	r.nr_extents = 8;
	assert_int_equal(do_memory_op(XENMEM_decrease_reservation,
				      (uint64_t)&r), 8);
	assert_int_equal(do_memory_op(XENMEM_decrease_reservation,
				      (uint64_t)&r), 0);	/* gone */
	r.domid = 0;
	assert_int_equal(do_memory_op(XENMEM_increase_reservation,
				      (uint64_t)&r), 0);	/* not ours */
	assert_int_equal(do_memory_op(XENMEM_maximum_ram_page, 0), UT_FRAMES);
	assert_int_equal(do_memory_op(XENMEM_maximum_ram_page | (1 << 6), 0),
			 -EINVAL);
	assert_int_equal(do_memory_op(XENMEM_maximum_reservation,
				      (uint64_t)&self), 64);
	assert_int_equal(do_memory_op(XENMEM_exchange, 0), -ENOSYS);
	assert_int_equal(do_memory_op(XENMEM_machine_memory_map, 0), -EPERM);
	assert_int_equal(do_memory_op(XENMEM_memory_map, (uint64_t)list),
			 -ENOSYS);
	assert_int_equal(do_memory_op(XENMEM_current_reservation, 0x10),
			 -EFAULT);
	ut_set_current(&ut_v0);
}

/* A guest MOV to its own L1 through a read-only mapping of it. */
static void test_ptwr(void **state)
{
	unsigned long l1, l4 = build_tree(&ut_d0, &l1), page = ut_frame(&ut_d0);
	/* Padded: the fetch reads up to 15 bytes. */
	uint8_t mov[16] = { 0x48, 0x89, 0x07 };		/* mov %rax,(%rdi) */
	uint8_t cmpx[16] = { 0xf0, 0x48, 0x0f, 0xb1, 0x0f }; /* cmpxchg */
	uint8_t bts[16] = { 0xf0, 0x0f, 0xba, 0x2f, 0x01 }; /* btsl $1 */
	struct trap_frame regs = { 0 };
	uint64_t va_l1 = 0x1000;

	(void)state;
	ut_d0.vm_assist |= 1UL << VMASST_TYPE_writable_pagetables;
	ut_table(l1)[1] = ut_pte(l1, P);		/* L1 at 0x1000, r/o */
	assert_int_equal(ut_ext(MMUEXT_NEW_BASEPTR, l4, 0, DOMID_SELF), 0);
	regs.error_code = 3;
	regs.rip = (uint64_t)mov;
	regs.rdi = va_l1 + 8 * 5;
	regs.rax = ut_pte(page, P | RW);
	assert_true(pv_ptwr_fault(&ut_v0, &regs, regs.rdi));
	assert_int_equal(pte_mfn(ut_table(l1)[5]), page);
	assert_int_equal(regs.rip, (uint64_t)mov + 3);
	ut_check_counts();
	/* A frame not ours: left as a fault. */
	regs.rip = (uint64_t)mov;
	regs.rax = ut_pte(3, P);
	assert_false(pv_ptwr_fault(&ut_v0, &regs, regs.rdi));
	assert_int_equal(regs.rip, (uint64_t)mov);
	/* CMPXCHG that does not match: rax gets the entry, ZF clear. */
	regs.rip = (uint64_t)cmpx;
	regs.rax = 1;
	regs.rcx = 0;
	assert_true(pv_ptwr_fault(&ut_v0, &regs, regs.rdi));
	assert_int_equal(regs.rax, ut_table(l1)[5]);
	assert_false(regs.rflags & X86_FLAGS_ZF);
	regs.rip = (uint64_t)cmpx;
	assert_true(pv_ptwr_fault(&ut_v0, &regs, regs.rdi));
	assert_int_equal(ut_table(l1)[5], 0);
	assert_true(regs.rflags & X86_FLAGS_ZF);
	/* LOCK BTS of RW on an entry mapping the L1 itself: refused. */
	assert_int_equal(ut_mmu(ut_pte(l1, 0) + 8 * 6, ut_pte(l1, P | US),
				DOMID_SELF, NULL), 0);
	regs.rip = (uint64_t)bts;
	regs.rdi = va_l1 + 8 * 6;
	assert_false(pv_ptwr_fault(&ut_v0, &regs, regs.rdi));
	/* Misaligned, or outside the faulting page: refused. */
	regs.rip = (uint64_t)mov;
	regs.rdi = va_l1 + 8 * 5 + 4;
	assert_false(pv_ptwr_fault(&ut_v0, &regs, regs.rdi));
	/* Without the assist: still emulated, as Xen 4.17 does. */
	ut_d0.vm_assist = 0;
	regs.rip = (uint64_t)mov;
	regs.rax = ut_pte(page, P);
	regs.rdi = va_l1 + 8 * 5;
	assert_true(pv_ptwr_fault(&ut_v0, &regs, regs.rdi));
	ut_check_counts();
}

static void test_multicall(void **state)
{
	unsigned long l1 = ut_frame(&ut_d0);
	struct multicall_entry mc[3] = {
		{ .op = __HYPERVISOR_mmuext_op },
		{ .op = __HYPERVISOR_multicall },
		{ .op = 63 },
	};
	struct mmuext_op op = { .cmd = MMUEXT_PIN_L1_TABLE };

	(void)state;
	op.arg1.mfn = l1;
	mc[0].args[0] = (uint64_t)&op;
	mc[0].args[1] = 1;
	mc[0].args[3] = DOMID_SELF;
	assert_int_equal(do_multicall((uint64_t)mc, 3), 0);
	assert_int_equal(mc[0].result, 0);
	assert_int_equal((long)mc[1].result, -EINVAL);
	assert_int_equal((long)mc[2].result, -ENOSYS);
	assert_int_equal(do_multicall(0x100, 1), -EFAULT);
	assert_int_equal(ut_ext(MMUEXT_UNPIN_TABLE, l1, 0, DOMID_SELF), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_l1_pin_rw_mapping, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_l1_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pt_never_writable, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_upper_levels, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_guest_frame, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_linear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mmu_update_batch, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_mmuext_misc, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_memory_op, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_ptwr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
