/* SPDX-License-Identifier: MIT */
/*
 * The kernel's memory: its own page tables, built the way a PV kernel
 * must build them, and a page allocator.
 *
 * At entry the builder has mapped only the start of our RAM (image,
 * initrd, P2M, start_info, boot page tables, boot stack and some spare
 * pages), with pseudo-physical frame n at VIRT_BASE + n * PAGE_SIZE.
 * mm_setup() keeps that layout and extends it to all of RAM:
 *
 *  1. maps shared_info over a placeholder page of ours (update_va_mapping),
 *     so the trap handler can read the page-fault address (arch.cr2);
 *  2. installs the trap table and callbacks (traps_init());
 *  3. takes spare mapped pages for a new L4, L3, L2 and one L1 per 2 MiB
 *     of RAM and fills them as ordinary memory: every frame of the P2M,
 *     read-only for text and for page-table frames (ours and the boot
 *     ones), read-write for the rest;
 *  4. makes the new table pages read-only in the boot tables with one
 *     mmu_update batch: the hypervisor never lets a page table be
 *     writable through any mapping;
 *  5. pins the new L4 (the hypervisor validates the whole tree), loads it
 *     with MMUEXT_NEW_BASEPTR, unpins the boot L4 and, its frames now
 *     untyped, maps them read-write again and frees them.
 *
 * Until mm_setup() has run the allocator hands out only pages of the
 * boot mapping; afterwards every free frame of RAM.
 */
#include <string.h>
#include <public/errno.h>
#include <public/memory.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/traps.h>

/* The kernel maps at most one L2's worth of RAM: 1 GiB. */
#define MAX_MAPPED_PAGES	(PT_ENTRIES * PT_ENTRIES)
#define MMU_BATCH		64

uint64_t *p2m;
uint64_t nr_pages;
struct shared_info *shared_info;

extern char _text[], _etext[], _end[];

/* Replaced by the shared_info frame in our mappings. */
static uint8_t shared_info_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static int setup_rc = 1;		/* 1: not run yet */
static uint64_t *cur_l4;		/* the running L4 (boot, then ours) */
static uint64_t mapped_pages;		/* frames [0, mapped_pages) */
static unsigned int nr_tables;		/* frames of our kernel tables */

/* Allocator: a bump pointer over never-used frames, then a free list. */
static uint64_t alloc_next, alloc_limit;
static void *free_list;
static unsigned long nr_free_listed;

/* Frames that are page tables, mapped read-only (bit per pfn). */
static uint8_t table_bitmap[MAX_MAPPED_PAGES / 8];

static void table_mark(uint64_t pfn, bool on)
{
	if (pfn >= MAX_MAPPED_PAGES)
		return;
	if (on)
		table_bitmap[pfn / 8] |= 1 << (pfn % 8);
	else
		table_bitmap[pfn / 8] &= ~(1 << (pfn % 8));
}

static bool table_marked(uint64_t pfn)
{
	return pfn < MAX_MAPPED_PAGES &&
	       (table_bitmap[pfn / 8] & (1 << (pfn % 8)));
}

void *page_alloc(void)
{
	void *p = NULL;

	if (free_list) {
		p = free_list;
		free_list = *(void **)p;
		nr_free_listed--;
	} else {
		while (alloc_next < alloc_limit &&
		       p2m[alloc_next] == INVALID_MFN)
			alloc_next++;
		if (alloc_next < alloc_limit)
			p = pfn_to_virt(alloc_next++);
	}
	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

void *page_alloc_run(unsigned int n)
{
	uint64_t start;

	for (;;) {
		while (alloc_next < alloc_limit &&
		       p2m[alloc_next] == INVALID_MFN)
			alloc_next++;
		start = alloc_next;
		while (alloc_next < alloc_limit && alloc_next - start < n &&
		       p2m[alloc_next] != INVALID_MFN)
			alloc_next++;
		if (alloc_next - start == n)
			break;
		/* A hole: what we passed goes to the free list. */
		for (uint64_t pfn = start; pfn < alloc_next; pfn++)
			page_free(pfn_to_virt(pfn));
		if (alloc_next >= alloc_limit)
			return NULL;
	}
	memset(pfn_to_virt(start), 0, (uint64_t)n << PAGE_SHIFT);
	return pfn_to_virt(start);
}

void page_free(void *va)
{
	*(void **)va = free_list;
	free_list = va;
	nr_free_listed++;
}

unsigned long page_free_count(void)
{
	return nr_free_listed + (alloc_limit - alloc_next);
}

bool mm_is_ready(void)
{
	return setup_rc == 0;
}

const void *mm_readonly_page(void)
{
	return setup_rc == 0 ? (const void *)cur_l4 :
			       (const void *)start_info->pt_base;
}

uint64_t mm_kernel_l4_mfn(void)
{
	return virt_to_mfn(cur_l4);
}

/* The table of level `level` on the way to va, or NULL if not present. */
static uint64_t *pt_walk(uint64_t va, unsigned int level)
{
	uint64_t *t = cur_l4, e;

	for (unsigned int l = 4; l > level; l--) {
		e = t[pt_index(va, l)];
		if (!(e & PTE_P) || (e & PTE_PSE))
			return NULL;
		t = pfn_to_virt(mfn_to_pfn(pte_mfn(e)));
	}
	return t;
}

uint64_t mm_entry_machine(uint64_t va, unsigned int level, uint64_t *pte)
{
	uint64_t *t = pt_walk(va, level);
	unsigned int i = pt_index(va, level);

	if (!t)
		return 0;
	if (pte)
		*pte = t[i];
	return virt_to_machine(&t[i]);
}

uint64_t mm_l1e_machine(uint64_t va, uint64_t *pte)
{
	return mm_entry_machine(va, 1, pte);
}

long mm_update1(uint64_t ptr, uint64_t val)
{
	struct mmu_update u = { .ptr = ptr, .val = val };

	return hypercall_mmu_update(&u, 1, NULL, DOMID_SELF);
}

long mmuext1(unsigned int cmd, uint64_t mfn)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };

	return hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

int mm_set_l1e(const void *va, uint64_t pte)
{
	return hypercall_update_va_mapping((uint64_t)va, pte, UVMF_INVLPG);
}

int mm_make_ro(const void *va)
{
	return mm_set_l1e(va, pte_make(virt_to_mfn(va), PTE_KERNEL_RO));
}

int mm_make_rw(const void *va)
{
	return mm_set_l1e(va, pte_make(virt_to_mfn(va), PTE_KERNEL_RW));
}

static int report(const char *what, long rc)
{
	if (rc < 0)
		printk("%s: mm: %s failed: %ld (%s)\n", guest_name, what, rc,
		       xen_strerror(rc));
	return rc;
}

/* First frame nothing the builder placed uses: after every element. */
static uint64_t first_free_pfn(const struct start_info *si)
{
	uint64_t end = virt_to_pfn(_end + PAGE_SIZE - 1), e;

	e = virt_to_pfn((void *)si->pt_base) + si->nr_pt_frames + 1;
	if (e > end)
		end = e;
	e = virt_to_pfn((void *)(si->mfn_list + nr_pages * 8 + PAGE_SIZE - 1));
	if (e > end)
		end = e;
	if (si->mod_len && !(si->flags & SIF_MOD_START_PFN)) {
		e = virt_to_pfn((void *)(si->mod_start + si->mod_len +
					 PAGE_SIZE - 1));
		if (e > end)
			end = e;
	}
	return end;
}

/* How far the boot mapping reaches, contiguously from pfn. */
static uint64_t boot_mapped_end(uint64_t pfn)
{
	uint64_t pte;

	while (pfn < nr_pages && mm_l1e_machine((uint64_t)pfn_to_virt(pfn),
						&pte) && (pte & PTE_P))
		pfn++;
	return pfn;
}

static int map_shared_info(void)
{
	long rc = hypercall_update_va_mapping((uint64_t)shared_info_page,
			start_info->shared_info | PTE_KERNEL_RW, UVMF_INVLPG);

	if (rc < 0)
		return report("update_va_mapping(shared_info)", rc);
	shared_info = (struct shared_info *)shared_info_page;
	return 0;
}

/* The L1 entry of pfn in our tables. */
static uint64_t kernel_pte(uint64_t pfn, uint64_t text_end)
{
	uint64_t mfn = p2m[pfn];

	if (mfn == INVALID_MFN)
		return 0;
	if (pfn_to_virt(pfn) == shared_info_page)
		return (start_info->shared_info & PTE_ADDR_MASK) |
		       PTE_KERNEL_RW;
	if (pfn < text_end || table_marked(pfn))
		return pte_make(mfn, PTE_KERNEL_RO);
	return pte_make(mfn, PTE_KERNEL_RW);
}

/* Step 4: read-only mappings of our new table pages, in batches. */
static int tables_make_ro(uint64_t **tables, unsigned int n)
{
	struct mmu_update req[MMU_BATCH];
	unsigned int i = 0, k, done;
	long rc;

	while (i < n) {
		for (k = 0; k < MMU_BATCH && i < n; k++, i++) {
			req[k].ptr = mm_l1e_machine((uint64_t)tables[i], NULL) |
				     MMU_NORMAL_PT_UPDATE;
			req[k].val = pte_make(virt_to_mfn(tables[i]),
					      PTE_KERNEL_RO);
		}
		rc = hypercall_mmu_update(req, k, &done, DOMID_SELF);
		if (rc < 0 || done != k)
			return report("mmu_update(make tables read-only)", rc);
	}
	return report("mmuext_op(TLB_FLUSH_LOCAL)",
		      mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0));
}

/* tables[]: L4, L3, L2, then the L1s. Returns how many, or 0. */
static unsigned int tables_build(uint64_t **tables)
{
	uint64_t text_end = virt_to_pfn(_etext + PAGE_SIZE - 1);
	unsigned int n_l1 = (mapped_pages + PT_ENTRIES - 1) / PT_ENTRIES, n;
	uint64_t *l4, *l3, *l2, *l1;

	for (n = 0; n < n_l1 + 3; n++) {
		tables[n] = page_alloc();
		if (!tables[n]) {
			printk("%s: mm: out of boot-mapped pages for tables\n",
			       guest_name);
			return 0;
		}
		table_mark(virt_to_pfn(tables[n]), true);
	}
	l4 = tables[0], l3 = tables[1], l2 = tables[2];
	l4[pt_index(VIRT_BASE, 4)] = pte_make(virt_to_mfn(l3), PTE_TABLE);
	l3[pt_index(VIRT_BASE, 3)] = pte_make(virt_to_mfn(l2), PTE_TABLE);
	for (unsigned int i = 0; i < n_l1; i++) {
		l1 = tables[3 + i];
		l2[i] = pte_make(virt_to_mfn(l1), PTE_TABLE);
		for (unsigned int j = 0; j < PT_ENTRIES; j++) {
			uint64_t pfn = (uint64_t)i * PT_ENTRIES + j;

			if (pfn < mapped_pages)
				l1[j] = kernel_pte(pfn, text_end);
		}
	}
	return n;
}

/* Step 5's end: the boot tables are plain pages again; reuse them. */
static void boot_tables_reclaim(uint64_t first, uint64_t count)
{
	for (uint64_t pfn = first; pfn < first + count; pfn++) {
		table_mark(pfn, false);
		if (report("update_va_mapping(boot table read-write)",
			   mm_make_rw(pfn_to_virt(pfn))) == 0)
			page_free(pfn_to_virt(pfn));
	}
}

static int tables_switch(uint64_t **tables, unsigned int n)
{
	uint64_t boot_l4 = virt_to_mfn(cur_l4);
	uint64_t boot_first = virt_to_pfn((void *)start_info->pt_base);
	long rc;

	rc = tables_make_ro(tables, n);
	if (rc < 0)
		return rc;
	rc = mmuext1(MMUEXT_PIN_L4_TABLE, virt_to_mfn(tables[0]));
	if (rc < 0)
		return report("mmuext_op(PIN_L4_TABLE)", rc);
	rc = mmuext1(MMUEXT_NEW_BASEPTR, virt_to_mfn(tables[0]));
	if (rc < 0)
		return report("mmuext_op(NEW_BASEPTR)", rc);
	cur_l4 = tables[0];
	nr_tables = n;
	rc = mmuext1(MMUEXT_UNPIN_TABLE, boot_l4);
	if (rc < 0)
		return report("mmuext_op(UNPIN_TABLE boot L4)", rc);
	boot_tables_reclaim(boot_first, start_info->nr_pt_frames);
	return 0;
}

static int mm_setup_once(void)
{
	const struct start_info *si = start_info;
	static uint64_t *tables[PT_ENTRIES + 3];
	uint64_t first = virt_to_pfn((void *)si->pt_base);
	unsigned int n;
	int rc;

	p2m = (uint64_t *)si->mfn_list;
	nr_pages = si->nr_pages;
	cur_l4 = (uint64_t *)si->pt_base;
	for (uint64_t pfn = first; pfn < first + si->nr_pt_frames; pfn++)
		table_mark(pfn, true);
	alloc_next = first_free_pfn(si);
	alloc_limit = boot_mapped_end(alloc_next);
	mapped_pages = nr_pages < MAX_MAPPED_PAGES ? nr_pages :
						     MAX_MAPPED_PAGES;

	rc = map_shared_info();
	if (rc < 0)
		return rc;
	rc = traps_init();
	if (rc < 0)
		return rc;
	printk("%s: mm: trap table and callbacks installed\n", guest_name);
	/*
	 * Our tables come from the boot mapping, which need reach only 512
	 * KiB past the builder's elements: a domain too big for it maps
	 * only as much memory as the tables that fit there can.
	 */
	if (alloc_limit - alloc_next < 3 + (mapped_pages + PT_ENTRIES - 1) /
	    PT_ENTRIES && alloc_limit - alloc_next > 4)
		mapped_pages = (alloc_limit - alloc_next - 4) * PT_ENTRIES;
	n = tables_build(tables);
	if (n == 0)
		return -XEN_ENOMEM;
	rc = tables_switch(tables, n);
	if (rc < 0)
		return rc;
	alloc_limit = mapped_pages;
	printk("%s: mm: own page tables: L4 mfn %#lx, %u table frames map %lu pages; %lu pages free\n",
	       guest_name, mm_kernel_l4_mfn(), nr_tables, mapped_pages,
	       page_free_count());
	return 0;
}

int mm_setup(void)
{
	if (setup_rc == 1) {
		setup_rc = mm_setup_once();
		if (setup_rc == 0)
			printk("%s: mm: ready\n", guest_name);
	}
	return setup_rc;
}

static long reservation(unsigned int cmd)
{
	struct xen_memory_domain d = { .domid = DOMID_SELF };

	return hypercall_memory_op(cmd, &d);
}

void mm_print(void)
{
	printk("%s: mm: nr_pages=%lu mapped=%lu table_frames=%u l4_mfn=%#lx free=%lu\n",
	       guest_name, nr_pages, mapped_pages, nr_tables,
	       mm_kernel_l4_mfn(), page_free_count());
	printk("%s: mm: current_reservation=%ld maximum_reservation=%ld maximum_ram_page=%#lx\n",
	       guest_name, reservation(XENMEM_current_reservation),
	       reservation(XENMEM_maximum_reservation),
	       hypercall_memory_op(XENMEM_maximum_ram_page, NULL));
}
