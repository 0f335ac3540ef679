/* SPDX-License-Identifier: MIT */
/*
 * Console input for dom0. The UART runs without interrupts, so a timer
 * on the boot CPU polls it every 10 ms (as Xen polls a UART that has no
 * IRQ), moves what arrived into a ring and raises VIRQ_CONSOLE in dom0,
 * which then reads with console_io(CONSOLEIO_read) instead of polling.
 * The ring (4 KiB) keeps typed or pasted bytes while dom0 is busy; when
 * it is full, newer bytes are dropped and reported.
 */
#include <hv/console.h>
#include <hv/evtchn.h>
#include <hv/serial.h>
#include <hv/smp.h>
#include <hv/spinlock.h>
#include <hv/time.h>
#include <hv/timer.h>
#include <public/xen.h>

#define RX_RING_SIZE	4096		/* a power of two */
#define RX_POLL_NS	10000000ULL

static char rx_ring[RX_RING_SIZE];
static uint32_t rx_prod, rx_cons;	/* free-running, [L] */
static uint64_t rx_dropped, rx_reported; /* [L] */
static spinlock_t rx_lock = SPIN_LOCK_UNLOCKED;	/* [L] */
static struct timer rx_timer;

/* Moves waiting UART bytes into the ring; true if any arrived. [L] */
static bool rx_drain_uart(void)
{
	bool got = false;
	int c;

	while ((c = serial_getc()) >= 0) {
		got = true;
		if (rx_prod - rx_cons == RX_RING_SIZE) {
			rx_dropped++;
			continue;
		}
		rx_ring[rx_prod++ % RX_RING_SIZE] = (char)c;
	}
	return got;
}

static void rx_poll(void *data)
{
	unsigned long flags = spin_lock_irqsave(&rx_lock);
	bool got = rx_drain_uart();
	uint64_t dropped = rx_dropped - rx_reported;

	rx_reported = rx_dropped;
	spin_unlock_irqrestore(&rx_lock, flags);
	(void)data;
	if (dropped)
		printk(KERN_WARN "console: input ring full, %lu byte(s) "
		       "dropped\n", (unsigned long)dropped);
	if (got)
		send_global_virq(VIRQ_CONSOLE);
	set_timer(&rx_timer, get_s_time() + RX_POLL_NS);
}

void console_input_init(void)
{
	timer_init(&rx_timer, rx_poll, NULL, smp_processor_id());
	set_timer(&rx_timer, get_s_time() + RX_POLL_NS);
}

size_t console_read_input(char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&rx_lock);
	size_t n = 0;

	rx_drain_uart();
	while (n < len && rx_cons != rx_prod)
		buf[n++] = rx_ring[rx_cons++ % RX_RING_SIZE];
	spin_unlock_irqrestore(&rx_lock, flags);
	return n;
}
