/* SPDX-License-Identifier: MIT */
/* Formatted output of the guest's small libc (lib/vsnprintf.c). */
#ifndef GUEST_STDIO_H
#define GUEST_STDIO_H

#include <stdarg.h>
#include <stddef.h>

/*
 * C99 semantics: at most size - 1 characters and a NUL are written, the
 * return value is the length the whole output would have had. Conversions:
 * %d %i %u %x %X %o %p %s %c %%, flags '-' and '0', width and precision
 * (also '*'), length modifiers hh h l ll z t.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
