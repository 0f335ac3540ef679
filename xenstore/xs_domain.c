/* SPDX-License-Identifier: MIT */
/*
 * Domains: INTRODUCE, RELEASE, RESUME, SET_TARGET, IS_DOMAIN_INTRODUCED,
 * and the special nodes @introduceDomain and @releaseDomain whose watches
 * they fire. Introducing a domain maps its ring page and binds its event
 * channel through the platform and gives it a connection that xs_ring.c
 * services. All of these except IS_DOMAIN_INTRODUCED are for privileged
 * callers (checked by the dispatcher).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xs_ops.h"
#include "xs_ring.h"

const struct xs_node *xs_special(const struct xs_store *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < 2; i++)
		if (strcmp(s->special[i].path, name) == 0)
			return &s->special[i];
	return NULL;
}

/* SET_PERMS on a special node: its owner decides who hears of domains. */
int xs_special_set_perms(struct xs_conn *c, const char *name,
			 const struct xs_perm *p, unsigned int n)
{
	struct xs_node *sp = (struct xs_node *)xs_special(c->store, name);
	struct xs_perm *np;

	if (sp == NULL)
		return ENOENT;
	if (!(xs_perm_for(c, sp->perms, sp->nperms) & XS_PERM_OWNER))
		return EACCES;
	if (!c->privileged && p[0].domid != sp->perms[0].domid)
		return EPERM;
	np = malloc(n * sizeof(*np));
	if (np == NULL)
		return ENOMEM;
	memcpy(np, p, n * sizeof(*np));
	free(sp->perms);
	sp->perms = np;
	sp->nperms = n;
	return 0;
}

static void xs_special_fire(struct xs_store *s, unsigned int which)
{
	const struct xs_node *sp = &s->special[which];

	xs_watch_fire(s, sp->path, sp->perms, sp->nperms, true);
}

static void xs_domain_disconnect(struct xs_store *s, struct xs_domain *d,
				 const struct xs_conn *caller)
{
	if (d->ring_conn != NULL) {
		if (d->ring_conn == caller)
			d->ring_conn->dead = true;
		else
			xs_conn_destroy(d->ring_conn);
	}
	d->ring_conn = NULL;
	if (d->evtchn >= 0 && s->plat->evtchn_unbind != NULL)
		s->plat->evtchn_unbind(s->plat_ctx, d->evtchn);
	if (d->ring_page != NULL && s->plat->ring_unmap != NULL)
		s->plat->ring_unmap(s->plat_ctx, d->domid, d->ring_page);
	d->evtchn = -1;
	d->ring_page = NULL;
	d->introduced = false;
}

static int xs_domain_connect(struct xs_store *s, struct xs_domain *d,
			     uint64_t gfn, unsigned int port)
{
	const struct xs_plat_ops *pl = s->plat;
	int err = EINVAL;

	if (pl->ring_map == NULL || pl->evtchn_bind == NULL)
		return EINVAL;
	d->ring_page = pl->ring_map(s->plat_ctx, d->domid, gfn, &err);
	if (d->ring_page == NULL)
		return err;
	d->evtchn = pl->evtchn_bind(s->plat_ctx, d->domid, port);
	d->ring_conn = xs_conn_create(s, d->domid, XS_CONN_RING);
	if (d->evtchn < 0 || d->ring_conn == NULL) {
		xs_domain_disconnect(s, d, NULL);
		return d->evtchn < 0 ? EINVAL : ENOMEM;
	}
	d->ring_conn->transport = d;
	d->introduced = true;
	xs_ring_attach(d);
	return 0;
}

int do_introduce(struct xs_req *r)
{
	struct xs_store *s = r->c->store;
	const char *argv[3];
	unsigned long long gfn, port;
	unsigned int domid;
	struct xs_domain *d;
	int rc;

	if (xs_args(r, argv, 3) != 3 || xs_parse_domid(argv[0], &domid) ||
	    xs_parse_uint(argv[1], UINT64_MAX, &gfn) ||
	    xs_parse_uint(argv[2], UINT32_MAX, &port))
		return EINVAL;
	r->arg = argv[0];
	d = xs_domain_get(s, domid);
	if (d == NULL)
		return ENOMEM;
	if (!d->introduced) {
		rc = xs_domain_connect(s, d, gfn, (unsigned int)port);
		if (rc != 0)
			return rc;
		xs_log(s, XS_LOG_INFO, "introduced domain %u (gfn %llu, "
		       "port %llu)", domid, gfn, port);
		xs_special_fire(s, 0);
	}
	xs_reply(r, "OK", 3);
	return 0;
}

static int xs_domain_arg(struct xs_req *r, struct xs_domain **d)
{
	const char *argv[1];
	unsigned int domid;

	if (xs_args(r, argv, 1) != 1 || xs_parse_domid(argv[0], &domid))
		return EINVAL;
	r->arg = argv[0];
	*d = xs_domain_find(r->c->store, domid);
	return *d != NULL && (*d)->introduced ? 0 : ENOENT;
}

int do_release(struct xs_req *r)
{
	struct xs_domain *d;
	int rc = xs_domain_arg(r, &d);

	if (rc != 0)
		return rc;
	xs_domain_disconnect(r->c->store, d, r->c);
	xs_log(r->c->store, XS_LOG_INFO, "released domain %u", d->domid);
	xs_special_fire(r->c->store, 1);
	xs_reply(r, "OK", 3);
	return 0;
}

int do_resume(struct xs_req *r)
{
	struct xs_domain *d;
	int rc = xs_domain_arg(r, &d);

	if (rc != 0)
		return rc;
	xs_reply(r, "OK", 3);
	return 0;
}

int do_is_domain_introduced(struct xs_req *r)
{
	const char *argv[1];
	unsigned int domid;
	const struct xs_domain *d;

	if (xs_args(r, argv, 1) != 1 || xs_parse_domid(argv[0], &domid))
		return EINVAL;
	d = xs_domain_find(r->c->store, domid);
	/* The daemon runs in dom0: it is always there. */
	xs_reply(r, domid == 0 || (d != NULL && d->introduced) ? "T" : "F",
		 2);
	return 0;
}

int do_set_target(struct xs_req *r)
{
	const char *argv[2];
	unsigned int domid, target;
	struct xs_domain *d;

	if (xs_args(r, argv, 2) != 2 || xs_parse_domid(argv[0], &domid) ||
	    xs_parse_domid(argv[1], &target))
		return EINVAL;
	r->arg = argv[0];
	d = xs_domain_find(r->c->store, domid);
	if (d == NULL || !d->introduced)
		return ENOENT;
	d->has_target = true;
	d->target = target;
	xs_log(r->c->store, XS_LOG_INFO, "domain %u now targets domain %u",
	       domid, target);
	xs_reply(r, "OK", 3);
	return 0;
}
