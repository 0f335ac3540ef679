/* SPDX-License-Identifier: MIT */
/*
 * Console over console_io: CONSOLEIO_write sends bytes to the hypervisor's
 * console (the serial line), CONSOLEIO_read takes bytes the hypervisor
 * received on it. Input focus belongs to dom0. There is no interrupt
 * yet: input is polled, and the CPU is yielded between polls.
 */
#include <stdbool.h>
#include <stdint.h>
#include <public/xen.h>
#include <public/sched.h>
#include <guest/console.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/printk.h>

/* Largest chunk handed to one CONSOLEIO_write. */
#define CONSOLE_CHUNK	1024

void console_write(const char *buf, size_t len)
{
	while (len) {
		unsigned int n = len > CONSOLE_CHUNK ? CONSOLE_CHUNK : len;

		/* Nowhere to report a failure: the output is lost. */
		if (hypercall_console_io(CONSOLEIO_write, n, (void *)buf) < 0)
			return;
		buf += n;
		len -= n;
	}
}

int console_getc(void)
{
	static bool reported;
	char c;
	long rc;

	for (;;) {
		rc = hypercall_console_io(CONSOLEIO_read, 1, &c);
		if (rc == 1)
			return (unsigned char)c;
		if (rc < 0 && !reported) {
			reported = true;
			printk("%s: console_io(CONSOLEIO_read) failed: %ld (%s)\n",
			       guest_name, rc, xen_strerror(rc));
		}
		hypercall_sched_op(SCHEDOP_yield, NULL);
	}
}

static bool is_erase(int c)
{
	return c == '\b' || c == 0x7f;
}

size_t console_readline(char *buf, size_t size)
{
	static bool after_cr;
	size_t len = 0;
	int c;

	for (;;) {
		c = console_getc();
		/* The LF of a CR LF pair ends no second, empty line. */
		if (c == '\n' && after_cr) {
			after_cr = false;
			continue;
		}
		after_cr = c == '\r';
		if (c == '\r' || c == '\n')
			break;
		if (is_erase(c)) {
			if (len) {
				len--;
				console_write("\b \b", 3);
			}
		} else if (c >= ' ' && c < 0x7f && len + 1 < size) {
			buf[len++] = (char)c;
			console_write(buf + len - 1, 1);
		}
	}
	console_write("\n", 1);
	buf[len] = '\0';
	return len;
}
