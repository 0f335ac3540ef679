/* SPDX-License-Identifier: MIT */
/*
 * Transactions: snapshot reads, private writes, all-or-nothing commit.
 *
 * A transaction remembers store->gen at its start. Each path it touches
 * gets a tnode: SEEN when it only looked at the tree, COPY when it holds a
 * private copy it may change, GONE when it removed the node. Reads see the
 * transaction's copies first and the committed tree otherwise; a node (or,
 * for a missing one, its deepest existing ancestor) stamped with a
 * generation newer than the start means the transaction saw something it
 * must not have seen in its snapshot, and it is doomed.
 *
 * Commit checks every touched path again: if any changed since the start,
 * the answer is EAGAIN and nothing happens (the client retries). Otherwise
 * the operations are replayed in order on the tree, which is exactly in
 * the state the transaction saw for all it touched, so the replay gives
 * the state the transaction built; it journals and fires watches as any
 * change does. Quotas and permissions were checked when each operation
 * ran in the transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "xs_access.h"

static struct xs_tnode *xs_tn_find_len(const struct xs_txn *t,
				       const char *path, size_t len)
{
	struct xs_hlink *l = xs_hash_get_len(&t->nodes, path, len);

	return l ? xs_container_of(l, struct xs_tnode, link) : NULL;
}

/* Does a removed or recreated ancestor hide the tree's node at path? */
static bool xs_tn_hidden(const struct xs_txn *t, const char *path)
{
	size_t len;

	if (!t->hides)
		return false;
	for (len = strlen(path); len > 1;) {
		const struct xs_tnode *tn;

		while (len > 0 && path[len - 1] != '/')
			len--;
		len = len > 1 ? len - 1 : 1;
		tn = xs_tn_find_len(t, path, len);
		if (tn != NULL && (tn->state == XS_TN_GONE ||
				   (tn->state == XS_TN_COPY && tn->fresh)))
			return true;
	}
	return false;
}

static void xs_tn_clear(struct xs_tnode *tn)
{
	unsigned int i;

	for (i = 0; i < tn->nchildren; i++)
		free(tn->children[i]);
	free(tn->children);
	free(tn->value);
	free(tn->perms);
	tn->children = NULL;
	tn->nchildren = tn->capchildren = 0;
	tn->childlen = 0;
	tn->value = NULL;
	tn->vlen = 0;
	tn->perms = NULL;
	tn->nperms = 0;
	tn->fresh = false;
}

/* The tnode for path, made SEEN if new; ENOSPC past the node quota. */
static int xs_tn_record(struct xs_txn *t, const char *path,
			struct xs_tnode **out)
{
	struct xs_tnode *tn = xs_tn_find_len(t, path, strlen(path));
	struct xs_store *s = t->conn->store;

	if (tn != NULL) {
		*out = tn;
		return 0;
	}
	if (!t->conn->privileged && t->nnodes >= s->quota.txn_nodes)
		return ENOSPC;
	tn = calloc(1, sizeof(*tn));
	if (tn == NULL)
		return ENOMEM;
	tn->path = strdup(path);
	if (tn->path == NULL || xs_hash_add(&t->nodes, &tn->link,
					    tn->path) != 0) {
		free(tn->path);
		free(tn);
		return ENOMEM;
	}
	tn->state = XS_TN_SEEN;
	tn->next = t->all;
	t->all = tn;
	t->nnodes++;
	*out = tn;
	return 0;
}

static uint64_t xs_tree_gen_of(const struct xs_store *s, const char *path)
{
	const struct xs_node *n = xs_tree_nearest(s, path);

	return n->gen;
}

static void xs_view_of_tn(const struct xs_tnode *tn, struct xs_view *v)
{
	memset(v, 0, sizeof(*v));
	v->path = tn->path;
	v->value = tn->value ? tn->value : "";
	v->vlen = tn->vlen;
	v->perms = tn->perms;
	v->nperms = tn->nperms;
	v->nchildren = tn->nchildren;
	v->childlen = tn->childlen;
	v->tn = tn;
}

int xs_txn_get(struct xs_txn *t, const char *path, struct xs_view *v)
{
	struct xs_store *s = t->conn->store;
	struct xs_tnode *tn = xs_tn_find_len(t, path, strlen(path));
	const struct xs_node *n;
	int rc;

	if (tn != NULL && tn->state == XS_TN_COPY) {
		xs_view_of_tn(tn, v);
		return 0;
	}
	if ((tn != NULL && tn->state == XS_TN_GONE) || xs_tn_hidden(t, path))
		return ENOENT;
	if (tn == NULL && (rc = xs_tn_record(t, path, &tn)) != 0)
		return rc;
	if (xs_tree_gen_of(s, path) > t->start_gen)
		t->doomed = true;
	n = xs_tree_lookup(s, path);
	if (n == NULL)
		return ENOENT;
	xs_view_of_node(n, v);
	return 0;
}

static int xs_tn_add_child(struct xs_tnode *p, const char *name)
{
	char *dup = strdup(name);

	if (dup == NULL)
		return ENOMEM;
	if (p->nchildren == p->capchildren) {
		unsigned int cap = p->capchildren ? p->capchildren * 2 : 4;
		char **c = realloc(p->children, cap * sizeof(*c));

		if (c == NULL) {
			free(dup);
			return ENOMEM;
		}
		p->children = c;
		p->capchildren = cap;
	}
	p->children[p->nchildren++] = dup;
	p->childlen += strlen(name) + 1;
	return 0;
}

static void xs_tn_del_child(struct xs_tnode *p, const char *name)
{
	unsigned int i;

	for (i = 0; i < p->nchildren; i++) {
		if (strcmp(p->children[i], name) != 0)
			continue;
		p->childlen -= strlen(name) + 1;
		free(p->children[i]);
		memmove(&p->children[i], &p->children[i + 1],
			(p->nchildren - i - 1) * sizeof(char *));
		p->nchildren--;
		return;
	}
}

/* Give tn (cleared) copies of a value and a permission list. */
static int xs_tn_fill(struct xs_tnode *tn, const void *val, unsigned int vlen,
		      const struct xs_perm *perms, unsigned int nperms)
{
	tn->value = xs_memdup(val, vlen);
	tn->perms = xs_perms_dup(perms, nperms);
	if (tn->value == NULL || tn->perms == NULL)
		return ENOMEM;
	tn->vlen = vlen;
	tn->nperms = nperms;
	return 0;
}

/* A private, changeable copy of the node at path; ENOENT if absent. */
static int xs_tn_copy(struct xs_txn *t, const char *path,
		      struct xs_tnode **out)
{
	struct xs_view v;
	struct xs_tnode *tn;
	unsigned int i;
	int rc = xs_txn_get(t, path, &v);

	if (rc != 0)
		return rc;
	if (v.tn != NULL) {
		*out = (struct xs_tnode *)v.tn;
		return 0;
	}
	tn = xs_tn_find_len(t, path, strlen(path));
	if (xs_tn_fill(tn, v.value, v.vlen, v.perms, v.nperms) != 0)
		goto out_nomem;
	for (i = 0; i < v.nchildren; i++)
		if (xs_tn_add_child(tn, v.node->children[i]->name) != 0)
			goto out_nomem;
	tn->state = XS_TN_COPY;
	*out = tn;
	return 0;

out_nomem:
	xs_tn_clear(tn);
	return ENOMEM;
}

/* The parent path of a canonical absolute path, malloc'ed. */
static char *xs_parent_path(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash == path ? strdup("/") : strndup(path, slash - path);
}

/*
 * For a change of the child list: a private copy of path's parent in *p
 * and path's own tnode in *tn, cleared.
 */
static int xs_tn_parent_and_self(struct xs_txn *t, const char *path,
				 struct xs_tnode **p, struct xs_tnode **tn)
{
	char *pp = xs_parent_path(path);
	int rc;

	if (pp == NULL)
		return ENOMEM;
	rc = xs_tn_copy(t, pp, p);
	free(pp);
	if (rc == 0)
		rc = xs_tn_record(t, path, tn);
	if (rc == 0)
		xs_tn_clear(*tn);
	return rc;
}

int xs_txn_create(struct xs_txn *t, const char *path,
		  const struct xs_perm *perms, unsigned int nperms,
		  const void *val, unsigned int vlen)
{
	struct xs_tnode *p, *tn;
	int rc = xs_tn_parent_and_self(t, path, &p, &tn);

	if (rc != 0)
		return rc;
	if (xs_tn_fill(tn, val, vlen, perms, nperms) != 0 ||
	    xs_tn_add_child(p, strrchr(path, '/') + 1) != 0) {
		xs_tn_clear(tn);
		return ENOMEM;
	}
	tn->state = XS_TN_COPY;
	tn->fresh = true;
	t->hides = true;
	t->dnodes++;
	return 0;
}

/* Change the value (val != NULL) or the permissions (perms != NULL). */
int xs_txn_set(struct xs_txn *t, const char *path, const void *val,
	       unsigned int vlen, const struct xs_perm *perms,
	       unsigned int nperms)
{
	struct xs_tnode *tn;
	int rc = xs_tn_copy(t, path, &tn);
	void *p;

	if (rc != 0)
		return rc;
	if (val != NULL) {
		p = xs_memdup(val, vlen);
		if (p == NULL)
			return ENOMEM;
		free(tn->value);
		tn->value = p;
		tn->vlen = vlen;
	}
	if (perms != NULL) {
		p = xs_perms_dup(perms, nperms);
		if (p == NULL)
			return ENOMEM;
		free(tn->perms);
		tn->perms = p;
		tn->nperms = nperms;
	}
	return 0;
}

int xs_txn_rm(struct xs_txn *t, const char *path)
{
	struct xs_tnode *p, *tn;
	int rc = xs_tn_parent_and_self(t, path, &p, &tn);

	if (rc != 0)
		return rc;
	xs_tn_del_child(p, strrchr(path, '/') + 1);
	tn->state = XS_TN_GONE;
	t->hides = true;
	/* Copies below are gone too; keep them as SEEN for validation. */
	for (tn = t->all; tn != NULL; tn = tn->next) {
		if (tn->state == XS_TN_COPY &&
		    xs_path_is_under(tn->path, path)) {
			xs_tn_clear(tn);
			tn->state = XS_TN_SEEN;
		}
	}
	return 0;
}

static void xs_txn_free(struct xs_txn *t)
{
	struct xs_tnode *tn, *ntn;
	struct xs_txop *op, *nop;

	for (tn = t->all; tn != NULL; tn = ntn) {
		ntn = tn->next;
		xs_tn_clear(tn);
		free(tn->path);
		free(tn);
	}
	for (op = t->ops; op != NULL; op = nop) {
		nop = op->next;
		free(op->path);
		free(op->value);
		free(op->perms);
		free(op);
	}
	xs_hash_fini(&t->nodes);
	free(t);
}

/*
 * Start a transaction on c. Returns 0 and its id, or ENOSPC past the
 * domain's transaction quota, or ENOMEM.
 */
int xs_txn_start(struct xs_conn *c, uint32_t *id)
{
	struct xs_store *s = c->store;
	struct xs_txn *t;

	if (!c->privileged && c->dom->ntxns >= s->quota.transactions)
		return ENOSPC;
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return ENOMEM;
	xs_hash_init(&t->nodes);
	t->conn = c;
	t->start_gen = s->gen;
	t->ops_tail = &t->ops;
	do {
		t->id = s->next_txid++;
	} while (t->id == 0 || xs_txn_find(c, t->id) != NULL);
	t->next = c->txns;
	c->txns = t;
	c->ntxns++;
	c->dom->ntxns++;
	*id = t->id;
	return 0;
}

struct xs_txn *xs_txn_find(const struct xs_conn *c, uint32_t id)
{
	struct xs_txn *t;

	for (t = c->txns; t != NULL; t = t->next)
		if (t->id == id)
			return t;
	return NULL;
}

static void xs_txn_unlink(struct xs_conn *c, struct xs_txn *t)
{
	struct xs_txn **pp;

	for (pp = &c->txns; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	c->ntxns--;
	c->dom->ntxns--;
}

static bool xs_txn_conflicts(const struct xs_txn *t)
{
	const struct xs_store *s = t->conn->store;
	const struct xs_tnode *tn;

	if (t->doomed)
		return true;
	for (tn = t->all; tn != NULL; tn = tn->next)
		if (xs_tree_gen_of(s, tn->path) > t->start_gen)
			return true;
	return false;
}

static void xs_txn_replay(struct xs_txn *t)
{
	struct xs_conn *c = t->conn;
	struct xs_txop *op;
	struct xs_view v;

	for (op = t->ops; op != NULL; op = op->next) {
		bool exists = xs_acc_get(c, NULL, op->path, &v) == 0;

		switch (op->kind) {
		case XS_TXOP_WRITE:
			if (exists)
				xs_acc_set_value(c, NULL, op->path, op->value,
						 op->vlen);
			else
				xs_acc_create(c, NULL, op->path, op->value,
					      op->vlen);
			break;
		case XS_TXOP_MKDIR:
			if (!exists)
				xs_acc_create(c, NULL, op->path, "", 0);
			break;
		case XS_TXOP_RM:
			if (exists)
				xs_acc_rm(c, NULL, op->path);
			break;
		case XS_TXOP_PERMS:
			if (exists)
				xs_acc_set_perms(c, NULL, op->path, op->perms,
						 op->nperms);
			break;
		}
	}
}

/*
 * End t (owned by c): commit (EAGAIN if it conflicts) or abort. Either
 * way t is freed.
 */
int xs_txn_end(struct xs_conn *c, struct xs_txn *t, bool commit)
{
	int rc = 0;

	xs_txn_unlink(c, t);
	if (commit) {
		if (xs_txn_conflicts(t))
			rc = EAGAIN;
		else
			xs_txn_replay(t);
	}
	xs_txn_free(t);
	return rc;
}

void xs_txn_abort_all(struct xs_conn *c)
{
	while (c->txns != NULL)
		xs_txn_end(c, c->txns, false);
}
