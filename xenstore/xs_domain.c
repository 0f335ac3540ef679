/* SPDX-License-Identifier: MIT */
/*
 * Domains: INTRODUCE, RELEASE, RESUME, SET_TARGET, IS_DOMAIN_INTRODUCED,
 * and the special nodes @introduceDomain and @releaseDomain whose watches
 * they fire. Introducing a domain maps its ring page and binds its event
 * channel through the platform and gives it a connection that xs_ring.c
 * services. All of these except IS_DOMAIN_INTRODUCED are for privileged
 * callers (checked by the dispatcher).
 *
 * Lifetime, as C xenstored 4.17 keeps it. A domain record exists for
 * every domain the store knows of: introduced ones, node owners, and the
 * domains a SET_PERMS names. When the platform reports a domain exception
 * (VIRQ_DOM_EXC), xs_domain_exception() asks the platform about each:
 *   - an introduced domain that shut down (or crashed) fires
 *     @releaseDomain once, and keeps everything;
 *   - an introduced domain that is dying or gone is destroyed, as RELEASE
 *     destroys one: its connection goes (watches, transactions, queued
 *     output with it), the ring is unmapped and the event channel
 *     unbound, and @releaseDomain fires;
 *   - a domain that was never introduced and is gone is destroyed
 *     silently.
 * Destroying a domain removes every node it owns (watches fire as for
 * RM) and revokes the permission entries that name it (XSA-322): they
 * grant nothing from then on, so a new domain that gets the same domid
 * inherits nothing. SET_PERMS marks entries for domains that do not
 * exist the same way, and refuses a list whose owner does not (ENOENT).
 * Where C xenstored would delete a special node owned by the dead domain,
 * we give it to dom0 (as its -K option does for every orphan).
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

/*
 * Give the special node name the list p (journalled, so that it survives
 * a restart; replay calls this too). Returns 0, ENOENT, ENOMEM.
 */
int xs_special_assign(struct xs_store *s, const char *name,
		      const struct xs_perm *p, unsigned int n)
{
	struct xs_node *sp = (struct xs_node *)xs_special(s, name);
	struct xs_perm *np;

	if (sp == NULL)
		return ENOENT;
	np = xs_perms_dup(p, n);
	if (np == NULL)
		return ENOMEM;
	free(sp->perms);
	sp->perms = np;
	sp->nperms = n;
	xs_journal_node(s, sp);
	return 0;
}

/* SET_PERMS on a special node: its owner decides who hears of domains. */
int xs_special_set_perms(struct xs_conn *c, const char *name,
			 const struct xs_perm *p, unsigned int n)
{
	const struct xs_node *sp = xs_special(c->store, name);

	if (sp == NULL)
		return ENOENT;
	if (!(xs_perm_for(c, sp->perms, sp->nperms) & XS_PERM_OWNER))
		return EACCES;
	if (!c->privileged && p[0].domid != sp->perms[0].domid)
		return EPERM;
	return xs_special_assign(c->store, name, p, n);
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
	xs_domain_destroy(r->c->store, d, r->c);
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

/* Does domid exist, as the platform sees it? */
bool xs_domain_exists(struct xs_store *s, unsigned int domid)
{
	struct xs_dominfo info;

	if (domid == 0 || s->plat->domain_info == NULL)
		return true;
	return s->plat->domain_info(s->plat_ctx, domid, &info) == 0;
}

/*
 * SET_PERMS decode: make sure each domain the list names has a record (so
 * that its death is noticed) or, if it does not exist, mark its entry as
 * granting nothing. Returns 0, ENOENT if the owner does not exist, ENOMEM.
 */
int xs_domain_permrefs(struct xs_store *s, struct xs_perm *p, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (xs_domain_find(s, p[i].domid) != NULL)
			continue;
		if (!xs_domain_exists(s, p[i].domid)) {
			if (i == 0)
				return ENOENT;
			p[i].access |= XS_PERM_IGNORE;
		} else if (xs_domain_get(s, p[i].domid) == NULL) {
			return ENOMEM;
		}
	}
	return 0;
}

/* Entries of n naming domid grant nothing from now on (journalled). */
static void xs_perms_revoke(struct xs_store *s, struct xs_node *n,
			    unsigned int domid)
{
	bool changed = false;
	unsigned int i;

	for (i = 1; i < n->nperms; i++) {
		if (n->perms[i].domid == domid &&
		    !(n->perms[i].access & XS_PERM_IGNORE)) {
			n->perms[i].access |= XS_PERM_IGNORE;
			changed = true;
		}
	}
	if (changed)
		xs_journal_node(s, n);
}

/*
 * Below n: remove the subtrees domid owns, revoke its entries elsewhere.
 * Depth is bounded by the path length limit.
 */
static void xs_orphans_remove(struct xs_store *s, struct xs_node *n,
			      unsigned int domid)
{
	unsigned int i = 0;

	while (i < n->nchildren) {
		struct xs_node *child = n->children[i];

		if (child->perms[0].domid == domid) {
			/* Its successor moves into slot i. */
			xs_tree_remove(s, child, true);
			continue;
		}
		xs_perms_revoke(s, child, domid);
		xs_orphans_remove(s, child, domid);
		i++;
	}
}

static void xs_specials_orphan(struct xs_store *s, unsigned int domid)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct xs_node *sp = &s->special[i];

		xs_perms_revoke(s, sp, domid);
		if (sp->perms[0].domid == domid) {
			sp->perms[0].domid = 0;
			xs_journal_node(s, sp);
		}
	}
}

static void xs_domain_unlink(struct xs_store *s, struct xs_domain *d)
{
	struct xs_domain **pp;

	for (pp = &s->domains; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == d) {
			*pp = d->next;
			free(d);
			return;
		}
	}
}

/* Mark d's remaining connections dead; true if there were any. */
static bool xs_domain_kill_conns(struct xs_store *s, struct xs_domain *d)
{
	bool any = false;
	struct xs_conn *c;

	for (c = s->conns; c != NULL; c = c->next) {
		if (c->dom != d)
			continue;
		xs_txn_abort_all(c);
		xs_watch_del_all(c);
		c->dead = true;
		any = true;
	}
	return any;
}

/*
 * Destroy domain d (RELEASE, or death reported by the platform): drop its
 * ring connection, its nodes and its permission entries; fire
 * @releaseDomain if it was introduced. Other connections of the domain
 * (a transport's, or caller) lose their watches and transactions and are
 * marked dead for their transport to close; while one is left, d's
 * record stays. Dom0, where the store runs, only loses its ring. Returns
 * true if d was freed.
 */
bool xs_domain_destroy(struct xs_store *s, struct xs_domain *d,
		       const struct xs_conn *caller)
{
	bool introduced = d->introduced, in_use = true;
	unsigned int domid = d->domid;

	xs_domain_disconnect(s, d, caller);
	if (domid != 0) {
		in_use = xs_domain_kill_conns(s, d);
		xs_orphans_remove(s, s->root, domid);
		xs_specials_orphan(s, domid);
	}
	if (introduced) {
		xs_log(s, XS_LOG_INFO, "released domain %u", domid);
		xs_special_fire(s, 1);
	}
	if (in_use)
		return false;
	xs_domain_unlink(s, d);
	return true;
}

/*
 * Check one domain after an exception. Returns true if it freed d (the
 * caller must restart its walk); sets *notify when an introduced domain
 * was first seen shut down.
 */
static bool xs_domain_check(struct xs_store *s, struct xs_domain *d,
			    bool *notify)
{
	struct xs_dominfo info = { false, false };
	bool exists = s->plat->domain_info(s->plat_ctx, d->domid, &info) == 0;

	if (!d->introduced) {
		if (exists)
			return false;
		xs_log(s, XS_LOG_INFO, "domain %u is gone", d->domid);
	} else if (exists && !info.dying) {
		if (info.shutdown && !d->shutdown) {
			d->shutdown = true;
			*notify = true;
		}
		return false;
	} else {
		*notify = false;	/* destroying fires it */
	}
	return xs_domain_destroy(s, d, NULL);
}

/*
 * The platform saw a domain exception (a domain shut down, crashed or
 * died; VIRQ_DOM_EXC): find out which and clean up (see the top of this
 * file). Without a domain_info hook there is nothing to learn.
 */
void xs_domain_exception(struct xs_store *s)
{
	bool notify = false, again = s->plat->domain_info != NULL;

	while (again) {
		struct xs_domain *d;

		again = false;
		for (d = s->domains; d != NULL; d = d->next) {
			if (d->domid != 0 && xs_domain_check(s, d, &notify)) {
				again = true;
				break;
			}
		}
	}
	if (notify)
		xs_special_fire(s, 1);
}
