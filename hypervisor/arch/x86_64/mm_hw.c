/* SPDX-License-Identifier: MIT */
/*
 * The machine side of PV memory management: TLB flushes, loading a
 * vCPU's page table, cache flushes. One CPU runs guests so far, so a
 * flush "on every CPU the domain ran on" is a local one. Host tests
 * replace this file with counters.
 */
#include <asm/mm.h>
#include <asm/processor.h>

/* Toggling CR4.PGE drops global entries too (guest user pages are). */
void mm_flush_tlb_local(void)
{
	unsigned long cr4 = read_cr4();

	write_cr4(cr4 & ~X86_CR4_PGE);
	write_cr4(cr4);
}

void mm_flush_tlb_one_local(uint64_t va)
{
	invlpg(va);
}

void mm_flush_tlb_domain(const struct domain *d)
{
	(void)d;
	mm_flush_tlb_local();
}

void mm_flush_tlb_one_domain(const struct domain *d, uint64_t va)
{
	(void)d;
	invlpg(va);
}

void mm_load_guest_table(struct vcpu *v)
{
	v->arch.cr3 = (uint64_t)v->mm.guest_table << PAGE_SHIFT;
	if (v == current_vcpu()) {
		write_cr3(v->arch.cr3);
		mm_flush_tlb_local();
	}
}

void mm_flush_cache(void)
{
	__asm__ __volatile__("wbinvd" ::: "memory");
}
