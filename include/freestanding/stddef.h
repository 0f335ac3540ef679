/* SPDX-License-Identifier: MIT */
/* size_t, ptrdiff_t, NULL and offsetof for freestanding code. */
#ifndef SHOJI_STDDEF_H
#define SHOJI_STDDEF_H

typedef unsigned long	size_t;
typedef long		ptrdiff_t;
typedef long		ssize_t;

#define NULL		((void *)0)
#define offsetof(type, member)	__builtin_offsetof(type, member)

#endif
