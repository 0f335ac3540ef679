/* SPDX-License-Identifier: MIT */
/*
 * Common to the cmocka unit tests of hypervisor and guest modules: the
 * headers cmocka needs before its own, and small helpers. The module
 * under test is compiled unchanged with -DHV_HOST_TEST (tests/unit/build.mk).
 */
#ifndef UNIT_H
#define UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
/* Marks [p, p + n) unreadable: a parser reading there aborts the test. */
#define UT_POISON(p, n)		ASAN_POISON_MEMORY_REGION((p), (n))
#define UT_UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define UT_POISON(p, n)		((void)(p), (void)(n))
#define UT_UNPOISON(p, n)	((void)(p), (void)(n))
#endif

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* A fixed-seed generator, so that every run walks the same sequence. */
static inline uint64_t ut_rand(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

/* A heap copy of exactly len bytes, so ASan catches any read past it. */
static inline void *ut_dup(const void *p, size_t len)
{
	void *q = malloc(len ? len : 1);

	assert_non_null(q);
	memcpy(q, p, len);
	return q;
}

#endif
