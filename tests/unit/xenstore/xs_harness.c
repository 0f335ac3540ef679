/* SPDX-License-Identifier: MIT */
/* The fake platform and request helpers of the store core's tests. */
#include <stdio.h>

#include "xs_harness.h"

struct fake_plat fake;
uint32_t r_type;
char r_data[XENSTORE_PAYLOAD_MAX + 1];
size_t r_len;
char ev_buf[65536];
unsigned int ev_count;

static int fake_journal_write(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	if (fake.fail_journal)
		return -1;
	if (fake.jlen + len > fake.jcap) {
		fake.jcap = (fake.jlen + len) * 2;
		fake.journal = realloc(fake.journal, fake.jcap);
		assert_non_null(fake.journal);
	}
	memcpy(fake.journal + fake.jlen, buf, len);
	fake.jlen += len;
	return 0;
}

static void *fake_ring_map(void *ctx, unsigned int domid, uint64_t gfn,
			   int *err)
{
	void *p;

	(void)ctx;
	(void)domid;
	if (gfn == 0) {
		*err = EINVAL;
		return NULL;
	}
	p = calloc(1, 4096);
	if (p == NULL)
		*err = ENOMEM;
	return p;
}

static void fake_ring_unmap(void *ctx, unsigned int domid, void *page)
{
	(void)ctx;
	(void)domid;
	free(page);
}

static int fake_evtchn_bind(void *ctx, unsigned int domid, unsigned int port)
{
	(void)ctx;
	(void)domid;
	return (int)port + 100;
}

static void fake_evtchn_notify(void *ctx, int port)
{
	(void)ctx;
	(void)port;
	fake.notifies++;
}

static int fake_domain_info(void *ctx, unsigned int domid,
			    struct xs_dominfo *info)
{
	enum fake_dom st = domid < 64 ? fake.dom[domid] : FAKE_RUNNING;

	(void)ctx;
	info->shutdown = st == FAKE_SHUTDOWN;
	info->dying = st == FAKE_DYING;
	return st == FAKE_GONE ? -1 : 0;
}

const struct xs_plat_ops fake_ops = {
	.journal_write = fake_journal_write,
	.ring_map = fake_ring_map,
	.ring_unmap = fake_ring_unmap,
	.evtchn_bind = fake_evtchn_bind,
	.evtchn_notify = fake_evtchn_notify,
	.domain_info = fake_domain_info,
};

void xs_harness_reset(void)
{
	free(fake.journal);
	memset(&fake, 0, sizeof(fake));
	ev_buf[0] = '\0';
	ev_count = 0;
}

/* A fresh harness and an empty store on the fake platform. */
static struct xs_store *test_store;	/* the last xs_test_store() */

struct xs_store *xs_test_store(void)
{
	xs_harness_reset();
	test_store = xs_store_create(&fake_ops, NULL);
	assert_non_null(test_store);
	return test_store;
}

/* cmocka teardown for tests whose setup called xs_test_store(). */
int xs_test_teardown(void **state)
{
	(void)state;
	xs_store_destroy(test_store);
	test_store = NULL;
	return 0;
}

/* Events seen since the last check, after taking c's queue. */
void events(struct xs_conn *c, const char *want)
{
	drain(c);
	assert_string_equal(ev_buf, want);
	ev_buf[0] = '\0';
	ev_count = 0;
}

/* Take all queued messages: events to ev_buf, the last reply to r_*. */
void drain(struct xs_conn *c)
{
	struct xsd_sockmsg h;
	unsigned char buf[XS_HDR_SIZE + XENSTORE_PAYLOAD_MAX];
	size_t len;

	while (xs_conn_out_peek(c, &len) != NULL) {
		len = xs_conn_out_gather(c, buf, sizeof(buf));
		assert_true(len >= XS_HDR_SIZE);
		memcpy(&h, buf, XS_HDR_SIZE);
		assert_true(len >= XS_HDR_SIZE + h.len);
		xs_conn_out_advance(c, XS_HDR_SIZE + h.len);
		if (h.type == XS_WATCH_EVENT) {
			const char *p = (const char *)buf + XS_HDR_SIZE;
			size_t l = strlen(ev_buf);

			assert_int_equal(h.req_id, 0);
			snprintf(ev_buf + l, sizeof(ev_buf) - l, "%s|%s\n", p,
				 p + strlen(p) + 1);
			ev_count++;
			continue;
		}
		r_type = h.type;
		r_len = h.len;
		memcpy(r_data, buf + XS_HDR_SIZE, h.len);
		r_data[h.len] = '\0';
	}
}

/* Send one request on c; returns the reply's type (XS_ERROR on error). */
uint32_t xreq(struct xs_conn *c, uint32_t type, uint32_t tx,
	      const void *payload, size_t len)
{
	static uint32_t req_id = 1;
	unsigned char buf[XS_HDR_SIZE + 8192];
	struct xsd_sockmsg h = { type, req_id++, tx, (uint32_t)len };

	assert_true(len <= 8192);
	memcpy(buf, &h, XS_HDR_SIZE);
	memcpy(buf + XS_HDR_SIZE, payload, len);
	r_type = 0xdead;
	assert_int_equal(xs_conn_input(c, buf, XS_HDR_SIZE + len),
			 XS_HDR_SIZE + len);
	assert_int_equal(xs_store_sync(c->store), 0);
	drain(c);
	return r_type;
}

/* WRITE path val (val without a NUL, as clients send it). */
uint32_t xwrite(struct xs_conn *c, uint32_t tx, const char *path,
		const char *val)
{
	char buf[8192];
	size_t pl = strlen(path) + 1, vl = strlen(val);

	assert_true(pl + vl <= sizeof(buf));
	memcpy(buf, path, pl);
	memcpy(buf + pl, val, vl);
	return xreq(c, XS_WRITE, tx, buf, pl + vl);
}
