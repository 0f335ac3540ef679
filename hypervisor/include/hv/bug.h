/* SPDX-License-Identifier: MIT */
/*
 * ASSERT() checks our own invariants: with CONFIG_DEBUG it panics with
 * file:line, otherwise it only type-checks. Nothing a guest controls may
 * reach it. Host tests define HV_HOST_TEST and get assert().
 */
#ifndef HV_BUG_H
#define HV_BUG_H

#ifdef HV_HOST_TEST
#include <assert.h>
#define ASSERT(p)	assert(p)
#define BUG_ON(p)	assert(!(p))
#else
#include <hv/console.h>
#include <hv/config.h>

#define BUG_ON(p) do {							\
	if (unlikely(p))						\
		panic("BUG at %s:%d: %s", __FILE__, __LINE__, #p);	\
} while (0)

#define ASSERT(p) do {							\
	if (IS_ENABLED(CONFIG_DEBUG) && unlikely(!(p)))			\
		panic("ASSERT failed at %s:%d: %s", __FILE__, __LINE__, \
		      #p);						\
} while (0)
#endif

#endif
