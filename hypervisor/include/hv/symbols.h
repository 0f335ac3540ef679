/* SPDX-License-Identifier: MIT */
/* The image's own function names, for stack traces. */
#ifndef HV_SYMBOLS_H
#define HV_SYMBOLS_H

#include <stdint.h>

/*
 * Returns the name of the function holding addr and its offset there,
 * or NULL if addr is outside the image's text.
 */
const char *symbols_lookup(uint64_t addr, uint64_t *offset);

#endif
