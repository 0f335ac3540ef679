/* SPDX-License-Identifier: MIT */
/*
 * Node access for request handlers: one set of calls whether or not the
 * request runs in a transaction (see xs_access.h). Outside one, changes
 * go to the tree and fire watches here.
 */
#include <stdlib.h>
#include <string.h>

#include "xs_access.h"

const char *xs_view_child(const struct xs_view *v, unsigned int i)
{
	return v->tn != NULL ? v->tn->children[i] : v->node->children[i]->name;
}

/* What a handler sees of a committed node. */
void xs_view_of_node(const struct xs_node *n, struct xs_view *v)
{
	memset(v, 0, sizeof(*v));
	v->path = n->path;
	v->value = n->value;
	v->vlen = n->vlen;
	v->perms = n->perms;
	v->nperms = n->nperms;
	v->nchildren = n->nchildren;
	v->childlen = n->childlen;
	v->gen = n->gen;
	v->node = n;
}

/* The node at path (canonical): 0, ENOENT, or ENOSPC/ENOMEM in a txn. */
int xs_acc_get(struct xs_conn *c, struct xs_txn *t, const char *path,
	       struct xs_view *v)
{
	const struct xs_node *n;

	if (t != NULL)
		return xs_txn_get(t, path, v);
	n = xs_tree_lookup(c->store, path);
	if (n == NULL)
		return ENOENT;
	xs_view_of_node(n, v);
	return 0;
}

/* The node at path or its deepest existing ancestor. */
int xs_acc_nearest(struct xs_conn *c, struct xs_txn *t, const char *path,
		   struct xs_view *v)
{
	char *p;
	int rc;

	if (t == NULL) {
		xs_view_of_node(xs_tree_nearest(c->store, path), v);
		return 0;
	}
	p = strdup(path);
	if (p == NULL)
		return ENOMEM;
	while ((rc = xs_txn_get(t, p, v)) == ENOENT) {
		char *slash = strrchr(p, '/');

		if (slash == p)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	free(p);
	return rc;
}

/* Permissions a new node under parent gets when c creates it. */
static struct xs_perm *xs_inherit(const struct xs_conn *c,
				  const struct xs_view *parent)
{
	struct xs_perm *p = xs_perms_dup(parent->perms, parent->nperms);

	if (p == NULL)
		return NULL;
	if (!c->privileged)
		p[0].domid = c->domid;
	return p;
}

static int xs_acc_create_one(struct xs_conn *c, struct xs_txn *t,
			     const char *path, const struct xs_view *parent,
			     const void *val, unsigned int vlen)
{
	struct xs_perm *perms = xs_inherit(c, parent);
	unsigned int n = parent->nperms;
	int rc;

	if (perms == NULL)
		return ENOMEM;
	if (t != NULL)
		rc = xs_txn_create(t, path, perms, n, val, vlen);
	else
		rc = xs_tree_create(c->store, path, perms, n, val, vlen,
				    NULL);
	free(perms);
	return rc;
}

/*
 * Create path with missing ancestors (empty values); the new leaf gets
 * val. Watches fire once, for the leaf.
 */
int xs_acc_create(struct xs_conn *c, struct xs_txn *t, const char *path,
		  const void *val, unsigned int vlen)
{
	size_t len = strlen(path), i;
	char *p = strdup(path);
	struct xs_view parent, v;
	int rc = 0;

	if (p == NULL)
		return ENOMEM;
	xs_acc_get(c, t, "/", &parent);
	for (i = 1; i <= len && rc == 0; i++) {
		bool leaf = i == len;

		if (!leaf && p[i] != '/')
			continue;
		p[i] = '\0';
		rc = xs_acc_get(c, t, p, &v);
		if (rc == ENOENT) {
			rc = xs_acc_create_one(c, t, p, &parent,
					       leaf ? val : "",
					       leaf ? vlen : 0);
			if (rc == 0)
				rc = xs_acc_get(c, t, p, &v);
		}
		parent = v;
		if (!leaf)
			p[i] = '/';
	}
	if (rc == 0 && t == NULL)
		xs_watch_fire(c->store, path, v.perms, v.nperms, false);
	free(p);
	return rc;
}

int xs_acc_set_value(struct xs_conn *c, struct xs_txn *t, const char *path,
		     const void *val, unsigned int vlen)
{
	struct xs_node *n;
	int rc;

	if (t != NULL)
		return xs_txn_set(t, path, val, vlen, NULL, 0);
	n = xs_tree_lookup(c->store, path);
	if (n == NULL)
		return ENOENT;
	rc = xs_tree_set_value(c->store, n, val, vlen);
	if (rc == 0)
		xs_watch_fire(c->store, path, n->perms, n->nperms, false);
	return rc;
}

int xs_acc_set_perms(struct xs_conn *c, struct xs_txn *t, const char *path,
		     const struct xs_perm *perms, unsigned int nperms)
{
	struct xs_node *n;
	struct xs_perm *old;
	unsigned int nold;
	int rc;

	if (t != NULL)
		return xs_txn_set(t, path, NULL, 0, perms, nperms);
	n = xs_tree_lookup(c->store, path);
	if (n == NULL)
		return ENOENT;
	nold = n->nperms;
	old = xs_perms_dup(n->perms, nold);
	if (old == NULL)
		return ENOMEM;
	rc = xs_tree_set_perms(c->store, n, perms, nperms);
	/* Watchers who could read the node before or after hear of it. */
	if (rc == 0)
		xs_watch_fire2(c->store, path, n->perms, n->nperms, old,
			       nold, false);
	free(old);
	return rc;
}

int xs_acc_rm(struct xs_conn *c, struct xs_txn *t, const char *path)
{
	struct xs_node *n;

	if (t != NULL)
		return xs_txn_rm(t, path);
	n = xs_tree_lookup(c->store, path);
	if (n == NULL)
		return ENOENT;
	xs_tree_remove(c->store, n, true);
	return 0;
}

/* Remember one operation of t for replay at commit. */
int xs_acc_log(struct xs_txn *t, enum xs_txop_kind kind, const char *path,
	       const void *val, unsigned int vlen,
	       const struct xs_perm *perms, unsigned int nperms)
{
	struct xs_txop *op = calloc(1, sizeof(*op));

	if (op == NULL)
		return ENOMEM;
	op->kind = kind;
	op->path = strdup(path);
	op->value = xs_memdup(val, vlen);
	op->perms = xs_perms_dup(perms, nperms);
	if (op->path == NULL || op->value == NULL || op->perms == NULL) {
		free(op->path);
		free(op->value);
		free(op->perms);
		free(op);
		return ENOMEM;
	}
	op->vlen = vlen;
	op->nperms = nperms;
	*t->ops_tail = op;
	t->ops_tail = &op->next;
	return 0;
}
