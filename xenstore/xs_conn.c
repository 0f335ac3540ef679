/* SPDX-License-Identifier: MIT */
/*
 * Connections: message framing and output queues, shared by every
 * transport. Input is a byte stream of header + payload messages; a
 * header announcing more than XENSTORE_PAYLOAD_MAX bytes gets the client
 * dropped (it can no longer be framed). Each complete message is handled
 * at once and its reply queued.
 *
 * Flow control: a connection stops taking input while its queued replies
 * exceed the outstanding-request quota (guests) or XS_OUT_SOFT bytes, so
 * a client that never reads its replies only stalls itself. Watch events
 * are queued regardless, up to a hard cap past which the client is
 * dropped: memory stays bounded either way.
 */
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

#define XS_OUT_SOFT	(128u * 1024)

struct xs_conn *xs_conn_create(struct xs_store *s, unsigned int domid,
			       unsigned int flags)
{
	struct xs_conn *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->dom = xs_domain_get(s, domid);
	if (c->dom == NULL) {
		free(c);
		return NULL;
	}
	c->store = s;
	c->domid = domid;
	c->flags = flags;
	c->privileged = domid == 0;
	c->next = s->conns;
	if (s->conns != NULL)
		s->conns->prev = c;
	s->conns = c;
	return c;
}

void xs_conn_destroy(struct xs_conn *c)
{
	struct xs_store *s = c->store;
	struct xs_msg *m, *next;

	xs_txn_abort_all(c);
	xs_watch_del_all(c);
	for (m = c->out_head; m != NULL; m = next) {
		next = m->next;
		free(m);
	}
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		s->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	if (c->dom->ring_conn == c)
		c->dom->ring_conn = NULL;
	free(c);
}

bool xs_conn_wants_input(const struct xs_conn *c)
{
	if (c->dead || c->out_bytes >= XS_OUT_SOFT)
		return false;
	return c->privileged || c->nreplies < c->store->quota.outstanding;
}

/*
 * Queue a message. Past the connection's hard cap the client is marked
 * dead instead (it does not read; we will not hold more for it).
 */
void xs_conn_send(struct xs_conn *c, uint32_t type, uint32_t req_id,
		  uint32_t tx_id, const void *data, size_t len, bool reply)
{
	size_t cap = c->privileged ? c->store->out_max_priv :
				     c->store->out_max;
	struct xsd_sockmsg h = { type, req_id, tx_id, (uint32_t)len };
	struct xs_msg *m;

	if (c->dead)
		return;
	if (c->out_bytes + XS_HDR_SIZE + len > cap) {
		xs_log(c->store, XS_LOG_WARN,
		       "d%u: output queue over %zu bytes, dropping client",
		       c->domid, cap);
		c->dead = true;
		return;
	}
	m = malloc(sizeof(*m) + XS_HDR_SIZE + len);
	if (m == NULL) {
		c->dead = true;
		return;
	}
	memcpy(m->data, &h, XS_HDR_SIZE);
	if (len)
		memcpy(m->data + XS_HDR_SIZE, data, len);
	m->len = (uint32_t)(XS_HDR_SIZE + len);
	m->is_reply = reply;
	m->next = NULL;
	if (c->out_tail != NULL)
		c->out_tail->next = m;
	else
		c->out_head = m;
	c->out_tail = m;
	c->out_bytes += m->len;
	c->nreplies += reply;
}

const void *xs_conn_out_peek(const struct xs_conn *c, size_t *len)
{
	if (c->out_head == NULL) {
		*len = 0;
		return NULL;
	}
	*len = c->out_head->len - c->out_off;
	return c->out_head->data + c->out_off;
}

/* Copy up to max queued output bytes into buf without consuming them. */
size_t xs_conn_out_gather(const struct xs_conn *c, void *buf, size_t max)
{
	const struct xs_msg *m;
	size_t len = 0, off = c->out_off;

	for (m = c->out_head; m != NULL && len < max; m = m->next) {
		size_t l = m->len - off;

		if (l > max - len)
			l = max - len;
		memcpy((char *)buf + len, m->data + off, l);
		len += l;
		off = 0;
	}
	return len;
}

void xs_conn_out_advance(struct xs_conn *c, size_t n)
{
	while (n > 0 && c->out_head != NULL) {
		struct xs_msg *m = c->out_head;
		size_t left = m->len - c->out_off;

		if (n < left) {
			c->out_off += n;
			return;
		}
		n -= left;
		c->out_off = 0;
		c->out_head = m->next;
		if (c->out_head == NULL)
			c->out_tail = NULL;
		c->out_bytes -= m->len;
		c->nreplies -= m->is_reply;
		free(m);
	}
}

/*
 * Take bytes from the transport (hostile). Returns how many were used;
 * the rest must be offered again once xs_conn_wants_input() says so.
 */
size_t xs_conn_input(struct xs_conn *c, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t used = 0;

	while (used < len && xs_conn_wants_input(c)) {
		struct xsd_sockmsg h;
		size_t want = XS_HDR_SIZE, n;

		if (c->inlen >= XS_HDR_SIZE) {
			memcpy(&h, c->in, XS_HDR_SIZE);
			want += h.len;
		}
		n = want - c->inlen;
		if (n > len - used)
			n = len - used;
		memcpy(c->in + c->inlen, p + used, n);
		c->inlen += n;
		used += n;
		if (c->inlen == XS_HDR_SIZE) {
			memcpy(&h, c->in, XS_HDR_SIZE);
			if (h.len > XENSTORE_PAYLOAD_MAX) {
				xs_log(c->store, XS_LOG_WARN,
				       "d%u: message of %u bytes, over %u: "
				       "dropping client", c->domid, h.len,
				       (unsigned int)XENSTORE_PAYLOAD_MAX);
				c->dead = true;
				break;
			}
		}
		if (c->inlen < XS_HDR_SIZE)
			continue;
		memcpy(&h, c->in, XS_HDR_SIZE);
		if (c->inlen < XS_HDR_SIZE + h.len)
			continue;
		c->in[c->inlen] = '\0';	/* sentinel for string parsing */
		c->inlen = 0;
		xs_request(c, &h, (const char *)c->in + XS_HDR_SIZE);
	}
	return used;
}
