/* SPDX-License-Identifier: MIT */
/* The hypervisor console, through the console_io hypercall (console.c). */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stddef.h>

/* Writes len bytes; output that the hypervisor refuses is dropped. */
void console_write(const char *buf, size_t len);

/* Waits for one input byte, yielding the CPU between polls. */
int console_getc(void);

/*
 * Reads one line into buf (at most size - 1 bytes, NUL-terminated), with
 * echo and backspace; CR, LF or CR LF ends it. Returns its length.
 */
size_t console_readline(char *buf, size_t size);

#endif
