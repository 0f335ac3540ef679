/* SPDX-License-Identifier: MIT */
/*
 * The store core: the node tree, connections, transactions, watches,
 * domains and quotas, independent of any transport. A transport (Unix
 * socket, shared ring) creates a connection, pushes the bytes it receives
 * into xs_conn_input() and drains xs_conn_out_peek()/xs_conn_out_advance().
 *
 * Single-threaded: the core is called from one event loop; nothing here
 * locks. Every byte that arrives through xs_conn_input() is hostile.
 *
 * Errors: internal functions return 0 or a positive errno (the value put
 * on the wire by name); constructors return NULL.
 */
#ifndef XS_CORE_H
#define XS_CORE_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xs_hash.h"
#include "xs_plat.h"
#include "xs_proto.h"

#define XS_PERM_NONE	0u
#define XS_PERM_READ	1u
#define XS_PERM_WRITE	2u
#define XS_PERM_OWNER	4u
#define XS_PERM_ALL	(XS_PERM_READ | XS_PERM_WRITE | XS_PERM_OWNER)
/* Entry names a domain that died or never existed: it grants nothing. */
#define XS_PERM_IGNORE	8u

struct xs_perm {
	unsigned int domid;
	unsigned int access;	/* XS_PERM_READ | XS_PERM_WRITE, IGNORE */
};

/* Limits applied to unprivileged domains; C xenstored's names in (). */
struct xs_quota {
	unsigned int nodes;		/* nodes owned by a domain (-E) */
	unsigned int node_size;		/* one node's record bytes (-S) */
	unsigned int watches;		/* watches per domain (-W) */
	unsigned int transactions;	/* open transactions (-t) */
	unsigned int perms;		/* permission entries per node (-A) */
	unsigned int path_len;		/* path below the home (-M) */
	unsigned int txn_nodes;		/* nodes one transaction touches */
	unsigned int outstanding;	/* unsent replies before we stop reading */
	unsigned int memory;		/* bytes a domain may hold (hard) */
	unsigned int memory_soft;	/* bytes before we warn */
};

/* A node of the committed tree. Children keep creation order. */
struct xs_node {
	struct xs_hlink link;		/* store->nodes, key = path */
	char *path;
	const char *name;		/* last component, inside path */
	struct xs_node *parent;
	struct xs_node **children;
	unsigned int nchildren, capchildren;
	unsigned int index;		/* position in parent->children */
	size_t childlen;		/* sum of strlen(name) + 1 of children */
	char *value;
	unsigned int vlen;
	struct xs_perm *perms;		/* perms[0]: owner and default */
	unsigned int nperms;
	uint64_t gen;			/* store->gen at last change */
};

struct xs_watch {
	struct xs_hlink link;		/* store->watches, key = path */
	char *path;			/* absolute or @special */
	char *token;
	bool relative;			/* report events relative to the home */
	struct xs_conn *conn;
	struct xs_watch *conn_next;
};

/* One queued outgoing message (reply or watch event). */
struct xs_msg {
	struct xs_msg *next;
	uint32_t len;			/* header + payload */
	bool is_reply;
	unsigned char data[];
};

struct xs_txn;
struct xs_store;

struct xs_domain {
	unsigned int domid;
	bool introduced;
	bool shutdown;			/* its shutdown was announced */
	unsigned int nnodes;		/* nodes it owns */
	unsigned int nwatches;
	unsigned int ntxns;
	size_t mem;			/* bytes of nodes and watches it holds */
	bool mem_warned;
	bool has_target;
	unsigned int target;		/* SET_TARGET: acts as owner of these */
	struct xs_conn *ring_conn;	/* its ring connection, if introduced */
	void *ring_page;
	int evtchn;
	struct xs_domain *next;
};

#define XS_CONN_READONLY	1u	/* the _ro socket: no writes */
#define XS_CONN_RING		2u	/* a guest's shared-ring connection */

struct xs_conn {
	struct xs_store *store;
	unsigned int domid;
	struct xs_domain *dom;
	unsigned int flags;
	bool privileged;
	bool dead;			/* transport must close it */
	/* input: one message being assembled */
	unsigned char in[XS_HDR_SIZE + XENSTORE_PAYLOAD_MAX + 1];
	size_t inlen;
	/* output queue */
	struct xs_msg *out_head, *out_tail;
	size_t out_off;			/* bytes of out_head already sent */
	size_t out_bytes;
	unsigned int nreplies;		/* queued replies, not events */
	struct xs_watch *watches;
	unsigned int nwatches;
	struct xs_txn *txns;
	unsigned int ntxns;
	void *transport;		/* the transport's cookie */
	struct xs_conn *next, *prev;
};

struct xs_store {
	struct xs_hash nodes;
	struct xs_node *root;
	struct xs_node special[2];	/* @introduceDomain, @releaseDomain */
	uint64_t gen;
	struct xs_quota quota;
	struct xs_domain *domains;
	struct xs_conn *conns;
	struct xs_hash watches;
	uint32_t next_txid;
	const struct xs_plat_ops *plat;
	void *plat_ctx;
	/* journal records waiting for xs_store_sync() */
	unsigned char *jbuf;
	size_t jlen, jcap;
	bool journal_on;
	bool journal_failed;
	bool verbose;			/* log every change, not only refusals */
	unsigned int log_budget;	/* refusals we may still log this tick */
	unsigned long log_dropped;
	size_t out_max_priv;		/* output queue cap, privileged clients */
	size_t out_max;			/* output queue cap, guests */
};

/* xs_store.c */
void *xs_memdup(const void *src, size_t len);
#define xs_perms_dup(p, n)	((struct xs_perm *)xs_memdup((p), \
					(n) * sizeof(struct xs_perm)))
void xs_quota_default(struct xs_quota *q);
struct xs_store *xs_store_create(const struct xs_plat_ops *plat, void *ctx);
void xs_store_destroy(struct xs_store *s);
void xs_log(struct xs_store *s, enum xs_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void xs_log_refusal(struct xs_store *s, const struct xs_conn *c,
		    unsigned int type, const char *arg, int err);
const char *xs_errno_name(int err);
const char *xs_type_name(unsigned int type);
struct xs_domain *xs_domain_get(struct xs_store *s, unsigned int domid);
struct xs_domain *xs_domain_find(struct xs_store *s, unsigned int domid);
int xs_quota_set(struct xs_store *s, const char *name, unsigned int val);
const char *xs_quota_name(unsigned int i);
int xs_quota_get(const struct xs_store *s, const char *name,
		 unsigned int *val);

/* xs_domain.c: domain lifetime, driven by the platform. */
void xs_domain_exception(struct xs_store *s);
bool xs_domain_exists(struct xs_store *s, unsigned int domid);
int xs_domain_permrefs(struct xs_store *s, struct xs_perm *p,
		       unsigned int n);
int xs_special_assign(struct xs_store *s, const char *name,
		      const struct xs_perm *p, unsigned int n);
bool xs_domain_destroy(struct xs_store *s, struct xs_domain *d,
		       const struct xs_conn *caller);

/* xs_tree.c: the committed tree; callers check permissions first. */
struct xs_node *xs_tree_lookup(const struct xs_store *s, const char *path);
struct xs_node *xs_tree_nearest(const struct xs_store *s, const char *path);
int xs_tree_create(struct xs_store *s, const char *path,
		   const struct xs_perm *perms, unsigned int nperms,
		   const void *val, unsigned int vlen, struct xs_node **out);
int xs_tree_set_value(struct xs_store *s, struct xs_node *n,
		      const void *val, unsigned int vlen);
int xs_tree_set_perms(struct xs_store *s, struct xs_node *n,
		      const struct xs_perm *perms, unsigned int nperms);
void xs_tree_remove(struct xs_store *s, struct xs_node *n, bool fire);
size_t xs_node_bytes(const struct xs_node *n);
int xs_tree_init(struct xs_store *s);
void xs_tree_fini(struct xs_store *s);

/* xs_perms.c */
unsigned int xs_perm_for(const struct xs_conn *c, const struct xs_perm *p,
			 unsigned int n);
int xs_perms_parse(const char *buf, size_t len, struct xs_perm **out,
		   unsigned int *n);
size_t xs_perms_format(const struct xs_perm *p, unsigned int n, char *buf,
		       size_t size);
int xs_path_canonical(const struct xs_conn *c, const char *in, bool special,
		      char **out);
bool xs_path_is_under(const char *path, const char *dir);

/* xs_watch.c */
int xs_watch_add(struct xs_conn *c, const char *path, const char *token,
		 bool relative);
int xs_watch_del(struct xs_conn *c, const char *path, const char *token);
void xs_watch_del_all(struct xs_conn *c);
void xs_watch_fire2(struct xs_store *s, const char *path,
		    const struct xs_perm *perms, unsigned int nperms,
		    const struct xs_perm *old, unsigned int nold, bool exact);
void xs_watch_fire(struct xs_store *s, const char *path,
		   const struct xs_perm *perms, unsigned int nperms,
		   bool exact);

/* xs_conn.c */
struct xs_conn *xs_conn_create(struct xs_store *s, unsigned int domid,
			       unsigned int flags);
void xs_conn_destroy(struct xs_conn *c);
size_t xs_conn_input(struct xs_conn *c, const void *buf, size_t len);
bool xs_conn_wants_input(const struct xs_conn *c);
const void *xs_conn_out_peek(const struct xs_conn *c, size_t *len);
size_t xs_conn_out_gather(const struct xs_conn *c, void *buf, size_t max);
void xs_conn_out_advance(struct xs_conn *c, size_t n);
void xs_conn_send(struct xs_conn *c, uint32_t type, uint32_t req_id,
		  uint32_t tx_id, const void *data, size_t len, bool reply);

/* xs_ops.c: one request, decoded and executed. */
void xs_request(struct xs_conn *c, const struct xsd_sockmsg *h,
		const char *payload);

/* xs_txn.c */
int xs_txn_start(struct xs_conn *c, uint32_t *id);
struct xs_txn *xs_txn_find(const struct xs_conn *c, uint32_t id);
int xs_txn_end(struct xs_conn *c, struct xs_txn *t, bool commit);
void xs_txn_abort_all(struct xs_conn *c);

/* xs_journal.c: durability. */
void xs_journal_node(struct xs_store *s, const struct xs_node *n);
void xs_journal_rm(struct xs_store *s, const char *path);
void xs_journal_quota(struct xs_store *s, const char *name, unsigned int v);
int xs_store_sync(struct xs_store *s);
int xs_journal_replay(struct xs_store *s, const void *buf, size_t len,
		      size_t *good);
int xs_journal_snapshot(struct xs_store *s,
			int (*emit)(void *ctx, const void *buf, size_t len),
			void *ctx);
#define XS_JOURNAL_MAGIC	"SHOJIXS1"
#define XS_JOURNAL_MAGIC_LEN	8u

#endif /* XS_CORE_H */
