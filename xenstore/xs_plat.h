/* SPDX-License-Identifier: MIT */
/*
 * The platform interface of the store core: everything the core needs from
 * the system it runs on. The Linux daemon, dom0, the unit tests and the
 * fuzzer each supply one. Every hook may be NULL where noted.
 */
#ifndef XS_PLAT_H
#define XS_PLAT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum xs_log_level { XS_LOG_ERR, XS_LOG_WARN, XS_LOG_INFO, XS_LOG_DEBUG };

/* What the hypervisor says of a domain that exists (getdomaininfo). */
struct xs_dominfo {
	bool shutdown;		/* shut down or crashed, not yet dying */
	bool dying;		/* being destroyed: its store state goes */
};

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
	/*
	 * The state of domid: 0 and *info if it exists, -1 if it does not.
	 * The core asks for every domain it knows of when the platform calls
	 * xs_domain_exception() (VIRQ_DOM_EXC in dom0), and for the domains a
	 * SET_PERMS names. NULL: every domain exists and runs.
	 */
	int (*domain_info)(void *ctx, unsigned int domid,
			   struct xs_dominfo *info);
};

#endif /* XS_PLAT_H */
