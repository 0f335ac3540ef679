/* SPDX-License-Identifier: MIT */
/*
 * Event channels, 2-level ABI: event_channel_op (hypercall 32) with Xen
 * 4.17's states, rules and error codes, and delivery to the guest.
 *
 * Ports. Each domain has a table of ports sized at creation (its
 * max_port, at most 4095 with the 2-level bitmaps). As on Xen, a port
 * "exists" once its bucket of 64 does: buckets appear as ports are
 * allocated and never go away, so status and unmask of a port in an
 * existing bucket succeed (closed, no effect) and beyond it fail with
 * -EINVAL. Port 0 is reserved for ever; allocation takes the lowest free
 * port, -ENOSPC when none is left.
 *
 * State machine of one port:
 *
 *   FREE --alloc_unbound--> UNBOUND --peer's bind_interdomain--> INTERDOMAIN
 *   FREE --bind_interdomain (to a peer's UNBOUND port)---------> INTERDOMAIN
 *   FREE --bind_virq--> VIRQ        FREE --bind_ipi--> IPI
 *   UNBOUND, INTERDOMAIN, VIRQ, IPI --close--> FREE
 *
 * Closing an INTERDOMAIN port, from either end or by the death of either
 * domain, sends the other end back to UNBOUND with the closer as its
 * remote domain, so the peer's port number stays valid and can be bound
 * again. Freeing a port clears its pending bit and points it at vCPU 0;
 * the mask bit is the guest's and is left alone.
 *
 * Delivery (evtchn_2l.c): set the port's bit in shared_info's
 * evtchn_pending; if it was clear and the port is not masked, set the
 * word's bit in the notified vCPU's evtchn_pending_sel and, if that was
 * clear, evtchn_upcall_pending; if that was clear, vcpu_kick(). Each step
 * is an atomic read-modify-write of guest-shared memory, in this order,
 * so the guest (which clears them in the reverse order) never loses an
 * event. unmask re-raises a pending port the same way. A port newly
 * pending also kicks the domain's vCPUs in SCHEDOP_poll, masked or not.
 *
 * Locking. One lock per domain (evtchn.lock) covers its table, its vCPUs'
 * VIRQ bindings and its counters, always taken with interrupts off so
 * that timers and interrupt handlers can raise VIRQs. Operations that
 * join or part two domains (bind_interdomain, close of an interdomain
 * port) hold both locks, the lower domain id first. An interdomain port
 * cannot change state without both locks, so send, holding only the
 * sender's lock, may read the peer's port (its notify_vcpu with
 * READ_ONCE, as bind_vcpu changes that under the peer's lock alone).
 * set_pending takes run-queue locks (vcpu_kick) under these locks.
 */
#include <asm/page.h>
#include <hv/bug.h>
#include <hv/domain.h>
#include <hv/errno.h>
#include <hv/evtchn.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/page_alloc.h>
#include "evtchn_2l.h"

/* Xen allocates ports in buckets of a page of 64-byte struct evtchn. */
#define EVTCHN_BUCKET	64

BUILD_BUG_ON(EVTCHN_2L_PORTS != EVTCHN_2L_NR_CHANNELS);
BUILD_BUG_ON(EVTCHN_2L_PORTS % EVTCHN_BUCKET);
BUILD_BUG_ON(sizeof(struct evtchn) != 16);

bool virq_is_global(unsigned int virq)
{
	switch (virq) {
	case VIRQ_TIMER:
	case VIRQ_DEBUG:
	case VIRQ_XENOPROF:
	case VIRQ_XENPMU:
		return false;
	default:
		/* On x86 the arch VIRQs (VIRQ_ARCH_0..7) are global too. */
		return true;
	}
}

/* ---- locks, lookups ---- */

static unsigned long evtchn_lock(struct domain *d)
{
	return spin_lock_irqsave(&d->evtchn.lock);
}

static void evtchn_unlock(struct domain *d, unsigned long flags)
{
	spin_unlock_irqrestore(&d->evtchn.lock, flags);
}

/* Both domains' locks, the lower id first; once if a == b. */
static unsigned long evtchn_lock_pair(struct domain *a, struct domain *b)
{
	struct domain *first = a->domain_id < b->domain_id ? a : b;
	unsigned long flags;

	if (a == b)
		return evtchn_lock(a);
	flags = evtchn_lock(first);
	spin_lock(&(first == a ? b : a)->evtchn.lock);
	return flags;
}

static void evtchn_unlock_pair(struct domain *a, struct domain *b,
			       unsigned long flags)
{
	if (a != b)
		spin_unlock(&b->evtchn.lock);
	evtchn_unlock(a, flags);	/* interrupts back on last */
}

/* The port if it exists (its bucket does), else NULL. Lock: d's. */
static struct evtchn *port_lookup(struct domain *d, evtchn_port_t port)
{
	ASSERT(spin_is_locked(&d->evtchn.lock));
	if (port >= d->evtchn.nr_valid)
		return NULL;
	return &d->evtchn.ports[array_index_nospec(port, d->evtchn.nr_valid)];
}

/*
 * The lowest free port of d, not yet taken: -EINVAL if d is dying,
 * -ENOSPC if every port up to max_port is in use. Lock: d's.
 */
static int get_free_port(struct domain *d)
{
	struct evtchn_domain *ed = &d->evtchn;

	ASSERT(spin_is_locked(&ed->lock));
	if (ed->dying)
		return -EINVAL;
	for (unsigned int port = 0; port <= ed->max_port; port++) {
		if (port >= ed->nr_valid ||
		    ed->ports[port].state == ECS_FREE)
			return port;
	}
	return -ENOSPC;
}

/* Takes free port (from get_free_port()), making its bucket exist. */
static struct evtchn *port_take(struct domain *d, evtchn_port_t port)
{
	struct evtchn_domain *ed = &d->evtchn;

	ASSERT(spin_is_locked(&ed->lock) && port <= ed->max_port);
	if (port >= ed->nr_valid)
		ed->nr_valid = ROUNDUP(port + 1, EVTCHN_BUCKET);
	ASSERT(ed->ports[port].state == ECS_FREE);
	ed->nr_active++;
	return &ed->ports[port];
}

static void port_free(struct domain *d, struct evtchn *chn,
		      evtchn_port_t port)
{
	ASSERT(spin_is_locked(&d->evtchn.lock));
	evtchn_2l_clear_pending(d, port);
	chn->state = ECS_FREE;
	chn->notify_vcpu = 0;
	d->evtchn.nr_active--;
}

/* DOMID_SELF is the caller; other ids name a registered domain. */
static struct domain *domain_by_any_id(struct domain *cur, domid_t dom)
{
	return dom == DOMID_SELF ? cur : domain_lookup(dom);
}

/* Whether cur may act on t's ports (Xen's XSM_TARGET default policy). */
static bool may_target(const struct domain *cur, const struct domain *t)
{
	return cur == t || cur->is_privileged;
}

static struct vcpu *domain_vcpu(struct domain *d, uint32_t id)
{
	if (id >= d->max_vcpus || id >= ARRAY_SIZE(d->vcpus))
		return NULL;
	return d->vcpus[array_index_nospec(id, ARRAY_SIZE(d->vcpus))];
}

static struct domain *current_domain(void)
{
	return current_vcpu()->domain;
}

/* ---- the operations ---- */

static int evtchn_alloc_unbound(struct evtchn_alloc_unbound *a)
{
	struct domain *cur = current_domain(), *d;
	struct evtchn *chn;
	unsigned long flags;
	int port;

	d = domain_by_any_id(cur, a->dom);
	if (d == NULL)
		return -ESRCH;
	flags = evtchn_lock(d);
	port = get_free_port(d);
	if (port >= 0 && !may_target(cur, d))
		port = -EPERM;
	if (port >= 0) {
		chn = port_take(d, port);
		chn->state = ECS_UNBOUND;
		chn->remote_domid = a->remote_dom == DOMID_SELF ?
				    cur->domain_id : a->remote_dom;
		a->port = port;
	}
	evtchn_unlock(d, flags);
	return port < 0 ? port : 0;
}

static int evtchn_bind_interdomain(struct evtchn_bind_interdomain *b)
{
	struct domain *ld = current_domain(), *rd;
	struct evtchn *lchn, *rchn;
	unsigned long flags;
	int lport;

	rd = domain_by_any_id(ld, b->remote_dom);
	if (rd == NULL)
		return -ESRCH;
	flags = evtchn_lock_pair(ld, rd);
	lport = get_free_port(ld);
	if (lport < 0)
		goto out;
	rchn = port_lookup(rd, b->remote_port);
	if (rchn == NULL || rchn->state != ECS_UNBOUND ||
	    rchn->remote_domid != ld->domain_id) {
		lport = -EINVAL;
		goto out;
	}
	lchn = port_take(ld, lport);
	lchn->state = ECS_INTERDOMAIN;
	lchn->remote_dom = rd;
	lchn->remote_port = b->remote_port;
	rchn->state = ECS_INTERDOMAIN;
	rchn->remote_dom = ld;
	rchn->remote_port = lport;
	/* Events sent to the unbound port were dropped: make up for them. */
	evtchn_2l_set_pending(ld, lchn->notify_vcpu, lport);
	b->local_port = lport;
out:
	evtchn_unlock_pair(ld, rd, flags);
	return lport < 0 ? lport : 0;
}

static int evtchn_bind_virq(struct evtchn_bind_virq *b)
{
	struct domain *d = current_domain();
	struct evtchn *chn;
	struct vcpu *v;
	unsigned int virq;
	unsigned long flags;
	int port;

	if (b->virq >= NR_VIRQS)
		return -EINVAL;
	virq = array_index_nospec(b->virq, NR_VIRQS);
	if (virq_is_global(virq) && b->vcpu != 0)
		return -EINVAL;
	v = domain_vcpu(d, b->vcpu);
	if (v == NULL)
		return -ENOENT;
	flags = evtchn_lock(d);
	port = v->evtchn.virq_to_port[virq] ? -EEXIST : get_free_port(d);
	if (port >= 0) {
		chn = port_take(d, port);
		chn->state = ECS_VIRQ;
		chn->notify_vcpu = v->vcpu_id;
		chn->virq = virq;
		v->evtchn.virq_to_port[virq] = port;
		b->port = port;
	}
	evtchn_unlock(d, flags);
	return port < 0 ? port : 0;
}

static int evtchn_bind_ipi(struct evtchn_bind_ipi *b)
{
	struct domain *d = current_domain();
	struct evtchn *chn;
	struct vcpu *v;
	unsigned long flags;
	int port;

	v = domain_vcpu(d, b->vcpu);
	if (v == NULL)
		return -ENOENT;
	flags = evtchn_lock(d);
	port = get_free_port(d);
	if (port >= 0) {
		chn = port_take(d, port);
		chn->state = ECS_IPI;
		chn->notify_vcpu = v->vcpu_id;
		b->port = port;
	}
	evtchn_unlock(d, flags);
	return port < 0 ? port : 0;
}

/*
 * Parts an interdomain port of d1 from its peer in *d2, which the caller
 * holds locked (or NULL: then it is locked here if the lock order allows,
 * else -EAGAIN asks for a retry with both locks). -EINVAL if the port was
 * re-bound to another domain meanwhile, as on Xen.
 */
static int close_interdomain(struct domain *d1, struct evtchn *chn,
			     evtchn_port_t port, struct domain **d2)
{
	struct domain *peer = chn->remote_dom;
	struct evtchn *rchn;

	if (*d2 == NULL && peer != d1) {
		if (peer->domain_id < d1->domain_id) {
			*d2 = peer;
			return -EAGAIN;
		}
		spin_lock(&peer->evtchn.lock);
		*d2 = peer;
	} else if (peer != d1 && peer != *d2) {
		return -EINVAL;
	}
	rchn = port_lookup(peer, chn->remote_port);
	BUG_ON(rchn == NULL || rchn->state != ECS_INTERDOMAIN ||
	       rchn->remote_dom != d1 || rchn->remote_port != port);
	port_free(d1, chn, port);
	rchn->state = ECS_UNBOUND;
	rchn->remote_domid = d1->domain_id;
	return 0;
}

static int close_locked(struct domain *d1, evtchn_port_t port,
			struct domain **d2)
{
	struct evtchn *chn = port_lookup(d1, port);
	struct vcpu *v;

	if (chn == NULL)
		return -EINVAL;
	switch (chn->state) {
	case ECS_UNBOUND:
	case ECS_IPI:
		break;
	case ECS_VIRQ:
		v = d1->vcpus[virq_is_global(chn->virq) ? 0 : chn->notify_vcpu];
		ASSERT(v->evtchn.virq_to_port[chn->virq] == port);
		v->evtchn.virq_to_port[chn->virq] = 0;
		break;
	case ECS_INTERDOMAIN:
		return close_interdomain(d1, chn, port, d2);
	default:	/* free, reserved; PIRQs are never bound */
		return -EINVAL;
	}
	port_free(d1, chn, port);
	return 0;
}

/* Closes port of d1 (Xen's evtchn_close()). */
static int evtchn_close(struct domain *d1, evtchn_port_t port)
{
	struct domain *d2 = NULL;
	unsigned long flags;
	int rc;

	flags = evtchn_lock(d1);
	rc = close_locked(d1, port, &d2);
	if (rc == -EAGAIN) {
		/* The peer's lock goes first: take both and look again. */
		evtchn_unlock(d1, flags);
		flags = evtchn_lock_pair(d1, d2);
		rc = close_locked(d1, port, &d2);
		ASSERT(rc != -EAGAIN);
	}
	if (d2 != NULL)
		evtchn_unlock_pair(d1, d2, flags);
	else
		evtchn_unlock(d1, flags);
	return rc;
}

/* Xen's evtchn_send(): signals the other end of port. */
static int evtchn_send(struct domain *ld, evtchn_port_t port)
{
	struct evtchn *chn, *rchn;
	struct domain *rd;
	unsigned long flags = evtchn_lock(ld);
	int rc = 0;

	chn = port_lookup(ld, port);
	switch (chn ? chn->state : ECS_FREE) {
	case ECS_INTERDOMAIN:
		/* Both locks are needed to part them: rd's port stays. */
		rd = chn->remote_dom;
		rchn = &rd->evtchn.ports[chn->remote_port];
		evtchn_2l_set_pending(rd, READ_ONCE(rchn->notify_vcpu),
				      chn->remote_port);
		break;
	case ECS_IPI:
		evtchn_2l_set_pending(ld, chn->notify_vcpu, port);
		break;
	case ECS_UNBOUND:
		break;		/* nobody to tell: dropped */
	default:
		rc = -EINVAL;
		break;
	}
	evtchn_unlock(ld, flags);
	return rc;
}

static void status_fill(struct evtchn_status *st, const struct evtchn *chn)
{
	switch (chn->state) {
	case ECS_UNBOUND:
		st->status = EVTCHNSTAT_unbound;
		st->u.unbound.dom = chn->remote_domid;
		break;
	case ECS_INTERDOMAIN:
		st->status = EVTCHNSTAT_interdomain;
		st->u.interdomain.dom = chn->remote_dom->domain_id;
		st->u.interdomain.port = chn->remote_port;
		break;
	case ECS_VIRQ:
		st->status = EVTCHNSTAT_virq;
		st->u.virq = chn->virq;
		break;
	case ECS_IPI:
		st->status = EVTCHNSTAT_ipi;
		break;
	default:
		st->status = EVTCHNSTAT_closed;
		break;
	}
	st->vcpu = chn->notify_vcpu;
}

static int evtchn_status(struct evtchn_status *st)
{
	struct domain *cur = current_domain(), *d;
	const struct evtchn *chn;
	unsigned long flags;
	int rc = 0;

	d = domain_by_any_id(cur, st->dom);
	if (d == NULL)
		return -ESRCH;
	flags = evtchn_lock(d);
	chn = port_lookup(d, st->port);
	if (chn == NULL)
		rc = -EINVAL;
	else if (!may_target(cur, d))
		rc = -EPERM;
	else
		status_fill(st, chn);
	evtchn_unlock(d, flags);
	return rc;
}

static int evtchn_bind_vcpu(const struct evtchn_bind_vcpu *b)
{
	struct domain *d = current_domain();
	struct evtchn *chn;
	struct vcpu *v = domain_vcpu(d, b->vcpu);
	unsigned long flags;
	int rc = 0;

	if (v == NULL)
		return -ENOENT;
	flags = evtchn_lock(d);
	chn = port_lookup(d, b->port);
	switch (chn ? chn->state : ECS_FREE) {
	case ECS_VIRQ:
		if (!virq_is_global(chn->virq)) {
			rc = -EINVAL;
			break;
		}
		/* FALLTHROUGH */
	case ECS_UNBOUND:
	case ECS_INTERDOMAIN:
		WRITE_ONCE(chn->notify_vcpu, v->vcpu_id);
		break;
	default:	/* IPIs stay on their vCPU */
		rc = -EINVAL;
		break;
	}
	evtchn_unlock(d, flags);
	return rc;
}

static int evtchn_unmask(evtchn_port_t port)
{
	struct domain *d = current_domain();
	const struct evtchn *chn;
	unsigned long flags = evtchn_lock(d);
	int rc = 0;

	chn = port_lookup(d, port);
	if (chn == NULL)
		rc = -EINVAL;
	else if (chn->state > ECS_RESERVED)
		evtchn_2l_unmask(d, chn, port);
	evtchn_unlock(d, flags);
	return rc;
}

/*
 * Closes every port of d. Another domain's ports only while a controller
 * has it paused, which nothing does yet: -EINVAL, as Xen then answers.
 * -EBUSY while another reset of d runs.
 */
static int evtchn_reset(struct domain *cur, struct domain *d)
{
	unsigned long flags;
	unsigned int port;
	bool busy, more;
	int rc;

	if (d != cur)
		return -EINVAL;
	flags = evtchn_lock(d);
	busy = d->evtchn.resetting;
	d->evtchn.resetting = true;
	evtchn_unlock(d, flags);
	if (busy)
		return -EBUSY;
	for (port = 1;; port++) {
		flags = evtchn_lock(d);
		more = port < d->evtchn.nr_valid && d->evtchn.nr_active > 0;
		evtchn_unlock(d, flags);
		if (!more)
			break;
		evtchn_close(d, port);
	}
	flags = evtchn_lock(d);
	d->evtchn.resetting = false;
	rc = d->evtchn.nr_active ? -EAGAIN : 0;
	evtchn_unlock(d, flags);
	return rc;
}

static int evtchn_reset_op(const struct evtchn_reset *r)
{
	struct domain *cur = current_domain(), *d;

	d = domain_by_any_id(cur, r->dom);
	if (d == NULL)
		return -ESRCH;
	if (!may_target(cur, d))
		return -EPERM;
	return evtchn_reset(cur, d);
}

/* 2-level only: no priorities. Xen checks the port first. */
static int evtchn_set_priority(const struct evtchn_set_priority *p)
{
	struct domain *d = current_domain();
	unsigned long flags = evtchn_lock(d);
	int rc = port_lookup(d, p->port) ? -ENOSYS : -EINVAL;

	evtchn_unlock(d, flags);
	return rc;
}

/* ---- the hypercall ---- */

/* Copy in, run op, copy the whole struct back if it succeeded. */
#define EVTCHN_OP(type, arg, op, out) ({				\
	struct type __a;						\
	long __rc = copy_from_guest(&__a, arg, sizeof(__a));		\
	if (__rc == 0)							\
		__rc = op(&__a);					\
	if (__rc == 0 && (out) && copy_to_guest(arg, &__a, sizeof(__a)))\
		__rc = -EFAULT;						\
	__rc;								\
})

static int op_close(struct evtchn_close *c)
{
	return evtchn_close(current_domain(), c->port);
}

static int op_send(struct evtchn_send *s)
{
	return evtchn_send(current_domain(), s->port);
}

static int op_unmask(struct evtchn_unmask *u)
{
	return evtchn_unmask(u->port);
}

/* No physical IRQs: a domain's nr_pirqs is 0, so Xen's range check. */
static int op_bind_pirq(struct evtchn_bind_pirq *b)
{
	(void)b;
	return -EINVAL;
}

/* The FIFO ABI is not offered: guests stay on (or fall back to) 2-level. */
static int op_expand_array(struct evtchn_expand_array *e)
{
	(void)e;
	return -EOPNOTSUPP;
}

long do_event_channel_op(unsigned int cmd, uint64_t arg)
{
	switch (cmd) {
	case EVTCHNOP_alloc_unbound:
		return EVTCHN_OP(evtchn_alloc_unbound, arg,
				 evtchn_alloc_unbound, true);
	case EVTCHNOP_bind_interdomain:
		return EVTCHN_OP(evtchn_bind_interdomain, arg,
				 evtchn_bind_interdomain, true);
	case EVTCHNOP_bind_virq:
		return EVTCHN_OP(evtchn_bind_virq, arg, evtchn_bind_virq, true);
	case EVTCHNOP_bind_ipi:
		return EVTCHN_OP(evtchn_bind_ipi, arg, evtchn_bind_ipi, true);
	case EVTCHNOP_bind_pirq:
		return EVTCHN_OP(evtchn_bind_pirq, arg, op_bind_pirq, true);
	case EVTCHNOP_close:
		return EVTCHN_OP(evtchn_close, arg, op_close, false);
	case EVTCHNOP_send:
		return EVTCHN_OP(evtchn_send, arg, op_send, false);
	case EVTCHNOP_status:
		return EVTCHN_OP(evtchn_status, arg, evtchn_status, true);
	case EVTCHNOP_bind_vcpu:
		return EVTCHN_OP(evtchn_bind_vcpu, arg, evtchn_bind_vcpu,
				 false);
	case EVTCHNOP_unmask:
		return EVTCHN_OP(evtchn_unmask, arg, op_unmask, false);
	case EVTCHNOP_reset:
		return EVTCHN_OP(evtchn_reset, arg, evtchn_reset_op, false);
	case EVTCHNOP_expand_array:
		return EVTCHN_OP(evtchn_expand_array, arg, op_expand_array,
				 false);
	case EVTCHNOP_set_priority:
		return EVTCHN_OP(evtchn_set_priority, arg,
				 evtchn_set_priority, false);
	case EVTCHNOP_init_control:	/* FIFO ABI: not offered */
	default:
		return -ENOSYS;
	}
}

/* ---- VIRQs raised by the hypervisor ---- */

void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq)
{
	struct domain *d = v->domain;
	unsigned long flags;
	evtchn_port_t port;

	ASSERT(virq < NR_VIRQS && !virq_is_global(virq));
	flags = evtchn_lock(d);
	port = v->evtchn.virq_to_port[virq];
	if (port != 0)
		evtchn_2l_set_pending(d, v->vcpu_id, port);
	evtchn_unlock(d, flags);
}

void send_guest_global_virq(struct domain *d, unsigned int virq)
{
	struct vcpu *v0;
	unsigned long flags;
	evtchn_port_t port;

	ASSERT(virq < NR_VIRQS && virq_is_global(virq));
	v0 = d ? d->vcpus[0] : NULL;
	if (v0 == NULL)
		return;
	flags = evtchn_lock(d);
	port = v0->evtchn.virq_to_port[virq];
	if (port != 0)
		evtchn_2l_set_pending(d, d->evtchn.ports[port].notify_vcpu,
				      port);
	evtchn_unlock(d, flags);
}

void send_global_virq(unsigned int virq)
{
	send_guest_global_virq(domain_lookup(0), virq);
}

/* ---- domain lifecycle ---- */

int evtchn_domain_init(struct domain *d, unsigned int max_port)
{
	struct evtchn_domain *ed = &d->evtchn;
	unsigned int nr = MIN(max_port, EVTCHN_2L_PORTS - 1) + 1;
	size_t bytes;

	spin_lock_init(&ed->lock);
	ed->ports = NULL;
	ed->nr_valid = 0;
	ed->max_port = nr - 1;
	ed->nr_ports = ROUNDUP(nr, EVTCHN_BUCKET);
	bytes = ed->nr_ports * sizeof(struct evtchn);
	for (ed->order = 0; (PAGE_SIZE << ed->order) < bytes; ed->order++)
		;
	ed->table_mfn = alloc_pages(ed->order);
	if (ed->table_mfn == PAGE_NONE)
		return -ENOMEM;
	ed->ports = mfn_to_virt(ed->table_mfn);
	memset(ed->ports, 0, PAGE_SIZE << ed->order);
	ed->ports[0].state = ECS_RESERVED;
	ed->nr_valid = EVTCHN_BUCKET;
	ed->nr_active = 0;
	ed->dying = false;
	ed->resetting = false;
	return 0;
}

void evtchn_domain_destroy(struct domain *d)
{
	struct evtchn_domain *ed = &d->evtchn;
	unsigned long flags;
	unsigned int port;

	if (ed->ports == NULL)
		return;
	flags = evtchn_lock(d);
	ed->dying = true;	/* from here on, get_free_port() fails */
	port = ed->nr_valid;
	evtchn_unlock(d, flags);
	while (--port > 0)
		evtchn_close(d, port);

	flags = evtchn_lock(d);
	BUG_ON(ed->nr_active != 0);
	ed->ports = NULL;
	ed->nr_valid = 0;
	evtchn_unlock(d, flags);
	free_pages(ed->table_mfn, ed->order);
}
