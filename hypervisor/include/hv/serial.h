/* SPDX-License-Identifier: MIT */
/* The serial port behind the console, configured by com1=. */
#ifndef HV_SERIAL_H
#define HV_SERIAL_H

#include <stdint.h>

struct serial_config {
	uint16_t	port;		/* I/O base; 0 = no serial output */
	uint32_t	baud;
	uint8_t		data_bits;	/* 5-8 */
	char		parity;		/* 'n', 'o', 'e' */
	uint8_t		stop_bits;	/* 1 or 2 */
};

void serial_init(const struct serial_config *cfg);
void serial_putc(char c);
/* Returns the next received byte, or -1 when none is waiting. */
int serial_getc(void);

#endif
