/* SPDX-License-Identifier: MIT */
/*
 * Application processors: bring-up, per-CPU data, and inter-processor
 * interrupts (remote TLB flush, reschedule, halt, function call).
 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

#define TRAMPOLINE_PA		0x8000

#define IPI_RESCHEDULE_VECTOR	0xf1
#define IPI_TLB_FLUSH_VECTOR	0xf2
#define IPI_HALT_VECTOR		0xf3
#define IPI_CALL_VECTOR		0xf4

#ifndef __ASSEMBLER__
#include <hv/lib.h>
#include <hv/smp.h>

struct tr_params {
	uint32_t	cr3;
	uint32_t	efer;
	uint64_t	entry;
	uint64_t	stack;
};

struct acpi_cpu_info;

/* Starts every CPU the MADT lists; returns how many are online. */
unsigned int smp_boot_cpus(const struct acpi_cpu_info *info);

/* CPUs online, and whether cpu is one of them. */
extern unsigned int nr_cpus_online;
bool cpu_is_online(unsigned int cpu);

/* Sends vector to cpu (by index). */
void smp_send_ipi(unsigned int cpu, unsigned int vector);

/* Flushes the TLB on every online CPU in mask (bit per CPU), waiting. */
void flush_tlb_mask(uint64_t mask);

/* Runs fn(arg) on every other online CPU and waits for all of them. */
void smp_call_function(void (*fn)(void *arg), void *arg);

/* Stops every other CPU (halt IPI); for shutdown and panic. */
void smp_stop_others(void);

/* Handles an IPI vector on this CPU; false if vec is not an IPI. */
bool smp_handle_ipi(unsigned int vec);

/* LAPIC ID of cpu. */
uint32_t cpu_apic_id(unsigned int cpu);
#endif

#endif
