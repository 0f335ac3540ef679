/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor console. Every line starts with the CPU number, "[0] ";
 * lines go to the serial port and into a ring buffer that sysctl
 * readconsole (`xl dmesg`) reads; dom0's own output goes to the serial
 * port only. A level at the start of the format (KERN_*)
 * filters lines against loglvl=. Output is serialised by a spinlock that
 * a panic breaks.
 */
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/serial.h>
#include <hv/smp.h>
#include <hv/spinlock.h>
#include <hv/time.h>

#define CONRING_SIZE	(64 * 1024)

static char conring[CONRING_SIZE];
static uint64_t conring_prod;		/* [console_lock] free-running */
static uint64_t conring_cons;		/* [console_lock] readconsole clear */
static enum log_level console_loglevel = LOG_INFO;
static spinlock_t console_lock = SPIN_LOCK_UNLOCKED;
static bool at_line_start = true;

void console_set_loglevel(enum log_level lvl)
{
	console_loglevel = lvl;
}

static void put_serial(char c)
{
	if (c == '\n')
		serial_putc('\r');
	serial_putc(c);
}

static void put_raw(char c)
{
	conring[conring_prod++ % CONRING_SIZE] = c;
	put_serial(c);
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

	/* Straight to the line, not the ring: the ring is the hypervisor's
	 * log (readconsole), as on Xen. */
	for (size_t i = 0; i < len; i++) {
		put_serial(buf[i]);
		at_line_start = buf[i] == '\n';
	}
	spin_unlock_irqrestore(&console_lock, flags);
}

/* The oldest byte still in the ring. console_lock held. */
static uint64_t ring_start(void)
{
	uint64_t c = conring_cons;

	return conring_prod - c > CONRING_SIZE ? conring_prod - CONRING_SIZE : c;
}

/* Copies up to n ring bytes from position *pos into buf; advances it. */
static size_t ring_copy(uint64_t *pos, char *buf, size_t n)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);
	size_t done = 0;

	if (*pos < ring_start())
		*pos = ring_start();	/* overwritten meanwhile */
	for (; done < n && *pos < conring_prod; done++)
		buf[done] = conring[(*pos)++ % CONRING_SIZE];
	spin_unlock_irqrestore(&console_lock, flags);
	return done;
}

int console_ring_read(uint64_t gbuf, uint32_t *count, uint32_t *index,
		      bool incremental, bool clear)
{
	char chunk[256];
	uint32_t copied = 0;
	unsigned long flags = spin_lock_irqsave(&console_lock);
	uint64_t pos = ring_start(), end = conring_prod;
	int32_t ahead = (int32_t)(*index - (uint32_t)pos);

	/* Indexes are the low 32 bits of the free-running position. */
	if (incremental && ahead > 0 && ahead <= (int64_t)(end - pos))
		pos += (uint32_t)ahead;
	spin_unlock_irqrestore(&console_lock, flags);
	while (copied < *count && pos < end) {
		size_t n = ring_copy(&pos, chunk, MIN(sizeof(chunk),
						       (size_t)(*count - copied)));

		if (n == 0)
			break;
		if (copy_to_guest(gbuf + copied, chunk, n))
			return -EFAULT;
		copied += n;
	}
	if (clear) {
		flags = spin_lock_irqsave(&console_lock);
		if (pos > conring_cons)
			conring_cons = pos;
		spin_unlock_irqrestore(&console_lock, flags);
	}
	*count = copied;
	*index = (uint32_t)pos;
	return 0;
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
