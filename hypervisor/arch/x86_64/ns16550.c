/* SPDX-License-Identifier: MIT */
/* The 16550 UART driver: polled transmit and receive on one port. */
#include <asm/processor.h>
#include <hv/serial.h>

#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_IER	1
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_DLL	0	/* with LCR.DLAB */
#define UART_DLM	1
#define LCR_DLAB	0x80
#define LSR_DR		0x01
#define LSR_THRE	0x20
#define UART_CLOCK	115200

#define EARLY_RX_MAX	64

static uint16_t uart_base;
/*
 * Bytes that waited in the UART before setup: typed (or piped) while the
 * boot loader ran. Setup leaves the FIFO as the boot loader left it:
 * switching it on or off flushes it, and a byte can arrive between any
 * read and that write. Input is polled every 10 ms (console_input.c).
 */
static char early_rx[EARLY_RX_MAX];
static unsigned int early_rx_len, early_rx_pos;

static void save_early_input(void)
{
	while (early_rx_len < EARLY_RX_MAX &&
	       (inb(uart_base + UART_LSR) & LSR_DR))
		early_rx[early_rx_len++] = (char)inb(uart_base + UART_RBR);
}

void serial_init(const struct serial_config *cfg)
{
	unsigned int div = UART_CLOCK / (cfg->baud ? cfg->baud : 115200);
	uint8_t lcr;

	uart_base = cfg->port;
	if (uart_base == 0)
		return;
	lcr = (cfg->data_bits - 5) & 3;
	if (cfg->stop_bits == 2)
		lcr |= 0x04;
	if (cfg->parity == 'o')
		lcr |= 0x08;
	else if (cfg->parity == 'e')
		lcr |= 0x18;
	outb(uart_base + UART_IER, 0);
	save_early_input();
	outb(uart_base + UART_LCR, LCR_DLAB);
	outb(uart_base + UART_DLL, div & 0xff);
	outb(uart_base + UART_DLM, div >> 8);
	outb(uart_base + UART_LCR, lcr);
	outb(uart_base + UART_MCR, 0x03);	/* DTR, RTS */
}

void serial_putc(char c)
{
	unsigned int spins = 100000;

	if (uart_base == 0)
		return;
	while (!(inb(uart_base + UART_LSR) & LSR_THRE) && --spins)
		cpu_relax();
	outb(uart_base + UART_THR, c);
}

int serial_getc(void)
{
	if (early_rx_pos < early_rx_len)
		return (unsigned char)early_rx[early_rx_pos++];
	if (uart_base == 0 || !(inb(uart_base + UART_LSR) & LSR_DR))
		return -1;
	return inb(uart_base + UART_RBR);
}
