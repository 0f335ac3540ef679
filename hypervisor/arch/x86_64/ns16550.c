/* SPDX-License-Identifier: MIT */
/* The 16550 UART driver: polled transmit and receive on one port. */
#include <asm/processor.h>
#include <hv/serial.h>

#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_DLL	0	/* with LCR.DLAB */
#define UART_DLM	1
#define LCR_DLAB	0x80
#define LSR_DR		0x01
#define LSR_THRE	0x20
#define UART_CLOCK	115200

static uint16_t uart_base;

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
	outb(uart_base + UART_LCR, LCR_DLAB);
	outb(uart_base + UART_DLL, div & 0xff);
	outb(uart_base + UART_DLM, div >> 8);
	outb(uart_base + UART_LCR, lcr);
	outb(uart_base + UART_FCR, 0x07);	/* enable and clear FIFOs */
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
	if (uart_base == 0 || !(inb(uart_base + UART_LSR) & LSR_DR))
		return -1;
	return inb(uart_base + UART_RBR);
}
