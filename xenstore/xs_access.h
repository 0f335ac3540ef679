/* SPDX-License-Identifier: MIT */
/*
 * Node access for request handlers, the same whether a request runs in a
 * transaction or not. Outside a transaction the access functions change
 * the committed tree at once (journalled, watches fired); inside one they
 * change the transaction's private copies and log the operation, which
 * commit replays on the tree (xs_txn.c).
 */
#ifndef XS_ACCESS_H
#define XS_ACCESS_H

#include "xs_core.h"

/* A node copy private to a transaction, or a record that one was read. */
enum xs_tn_state {
	XS_TN_SEEN,	/* read from the tree; kept to validate commit */
	XS_TN_COPY,	/* private copy, present in the transaction */
	XS_TN_GONE,	/* removed in the transaction */
};

struct xs_tnode {
	struct xs_hlink link;		/* txn->nodes, key = path */
	char *path;
	enum xs_tn_state state;
	bool fresh;			/* created here: hides the tree below */
	char *value;
	unsigned int vlen;
	struct xs_perm *perms;
	unsigned int nperms;
	char **children;
	unsigned int nchildren, capchildren;
	size_t childlen;
	struct xs_tnode *next;		/* txn->all */
};

/* One operation of a transaction, replayed at commit. */
enum xs_txop_kind { XS_TXOP_WRITE, XS_TXOP_MKDIR, XS_TXOP_RM, XS_TXOP_PERMS };

struct xs_txop {
	struct xs_txop *next;
	enum xs_txop_kind kind;
	char *path;
	char *value;
	unsigned int vlen;
	struct xs_perm *perms;
	unsigned int nperms;
};

struct xs_txn {
	uint32_t id;
	struct xs_conn *conn;
	uint64_t start_gen;		/* store->gen when it started */
	bool doomed;			/* saw a change made after start */
	bool hides;			/* some tnode hides the tree below it */
	struct xs_hash nodes;
	struct xs_tnode *all;
	unsigned int nnodes;
	int dnodes;			/* nodes it creates for its domain */
	struct xs_txop *ops, **ops_tail;
	struct xs_txn *next;
};

/* What a handler sees of one node. */
struct xs_view {
	const char *path;
	const char *value;
	unsigned int vlen;
	const struct xs_perm *perms;
	unsigned int nperms;
	unsigned int nchildren;
	size_t childlen;
	uint64_t gen;
	const struct xs_node *node;	/* tree node, or NULL */
	const struct xs_tnode *tn;	/* transaction copy, or NULL */
};

const char *xs_view_child(const struct xs_view *v, unsigned int i);
void xs_view_of_node(const struct xs_node *n, struct xs_view *v);
int xs_acc_get(struct xs_conn *c, struct xs_txn *t, const char *path,
	       struct xs_view *v);
int xs_acc_nearest(struct xs_conn *c, struct xs_txn *t, const char *path,
		   struct xs_view *v);
int xs_acc_create(struct xs_conn *c, struct xs_txn *t, const char *path,
		  const void *val, unsigned int vlen);
int xs_acc_set_value(struct xs_conn *c, struct xs_txn *t, const char *path,
		     const void *val, unsigned int vlen);
int xs_acc_set_perms(struct xs_conn *c, struct xs_txn *t, const char *path,
		     const struct xs_perm *perms, unsigned int nperms);
int xs_acc_rm(struct xs_conn *c, struct xs_txn *t, const char *path);
int xs_acc_log(struct xs_txn *t, enum xs_txop_kind kind, const char *path,
	       const void *val, unsigned int vlen,
	       const struct xs_perm *perms, unsigned int nperms);

/* xs_txn.c: the private side. */
int xs_txn_get(struct xs_txn *t, const char *path, struct xs_view *v);
int xs_txn_create(struct xs_txn *t, const char *path,
		  const struct xs_perm *perms, unsigned int nperms,
		  const void *val, unsigned int vlen);
int xs_txn_set(struct xs_txn *t, const char *path, const void *val,
	       unsigned int vlen, const struct xs_perm *perms,
	       unsigned int nperms);
int xs_txn_rm(struct xs_txn *t, const char *path);

#endif /* XS_ACCESS_H */
