/* SPDX-License-Identifier: MIT */
/* Number parsing of the guest's small libc (lib/strtoul.c). */
#ifndef GUEST_STDLIB_H
#define GUEST_STDLIB_H

unsigned long strtoul(const char *s, char **end, int base);

#endif
