/* SPDX-License-Identifier: MIT */
/*
 * What the modules under test take from the hypervisor's lib/string.c
 * but the host C library (glibc before 2.38) lacks.
 */
#include <string.h>

size_t strlcpy(char *dst, const char *src, size_t size);

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size) {
		size_t c = n < size - 1 ? n : size - 1;

		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}
