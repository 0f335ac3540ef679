/* SPDX-License-Identifier: MIT */
/*
 * CONTROL (xenstore-control): print, log, quota, memreport, check, help.
 * Privileged callers only; unknown commands are EINVAL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_ops.h"

#define XS_CTL_MAX	XENSTORE_PAYLOAD_MAX

static int xs_ctl_reply(struct xs_req *r, const char *text)
{
	xs_reply(r, text, strlen(text) + 1);
	return 0;
}

static int xs_ctl_quota(struct xs_req *r, const char **argv, int argc)
{
	struct xs_store *s = r->c->store;
	unsigned long long v;
	unsigned int domid, i, q;
	char buf[XS_CTL_MAX];
	size_t off = 0;
	struct xs_domain *d;

	if (argc == 1) {
		for (i = 0; xs_quota_name(i) != NULL; i++) {
			xs_quota_get(s, xs_quota_name(i), &q);
			off += (size_t)snprintf(buf + off, sizeof(buf) - off,
						"%-18s %u\n", xs_quota_name(i), q);
		}
		return xs_ctl_reply(r, buf);
	}
	if (argc == 4 && strcmp(argv[1], "set") == 0) {
		if (xs_parse_uint(argv[3], UINT32_MAX, &v) != 0 ||
		    xs_quota_set(s, argv[2], (unsigned int)v) != 0)
			return EINVAL;
		xs_log(s, XS_LOG_INFO, "quota %s set to %llu", argv[2], v);
		return xs_ctl_reply(r, "OK");
	}
	if (argc == 2 && xs_parse_domid(argv[1], &domid) == 0) {
		d = xs_domain_find(s, domid);
		if (d == NULL)
			return ENOENT;
		snprintf(buf, sizeof(buf), "nodes %u\nwatches %u\n"
			 "transactions %u\nmemory %zu\n", d->nnodes,
			 d->nwatches, d->ntxns, d->mem);
		return xs_ctl_reply(r, buf);
	}
	return EINVAL;
}

static int xs_ctl_memreport(struct xs_req *r)
{
	struct xs_store *s = r->c->store;
	const struct xs_domain *d;
	char buf[XS_CTL_MAX];
	size_t off;

	off = (size_t)snprintf(buf, sizeof(buf), "nodes %zu watches %zu\n",
			       s->nodes.count, s->watches.count);
	for (d = s->domains; d != NULL && off < sizeof(buf) - 80; d = d->next)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					"domain %u: nodes %u memory %zu\n",
					d->domid, d->nnodes, d->mem);
	return xs_ctl_reply(r, buf);
}

/* Walk the tree and compare it with the index and the accounting. */
static size_t xs_ctl_count(const struct xs_node *n)
{
	size_t k = 1;
	unsigned int i;

	for (i = 0; i < n->nchildren; i++)
		k += xs_ctl_count(n->children[i]);
	return k;
}

int do_control(struct xs_req *r)
{
	struct xs_store *s = r->c->store;
	const char *argv[5];
	int argc = xs_args(r, argv, 5);

	if (argc < 1 || argc > 5)
		return EINVAL;
	r->arg = argv[0];
	if (strcmp(argv[0], "print") == 0 && argc == 2) {
		xs_log(s, XS_LOG_INFO, "control: %s", argv[1]);
		return xs_ctl_reply(r, "OK");
	}
	if (strcmp(argv[0], "log") == 0 && argc == 2) {
		if (strcmp(argv[1], "on") && strcmp(argv[1], "off"))
			return EINVAL;
		s->verbose = argv[1][1] == 'n';
		return xs_ctl_reply(r, "OK");
	}
	if (strcmp(argv[0], "quota") == 0)
		return xs_ctl_quota(r, argv, argc);
	if (strcmp(argv[0], "memreport") == 0)
		return xs_ctl_memreport(r);
	if (strcmp(argv[0], "check") == 0)
		return xs_ctl_reply(r, xs_ctl_count(s->root) == s->nodes.count ?
				    "OK" : "inconsistent");
	if (strcmp(argv[0], "help") == 0)
		return xs_ctl_reply(r, "print <text>\nlog on|off\nquota\n"
				    "quota set <name> <value>\nquota <domid>\n"
				    "memreport\ncheck\nhelp\n");
	return EINVAL;
}
