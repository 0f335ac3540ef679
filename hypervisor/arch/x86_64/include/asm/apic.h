/* SPDX-License-Identifier: MIT */
/* The local APIC: enable, timer, EOI, and the interrupt vectors we use. */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <hv/lib.h>

#define APIC_TIMER_VECTOR	0xf0
#define APIC_SPURIOUS_VECTOR	0xff

/* Enables this CPU's local APIC and calibrates its timer against the TSC. */
void apic_init(void);

/* Arms the one-shot timer to fire after ns nanoseconds (0 cancels). */
void apic_timer_oneshot(uint64_t ns);

/* Handles external vector vec (>= 32) taken by do_trap(). */
void apic_interrupt(unsigned int vec);

/* This CPU's local APIC id. */
uint32_t apic_id(void);

/* Sends an IPI: ICR command cmd to local APIC dest; waits for delivery. */
void apic_send(uint32_t dest, uint32_t cmd);

/* Enables an application processor's local APIC. */
void apic_init_secondary(void);

#define APIC_DM_FIXED	0x0000
#define APIC_DM_INIT	0x0500
#define APIC_DM_STARTUP	0x0600
#define APIC_LEVEL_ASSERT 0x4000

/* Timer interrupts taken so far. */
extern volatile uint64_t apic_timer_ticks;
extern uint64_t apic_timer_khz;

#endif
