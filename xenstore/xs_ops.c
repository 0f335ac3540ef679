/* SPDX-License-Identifier: MIT */
/*
 * Requests: decode, check, execute, reply. One handler per message type,
 * found in one table. A handler returns 0 once it has replied, or an
 * errno that becomes an ERROR reply naming it; it validates everything
 * (arguments, paths, permissions, quotas) before it changes anything.
 *
 * Payloads are hostile: handlers see them through xs_args(), which
 * insists that string arguments are NUL-terminated inside the payload.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_access.h"
#include "xs_ops.h"

#define XS_H_WRITE	1u	/* changes the store: EROFS on read-only */
#define XS_H_TXN	2u	/* honours tx_id */
#define XS_H_PRIV	4u	/* privileged callers only: EACCES */

/* C xenstored's record size: header, permissions, value, child names. */
#define XS_RECORD_HDR	24u

struct xs_handler {
	int (*fn)(struct xs_req *r);
	unsigned int flags;
};

void xs_reply(struct xs_req *r, const void *data, size_t len)
{
	xs_conn_send(r->c, r->h->type, r->h->req_id, r->h->tx_id, data, len,
		     true);
}

static int xs_reply_ok(struct xs_req *r)
{
	xs_reply(r, "OK", 3);
	return 0;
}

static int xs_reply_str(struct xs_req *r, const char *s)
{
	xs_reply(r, s, strlen(s) + 1);
	return 0;
}

/*
 * Split the payload into NUL-terminated strings. Returns their number
 * (at most max are stored), or -1 if the payload does not end in NUL.
 */
int xs_args(const struct xs_req *r, const char **argv, unsigned int max)
{
	size_t off = 0;
	int n = 0;

	if (r->len == 0 || r->data[r->len - 1] != '\0')
		return -1;
	while (off < r->len) {
		if ((unsigned int)n < max)
			argv[n] = r->data + off;
		n++;
		off += strlen(r->data + off) + 1;
	}
	return n;
}

/* Exactly one string argument, or NULL. */
static const char *xs_onearg(const struct xs_req *r)
{
	const char *a;

	return xs_args(r, &a, 1) == 1 ? a : NULL;
}

int xs_parse_uint(const char *s, unsigned long long max,
		  unsigned long long *out)
{
	unsigned long long v = 0;

	if (*s == '\0')
		return EINVAL;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return EINVAL;
		if (v > (max - (unsigned long long)(*s - '0')) / 10)
			return EINVAL;
		v = v * 10 + (unsigned long long)(*s - '0');
	}
	*out = v;
	return 0;
}

int xs_parse_domid(const char *s, unsigned int *domid)
{
	unsigned long long v;
	int rc = xs_parse_uint(s, 0xffff, &v);

	if (rc == 0)
		*domid = (unsigned int)v;
	return rc;
}

/*
 * Find the node at path for access perm. A missing node is ENOENT only to
 * callers who may read its nearest ancestor; others learn EACCES.
 */
static int xs_lookup(struct xs_req *r, const char *path, unsigned int perm,
		     struct xs_view *v)
{
	int rc = xs_acc_get(r->c, r->t, path, v);
	struct xs_view near;

	if (rc == ENOENT) {
		rc = xs_acc_nearest(r->c, r->t, path, &near);
		if (rc != 0)
			return rc;
		if (!(xs_perm_for(r->c, near.perms, near.nperms) &
		      XS_PERM_READ))
			return EACCES;
		return ENOENT;
	}
	if (rc != 0)
		return rc;
	if ((xs_perm_for(r->c, v->perms, v->nperms) & perm) != perm)
		return EACCES;
	return 0;
}

static int xs_path_arg(struct xs_req *r, const char *arg, bool special,
		       char **path)
{
	r->arg = arg;
	return xs_path_canonical(r->c, arg, special, path);
}

/* Decode a payload that is exactly one path: 0 and *path (malloc'ed). */
static int xs_path_only(struct xs_req *r, bool special, char **path)
{
	const char *a = xs_onearg(r);

	return a == NULL ? EINVAL : xs_path_arg(r, a, special, path);
}

/*
 * Decode "path NUL rest" (WRITE, SET_PERMS): 0, *path (malloc'ed) and
 * the rest of the payload, which need not end in NUL.
 */
static int xs_path_and_rest(struct xs_req *r, bool special, char **path,
			    const char **rest, size_t *restlen)
{
	const char *nul = memchr(r->data, '\0', r->len);

	if (nul == NULL)
		return EINVAL;
	*rest = nul + 1;
	*restlen = r->len - (size_t)(*rest - r->data);
	return xs_path_arg(r, r->data, special, path);
}

/*
 * The end of a handler that changes path (which it frees): rc, or "OK"
 * and, with logging on, a line for the change.
 */
static int xs_changed(struct xs_req *r, int rc, char *path)
{
	if (rc == 0 && r->c->store->verbose)
		xs_log(r->c->store, XS_LOG_DEBUG, "d%u %s %s", r->c->domid,
		       xs_type_name(r->h->type), path);
	free(path);
	return rc != 0 ? rc : xs_reply_ok(r);
}

static int do_read(struct xs_req *r)
{
	struct xs_view v;
	char *path;
	int rc;

	if ((rc = xs_path_only(r, false, &path)) != 0)
		return rc;
	rc = xs_lookup(r, path, XS_PERM_READ, &v);
	if (rc == 0)
		xs_reply(r, v.value, v.vlen);
	free(path);
	return rc;
}

static int do_directory(struct xs_req *r)
{
	struct xs_view v;
	char *path, *buf = NULL;
	size_t off = 0;
	unsigned int i;
	int rc;

	if ((rc = xs_path_only(r, false, &path)) != 0)
		return rc;
	rc = xs_lookup(r, path, XS_PERM_READ, &v);
	if (rc == 0 && v.childlen > XENSTORE_PAYLOAD_MAX)
		rc = E2BIG;
	if (rc == 0 && (buf = malloc(v.childlen + 1)) == NULL)
		rc = ENOMEM;
	if (rc == 0) {
		for (i = 0; i < v.nchildren; i++) {
			const char *n = xs_view_child(&v, i);
			size_t l = strlen(n) + 1;

			memcpy(buf + off, n, l);
			off += l;
		}
		xs_reply(r, buf, off);
	}
	free(buf);
	free(path);
	return rc;
}

/*
 * DIRECTORY_PART path offset: the generation of the node, then as many
 * child names from byte offset as fit; a final empty name ends the list.
 */
static int do_directory_part(struct xs_req *r)
{
	const char *argv[2];
	unsigned long long off;
	struct xs_view v;
	char *path, *buf = NULL, gen[24];
	size_t genlen, len = 0, pos = 0, max;
	unsigned int i;
	int rc;

	if (xs_args(r, argv, 2) != 2 ||
	    xs_parse_uint(argv[1], UINT32_MAX, &off) != 0)
		return EINVAL;
	if ((rc = xs_path_arg(r, argv[0], false, &path)) != 0)
		return rc;
	rc = xs_lookup(r, path, XS_PERM_READ, &v);
	if (rc == 0 && (buf = malloc(XENSTORE_PAYLOAD_MAX + 1)) == NULL)
		rc = ENOMEM;
	if (rc != 0)
		goto out;
	genlen = (size_t)snprintf(gen, sizeof(gen), "%" PRIu64,
				  v.tn != NULL ? r->t->start_gen : v.gen) + 1;
	memcpy(buf, gen, genlen);
	max = XENSTORE_PAYLOAD_MAX - genlen - 1;
	for (i = 0; i < v.nchildren; i++) {
		const char *n = xs_view_child(&v, i);
		size_t l = strlen(n) + 1;

		if (pos + l <= off) {
			pos += l;
			continue;
		}
		if (len + l > max)
			break;
		memcpy(buf + genlen + len, n, l);
		len += l;
		pos += l;
	}
	if (i == v.nchildren)
		buf[genlen + len++] = '\0';
	xs_reply(r, buf, genlen + len);
out:
	free(buf);
	free(path);
	return rc;
}

static int do_get_perms(struct xs_req *r)
{
	const struct xs_perm *p;
	unsigned int n;
	struct xs_view v;
	char *path, buf[XENSTORE_PAYLOAD_MAX];
	size_t len;
	int rc;

	if ((rc = xs_path_only(r, true, &path)) != 0)
		return rc;
	if (path[0] == '@') {
		const struct xs_node *sp = xs_special(r->c->store, path);

		rc = sp == NULL ? ENOENT : 0;
		if (sp != NULL) {
			p = sp->perms;
			n = sp->nperms;
		}
	} else {
		rc = xs_lookup(r, path, XS_PERM_READ, &v);
		p = v.perms;
		n = v.nperms;
	}
	if (rc == 0) {
		len = xs_perms_format(p, n, buf, sizeof(buf));
		if (len > sizeof(buf))
			rc = E2BIG;
		else
			xs_reply(r, buf, len);
	}
	free(path);
	return rc;
}

static int do_watch(struct xs_req *r)
{
	const char *argv[3];
	int argc = xs_args(r, argv, 3);
	char *path, *ev;
	size_t pl, tl;
	int rc;

	/* A third argument (depth) is newer than 4.17: refused. */
	if (argc != 2)
		return EINVAL;
	if ((rc = xs_path_arg(r, argv[0], true, &path)) != 0)
		return rc;
	rc = xs_watch_add(r->c, path, argv[1],
			  argv[0][0] != '/' && argv[0][0] != '@');
	free(path);
	if (rc != 0)
		return rc;
	xs_reply_ok(r);
	/* The first event fires at once, with the path as given. */
	pl = strlen(argv[0]) + 1;
	tl = strlen(argv[1]) + 1;
	ev = malloc(pl + tl);
	if (ev == NULL) {
		r->c->dead = true;
		return 0;
	}
	memcpy(ev, argv[0], pl);
	memcpy(ev + pl, argv[1], tl);
	xs_conn_send(r->c, XS_WATCH_EVENT, 0, 0, ev, pl + tl, false);
	free(ev);
	return 0;
}

static int do_unwatch(struct xs_req *r)
{
	const char *argv[2];
	char *path;
	int rc;

	if (xs_args(r, argv, 2) != 2)
		return EINVAL;
	if ((rc = xs_path_arg(r, argv[0], true, &path)) != 0)
		return rc;
	rc = xs_watch_del(r->c, path, argv[1]);
	free(path);
	return rc != 0 ? rc : xs_reply_ok(r);
}

static int do_txn_start(struct xs_req *r)
{
	char buf[16];
	uint32_t id;
	int rc;

	if (r->t != NULL)
		return EBUSY;
	if ((rc = xs_txn_start(r->c, &id)) != 0)
		return rc;
	snprintf(buf, sizeof(buf), "%" PRIu32, id);
	if (r->c->store->verbose)
		xs_log(r->c->store, XS_LOG_DEBUG, "d%u started transaction %s",
		       r->c->domid, buf);
	return xs_reply_str(r, buf);
}

static int do_txn_end(struct xs_req *r)
{
	const char *a = xs_onearg(r);
	bool commit;
	int rc;

	if (a == NULL || (strcmp(a, "T") != 0 && strcmp(a, "F") != 0))
		return EINVAL;
	if (r->t == NULL)
		return ENOENT;
	commit = a[0] == 'T';
	rc = xs_txn_end(r->c, r->t, commit);
	r->t = NULL;
	return rc != 0 ? rc : xs_reply_ok(r);
}

/* May c store a node of this size with these many permission entries? */
static int xs_check_size(const struct xs_req *r, unsigned int vlen,
			 unsigned int nperms, size_t childlen)
{
	const struct xs_quota *q = &r->c->store->quota;

	if (r->c->privileged)
		return 0;
	if (XS_RECORD_HDR + 8u * nperms + vlen + childlen >= q->node_size)
		return ENOSPC;
	return 0;
}

static int xs_check_memory(const struct xs_req *r, size_t more)
{
	struct xs_domain *d = r->c->dom;
	const struct xs_quota *q = &r->c->store->quota;

	if (r->c->privileged)
		return 0;
	if (d->mem + more > q->memory)
		return ENOMEM;
	if (d->mem + more > q->memory_soft && !d->mem_warned) {
		d->mem_warned = true;
		xs_log(r->c->store, XS_LOG_WARN,
		       "d%u: over the soft memory quota (%zu bytes)",
		       d->domid, d->mem + more);
	}
	return 0;
}

/* Components of path missing below its nearest existing ancestor. */
static unsigned int xs_missing(const char *path, const char *near)
{
	unsigned int n = 0;
	const char *p = path + strlen(near);

	for (; *p != '\0'; p++)
		n += *p == '/';
	/* Below the root the first missing name has no '/' before it. */
	return strcmp(near, "/") == 0 ? n + 1 : n;
}

/* Checks for creating path (absent) with a value of vlen bytes. */
static int xs_check_create(struct xs_req *r, const char *path,
			   unsigned int vlen)
{
	const struct xs_quota *q = &r->c->store->quota;
	struct xs_view near;
	unsigned int k;
	int rc = xs_acc_nearest(r->c, r->t, path, &near);

	if (rc != 0)
		return rc;
	if (!(xs_perm_for(r->c, near.perms, near.nperms) & XS_PERM_WRITE))
		return EACCES;
	if (r->c->privileged)
		return 0;
	k = xs_missing(path, near.path);
	if (r->c->dom->nnodes + (r->t ? (unsigned int)r->t->dnodes : 0) +
	    k > q->nodes)
		return ENOSPC;
	if ((rc = xs_check_size(r, vlen, near.nperms, 0)) != 0)
		return rc;
	return xs_check_memory(r, k * (sizeof(struct xs_node) +
				       strlen(path) + 16) + vlen);
}

static int xs_write_common(struct xs_req *r, const char *path,
			   const char *val, unsigned int vlen, bool mkdir)
{
	struct xs_view v;
	int rc = xs_lookup(r, path, XS_PERM_WRITE, &v);

	if (rc == 0 && mkdir)
		return 0;
	if (rc == 0) {
		rc = xs_check_size(r, vlen, v.nperms, v.childlen);
		if (rc == 0 && vlen > v.vlen)
			rc = xs_check_memory(r, vlen - v.vlen);
		if (rc == 0)
			rc = xs_acc_set_value(r->c, r->t, path, val, vlen);
	} else if (rc == ENOENT) {
		rc = xs_check_create(r, path, vlen);
		if (rc == 0)
			rc = xs_acc_create(r->c, r->t, path, val, vlen);
	}
	if (rc == 0 && r->t != NULL)
		rc = xs_acc_log(r->t, mkdir ? XS_TXOP_MKDIR : XS_TXOP_WRITE,
				path, val, vlen, NULL, 0);
	return rc;
}

static int do_write(struct xs_req *r)
{
	const char *val;
	size_t vlen;
	char *path;
	int rc = xs_path_and_rest(r, false, &path, &val, &vlen);

	if (rc != 0)
		return rc;
	rc = xs_write_common(r, path, val, (unsigned int)vlen, false);
	return xs_changed(r, rc, path);
}

static int do_mkdir(struct xs_req *r)
{
	char *path;
	int rc = xs_path_only(r, false, &path);

	if (rc != 0)
		return rc;
	rc = xs_write_common(r, path, "", 0, true);
	return xs_changed(r, rc, path);
}

static int xs_rm_path(struct xs_req *r, const char *path)
{
	struct xs_view v;
	char *parent;
	int rc;

	if (strcmp(path, "/") == 0)
		return EINVAL;
	rc = xs_lookup(r, path, XS_PERM_WRITE, &v);
	if (rc == ENOENT) {
		/* Removing a missing node is fine if its parent exists. */
		parent = strdup(path);
		if (parent == NULL)
			return ENOMEM;
		if (strrchr(parent, '/') == parent)
			parent[1] = '\0';
		else
			*strrchr(parent, '/') = '\0';
		rc = xs_acc_get(r->c, r->t, parent, &v);
		free(parent);
		return rc;
	}
	if (rc == 0)
		rc = xs_acc_rm(r->c, r->t, path);
	if (rc == 0 && r->t != NULL)
		rc = xs_acc_log(r->t, XS_TXOP_RM, path, NULL, 0, NULL, 0);
	return rc;
}

static int do_rm(struct xs_req *r)
{
	char *path;
	int rc = xs_path_only(r, false, &path);

	if (rc != 0)
		return rc;
	rc = xs_rm_path(r, path);
	return xs_changed(r, rc, path);
}

static int xs_set_perms_node(struct xs_req *r, const char *path,
			     const struct xs_perm *p, unsigned int n)
{
	struct xs_view v;
	int rc = xs_lookup(r, path, XS_PERM_WRITE | XS_PERM_OWNER, &v);

	if (rc != 0)
		return rc;
	if (!r->c->privileged) {
		if (n > r->c->store->quota.perms)
			return ENOSPC;
		if (p[0].domid != v.perms[0].domid)
			return EPERM;
		if ((rc = xs_check_size(r, v.vlen, n, v.childlen)) != 0)
			return rc;
	}
	rc = xs_acc_set_perms(r->c, r->t, path, p, n);
	if (rc == 0 && r->t != NULL)
		rc = xs_acc_log(r->t, XS_TXOP_PERMS, path, NULL, 0, p, n);
	return rc;
}

static int do_set_perms(struct xs_req *r)
{
	struct xs_perm *p = NULL;
	const char *list;
	unsigned int n;
	size_t llen;
	char *path;
	int rc = xs_path_and_rest(r, true, &path, &list, &llen);

	if (rc != 0)
		return rc;
	rc = xs_perms_parse(list, llen, &p, &n);
	if (rc == 0)
		rc = xs_domain_permrefs(r->c->store, p, n);
	if (rc == 0 && path[0] == '@')
		rc = xs_special_set_perms(r->c, path, p, n);
	else if (rc == 0)
		rc = xs_set_perms_node(r, path, p, n);
	free(p);
	return xs_changed(r, rc, path);
}

static int do_get_domain_path(struct xs_req *r)
{
	const char *a = xs_onearg(r);
	unsigned int domid;
	char buf[32];

	if (a == NULL || xs_parse_domid(a, &domid) != 0)
		return EINVAL;
	snprintf(buf, sizeof(buf), "/local/domain/%u", domid);
	return xs_reply_str(r, buf);
}

static int do_reset_watches(struct xs_req *r)
{
	xs_watch_del_all(r->c);
	xs_txn_abort_all(r->c);
	r->t = NULL;
	return xs_reply_ok(r);
}

static const struct xs_handler xs_handlers[XS_TYPE_COUNT] = {
	[XS_CONTROL]		  = { do_control, XS_H_PRIV },
	[XS_DIRECTORY]		  = { do_directory, XS_H_TXN },
	[XS_READ]		  = { do_read, XS_H_TXN },
	[XS_GET_PERMS]		  = { do_get_perms, XS_H_TXN },
	[XS_WATCH]		  = { do_watch, 0 },
	[XS_UNWATCH]		  = { do_unwatch, 0 },
	[XS_TRANSACTION_START]	  = { do_txn_start, XS_H_TXN },
	[XS_TRANSACTION_END]	  = { do_txn_end, XS_H_TXN },
	[XS_INTRODUCE]		  = { do_introduce, XS_H_PRIV | XS_H_WRITE },
	[XS_RELEASE]		  = { do_release, XS_H_PRIV | XS_H_WRITE },
	[XS_GET_DOMAIN_PATH]	  = { do_get_domain_path, 0 },
	[XS_WRITE]		  = { do_write, XS_H_TXN | XS_H_WRITE },
	[XS_MKDIR]		  = { do_mkdir, XS_H_TXN | XS_H_WRITE },
	[XS_RM]			  = { do_rm, XS_H_TXN | XS_H_WRITE },
	[XS_SET_PERMS]		  = { do_set_perms, XS_H_TXN | XS_H_WRITE },
	[XS_IS_DOMAIN_INTRODUCED] = { do_is_domain_introduced, 0 },
	[XS_RESUME]		  = { do_resume, XS_H_PRIV | XS_H_WRITE },
	[XS_SET_TARGET]		  = { do_set_target, XS_H_PRIV | XS_H_WRITE },
	[XS_RESET_WATCHES]	  = { do_reset_watches, 0 },
	[XS_DIRECTORY_PART]	  = { do_directory_part, XS_H_TXN },
};

/*
 * Handle one complete message from c (payload NUL-sentinelled, hostile).
 * Always queues exactly one reply.
 */
void xs_request(struct xs_conn *c, const struct xsd_sockmsg *h,
		const char *payload)
{
	struct xs_req r = { c, h, payload, h->len, NULL, "" };
	const struct xs_handler *hd;
	int rc;

	if (h->type >= XS_TYPE_COUNT || xs_handlers[h->type].fn == NULL) {
		rc = ENOSYS;
		goto out_error;
	}
	if (memchr(payload, '\0', h->len) != NULL)
		r.arg = payload;	/* names the path in refusals */
	hd = &xs_handlers[h->type];
	if ((hd->flags & XS_H_WRITE) && (c->flags & XS_CONN_READONLY)) {
		rc = EROFS;
		goto out_error;
	}
	if ((hd->flags & XS_H_PRIV) && !c->privileged) {
		rc = EACCES;
		goto out_error;
	}
	if ((hd->flags & XS_H_TXN) && h->tx_id != 0) {
		r.t = xs_txn_find(c, h->tx_id);
		if (r.t == NULL) {
			rc = ENOENT;
			goto out_error;
		}
	}
	rc = hd->fn(&r);
	if (rc == 0)
		return;
out_error:
	xs_log_refusal(c->store, c, h->type, r.arg, rc);
	xs_conn_send(c, XS_ERROR, h->req_id, h->tx_id, xs_errno_name(rc),
		     strlen(xs_errno_name(rc)) + 1, true);
}
