/* SPDX-License-Identifier: MIT */
/*
 * System time. The TSC is calibrated once at boot against PIT channel 2
 * (a fixed 1.193182 MHz clock, gated through port 0x61), then system
 * time is the TSC since calibration, scaled as guests scale it in
 * vcpu_time_info: ns = ((tsc << shift) * mul) >> 32, shift negative
 * meaning a right shift.
 */
#include <asm/processor.h>
#include <hv/console.h>
#include <hv/time.h>

#define PIT_HZ		1193182UL
#define CAL_MS		25

uint64_t tsc_khz;
uint64_t boot_wallclock_sec;
uint32_t boot_wallclock_nsec;
uint32_t tsc_to_system_mul;
int8_t tsc_shift;
static uint64_t tsc_at_boot;

/* Counts TSC ticks across CAL_MS of PIT channel 2 counting down. */
static uint64_t measure_tsc_ticks(void)
{
	unsigned int count = PIT_HZ * CAL_MS / 1000;
	uint64_t t0, t1;
	unsigned long spins = 0;

	/* Gate on, speaker off; channel 2, lobyte/hibyte, mode 0. */
	outb(0x61, (inb(0x61) & ~0x02) | 0x01);
	outb(0x43, 0xb0);
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	t0 = rdtsc();
	while (!(inb(0x61) & 0x20) && ++spins < 100000000UL)
		;
	t1 = rdtsc();
	return t1 - t0;
}

/* The scale that turns TSC ticks at hz into nanoseconds. */
static void set_time_scale(uint64_t hz, uint32_t *mul, int8_t *shift)
{
	const uint64_t ns_per_s = 1000000000ULL;
	int8_t s = 0;

	/* Bring hz into (1e9, 2e9] so that mul = 1e9 * 2^32 / hz < 2^32. */
	while (hz > 2 * ns_per_s) {
		hz >>= 1;
		s--;
	}
	while (hz <= ns_per_s) {
		hz <<= 1;
		s++;
	}
	*mul = (uint32_t)((ns_per_s << 32) / hz);
	*shift = s;
}

static uint64_t scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t tsc_to_ns(uint64_t tsc)
{
	if (tsc_to_system_mul == 0 || tsc < tsc_at_boot)
		return 0;
	return scale_delta(tsc - tsc_at_boot, tsc_to_system_mul, tsc_shift);
}

uint64_t get_s_time(void)
{
	return tsc_to_ns(rdtsc());
}

void time_init(void)
{
	uint64_t ticks = measure_tsc_ticks();

	tsc_khz = ticks / CAL_MS;
	if (tsc_khz == 0)
		panic("TSC calibration failed: %lu ticks in %u ms", ticks,
		      CAL_MS);
	set_time_scale(tsc_khz * 1000, &tsc_to_system_mul, &tsc_shift);
	tsc_at_boot = rdtsc();
	boot_wallclock_sec = rtc_seconds();
	printk("time: TSC %lu.%03lu MHz, scale mul %u shift %d; wall clock "
	       "%lu s since 1970\n", tsc_khz / 1000, tsc_khz % 1000,
	       tsc_to_system_mul, tsc_shift, boot_wallclock_sec);
}

void udelay(unsigned long us)
{
	uint64_t end = rdtsc() + us * tsc_khz / 1000;

	while (rdtsc() < end)
		cpu_relax();
}
