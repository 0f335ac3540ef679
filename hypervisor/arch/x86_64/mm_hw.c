/* SPDX-License-Identifier: MIT */
/*
 * The machine side of PV memory management: TLB flushes, loading a
 * vCPU's page table, cache flushes. Every context switch flushes the
 * whole TLB (global entries too), so a domain's stale entries can only
 * be on CPUs running one of its vCPUs now: a flush for a domain is local
 * plus an IPI to each such CPU. Host tests replace this file.
 */
#include <asm/mm.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <hv/domain.h>
#include <hv/smp.h>

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

static void flush_all_fn(void *arg)
{
	(void)arg;
	mm_flush_tlb_local();
}

/* CPUs other than this one that run a vCPU of d now. */
static bool domain_runs_elsewhere(const struct domain *d)
{
	unsigned int self = smp_processor_id();

	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		const struct vcpu *v = d->vcpus[i];

		if (v && READ_ONCE(v->sched.is_running) &&
		    READ_ONCE(v->sched.processor) != self)
			return true;
	}
	return false;
}

void mm_flush_tlb_domain(const struct domain *d)
{
	mm_flush_tlb_local();
	if (domain_runs_elsewhere(d))
		smp_call_function(flush_all_fn, NULL);
}

void mm_flush_tlb_one_domain(const struct domain *d, uint64_t va)
{
	invlpg(va);
	if (domain_runs_elsewhere(d))
		smp_call_function(flush_all_fn, NULL);
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
