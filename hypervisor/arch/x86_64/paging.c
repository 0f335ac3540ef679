/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's page tables (asm/layout.h). mm_init() builds them
 * from scratch with 2 MiB pages: the image, a direct map of the first
 * 4 GiB and of all RAM, and the M2P twice (read-only and user-visible
 * for guests, writable for us). Every guest L4 gets the same slots
 * 256-271, so the hypervisor runs on whichever L4 is loaded. Boot
 * allocations (page-table pages, frame table, M2P) come off the top of
 * the free ranges, below 4 GiB while only the boot direct map exists.
 */
#include <asm/page.h>
#include <asm/processor.h>
#include <hv/bug.h>
#include <hv/console.h>
#include <hv/mm.h>

#define LIMIT_4G	(4ULL << 30)
#define PAGE_2M		(1ULL << L2_SHIFT)

unsigned long max_mfn;
unsigned long total_ram_frames;
struct page_info *frame_table;

static uint64_t *idle_l4;
uint64_t idle_cr3;		/* loaded by APs in boot.S */
static struct memrange_set *boot_free;
extern const char _start[], _end[];

uint64_t virt_to_maddr(const void *va)
{
	uint64_t v = (uint64_t)va;

	if (v >= DIRECTMAP_VIRT_START && v < DIRECTMAP_VIRT_END)
		return v - DIRECTMAP_VIRT_START;
	return v - HV_IMAGE_OFFSET;
}

static void *boot_alloc(uint64_t size, uint64_t align)
{
	uint64_t ma = memrange_alloc_top(boot_free, size, align, LIMIT_4G);

	if (ma == 0)
		panic("out of memory at boot allocating %lu bytes", size);
	memset(maddr_to_virt(ma), 0, size);
	return maddr_to_virt(ma);
}

/* The next-level table under entry e of table t, made if absent. */
static uint64_t *pt_next(uint64_t *t, unsigned int e, uint64_t flags)
{
	if (!(t[e] & _PAGE_PRESENT)) {
		void *n = boot_alloc(PAGE_SIZE, PAGE_SIZE);

		t[e] = virt_to_maddr(n) | flags;
	}
	return maddr_to_virt(t[e] & PADDR_MASK);
}

/* Maps [va, va + size) to ma with 2 MiB pages; all three aligned. */
static void map_2m(uint64_t va, uint64_t ma, uint64_t size, uint64_t flags)
{
	const uint64_t tflags = _PAGE_PRESENT | _PAGE_RW | _PAGE_USER;

	for (uint64_t off = 0; off < size; off += PAGE_2M) {
		uint64_t *l3 = pt_next(idle_l4, pt_index(va + off, L4_SHIFT),
				       tflags);
		uint64_t *l2 = pt_next(l3, pt_index(va + off, L3_SHIFT),
				       tflags & ~_PAGE_USER);

		l2[pt_index(va + off, L2_SHIFT)] = (ma + off) | flags |
						   _PAGE_PSE;
	}
}

static uint64_t m2p_base, m2p_size;

void m2p_extent(uint64_t *base, uint64_t *size)
{
	*base = m2p_base;
	*size = m2p_size;
}

static void map_m2p(void)
{
	uint64_t size = ROUNDUP(max_mfn * 8, PAGE_2M);
	uint64_t *m2p = boot_alloc(size, PAGE_2M);
	uint64_t ma = virt_to_maddr(m2p);

	m2p_base = ma;
	m2p_size = size;
	const uint64_t base = _PAGE_PRESENT | _PAGE_ACCESSED;

	BUG_ON(size > M2P_RO_VIRT_END - M2P_RO_VIRT_START);
	memset(m2p, 0xff, size);	/* INVALID_M2P_ENTRY everywhere */
	/* The L3 for slot 256 must let the guest's RO half be user. */
	pt_next(idle_l4, pt_index(M2P_RO_VIRT_START, L4_SHIFT),
		_PAGE_PRESENT | _PAGE_RW | _PAGE_USER);
	for (uint64_t off = 0; off < size; off += PAGE_2M) {
		uint64_t *l3 = pt_next(idle_l4, HV_L4_FIRST, 0);
		uint64_t *l2 = pt_next(l3, pt_index(M2P_RO_VIRT_START + off,
						    L3_SHIFT),
				       _PAGE_PRESENT | _PAGE_USER);

		l2[pt_index(M2P_RO_VIRT_START + off, L2_SHIFT)] =
			(ma + off) | base | _PAGE_USER | _PAGE_PSE;
	}
	map_2m(M2P_RW_VIRT_START, ma, size, base | _PAGE_RW | _PAGE_DIRTY |
	       _PAGE_GLOBAL);
}

void mm_init(struct memrange_set *free, uint64_t max_ram_addr)
{
	uint64_t img_start = virt_to_maddr(_start);
	uint64_t img_end = ROUNDUP(virt_to_maddr(_end), PAGE_2M);
	const uint64_t kflags = _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED |
				_PAGE_DIRTY | _PAGE_GLOBAL;
	uint64_t dmap_end = MAX(ROUNDUP(max_ram_addr, PAGE_2M), LIMIT_4G);
	uint64_t ft_size;

	boot_free = free;
	max_mfn = max_ram_addr >> PAGE_SHIFT;
	if (dmap_end > DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START)
		panic("RAM ends at %#lx, beyond the direct map", dmap_end);
	idle_l4 = boot_alloc(PAGE_SIZE, PAGE_SIZE);
	map_2m(HV_IMAGE_OFFSET + img_start, img_start, img_end - img_start,
	       kflags);
	/* Direct map: 0-4 GiB (MMIO included) and all RAM above. */
	map_2m(DIRECTMAP_VIRT_START, 0, dmap_end, kflags & ~_PAGE_GLOBAL);
	map_m2p();

	ft_size = ROUNDUP(max_mfn * sizeof(struct page_info), PAGE_SIZE);
	frame_table = boot_alloc(ft_size, PAGE_SIZE);

	write_cr4(read_cr4() | X86_CR4_PGE);
	idle_cr3 = virt_to_maddr(idle_l4);
	write_cr3(idle_cr3);

	heap_init(frame_table, max_mfn);
	for (unsigned int i = 0; i < free->nr; i++) {
		uint64_t s = ROUNDUP(free->r[i].start, PAGE_SIZE);
		uint64_t e = ROUNDDOWN(free->r[i].end, PAGE_SIZE);

		if (e > s) {
			heap_add_range(s >> PAGE_SHIFT, e >> PAGE_SHIFT);
			total_ram_frames += (e - s) >> PAGE_SHIFT;
		}
	}
	free->nr = 0;
}

unsigned long alloc_zeroed_frame(void)
{
	unsigned long mfn = alloc_pages(0);

	if (mfn != PAGE_NONE)
		memset(mfn_to_virt(mfn), 0, PAGE_SIZE);
	return mfn;
}

void m2p_set(unsigned long mfn, unsigned long pfn)
{
	uint64_t *m2p = (uint64_t *)M2P_RW_VIRT_START;

	if (mfn < max_mfn)
		m2p[mfn] = pfn;
}

void l4_copy_hv_slots(uint64_t *l4)
{
	for (unsigned int i = HV_L4_FIRST; i <= HV_L4_LAST; i++)
		l4[i] = idle_l4[i];
}
