/* SPDX-License-Identifier: MIT */
/*
 * The store as a whole: creation, logging, error and message names,
 * domain records and quota settings.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

/* A malloc'ed copy of len bytes (at least one byte is allocated). */
void *xs_memdup(const void *src, size_t len)
{
	void *p = malloc(len ? len : 1);

	if (p != NULL && len != 0)
		memcpy(p, src, len);
	return p;
}

/* C xenstored 4.17's defaults. */
void xs_quota_default(struct xs_quota *q)
{
	q->nodes = 1000;
	q->node_size = 2048;
	q->watches = 128;
	q->transactions = 10;
	q->perms = 5;
	q->path_len = XENSTORE_REL_PATH_MAX;
	q->txn_nodes = 1024;
	q->outstanding = 20;
	q->memory = 2560 * 1024;
	q->memory_soft = 2048 * 1024;
}

static const struct {
	const char *name;
	size_t off;
} xs_quota_names[] = {
	{ "nodes", offsetof(struct xs_quota, nodes) },
	{ "entry-size", offsetof(struct xs_quota, node_size) },
	{ "watches", offsetof(struct xs_quota, watches) },
	{ "transactions", offsetof(struct xs_quota, transactions) },
	{ "permissions", offsetof(struct xs_quota, perms) },
	{ "path-max", offsetof(struct xs_quota, path_len) },
	{ "transaction-nodes", offsetof(struct xs_quota, txn_nodes) },
	{ "outstanding", offsetof(struct xs_quota, outstanding) },
	{ "memory", offsetof(struct xs_quota, memory) },
	{ "memory-soft", offsetof(struct xs_quota, memory_soft) },
};

/* Names for xenstore-control quota and the journal; EINVAL if unknown. */
int xs_quota_set(struct xs_store *s, const char *name, unsigned int val)
{
	size_t i;

	for (i = 0; i < sizeof(xs_quota_names) / sizeof(xs_quota_names[0]);
	     i++) {
		if (strcmp(name, xs_quota_names[i].name) == 0) {
			*(unsigned int *)(void *)((char *)&s->quota +
						  xs_quota_names[i].off) = val;
			xs_journal_quota(s, name, val);
			return 0;
		}
	}
	return EINVAL;
}

int xs_quota_get(const struct xs_store *s, const char *name,
		 unsigned int *val)
{
	size_t i;

	for (i = 0; i < sizeof(xs_quota_names) / sizeof(xs_quota_names[0]);
	     i++) {
		if (strcmp(name, xs_quota_names[i].name) == 0) {
			*val = *(const unsigned int *)(const void *)
				((const char *)&s->quota +
				 xs_quota_names[i].off);
			return 0;
		}
	}
	return EINVAL;
}

/* The i-th quota name, or NULL past the end (for listings). */
const char *xs_quota_name(unsigned int i)
{
	return i < sizeof(xs_quota_names) / sizeof(xs_quota_names[0]) ?
	       xs_quota_names[i].name : NULL;
}

struct xs_store *xs_store_create(const struct xs_plat_ops *plat, void *ctx)
{
	static const struct xs_perm n0 = { 0, XS_PERM_NONE };
	struct xs_store *s = calloc(1, sizeof(*s));
	unsigned int i;

	if (s == NULL)
		return NULL;
	s->plat = plat;
	s->plat_ctx = ctx;
	xs_hash_init(&s->nodes);
	xs_hash_init(&s->watches);
	xs_quota_default(&s->quota);
	s->next_txid = 1;
	s->out_max = 1024 * 1024;
	s->out_max_priv = 64 * 1024 * 1024;
	s->log_budget = 100;
	for (i = 0; i < 2; i++) {
		struct xs_node *sp = &s->special[i];

		sp->path = (char *)(i == 0 ? "@introduceDomain" :
					     "@releaseDomain");
		sp->name = sp->path;
		sp->perms = malloc(sizeof(n0));
		if (sp->perms == NULL)
			goto out_destroy;
		*sp->perms = n0;
		sp->nperms = 1;
		sp->value = NULL;
	}
	if (xs_domain_get(s, 0) == NULL || xs_tree_init(s) != 0)
		goto out_destroy;
	return s;

out_destroy:
	xs_store_destroy(s);
	return NULL;
}

void xs_store_destroy(struct xs_store *s)
{
	unsigned int i;

	while (s->conns != NULL)
		xs_conn_destroy(s->conns);
	xs_tree_fini(s);
	while (s->domains != NULL) {
		struct xs_domain *d = s->domains;

		s->domains = d->next;
		if (d->evtchn >= 0 && s->plat->evtchn_unbind != NULL)
			s->plat->evtchn_unbind(s->plat_ctx, d->evtchn);
		if (d->ring_page != NULL && s->plat->ring_unmap != NULL)
			s->plat->ring_unmap(s->plat_ctx, d->domid,
					    d->ring_page);
		free(d);
	}
	xs_hash_fini(&s->watches);
	for (i = 0; i < 2; i++)
		free(s->special[i].perms);
	free(s->jbuf);
	free(s);
}

void xs_log(struct xs_store *s, enum xs_log_level lvl, const char *fmt, ...)
{
	va_list ap;

	if (s->plat == NULL || s->plat->log == NULL)
		return;
	va_start(ap, fmt);
	s->plat->log(s->plat_ctx, lvl, fmt, ap);
	va_end(ap);
}

/* Why a request was refused; at most log_budget lines per tick. */
void xs_log_refusal(struct xs_store *s, const struct xs_conn *c,
		    unsigned int type, const char *arg, int err)
{
	if (s->log_budget == 0) {
		s->log_dropped++;
		return;
	}
	s->log_budget--;
	xs_log(s, XS_LOG_INFO, "d%u %s %.64s: refused %s", c->domid,
	       xs_type_name(type), arg, xs_errno_name(err));
}

const char *xs_errno_name(int err)
{
	switch (err) {
#define XS_ERRNO_CASE(e) case e: return #e;
	XS_ERRNO_LIST(XS_ERRNO_CASE)
#undef XS_ERRNO_CASE
	default:
		return "EINVAL";	/* what C xenstored says for others */
	}
}

const char *xs_type_name(unsigned int type)
{
	static const char *const names[XS_TYPE_COUNT] = {
		[XS_CONTROL] = "CONTROL",
		[XS_DIRECTORY] = "DIRECTORY",
		[XS_READ] = "READ",
		[XS_GET_PERMS] = "GET_PERMS",
		[XS_WATCH] = "WATCH",
		[XS_UNWATCH] = "UNWATCH",
		[XS_TRANSACTION_START] = "TRANSACTION_START",
		[XS_TRANSACTION_END] = "TRANSACTION_END",
		[XS_INTRODUCE] = "INTRODUCE",
		[XS_RELEASE] = "RELEASE",
		[XS_GET_DOMAIN_PATH] = "GET_DOMAIN_PATH",
		[XS_WRITE] = "WRITE",
		[XS_MKDIR] = "MKDIR",
		[XS_RM] = "RM",
		[XS_SET_PERMS] = "SET_PERMS",
		[XS_WATCH_EVENT] = "WATCH_EVENT",
		[XS_ERROR] = "ERROR",
		[XS_IS_DOMAIN_INTRODUCED] = "IS_DOMAIN_INTRODUCED",
		[XS_RESUME] = "RESUME",
		[XS_SET_TARGET] = "SET_TARGET",
		[XS_RESET_WATCHES] = "RESET_WATCHES",
		[XS_DIRECTORY_PART] = "DIRECTORY_PART",
	};

	if (type >= XS_TYPE_COUNT || names[type] == NULL)
		return "UNKNOWN";
	return names[type];
}

struct xs_domain *xs_domain_find(struct xs_store *s, unsigned int domid)
{
	struct xs_domain *d;

	for (d = s->domains; d != NULL; d = d->next)
		if (d->domid == domid)
			return d;
	return NULL;
}

/* The accounting record of domid, created on first use; NULL: ENOMEM. */
struct xs_domain *xs_domain_get(struct xs_store *s, unsigned int domid)
{
	struct xs_domain *d = xs_domain_find(s, domid);

	if (d != NULL)
		return d;
	d = calloc(1, sizeof(*d));
	if (d == NULL)
		return NULL;
	d->domid = domid;
	d->evtchn = -1;
	d->next = s->domains;
	s->domains = d;
	return d;
}
