/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: arbitrary byte streams into the store core, as three
 * clients (dom0, guest 5, dom0 read-only) and as the ring of any domain
 * the stream introduces. Input: chunks of [selector][len][bytes]:
 *   selector & 3 == 0..2   feed bytes to that client
 *   selector & 3 == 3      put bytes on introduced rings, service them
 *   selector & 4           then take that client's queued output
 *   selector & 8           then a domain exception: the first byte of
 *                          the chunk says which domids (bit k: domid k,
 *                          and any domid = k mod 8) are gone, the
 *                          second which are dying
 * Checks: nothing crashes or leaks, output queues stay under their caps,
 * the journal always syncs, and the tree matches its index.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"
#include "xs_ring.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int null_journal(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return 0;
}

static void *heap_ring_map(void *ctx, unsigned int domid, uint64_t gfn,
			   int *err)
{
	(void)ctx;
	(void)domid;
	(void)gfn;
	*err = ENOMEM;
	return calloc(1, 4096);
}

static void heap_ring_unmap(void *ctx, unsigned int domid, void *page)
{
	(void)ctx;
	(void)domid;
	free(page);
}

static int fake_bind(void *ctx, unsigned int domid, unsigned int port)
{
	(void)ctx;
	(void)domid;
	return (int)(port & 0xffff);
}

static uint8_t dom_gone, dom_dying;	/* bit domid % 8 */

static int fuzz_domain_info(void *ctx, unsigned int domid,
			    struct xs_dominfo *info)
{
	(void)ctx;
	info->shutdown = (domid & 1) != 0;
	info->dying = (dom_dying >> (domid % 8)) & 1;
	return (dom_gone >> (domid % 8)) & 1 ? -1 : 0;
}

static const struct xs_plat_ops fuzz_ops = {
	.journal_write = null_journal,
	.ring_map = heap_ring_map,
	.ring_unmap = heap_ring_unmap,
	.evtchn_bind = fake_bind,
	.domain_info = fuzz_domain_info,
};

static void take_output(struct xs_conn *c)
{
	size_t len;

	while (xs_conn_out_peek(c, &len) != NULL)
		xs_conn_out_advance(c, len);
}

static void feed_rings(struct xs_store *s, const uint8_t *p, size_t n)
{
	struct xs_domain *d;

	for (d = s->domains; d != NULL; d = d->next) {
		struct xenstore_domain_interface *intf = d->ring_page;
		size_t i;

		if (!d->introduced || intf == NULL)
			continue;
		for (i = 0; i < n; i++)
			intf->req[XS_RING_MASK(intf->req_prod + i)] =
				(char)p[i];
		intf->req_prod += (uint32_t)n;
		/* The guest also consumes whatever we answered. */
		intf->rsp_cons = intf->rsp_prod;
		xs_ring_service(s, d);
	}
}

static size_t count_nodes(const struct xs_node *n)
{
	size_t k = 1;
	unsigned int i;

	for (i = 0; i < n->nchildren; i++)
		k += count_nodes(n->children[i]);
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xs_store *s = xs_store_create(&fuzz_ops, NULL);
	struct xs_conn *c[3];
	size_t off = 0;
	unsigned int i;

	if (s == NULL)
		return 0;
	s->journal_on = true;
	s->out_max_priv = 256 * 1024;
	c[0] = xs_conn_create(s, 0, 0);
	c[1] = xs_conn_create(s, 5, 0);
	c[2] = xs_conn_create(s, 0, XS_CONN_READONLY);
	while (off + 3 <= size) {
		unsigned int sel = data[off];
		size_t n = (size_t)data[off + 1] | (size_t)data[off + 2] << 8;

		off += 3;
		if (n > size - off)
			n = size - off;
		if ((sel & 3) == 3)
			feed_rings(s, data + off, n);
		else if (!c[sel & 3]->dead)
			xs_conn_input(c[sel & 3], data + off, n);
		if ((sel & 8) && n >= 2) {
			dom_gone = data[off];
			dom_dying = data[off + 1];
			xs_domain_exception(s);
			dom_gone = dom_dying = 0;
		}
		off += n;
		if (xs_store_sync(s) != 0)
			abort();
		for (i = 0; i < 3; i++) {
			if (c[i]->out_bytes > 256 * 1024 + 2 * 4112)
				abort();
			if (sel & 4)
				take_output(c[i]);
		}
	}
	if (count_nodes(s->root) != s->nodes.count)
		abort();
	xs_store_destroy(s);
	return 0;
}
