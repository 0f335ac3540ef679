/* SPDX-License-Identifier: MIT */
/*
 * The platform interface of the store core: everything the core needs from
 * the system it runs on. The Linux daemon, dom0, the unit tests and the
 * fuzzer each supply one. Every hook may be NULL where noted.
 */
#ifndef XS_PLAT_H
#define XS_PLAT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

enum xs_log_level { XS_LOG_ERR, XS_LOG_WARN, XS_LOG_INFO, XS_LOG_DEBUG };

struct xs_plat_ops {
	/* One log line, without the newline. NULL: discard. */
	void (*log)(void *ctx, enum xs_log_level lvl, const char *fmt,
		    va_list ap);
	/*
	 * Make a batch of journal records durable (append, then sync).
	 * Returns 0, or -1: the core then refuses to acknowledge anything.
	 * NULL: no durability (the store lives in memory only).
	 */
	int (*journal_write)(void *ctx, const void *buf, size_t len);
	/*
	 * Map the store ring page of a guest; returns NULL and sets *err to
	 * a positive errno on failure. NULL hook: INTRODUCE fails with EINVAL.
	 */
	void *(*ring_map)(void *ctx, unsigned int domid, uint64_t gfn,
			  int *err);
	void (*ring_unmap)(void *ctx, unsigned int domid, void *page);
	/* Bind the guest's store event channel; returns a local port or -1. */
	int (*evtchn_bind)(void *ctx, unsigned int domid, unsigned int port);
	void (*evtchn_unbind)(void *ctx, int local_port);
	void (*evtchn_notify)(void *ctx, int local_port);
};

#endif /* XS_PLAT_H */
