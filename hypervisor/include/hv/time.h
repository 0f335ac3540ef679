/* SPDX-License-Identifier: MIT */
/*
 * System time: nanoseconds since boot, from the TSC scaled by the factor
 * that time calibration measured against the PIT.
 */
#ifndef HV_TIME_H
#define HV_TIME_H

#include <stdint.h>

/* Nanoseconds since TSC calibration (0 before it). */
uint64_t get_s_time(void);

/* TSC frequency in kHz, and the guest-visible scale (vcpu_time_info). */
extern uint64_t tsc_khz;
extern uint32_t tsc_to_system_mul;
extern int8_t tsc_shift;

void time_init(void);
void udelay(unsigned long us);

#endif
