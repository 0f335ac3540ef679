/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor console: printk() with a level, each line prefixed with
 * the CPU number, sent to the serial port and kept in a ring buffer.
 * gprintk() is for events a guest caused: rate-limited and tagged d<dom>.
 */
#ifndef HV_CONSOLE_H
#define HV_CONSOLE_H

#include <hv/lib.h>

enum log_level {
	LOG_ERR = 0,
	LOG_WARN = 1,
	LOG_INFO = 2,
	LOG_DEBUG = 3,
};

#define KERN_ERR	"\001" "0"
#define KERN_WARN	"\001" "1"
#define KERN_INFO	"\001" "2"
#define KERN_DEBUG	"\001" "3"

void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap) __printf(1, 0);

/* Sets the lowest level printed (loglvl=); lines above it are dropped. */
void console_set_loglevel(enum log_level lvl);

/* Raw output of dom0's console_io write: to the serial line only. */
void console_write_guest(const char *buf, size_t len);

/* Reads up to len bytes of pending serial input; returns the count. */
size_t console_read_input(char *buf, size_t len);

/*
 * sysctl readconsole: copies up to *count bytes of the console ring to
 * guest address gbuf, from the oldest byte kept or (incremental) from
 * *index when that lies in the ring; *count and *index come back as the
 * bytes copied and the index after them; clear drops what was read from
 * later reads. 0 or -EFAULT (bytes before the fault were copied).
 */
int console_ring_read(uint64_t gbuf, uint32_t *count, uint32_t *index,
		      bool incremental, bool clear);

/* Starts polling serial input (boot CPU, after timers_init()). */
void console_input_init(void);

/* Stops all other output and prints one line; for panics. */
void console_force_unlock(void);

/* Allows one message per interval per call site; see gprintk(). */
bool printk_ratelimit(uint64_t *last, unsigned int *burst);

#define gprintk(d, fmt, ...) do {					\
	static uint64_t __rl_last;					\
	static unsigned int __rl_burst;					\
	if (printk_ratelimit(&__rl_last, &__rl_burst))			\
		printk(KERN_WARN "d%u: " fmt, (d)->domain_id,		\
		       ##__VA_ARGS__);					\
} while (0)

__noreturn void panic(const char *fmt, ...) __printf(1, 2);

#endif
