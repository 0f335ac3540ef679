/* SPDX-License-Identifier: MIT */
/* Kernel messages on the console (lib/printk.c). */
#ifndef GUEST_PRINTK_H
#define GUEST_PRINTK_H

#include <stdarg.h>

/* Formats like snprintf() and writes to the console; lines over 1 KiB
 * are cut. Returns the number of characters written. */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
