/* SPDX-License-Identifier: MIT */
/*
 * x86-64 specifics of starting a PV domain: the bootstrap page tables
 * (4 KiB mappings only; every entry user-accessible, as Xen forces for
 * 64-bit PV; the page-table frames themselves read-only), the hypercall
 * page, and vCPU0's first register state and entry in ring 3.
 */
#include <asm/cpu.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <hv/arch_pv.h>
#include <hv/bug.h>
#include <hv/console.h>
#include <hv/mm.h>
#include <public/xen.h>

#define L1_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_USER)
#define LN_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
			 _PAGE_DIRTY | _PAGE_USER)

struct pt_builder {
	const struct pv_layout	*l;
	pfn_to_mfn_fn		p2m;
	void			*ctx;
	uint64_t		next;	/* next free page-table frame index */
};

static unsigned long pt_frame_mfn(struct pt_builder *b, uint64_t idx)
{
	uint64_t pfn = (b->l->pt_start - b->l->v_start) / PAGE_SIZE + idx;

	return b->p2m(b->ctx, pfn);
}

/* Entry e of table t: the next table, taking a fresh frame if empty. */
static uint64_t *pt_walk(struct pt_builder *b, uint64_t *t, unsigned int e)
{
	if (!(t[e] & _PAGE_PRESENT)) {
		BUG_ON(b->next >= b->l->nr_pt_frames);
		t[e] = ((uint64_t)pt_frame_mfn(b, b->next++) << PAGE_SHIFT) |
		       LN_FLAGS;
	}
	return maddr_to_virt(t[e] & PADDR_MASK);
}

unsigned long arch_pv_build_pagetables(const struct pv_layout *l,
				       pfn_to_mfn_fn p2m, void *ctx)
{
	struct pt_builder b = { l, p2m, ctx, 1 };
	unsigned long l4_mfn = pt_frame_mfn(&b, 0);
	uint64_t *l4 = mfn_to_virt(l4_mfn);
	uint64_t pt_end = l->pt_start + l->nr_pt_frames * PAGE_SIZE;

	for (uint64_t va = l->v_start; va < l->v_end; va += PAGE_SIZE) {
		uint64_t *l3 = pt_walk(&b, l4, pt_index(va, L4_SHIFT));
		uint64_t *l2 = pt_walk(&b, l3, pt_index(va, L3_SHIFT));
		uint64_t *l1 = pt_walk(&b, l2, pt_index(va, L2_SHIFT));
		uint64_t pfn = (va - l->v_start) / PAGE_SIZE;
		uint64_t pte = ((uint64_t)p2m(ctx, pfn) << PAGE_SHIFT) |
			       L1_FLAGS;

		if (va >= l->pt_start && va < pt_end)
			pte &= ~_PAGE_RW;
		l1[pt_index(va, L1_SHIFT)] = pte;
	}
	l4_copy_hv_slots(l4);
	return l4_mfn;
}

/*
 * Slot n: push %rcx; push %r11; mov $n, %eax; syscall; pop %r11;
 * pop %rcx; ret. The iret slot pushes %rax too and never returns.
 */
void arch_pv_fill_hypercall_page(uint8_t *page)
{
	memset(page, 0xcc, PAGE_SIZE);
	for (unsigned int n = 0; n < PAGE_SIZE / 32; n++) {
		uint8_t *p = page + n * 32;

		*p++ = 0x51;
		*p++ = 0x41;
		*p++ = 0x53;
		if (n == __HYPERVISOR_iret)
			*p++ = 0x50;
		*p++ = 0xb8;
		memcpy(p, &n, 4);
		p += 4;
		*p++ = 0x0f;
		*p++ = 0x05;
		if (n == __HYPERVISOR_iret)
			continue;
		*p++ = 0x41;
		*p++ = 0x5b;
		*p++ = 0x59;
		*p++ = 0xc3;
	}
}

/*
 * Types the bootstrap tables as Xen does: the L4 validated as an L4
 * (which validates and types everything under it), pinned, and held as
 * the vCPU's base table. They were built by us, so failing is a bug.
 */
static void install_bootstrap_tables(struct vcpu *v, unsigned long l4_mfn)
{
	int rc = get_page_and_type(l4_mfn, v->domain, PGT_l4_page_table);

	if (rc == 0)
		rc = get_page_and_type(l4_mfn, v->domain, PGT_l4_page_table);
	if (rc)
		panic("dom0: bootstrap page tables rejected: %d", rc);
	mfn_to_page(l4_mfn)->type_info |= PGT_pinned;
	v->mm.guest_table = l4_mfn;
}

void arch_vcpu_init_entry(struct vcpu *v, uint64_t entry, uint64_t rsp,
			  uint64_t rsi, unsigned long l4_mfn)
{
	struct trap_frame *r = &v->arch.regs;

	memset(r, 0, sizeof(*r));
	r->rip = entry;
	r->cs = FLAT_KERNEL_CS;
	r->rflags = X86_RFLAGS_IF;
	r->rsp = rsp;
	r->ss = FLAT_KERNEL_SS;
	r->rsi = rsi;
	v->arch.cr3 = (uint64_t)l4_mfn << PAGE_SHIFT;
	v->arch.in_kernel = true;
	install_bootstrap_tables(v, l4_mfn);
	arch_vcpu_fpu_init(v);
}
