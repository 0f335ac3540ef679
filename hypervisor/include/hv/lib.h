/* SPDX-License-Identifier: MIT */
/* Small helpers every part of the hypervisor uses: sizes, string, format. */
#ifndef HV_LIB_H
#define HV_LIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c)		_Static_assert(!(c), #c)
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))
#define ROUNDUP(x, a)		(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a)		((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define __packed		__attribute__((packed))
#define __aligned(n)		__attribute__((aligned(n)))
#define __noreturn		__attribute__((noreturn))
#define __must_check		__attribute__((warn_unused_result))
#define __used			__attribute__((used))
#define __section(s)		__attribute__((section(s)))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define barrier()		__asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#define container_of(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))

/*
 * Clamp an index already checked against size so that speculation cannot
 * use an out-of-range value: the mask is all ones when idx < size.
 */
static inline size_t array_index_nospec(size_t idx, size_t size)
{
	size_t mask;

	__asm__ ("cmp %2, %1; sbb %0, %0" : "=r" (mask) : "r" (idx), "r" (size));
	return idx & mask;
}

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strlcpy(char *dst, const char *src, size_t size);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__printf(3, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * Parse an unsigned number at *s (decimal, or hex after 0x); advances *s
 * past it. Returns false when no digit is there or the value overflows.
 */
bool parse_ulong(const char **s, unsigned long *val);

#endif
