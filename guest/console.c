/* SPDX-License-Identifier: MIT */
/*
 * Console over console_io: CONSOLEIO_write sends bytes to the hypervisor's
 * console (the serial line), CONSOLEIO_read takes bytes the hypervisor
 * received on it. Input focus belongs to dom0. Waiting for input
 * blocks: VIRQ_CONSOLE is bound to a masked port (no upcall) and
 * SCHEDOP_poll sleeps until the hypervisor raises it for new bytes.
 * Before shared_info is mapped (mm_setup()), the CPU is yielded between
 * reads instead.
 */
#include <stdbool.h>
#include <stdint.h>
#include <public/xen.h>
#include <public/event_channel.h>
#include <public/sched.h>
#include <guest/console.h>
#include <guest/events.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
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

/* The masked port of VIRQ_CONSOLE; 0 until bound (or if it cannot be). */
static evtchn_port_t input_port;

static void input_port_bind(void)
{
	static bool tried;
	struct evtchn_bind_virq bv = { .virq = VIRQ_CONSOLE, .vcpu = 0 };

	if (tried || shared_info == NULL)
		return;
	tried = true;
	if (hypercall5(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq,
		       (uintptr_t)&bv, 0, 0, 0) != 0)
		return;
	evtchn_mask(bv.port);
	input_port = bv.port;
}

/* Sleeps until new input may have arrived. */
static void input_wait(void)
{
	struct sched_poll p = { .nr_ports = 1, .timeout = 0 };

	input_port_bind();
	if (input_port == 0) {
		hypercall_sched_op(SCHEDOP_yield, NULL);
		return;
	}
	p.ports.p = &input_port;
	hypercall_sched_op(SCHEDOP_poll, &p);
}

/* Clears the input port's pending bit before a read, so that bytes
 * arriving after the read wake the next wait. */
static void input_ack(void)
{
	if (input_port)
		evtchn_clear(input_port);
}

int console_getc(void)
{
	static bool reported;
	char c;
	long rc;

	for (;;) {
		input_ack();
		rc = hypercall_console_io(CONSOLEIO_read, 1, &c);
		if (rc == 1)
			return (unsigned char)c;
		if (rc < 0 && !reported) {
			reported = true;
			printk("%s: console_io(CONSOLEIO_read) failed: %ld (%s)\n",
			       guest_name, rc, xen_strerror(rc));
		}
		input_wait();
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
