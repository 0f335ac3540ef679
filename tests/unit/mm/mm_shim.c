/* SPDX-License-Identifier: MIT */
/* The simulated machine of mm_shim.h. */
#include "mm_shim.h"
#include <hv/console.h>
#include <hv/guest_access.h>

struct page_info *frame_table;
unsigned long max_mfn;
struct domain ut_d0, ut_d1;
struct vcpu ut_v0, ut_v1;
unsigned long ut_flushes;
uint64_t ut_m2p[UT_FRAMES];

static uint8_t *mem;

void *maddr_to_virt(uint64_t ma)
{
	assert_true(ma < (uint64_t)UT_FRAMES * PAGE_SIZE);
	return mem + ma;
}

void m2p_set(unsigned long mfn, unsigned long pfn)
{
	if (mfn < UT_FRAMES)
		ut_m2p[mfn] = pfn;
}

/* No M2P table in the simulation: an empty extent. */
void m2p_extent(uint64_t *base, uint64_t *size)
{
	*base = 0;
	*size = 0;
}

/* Recognisable hypervisor entries; never validated nor released. */
void l4_copy_hv_slots(uint64_t *l4)
{
	for (unsigned int i = HV_L4_FIRST; i <= HV_L4_LAST; i++)
		l4[i] = 0xabc000UL | _PAGE_PRESENT | _PAGE_RW;
}


size_t raw_copy_from_guest(void *dst, uint64_t src, size_t len)
{
	if (src < 0x10000)
		return len;
	memcpy(dst, (const void *)src, len);
	return 0;
}

size_t raw_copy_to_guest(uint64_t dst, const void *src, size_t len)
{
	if (dst < 0x10000)
		return len;
	memcpy((void *)dst, src, len);
	return 0;
}

void mm_flush_tlb_local(void) { ut_flushes++; }
void mm_flush_tlb_one_local(uint64_t va) { (void)va; ut_flushes++; }
void mm_flush_tlb_domain(const struct domain *d) { (void)d; ut_flushes++; }
void mm_flush_tlb_one_domain(const struct domain *d, uint64_t va)
{
	(void)d;
	(void)va;
	ut_flushes++;
}
void mm_flush_cache(void) { ut_flushes++; }
void mm_load_guest_table(struct vcpu *v)
{
	v->arch.cr3 = (uint64_t)v->mm.guest_table << PAGE_SHIFT;
}

static struct e820_entry ram = { 0, (uint64_t)UT_FRAMES * PAGE_SIZE,
				 E820_RAM };

static void domain_init(struct domain *d, struct vcpu *v, unsigned int id,
			bool priv, unsigned long max)
{
	memset(d, 0, sizeof(*d));
	memset(v, 0, sizeof(*v));
	d->domain_id = id;
	d->is_privileged = priv;
	d->max_pages = max;
	d->mm.page_head = d->mm.page_tail = PAGE_NONE;
	d->vcpu0 = v;
	v->domain = d;
	v->arch.in_kernel = true;
	assert_int_equal(domain_register(d), 0);
}

void ut_mm_setup(unsigned long max0, unsigned long max1)
{
	mem = aligned_alloc(PAGE_SIZE, (size_t)UT_FRAMES * PAGE_SIZE);
	assert_non_null(mem);
	memset(mem, 0x5a, (size_t)UT_FRAMES * PAGE_SIZE);
	frame_table = calloc(UT_FRAMES, sizeof(*frame_table));
	assert_non_null(frame_table);
	max_mfn = UT_FRAMES;
	heap_init(frame_table, UT_FRAMES);
	heap_add_range(UT_FIRST_HEAP, UT_FRAMES);
	mm_set_machine_map(&ram, 1);
	domain_init(&ut_d0, &ut_v0, 0, true, max0);
	domain_init(&ut_d1, &ut_v1, 1, false, max1);
	ut_set_current(&ut_v0);
	ut_flushes = 0;
}

void ut_mm_teardown(void)
{
	domain_relinquish_memory(&ut_d0);
	domain_relinquish_memory(&ut_d1);
	assert_int_equal(ut_d0.tot_pages, 0);
	assert_int_equal(ut_d1.tot_pages, 0);
	assert_int_equal(heap_free_frames(), UT_FRAMES - UT_FIRST_HEAP);
	assert_true(heap_check());
	free(frame_table);
	free(mem);
}

unsigned long ut_frame(struct domain *d)
{
	unsigned long mfn = alloc_domheap_pages(d, 0, 0);

	assert_int_not_equal(mfn, PAGE_NONE);
	return mfn;
}

uint64_t *ut_table(unsigned long mfn)
{
	return mfn_to_virt(mfn);
}

long ut_mmu(uint64_t ptr, uint64_t val, unsigned int fd, unsigned int *done)
{
	struct mmu_update req = { ptr, val };

	return do_mmu_update((uint64_t)&req, 1, (uint64_t)done, fd);
}

long ut_ext(unsigned int cmd, uint64_t arg1, uint64_t arg2, unsigned int fd)
{
	struct mmuext_op op = { .cmd = cmd };

	op.arg1.mfn = arg1;
	op.arg2.src_mfn = arg2;
	return do_mmuext_op((uint64_t)&op, 1, 0, fd);
}

/* Expected counts, from the tables' contents. */
static void account(uint64_t *gen, uint64_t *typ)
{
	for (unsigned long m = 0; m < UT_FRAMES; m++) {
		struct page_info *pg = &frame_table[m];
		unsigned int level = pgt_level(pg->type_info);
		const uint64_t *t = ut_table(m);

		if (pg->owner == NULL)
			continue;
		gen[m] += !!(pg->count_info & PGC_allocated);
		gen[m] += !!(pg->type_info & PGT_pinned);
		typ[m] += !!(pg->type_info & PGT_pinned);
		if (pg->count_info & PGC_xen_heap)
			typ[m]++;
		if (!level || !(pg->type_info & PGT_validated))
			continue;
		for (unsigned int i = 0; i < PT_ENTRIES; i++) {
			unsigned long tm = pte_mfn(t[i]);

			if (!(t[i] & _PAGE_PRESENT) || tm >= UT_FRAMES ||
			    (level == 4 && i >= HV_L4_FIRST &&
			     i <= HV_L4_LAST) || (level > 1 && tm == m))
				continue;
			gen[tm]++;
			if (level > 1 || (t[i] & _PAGE_RW))
				typ[tm]++;
		}
	}
	for (struct vcpu *v = &ut_v0; v; v = v == &ut_v0 ? &ut_v1 : NULL) {
		if (v->mm.guest_table) {
			gen[v->mm.guest_table]++;
			typ[v->mm.guest_table]++;
		}
		if (v->mm.guest_table_user) {
			gen[v->mm.guest_table_user]++;
			typ[v->mm.guest_table_user]++;
		}
	}
}

void ut_check_counts(void)
{
	static uint64_t gen[UT_FRAMES], typ[UT_FRAMES];

	memset(gen, 0, sizeof(gen));
	memset(typ, 0, sizeof(typ));
	account(gen, typ);
	for (unsigned long m = 0; m < UT_FRAMES; m++) {
		struct page_info *pg = &frame_table[m];

		if (pg->owner == NULL)
			continue;
		if ((pg->count_info & PGC_count_mask) != gen[m] ||
		    (pg->type_info & PGT_count_mask) != typ[m])
			fail_msg("mfn %lu: count %lu (expected %lu), type count "
				 "%lu (expected %lu), type %#lx", m,
				 pg->count_info & PGC_count_mask, gen[m],
				 pg->type_info & PGT_count_mask, typ[m],
				 pg->type_info);
		/* A frame is never both a page table and writable-mapped. */
		if (pgt_level(pg->type_info) && typ[m])
			assert_true(pg->type_info & PGT_validated);
	}
}
