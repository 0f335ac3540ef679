/* SPDX-License-Identifier: MIT */
/* Which CPU is running, and how many there are. */
#ifndef HV_SMP_H
#define HV_SMP_H

#define NR_CPUS		64

unsigned int smp_processor_id(void);

/* Makes cpu pass through its softirq and return-to-guest checks. */
void smp_send_event_check(unsigned int cpu);

/* CPUs the firmware (ACPI MADT) lists as present; 1 when unknown. */
extern unsigned int nr_cpus_found;

#endif
