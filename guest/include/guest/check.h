/* SPDX-License-Identifier: MIT */
/*
 * Result checking for the ABI and hostile tests (check.c): one line per
 * case, "<prefix>: <case>: PASS" or "<prefix>: <case>: FAIL: got X
 * (NAME), expected Y (NAME)", then a summary line.
 */
#ifndef GUEST_CHECK_H
#define GUEST_CHECK_H

#include <stdbool.h>

struct check {
	const char	*prefix;	/* "abimm", "hostile" */
	unsigned int	passed, failed, skipped;
};

/* Counts and prints one case; returns whether got == want. */
bool check_eq(struct check *c, const char *name, long got, long want);
/* The same, name built printf-style. */
bool check_eqf(struct check *c, long got, long want, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/*
 * Counts and prints one case decided by the caller: "<prefix>: <case>:
 * PASS" or "... FAIL"; details go on lines of their own.
 */
bool check_that(struct check *c, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A case that cannot run here; why is printed. */
void check_skip(struct check *c, const char *name, const char *why);
/* "<prefix>: N passed, N failed, N skipped" (skipped omitted if !skips). */
void check_summary(const struct check *c, bool skips);

/*
 * True on Shoji (its extraversion says so). Where Shoji deliberately
 * refuses what Xen accepts (handlers in the hypervisor's range,
 * non-canonical callbacks), the checks expect Shoji's answer there.
 */
bool on_shoji(void);

#endif
