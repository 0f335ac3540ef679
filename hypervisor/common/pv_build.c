/* SPDX-License-Identifier: MIT */
/*
 * The boot-time PV domain builder (dom0 and the boot domUs), following
 * Xen's rules for a 64-bit PV kernel (XEN-ABI.md 1.4-1.7): check the ELF
 * image and its notes, give the domain memory, lay out kernel, initrd,
 * P2M list, start_info, bootstrap page tables and boot stack from
 * VIRT_BASE, fill start_info, shared_info and the hypercall page, write
 * the M2P, and set up vCPU0. Domains are built one after another on the
 * boot CPU, so one static block list serves them all.
 *
 * A domain's memory is a short list of buddy blocks; PFNs are numbered
 * through the blocks in order, so the P2M is implied by the list until
 * it is written into the guest.
 */
#include <asm/page.h>
#include <hv/arch_pv.h>
#include <hv/console.h>
#include <hv/pv_build.h>
#include <hv/elf.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/mm.h>
#include <hv/time.h>
#include <hv/version.h>
#include <public/features.h>
#include <public/xen.h>

#define MAX_CHUNKS	512

struct build_mem {
	unsigned int	nr;
	struct {
		unsigned long	mfn;
		unsigned long	count;
	} chunk[MAX_CHUNKS];
	uint64_t	virt_base;
};

static struct build_mem mem;

static unsigned long chunk_pfn_to_mfn(void *ctx, uint64_t pfn)
{
	struct build_mem *m = ctx;

	for (unsigned int i = 0; i < m->nr; i++) {
		if (pfn < m->chunk[i].count)
			return m->chunk[i].mfn + pfn;
		pfn -= m->chunk[i].count;
	}
	return PAGE_NONE;
}

static void *va_to_hv(uint64_t va)
{
	uint64_t pfn = (va - mem.virt_base) >> PAGE_SHIFT;

	return (char *)mfn_to_virt(chunk_pfn_to_mfn(&mem, pfn)) +
	       (va & (PAGE_SIZE - 1));
}

/* Copies (or zeroes, src NULL) n bytes to guest va, page by page. */
static int put_guest(uint64_t va, const void *src, size_t n, void *ctx)
{
	(void)ctx;
	while (n) {
		size_t part = MIN(n, PAGE_SIZE - (va & (PAGE_SIZE - 1)));

		if (src) {
			memcpy(va_to_hv(va), src, part);
			src = (const char *)src + part;
		} else {
			memset(va_to_hv(va), 0, part);
		}
		va += part;
		n -= part;
	}
	return 0;
}

static int alloc_memory(struct domain *d, unsigned long nr_pages)
{
	unsigned long left = nr_pages;
	unsigned int order = MAX_ORDER;

	mem.nr = 0;
	while (left) {
		unsigned long mfn;

		while ((1UL << order) > left)
			order--;
		mfn = alloc_pages(order);
		if (mfn == PAGE_NONE) {
			if (order == 0 || mem.nr == MAX_CHUNKS)
				return -ENOMEM;
			order--;
			continue;
		}
		if (mem.nr == MAX_CHUNKS) {
			free_pages(mfn, order);
			return -ENOMEM;
		}
		assign_pages(d, mfn, 1UL << order);
		mem.chunk[mem.nr].mfn = mfn;
		mem.chunk[mem.nr++].count = 1UL << order;
		left -= 1UL << order;
	}
	return 0;
}

static int check_image(const struct pv_build_req *req,
		       struct elf_info *info)
{
	const char *why;
	uint32_t missing;

	const struct mb2_module *kernel = req->kernel;

	if (elf_parse(maddr_to_virt(kernel->start),
		      kernel->end - kernel->start, info, &why)) {
		printk(KERN_ERR "%s: kernel image rejected: %s\n", req->name,
		       why);
		return -ENOEXEC;
	}
	missing = info->f_required[0] &
		  ~hv_features_supported(req->si_flags & SIF_PRIVILEGED);
	for (unsigned int i = 0; i < 32; i++) {
		if (missing & (1U << i)) {
			printk(KERN_ERR "%s: kernel requires XENFEAT %u, "
			       "which Shoji does not provide (FEATURES "
			       "\"%s\")\n", req->name, i, info->features);
			return -ENOEXEC;
		}
	}
	printk("%s: ELF notes from %s: GUEST_OS \"%s\", LOADER \"%s\", "
	       "VIRT_BASE %#lx, ENTRY %#lx, HYPERCALL_PAGE %s%#lx\n",
	       req->name, info->notes_from_sections ? "SHT_NOTE sections" :
	       "PT_NOTE segments", info->guest_os ? info->guest_os : "",
	       info->loader ? info->loader : "", info->virt_base,
	       info->virt_entry, info->hypercall_page_set ? "" : "none ",
	       info->hypercall_page);
	return 0;
}

static void write_p2m(const struct pv_layout *l, unsigned long nr_pages)
{
	uint64_t va = l->p2m_start;

	for (unsigned int i = 0; i < mem.nr; i++) {
		for (unsigned long k = 0; k < mem.chunk[i].count; k++) {
			uint64_t mfn = mem.chunk[i].mfn + k;

			*(uint64_t *)va_to_hv(va) = mfn;
			m2p_set(mfn, (va - l->p2m_start) / 8);
			va += 8;
		}
	}
	(void)nr_pages;
}

static void write_start_info(struct domain *d, const struct pv_layout *l,
			     unsigned long nr_pages,
			     const struct pv_build_req *req)
{
	start_info_t *si = va_to_hv(l->start_info);

	memset(si, 0, sizeof(*si));
	strlcpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
	si->nr_pages = nr_pages;
	si->shared_info = (uint64_t)d->shared_info_mfn << PAGE_SHIFT;
	si->flags = req->si_flags;
	si->pt_base = l->pt_start;
	si->nr_pt_frames = l->nr_pt_frames;
	si->mfn_list = l->p2m_start;
	if (req->initrd) {
		si->mod_start = l->initrd_start;
		si->mod_len = req->initrd->end - req->initrd->start;
	}
	strlcpy((char *)si->cmd_line, req->cmdline, sizeof(si->cmd_line));
}

static int make_shared_info(struct domain *d)
{
	shared_info_t *s;
	unsigned long mfn = alloc_zeroed_frame();

	if (mfn == PAGE_NONE)
		return -ENOMEM;
	share_xen_page_with_guest(d, mfn);
	s = mfn_to_virt(mfn);
	for (unsigned int i = 0; i < XEN_LEGACY_MAX_VCPUS; i++)
		s->vcpu_info[i].evtchn_upcall_mask = 1;
	/* The wall clock at system time 0; version even: stable. */
	s->wc_sec = (uint32_t)boot_wallclock_sec;
	s->wc_sec_hi = (uint32_t)(boot_wallclock_sec >> 32);
	s->wc_nsec = boot_wallclock_nsec;
	s->wc_version = 2;
	d->shared_info = s;
	d->shared_info_mfn = mfn;
	return 0;
}

static int load_everything(struct domain *d, const struct elf_info *info,
			   const struct pv_layout *l, unsigned long nr_pages,
			   const struct pv_build_req *req)
{
	const struct mb2_module *kernel = req->kernel, *initrd = req->initrd;
	const void *img = maddr_to_virt(kernel->start);
	unsigned long l4;

	put_guest(l->v_start, NULL, l->v_end - l->v_start, NULL);
	elf_load(img, kernel->end - kernel->start, info, put_guest, NULL);
	if (initrd)
		put_guest(l->initrd_start, maddr_to_virt(initrd->start),
			  initrd->end - initrd->start, NULL);
	write_p2m(l, nr_pages);
	if (make_shared_info(d))
		return -ENOMEM;
	write_start_info(d, l, nr_pages, req);
	if (info->hypercall_page_set)
		arch_pv_fill_hypercall_page(va_to_hv(info->hypercall_page));
	l4 = arch_pv_build_pagetables(l, chunk_pfn_to_mfn, &mem);
	arch_vcpu_init_entry(d->vcpu0, info->virt_entry, l->stack + PAGE_SIZE,
			     l->start_info, l4);
	return 0;
}

static int lay_out(const struct pv_build_req *req, const struct elf_info *info,
		   struct pv_layout *l)
{
	struct pv_layout_req lreq = {
		.virt_base = info->virt_base, .kstart = info->virt_kstart,
		.kend = info->virt_kend, .nr_pages = req->nr_pages,
		.initrd_len = req->initrd ?
			      req->initrd->end - req->initrd->start : 0,
	};
	int rc = pv_layout_compute(&lreq, l);

	if (rc == 0 && !guest_range_ok(l->v_start, l->v_end - l->v_start))
		rc = -EINVAL;
	if (rc)
		printk(KERN_ERR "%s: cannot lay out %lu pages from VIRT_BASE "
		       "%#lx: %s\n", req->name, req->nr_pages, info->virt_base,
		       rc == -ENOMEM ? "not enough memory" :
		       "image outside the guest address space");
	return rc;
}

int pv_build(struct domain *d, const struct pv_build_req *req)
{
	struct pv_layout l;
	struct elf_info info;
	int rc;

	rc = check_image(req, &info);
	if (rc)
		return rc;
	/* A kernel that requires writable page tables gets the assist it
	 * would otherwise turn on first thing. */
	if (info.f_required[0] & (1U << XENFEAT_writable_page_tables))
		d->vm_assist |= 1UL << VMASST_TYPE_writable_pagetables;
	rc = lay_out(req, &info, &l);
	if (rc)
		return rc;
	d->max_pages = MAX(req->max_pages, req->nr_pages);
	rc = alloc_memory(d, req->nr_pages);
	if (rc) {
		printk(KERN_ERR "%s: cannot allocate %lu pages\n", req->name,
		       req->nr_pages);
		return rc;
	}
	mem.virt_base = l.v_start;
	printk("%s: %lu MiB in %u blocks; kernel %#lx-%#lx, initrd %#lx "
	       "(%lu bytes), p2m %#lx, start_info %#lx, page tables %#lx "
	       "(%lu frames), stack %#lx, mapped to %#lx\n",
	       req->name, req->nr_pages >> 8, mem.nr, info.virt_kstart,
	       info.virt_kend, l.initrd_start,
	       req->initrd ? req->initrd->end - req->initrd->start : 0,
	       l.p2m_start, l.start_info, l.pt_start, l.nr_pt_frames, l.stack,
	       l.v_end);
	return load_everything(d, &info, &l, req->nr_pages, req);
}
