/* SPDX-License-Identifier: MIT */
/*
 * What the generic PV domain builder asks of the architecture: the
 * bootstrap page tables, the hypercall page, and the vCPU's first entry.
 */
#ifndef HV_ARCH_PV_H
#define HV_ARCH_PV_H

#include <hv/domain.h>
#include <hv/pv_layout.h>

/* Translates a guest PFN of the domain being built to its MFN. */
typedef unsigned long (*pfn_to_mfn_fn)(void *ctx, uint64_t pfn);

/*
 * Writes the bootstrap page tables for l->[v_start, v_end) into the
 * frames at l->pt_start (L4 first), mapping the page-table frames
 * read-only and sharing the hypervisor's L4 slots. Returns the MFN of
 * the L4.
 */
unsigned long arch_pv_build_pagetables(const struct pv_layout *l,
				       pfn_to_mfn_fn p2m, void *ctx);

/* Fills a hypercall page with the 32-byte stubs (and the iret stub). */
void arch_pv_fill_hypercall_page(uint8_t *page);

/* Sets v's first register state: Xen's flat selectors, rsi, rsp, cr3. */
void arch_vcpu_init_entry(struct vcpu *v, uint64_t entry, uint64_t rsp,
			  uint64_t rsi, unsigned long l4_mfn);

#endif
