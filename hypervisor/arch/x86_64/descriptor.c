/* SPDX-License-Identifier: MIT */
/*
 * Guest descriptor tables: set_gdt (2) and update_descriptor (10).
 *
 * A guest GDT lives in frames of the guest's own, typed as descriptor
 * pages (PGT_seg_desc_page: validated, never writable through any
 * mapping; only update_descriptor changes them, each new descriptor
 * validated). The hardware GDT is per CPU (gdt.c): its first 14 pages
 * are the guest's part, and on every switch to a vCPU its descriptors
 * are copied in from its frames; entries from 7168 (selector 0xe000) are
 * the hypervisor's and never change.
 *
 * Descriptors are made safe or refused by descriptor_fixup() in
 * mm_validate.c, as Xen does: lower DPLs raised to 3, call gates made
 * unusable, other system descriptors refused.
 */
#include <asm/cpu.h>
#include <asm/mm.h>
#include <asm/traps.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/smp.h>

#define GUEST_GDT_ENTRIES	(14 * 512)

/* Per CPU: how many guest entries its GDT holds now. */
static unsigned int loaded_ents[NR_CPUS];

void arch_load_gdt(struct vcpu *v)
{
	unsigned int cpu = smp_processor_id();
	uint64_t *gdt = this_cpu_gdt();
	unsigned int ents = v ? v->arch.gdt_ents : 0;

	for (unsigned int i = 0; i < ents; i += 512) {
		const uint64_t *src = mfn_to_virt(v->arch.gdt_frames[i / 512]);

		memcpy(&gdt[i], src, MIN(512U, ents - i) * 8);
	}
	if (loaded_ents[cpu] > ents)
		memset(&gdt[ents], 0, (loaded_ents[cpu] - ents) * 8);
	loaded_ents[cpu] = ents;
}

static void release_frames(const uint64_t *frames, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		put_page_and_type(mfn_to_page(frames[i]));
}

long do_set_gdt(uint64_t frame_list, unsigned int entries)
{
	struct vcpu *v = current_vcpu();
	uint64_t frames[14];
	unsigned int n = (entries + 511) / 512, old;
	int rc;

	if (entries > GUEST_GDT_ENTRIES)
		return -EINVAL;
	if (n && copy_from_guest(frames, frame_list, n * sizeof(frames[0])))
		return -EFAULT;
	for (unsigned int i = 0; i < n; i++) {
		rc = mfn_valid(frames[i]) ?
		     get_page_and_type(frames[i], v->domain,
				       PGT_seg_desc_page) : -EINVAL;
		if (rc) {
			release_frames(frames, i);
			return rc;
		}
	}
	old = (v->arch.gdt_ents + 511) / 512;
	release_frames(v->arch.gdt_frames, old);
	memcpy(v->arch.gdt_frames, frames, n * sizeof(frames[0]));
	v->arch.gdt_ents = entries;
	arch_load_gdt(v);
	return 0;
}

/* If mfn holds part of the running vCPU's GDT, refresh that entry. */
static void refresh_live(struct vcpu *v, uint64_t mfn, unsigned int idx)
{
	for (unsigned int i = 0; i < (v->arch.gdt_ents + 511) / 512; i++) {
		unsigned int ent = i * 512 + idx;

		if (v->arch.gdt_frames[i] == mfn && ent < v->arch.gdt_ents)
			this_cpu_gdt()[ent] =
				((uint64_t *)mfn_to_virt(mfn))[idx];
	}
}

long do_update_descriptor(uint64_t ma, uint64_t desc)
{
	struct vcpu *v = current_vcpu();
	unsigned long mfn = ma >> PAGE_SHIFT;
	struct page_info *pg;
	unsigned long type;

	if (!IS_ALIGNED(ma, 8) || !mfn_valid(mfn) || !descriptor_fixup(&desc))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (!get_page(pg, v->domain))
		return -EINVAL;
	type = (pg->type_info & PGT_type_mask) == PGT_seg_desc_page ?
	       PGT_seg_desc_page : PGT_writable_page;
	if (get_page_type(pg, type)) {
		put_page(pg);
		return -EINVAL;
	}
	((uint64_t *)mfn_to_virt(mfn))[(ma & (PAGE_SIZE - 1)) / 8] = desc;
	if (type == PGT_seg_desc_page)
		refresh_live(v, mfn, (ma & (PAGE_SIZE - 1)) / 8);
	put_page_and_type(pg);
	return 0;
}
