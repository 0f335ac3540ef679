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

/* System time at a TSC value read by the caller. */
uint64_t tsc_to_ns(uint64_t tsc);

/* TSC frequency in kHz, and the guest-visible scale (vcpu_time_info). */
extern uint64_t tsc_khz;
extern uint32_t tsc_to_system_mul;
extern int8_t tsc_shift;

void time_init(void);

/* Wall-clock seconds since 1970 at system time 0 (from the RTC). */
extern uint64_t boot_wallclock_sec;
extern uint32_t boot_wallclock_nsec;

/* Reads the RTC now, in seconds since 1970 (0 if unreadable). */
uint64_t rtc_seconds(void);
void udelay(unsigned long us);

#endif
