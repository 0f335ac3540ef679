/* SPDX-License-Identifier: MIT */
/* Request handling shared by xs_ops.c, xs_domain.c and xs_control.c. */
#ifndef XS_OPS_H
#define XS_OPS_H

#include "xs_core.h"

struct xs_req {
	struct xs_conn *c;
	const struct xsd_sockmsg *h;
	const char *data;		/* payload, NUL after its end */
	size_t len;
	struct xs_txn *t;		/* the transaction of tx_id, or NULL */
	const char *arg;		/* what to name in a refusal */
};

void xs_reply(struct xs_req *r, const void *data, size_t len);
int xs_args(const struct xs_req *r, const char **argv, unsigned int max);
int xs_parse_domid(const char *s, unsigned int *domid);
int xs_parse_uint(const char *s, unsigned long long max,
		  unsigned long long *out);

/* xs_domain.c */
const struct xs_node *xs_special(const struct xs_store *s, const char *name);
int xs_special_set_perms(struct xs_conn *c, const char *name,
			 const struct xs_perm *p, unsigned int n);
int do_introduce(struct xs_req *r);
int do_release(struct xs_req *r);
int do_is_domain_introduced(struct xs_req *r);
int do_resume(struct xs_req *r);
int do_set_target(struct xs_req *r);

/* xs_control.c */
int do_control(struct xs_req *r);

#endif /* XS_OPS_H */
