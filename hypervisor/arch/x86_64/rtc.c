/* SPDX-License-Identifier: MIT */
/*
 * The wall clock at boot, from the CMOS real-time clock (ports 0x70/0x71),
 * read twice until stable and converted to seconds since 1970. Guests
 * get it in shared_info as the time of system time 0 (wc_sec, wc_nsec).
 */
#include <asm/processor.h>
#include <hv/console.h>
#include <hv/time.h>

#define RTC_SEC		0x00
#define RTC_MIN		0x02
#define RTC_HOUR	0x04
#define RTC_DAY		0x07
#define RTC_MON		0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b
#define RTC_CENTURY	0x32

struct rtc_time {
	unsigned int	sec, min, hour, day, mon, year, century;
};

static unsigned int cmos_read(unsigned int reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static void rtc_read_raw(struct rtc_time *t)
{
	unsigned int spins = 0;

	while ((cmos_read(RTC_STATUS_A) & 0x80) && ++spins < 1000000)
		cpu_relax();	/* update in progress */
	t->sec = cmos_read(RTC_SEC);
	t->min = cmos_read(RTC_MIN);
	t->hour = cmos_read(RTC_HOUR);
	t->day = cmos_read(RTC_DAY);
	t->mon = cmos_read(RTC_MON);
	t->year = cmos_read(RTC_YEAR);
	t->century = cmos_read(RTC_CENTURY);
}

static unsigned int bcd(unsigned int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static uint64_t days_since_epoch(unsigned int y, unsigned int m,
				 unsigned int d)
{
	/* Count March-based years so that leap days fall at the end. */
	uint64_t yy = y - (m <= 2), era, yoe, doy, doe;

	era = yy / 400;
	yoe = yy - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

uint64_t rtc_seconds(void)
{
	struct rtc_time a, b;
	unsigned int status, year, hour;

	do {
		rtc_read_raw(&a);
		rtc_read_raw(&b);
	} while (memcmp(&a, &b, sizeof(a)) != 0);
	status = cmos_read(RTC_STATUS_B);
	if (!(status & 0x04)) {		/* BCD */
		a.sec = bcd(a.sec);
		a.min = bcd(a.min);
		a.hour = bcd(a.hour & 0x7f) | (a.hour & 0x80);
		a.day = bcd(a.day);
		a.mon = bcd(a.mon);
		a.year = bcd(a.year);
		a.century = bcd(a.century);
	}
	hour = a.hour & 0x7f;
	if (!(status & 0x02) && (a.hour & 0x80))	/* 12-hour, PM */
		hour = (hour % 12) + 12;
	year = a.year + (a.century >= 19 && a.century <= 21 ?
			 a.century * 100 : 2000);
	if (a.mon < 1 || a.mon > 12 || a.day < 1 || a.day > 31)
		return 0;
	return days_since_epoch(year, a.mon, a.day) * 86400 + hour * 3600 +
	       a.min * 60 + a.sec;
}
