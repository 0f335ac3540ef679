/* SPDX-License-Identifier: MIT */
/*
 * The ring transport: a guest's store connection over the page it shares
 * with us (struct xenstore_domain_interface), signalled by its event
 * channel. Two byte rings of XENSTORE_RING_SIZE with free-running 32-bit
 * indices; the guest produces req[] and consumes rsp[], we the reverse.
 *
 * Ordering: read the producer index, then (acquire) the bytes it covers;
 * copy them out once into private memory; publish our consumer index
 * (release) after we are done with them. For output, write the bytes,
 * then (release) the producer index. Notify the guest after either index
 * moves. A producer index more than a ring ahead of its consumer is a
 * broken guest: we set the page's error field and stop servicing it.
 * Messages may straddle the wrap and arrive in pieces; the connection's
 * framing (xs_conn.c) reassembles them.
 */
#include <string.h>

#include "xs_ring.h"

void xs_ring_attach(struct xs_domain *d)
{
	struct xenstore_domain_interface *intf = d->ring_page;

	__atomic_store_n(&intf->server_features,
			 XENSTORE_SERVER_FEATURE_ERROR, __ATOMIC_RELEASE);
}

static void xs_ring_broken(struct xs_store *s, struct xs_domain *d,
			   uint32_t why)
{
	struct xenstore_domain_interface *intf = d->ring_page;

	xs_log(s, XS_LOG_WARN, "d%u: bad ring (error %u), no longer served",
	       d->domid, why);
	__atomic_store_n(&intf->error, why, __ATOMIC_RELEASE);
	d->ring_conn->dead = true;
	/* Tell it at once: it may be waiting for a reply that won't come. */
	if (s->plat->evtchn_notify != NULL)
		s->plat->evtchn_notify(s->plat_ctx, d->evtchn);
}

static bool xs_ring_read(struct xs_store *s, struct xs_domain *d)
{
	struct xenstore_domain_interface *intf = d->ring_page;
	struct xs_conn *c = d->ring_conn;
	uint32_t cons = intf->req_cons, start = cons;
	uint32_t prod = __atomic_load_n(&intf->req_prod, __ATOMIC_ACQUIRE);
	char buf[XENSTORE_RING_SIZE];

	if (prod - cons > XENSTORE_RING_SIZE) {
		xs_ring_broken(s, d, XENSTORE_ERROR_RINGIDX);
		return false;
	}
	while (cons != prod && xs_conn_wants_input(c)) {
		uint32_t off = XS_RING_MASK(cons);
		uint32_t n = prod - cons, used;

		if (n > XENSTORE_RING_SIZE - off)
			n = XENSTORE_RING_SIZE - off;
		memcpy(buf, intf->req + off, n);
		used = (uint32_t)xs_conn_input(c, buf, n);
		cons += used;
		if (used < n)
			break;
	}
	if (c->dead && !c->privileged && cons != prod)
		__atomic_store_n(&intf->error, XENSTORE_ERROR_PROTO,
				 __ATOMIC_RELEASE);
	__atomic_store_n(&intf->req_cons, cons, __ATOMIC_RELEASE);
	return cons != start;
}

static bool xs_ring_write(struct xs_store *s, struct xs_domain *d)
{
	struct xenstore_domain_interface *intf = d->ring_page;
	struct xs_conn *c = d->ring_conn;
	uint32_t prod = intf->rsp_prod, start = prod;
	uint32_t cons = __atomic_load_n(&intf->rsp_cons, __ATOMIC_ACQUIRE);
	const void *data;
	size_t len;

	if (prod - cons > XENSTORE_RING_SIZE) {
		xs_ring_broken(s, d, XENSTORE_ERROR_RINGIDX);
		return false;
	}
	while ((data = xs_conn_out_peek(c, &len)) != NULL) {
		uint32_t space = XENSTORE_RING_SIZE - (prod - cons);
		uint32_t off = XS_RING_MASK(prod);
		uint32_t n = (uint32_t)len;

		if (space == 0)
			break;
		if (n > space)
			n = space;
		if (n > XENSTORE_RING_SIZE - off)
			n = XENSTORE_RING_SIZE - off;
		memcpy(intf->rsp + off, data, n);
		xs_conn_out_advance(c, n);
		prod += n;
	}
	__atomic_store_n(&intf->rsp_prod, prod, __ATOMIC_RELEASE);
	return prod != start;
}

/*
 * Move what the guest sent into the core and what the core queued back
 * to the guest; notify it if either index moved. Returns true if so.
 * Replies leave only once the journal holds what they acknowledge.
 */
bool xs_ring_service(struct xs_store *s, struct xs_domain *d)
{
	bool moved = false, again = true;

	if (d->ring_conn == NULL || d->ring_conn->dead)
		return false;
	while (again && !d->ring_conn->dead) {
		again = xs_ring_read(s, d);
		/* Nothing is acknowledged before it is durable. */
		if (xs_store_sync(s) != 0)
			break;
		again |= xs_ring_write(s, d);
		moved |= again;
	}
	if (moved && s->plat->evtchn_notify != NULL)
		s->plat->evtchn_notify(s->plat_ctx, d->evtchn);
	return moved;
}

void xs_ring_service_all(struct xs_store *s)
{
	struct xs_domain *d;

	for (d = s->domains; d != NULL; d = d->next)
		if (d->introduced)
			xs_ring_service(s, d);
}
