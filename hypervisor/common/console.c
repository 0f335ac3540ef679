/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor console. Every line starts with the CPU number, "[0] ";
 * lines go to the serial port and into a ring buffer that
 * `xl dmesg` will read. A level at the start of the format (KERN_*)
 * filters lines against loglvl=. Output is serialised by a spinlock that
 * a panic breaks.
 */
#include <hv/console.h>
#include <hv/serial.h>
#include <hv/smp.h>
#include <hv/spinlock.h>
#include <hv/time.h>

#define CONRING_SIZE	(64 * 1024)

static char conring[CONRING_SIZE];
static uint64_t conring_prod;
static enum log_level console_loglevel = LOG_INFO;
static spinlock_t console_lock = SPIN_LOCK_UNLOCKED;
static bool at_line_start = true;

void console_set_loglevel(enum log_level lvl)
{
	console_loglevel = lvl;
}

static void put_raw(char c)
{
	conring[conring_prod++ % CONRING_SIZE] = c;
	if (c == '\n')
		serial_putc('\r');
	serial_putc(c);
}

static void put_line_text(const char *s)
{
	char tag[16];

	for (; *s; s++) {
		if (at_line_start) {
			snprintf(tag, sizeof(tag), "[%u] ",
				 smp_processor_id());
			for (const char *t = tag; *t; t++)
				put_raw(*t);
			at_line_start = false;
		}
		put_raw(*s);
		if (*s == '\n')
			at_line_start = true;
	}
}

void vprintk(const char *fmt, va_list ap)
{
	enum log_level lvl = LOG_INFO;
	char buf[512];
	unsigned long flags;

	if (fmt[0] == '\001' && fmt[1] >= '0' && fmt[1] <= '3') {
		lvl = (enum log_level)(fmt[1] - '0');
		fmt += 2;
	}
	if (lvl > console_loglevel)
		return;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	flags = spin_lock_irqsave(&console_lock);
	put_line_text(buf);
	spin_unlock_irqrestore(&console_lock, flags);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void console_write_guest(const char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);

	for (size_t i = 0; i < len; i++) {
		put_raw(buf[i]);
		at_line_start = buf[i] == '\n';
	}
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_force_unlock(void)
{
	spin_lock_init(&console_lock);
	if (!at_line_start)
		put_line_text("\n");
}

/* Ten messages at once, then one per five seconds, per call site. */
bool printk_ratelimit(uint64_t *last, unsigned int *burst)
{
	uint64_t now = get_s_time();

	if (now - *last > 5000000000ULL) {
		*last = now;
		*burst = 0;
	}
	if (*burst >= 10)
		return false;
	(*burst)++;
	return true;
}
