/* SPDX-License-Identifier: MIT */
/*
 * The committed node tree: a hash of full paths for lookups and, per node,
 * its children in creation order for listings and recursive removal.
 *
 * Every change here bumps store->gen and stamps it on the nodes whose
 * value, permissions or child list changed; transactions compare those
 * stamps with their start (xs_txn.c). Every change is journalled and kept
 * in the owner's accounting. Callers have checked permissions and quotas.
 */
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

/* Bytes a node costs its owner: what the memory quota counts. */
size_t xs_node_bytes(const struct xs_node *n)
{
	return sizeof(*n) + strlen(n->path) + 1 + n->vlen +
	       n->nperms * sizeof(struct xs_perm) +
	       n->capchildren * sizeof(struct xs_node *);
}

static void xs_acct(struct xs_store *s, const struct xs_node *n, int sign)
{
	struct xs_domain *d = xs_domain_get(s, n->perms[0].domid);
	size_t bytes = xs_node_bytes(n);

	if (d == NULL)
		return;
	if (sign > 0) {
		d->nnodes++;
		d->mem += bytes;
	} else {
		d->nnodes--;
		d->mem = d->mem > bytes ? d->mem - bytes : 0;
	}
}

struct xs_node *xs_tree_lookup(const struct xs_store *s, const char *path)
{
	struct xs_hlink *l = xs_hash_get(&s->nodes, path);

	return l ? xs_container_of(l, struct xs_node, link) : NULL;
}

/* The node at path, or its deepest existing ancestor (at least "/"). */
struct xs_node *xs_tree_nearest(const struct xs_store *s, const char *path)
{
	size_t len = strlen(path);

	for (;;) {
		struct xs_hlink *l = xs_hash_get_len(&s->nodes, path, len);

		if (l != NULL)
			return xs_container_of(l, struct xs_node, link);
		while (len > 1 && path[len - 1] != '/')
			len--;
		if (len > 1)
			len--;		/* drop the '/' too, unless root */
		if (len <= 1)
			return s->root;
	}
}

static struct xs_node *xs_node_alloc(const char *path,
				     const struct xs_perm *perms,
				     unsigned int nperms, const void *val,
				     unsigned int vlen)
{
	struct xs_node *n = calloc(1, sizeof(*n));

	if (n == NULL)
		return NULL;
	n->path = strdup(path);
	n->perms = xs_perms_dup(perms, nperms);
	n->value = xs_memdup(val, vlen);
	if (n->path == NULL || n->perms == NULL || n->value == NULL)
		goto out_free;
	n->nperms = nperms;
	n->vlen = vlen;
	n->name = strrchr(n->path, '/') + 1;
	return n;

out_free:
	free(n->path);
	free(n->perms);
	free(n->value);
	free(n);
	return NULL;
}

static void xs_node_free(struct xs_node *n)
{
	free(n->children);
	free(n->path);
	free(n->perms);
	free(n->value);
	free(n);
}

static int xs_child_add(struct xs_node *p, struct xs_node *n)
{
	if (p->nchildren == p->capchildren) {
		unsigned int cap = p->capchildren ? p->capchildren * 2 : 4;
		struct xs_node **c = realloc(p->children, cap * sizeof(*c));

		if (c == NULL)
			return ENOMEM;
		p->children = c;
		p->capchildren = cap;
	}
	n->index = p->nchildren;
	p->children[p->nchildren++] = n;
	p->childlen += strlen(n->name) + 1;
	n->parent = p;
	return 0;
}

static void xs_child_del(struct xs_node *p, struct xs_node *n)
{
	unsigned int i;

	memmove(&p->children[n->index], &p->children[n->index + 1],
		(p->nchildren - n->index - 1) * sizeof(*p->children));
	p->nchildren--;
	for (i = n->index; i < p->nchildren; i++)
		p->children[i]->index = i;
	p->childlen -= strlen(n->name) + 1;
}

/*
 * Create the node at path; its parent must exist. Returns 0, EEXIST, or
 * ENOMEM with nothing changed.
 */
int xs_tree_create(struct xs_store *s, const char *path,
		   const struct xs_perm *perms, unsigned int nperms,
		   const void *val, unsigned int vlen, struct xs_node **out)
{
	struct xs_node *p, *n;
	const char *slash = strrchr(path, '/');

	if (xs_tree_lookup(s, path) != NULL)
		return EEXIST;
	if (slash == path)
		p = s->root;
	else {
		char *pp = strndup(path, slash - path);

		if (pp == NULL)
			return ENOMEM;
		p = xs_tree_lookup(s, pp);
		free(pp);
	}
	if (p == NULL)
		return ENOENT;
	n = xs_node_alloc(path, perms, nperms, val, vlen);
	if (n == NULL)
		return ENOMEM;
	if (xs_child_add(p, n) != 0 || xs_hash_add(&s->nodes, &n->link,
						   n->path) != 0) {
		if (n->parent != NULL)
			xs_child_del(p, n);
		xs_node_free(n);
		return ENOMEM;
	}
	n->gen = p->gen = ++s->gen;
	xs_acct(s, n, +1);
	xs_journal_node(s, n);
	if (out != NULL)
		*out = n;
	return 0;
}

/*
 * Give n a new value (v != NULL) or permission list (p != NULL), both
 * malloc'ed and now n's: account, stamp and journal the change.
 */
static void xs_node_update(struct xs_store *s, struct xs_node *n, char *v,
			   unsigned int vlen, struct xs_perm *p,
			   unsigned int np)
{
	xs_acct(s, n, -1);
	if (v != NULL) {
		free(n->value);
		n->value = v;
		n->vlen = vlen;
	}
	if (p != NULL) {
		free(n->perms);
		n->perms = p;
		n->nperms = np;
	}
	xs_acct(s, n, +1);
	n->gen = ++s->gen;
	xs_journal_node(s, n);
}

int xs_tree_set_value(struct xs_store *s, struct xs_node *n, const void *val,
		      unsigned int vlen)
{
	char *v = xs_memdup(val, vlen);

	if (v == NULL)
		return ENOMEM;
	xs_node_update(s, n, v, vlen, NULL, 0);
	return 0;
}

int xs_tree_set_perms(struct xs_store *s, struct xs_node *n,
		      const struct xs_perm *perms, unsigned int nperms)
{
	struct xs_perm *p = xs_perms_dup(perms, nperms);

	if (p == NULL)
		return ENOMEM;
	xs_node_update(s, n, NULL, 0, p, nperms);
	return 0;
}

/* Free a subtree bottom-up; watches on each node fire as it goes. */
static void xs_subtree_free(struct xs_store *s, struct xs_node *n, bool fire)
{
	unsigned int i;

	for (i = 0; i < n->nchildren; i++)
		xs_subtree_free(s, n->children[i], fire);
	if (fire)
		xs_watch_fire(s, n->path, n->perms, n->nperms, true);
	xs_hash_del(&s->nodes, &n->link);
	xs_acct(s, n, -1);
	xs_node_free(n);
}

/*
 * Remove n and everything below it (never the root). Watches on removed
 * nodes fire with their own path; watches at or above n fire with n's.
 */
void xs_tree_remove(struct xs_store *s, struct xs_node *n, bool fire)
{
	struct xs_node *p = n->parent;
	unsigned int i;

	xs_journal_rm(s, n->path);
	xs_child_del(p, n);
	p->gen = ++s->gen;
	if (fire)
		xs_watch_fire(s, n->path, n->perms, n->nperms, false);
	for (i = 0; i < n->nchildren; i++)
		xs_subtree_free(s, n->children[i], fire);
	xs_hash_del(&s->nodes, &n->link);
	xs_acct(s, n, -1);
	xs_node_free(n);
}

/* The initial tree, as C xenstored builds it: / and /tool/xenstored. */
int xs_tree_init(struct xs_store *s)
{
	static const struct xs_perm n0 = { 0, XS_PERM_NONE };
	bool journal = s->journal_on;

	s->root = xs_node_alloc("/", &n0, 1, "", 0);
	if (s->root == NULL)
		return ENOMEM;
	s->root->name = s->root->path;
	if (xs_hash_add(&s->nodes, &s->root->link, s->root->path) != 0)
		return ENOMEM;
	xs_acct(s, s->root, +1);
	s->journal_on = false;	/* a replayed journal recreates these */
	xs_tree_create(s, "/tool", &n0, 1, "", 0, NULL);
	xs_tree_create(s, "/tool/xenstored", &n0, 1, "", 0, NULL);
	s->journal_on = journal;
	return 0;
}

void xs_tree_fini(struct xs_store *s)
{
	unsigned int i;

	if (s->root == NULL)
		return;
	for (i = 0; i < s->root->nchildren; i++)
		xs_subtree_free(s, s->root->children[i], false);
	xs_node_free(s->root);
	s->root = NULL;
	xs_hash_fini(&s->nodes);
}
