/* SPDX-License-Identifier: MIT */
/* Common to the libFuzzer targets of tests/fuzz (see build.mk). */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the code under test broke: a crash libFuzzer keeps. */
#define FUZZ_CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

/*
 * A heap copy of exactly size bytes: libFuzzer's own buffer may be
 * larger than size, so reads past the end would go unnoticed.
 */
static inline uint8_t *fuzz_dup(const uint8_t *data, size_t size)
{
	uint8_t *p = malloc(size ? size : 1);

	if (p == NULL)
		abort();
	if (size)
		memcpy(p, data, size);
	return p;
}

#endif
