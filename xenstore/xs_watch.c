/* SPDX-License-Identifier: MIT */
/*
 * Watches. A watch on W fires for every change at W or below it, with the
 * changed path and the watch's token; removing a subtree fires watches at
 * or above its top with the top's path, and watches on each removed node
 * with that node's path. Watches hang in a hash by path, so firing costs
 * one lookup per component of the changed path, whatever the number of
 * watches. A watcher hears of a node only if it may read it (before or
 * after a permission change). @introduceDomain and @releaseDomain are
 * watched like paths and fired by the domain code.
 */
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static struct xs_watch *xs_watch_find(const struct xs_conn *c,
				      const char *path, const char *token)
{
	struct xs_watch *w;

	for (w = c->watches; w != NULL; w = w->conn_next)
		if (strcmp(w->path, path) == 0 && strcmp(w->token, token) == 0)
			return w;
	return NULL;
}

static size_t xs_watch_bytes(const struct xs_watch *w)
{
	return sizeof(*w) + strlen(w->path) + strlen(w->token) + 2;
}

/*
 * Add a watch of c on path (canonical) with token. relative: report
 * events relative to c's home. Returns 0, EEXIST for a duplicate, E2BIG
 * past the watch quota, ENOMEM.
 */
int xs_watch_add(struct xs_conn *c, const char *path, const char *token,
		 bool relative)
{
	struct xs_store *s = c->store;
	struct xs_watch *w;

	if (xs_watch_find(c, path, token) != NULL)
		return EEXIST;
	if (!c->privileged && c->dom->nwatches >= s->quota.watches)
		return E2BIG;
	w = calloc(1, sizeof(*w));
	if (w == NULL)
		return ENOMEM;
	w->path = strdup(path);
	w->token = strdup(token);
	if (w->path == NULL || w->token == NULL ||
	    xs_hash_add(&s->watches, &w->link, w->path) != 0) {
		free(w->path);
		free(w->token);
		free(w);
		return ENOMEM;
	}
	w->relative = relative;
	w->conn = c;
	w->conn_next = c->watches;
	c->watches = w;
	c->nwatches++;
	c->dom->nwatches++;
	c->dom->mem += xs_watch_bytes(w);
	return 0;
}

static void xs_watch_free(struct xs_conn *c, struct xs_watch *w)
{
	xs_hash_del(&c->store->watches, &w->link);
	c->nwatches--;
	c->dom->nwatches--;
	c->dom->mem -= xs_watch_bytes(w);
	free(w->path);
	free(w->token);
	free(w);
}

int xs_watch_del(struct xs_conn *c, const char *path, const char *token)
{
	struct xs_watch **pp;

	for (pp = &c->watches; *pp != NULL; pp = &(*pp)->conn_next) {
		struct xs_watch *w = *pp;

		if (strcmp(w->path, path) == 0 &&
		    strcmp(w->token, token) == 0) {
			*pp = w->conn_next;
			xs_watch_free(c, w);
			return 0;
		}
	}
	return ENOENT;
}

void xs_watch_del_all(struct xs_conn *c)
{
	while (c->watches != NULL) {
		struct xs_watch *w = c->watches;

		c->watches = w->conn_next;
		xs_watch_free(c, w);
	}
}

/* Queue one event for w about path (absolute or @special). */
static void xs_watch_send(struct xs_watch *w, const char *path)
{
	const char *p = path;
	size_t plen, tlen = strlen(w->token);
	char *buf;

	if (w->relative && path[0] == '/') {
		/* w->path is below the home, so is path: skip the home. */
		p = strchr(path + sizeof("/local/domain/") - 1, '/');
		p = p != NULL ? p + 1 : path;
	}
	plen = strlen(p);
	buf = malloc(plen + tlen + 2);
	if (buf == NULL) {
		w->conn->dead = true;	/* it would miss an event: drop it */
		return;
	}
	memcpy(buf, p, plen + 1);
	memcpy(buf + plen + 1, w->token, tlen + 1);
	xs_conn_send(w->conn, XS_WATCH_EVENT, 0, 0, buf, plen + tlen + 2,
		     false);
	free(buf);
}

static void xs_watch_fire_key(struct xs_store *s, const char *key,
			      size_t klen, const char *path,
			      const struct xs_perm *perms, unsigned int n,
			      const struct xs_perm *old, unsigned int nold)
{
	struct xs_hlink *l = xs_hash_get_len(&s->watches, key, klen);

	for (; l != NULL; l = xs_hash_next_same(l)) {
		struct xs_watch *w = xs_container_of(l, struct xs_watch, link);
		const struct xs_conn *c = w->conn;

		if (c->dead)
			continue;
		if (!c->privileged &&
		    !(xs_perm_for(c, perms, n) & XS_PERM_READ) &&
		    !(old != NULL && xs_perm_for(c, old, nold) & XS_PERM_READ))
			continue;
		xs_watch_send(w, path);
	}
}

/*
 * A change at path: fire the watches on path and, unless exact, on each
 * ancestor. perms (and old, if not NULL) decide who may hear of it.
 */
void xs_watch_fire2(struct xs_store *s, const char *path,
		    const struct xs_perm *perms, unsigned int nperms,
		    const struct xs_perm *old, unsigned int nold, bool exact)
{
	size_t len = strlen(path), i;

	if (s->watches.count == 0)
		return;
	if (exact || path[0] != '/') {
		xs_watch_fire_key(s, path, len, path, perms, nperms, old, nold);
		return;
	}
	xs_watch_fire_key(s, "/", 1, path, perms, nperms, old, nold);
	for (i = 1; len > 1 && i <= len; i++)
		if (i == len || path[i] == '/')
			xs_watch_fire_key(s, path, i, path, perms, nperms,
					  old, nold);
}

void xs_watch_fire(struct xs_store *s, const char *path,
		   const struct xs_perm *perms, unsigned int nperms,
		   bool exact)
{
	xs_watch_fire2(s, path, perms, nperms, NULL, 0, exact);
}
