/* SPDX-License-Identifier: MIT */
/* Which CPU is running, and how many there are. */
#ifndef HV_SMP_H
#define HV_SMP_H

unsigned int smp_processor_id(void);

/* CPUs the firmware (ACPI MADT) lists as present; 1 when unknown. */
extern unsigned int nr_cpus_found;

#endif
