/* SPDX-License-Identifier: MIT */
/* Store core: the journal (replay, torn tails, failure) and the ring. */
#include "xs_harness.h"

struct membuf {
	unsigned char *p;
	size_t len;
};

static int emit_mem(void *ctx, const void *buf, size_t len)
{
	struct membuf *m = ctx;

	m->p = realloc(m->p, m->len + len);
	assert_non_null(m->p);
	memcpy(m->p + m->len, buf, len);
	m->len += len;
	return 0;
}

static struct membuf snapshot(struct xs_store *s)
{
	struct membuf m = { NULL, 0 };

	assert_int_equal(xs_journal_snapshot(s, emit_mem, &m), 0);
	return m;
}

static void assert_same_store(struct xs_store *a, struct xs_store *b)
{
	struct membuf x = snapshot(a), y = snapshot(b);

	assert_int_equal(x.len, y.len);
	assert_memory_equal(x.p, y.p, x.len);
	free(x.p);
	free(y.p);
}

/* A store journalling into fake.journal, which starts as a snapshot. */
static struct xs_store *journalled_store(void)
{
	struct xs_store *s = xs_store_create(&fake_ops, NULL);
	struct membuf m;

	assert_non_null(s);
	m = snapshot(s);
	fake.journal = m.p;
	fake.jlen = fake.jcap = m.len;
	s->journal_on = true;
	return s;
}

static struct xs_store *replayed(size_t len, size_t *good)
{
	struct xs_store *s = xs_store_create(&fake_ops, NULL);

	assert_non_null(s);
	assert_int_equal(xs_journal_replay(s, fake.journal, len, good), 0);
	return s;
}

static void test_replay(void **state)
{
	struct xs_store *a, *b;
	struct xs_conn *c;
	size_t good;
	uint32_t t;

	(void)state;
	xs_harness_reset();
	a = journalled_store();
	c = xs_conn_create(a, 0, 0);
	assert_int_equal(xwrite(c, 0, "/a/b", "1"), XS_WRITE);
	assert_int_equal(xwrite(c, 0, "/a/c", "2"), XS_WRITE);
	EXPECT_OK(c, XS_SET_PERMS, 0, "/a/b\0n5\0r6");
	EXPECT_OK(c, XS_RM, 0, "/tool");
	EXPECT_OK(c, XS_CONTROL, 0, "quota\0set\0nodes\0" "77");
	assert_int_equal(XREQ(c, XS_TRANSACTION_START, 0, ""),
			 XS_TRANSACTION_START);
	t = (uint32_t)atoi(r_data);
	assert_int_equal(xwrite(c, t, "/tx/x", "in-tx"), XS_WRITE);
	EXPECT_OK(c, XS_RM, t, "/a/c");
	EXPECT_OK(c, XS_TRANSACTION_END, t, "T");
	EXPECT_OK(c, XS_SET_PERMS, 0, "@introduceDomain\0n0\0r3");
	EXPECT_OK(c, XS_SET_PERMS, 0, "@releaseDomain\0n4\0b6");
	/* Domain 6 dies: its entries stay revoked after a restart. */
	fake.dom[6] = FAKE_GONE;
	xs_domain_exception(a);
	assert_int_equal(xs_store_sync(a), 0);
	fake.dom[6] = FAKE_RUNNING;
	b = replayed(fake.jlen, &good);
	assert_int_equal(good, fake.jlen);
	assert_int_equal(b->quota.nodes, 77);
	assert_int_equal(b->special[0].nperms, 2);
	assert_int_equal(b->special[0].perms[1].domid, 3);
	assert_int_equal(b->special[1].perms[0].domid, 4);
	assert_true(b->special[1].perms[1].access & XS_PERM_IGNORE);
	assert_true(xs_tree_lookup(b, "/a/b")->perms[1].access &
		    XS_PERM_IGNORE);
	assert_null(xs_tree_lookup(b, "/tool"));
	assert_non_null(xs_tree_lookup(b, "/tx/x"));
	assert_same_store(a, b);
	xs_store_destroy(b);
	xs_store_destroy(a);
}

static void test_torn_tail(void **state)
{
	struct xs_store *a, *b;
	struct xs_conn *c;
	size_t before, good, cut;

	(void)state;
	xs_harness_reset();
	a = journalled_store();
	c = xs_conn_create(a, 0, 0);
	assert_int_equal(xwrite(c, 0, "/keep", "1"), XS_WRITE);
	before = fake.jlen;
	assert_int_equal(xwrite(c, 0, "/lost", "2"), XS_WRITE);
	/* Every cut inside the last batch loses exactly that batch. */
	for (cut = before; cut < fake.jlen; cut++) {
		b = replayed(cut, &good);
		assert_int_equal(good, before);
		assert_non_null(xs_tree_lookup(b, "/keep"));
		assert_null(xs_tree_lookup(b, "/lost"));
		xs_store_destroy(b);
	}
	/* A flipped bit is caught by the CRC. */
	fake.journal[fake.jlen - 1] ^= 1;
	b = replayed(fake.jlen, &good);
	assert_int_equal(good, before);
	xs_store_destroy(b);
	xs_store_destroy(a);
}

static void test_write_failure(void **state)
{
	struct xs_store *a;
	struct xs_conn *c;
	unsigned char buf[64];
	struct xsd_sockmsg h = { XS_WRITE, 1, 0, 4 };

	(void)state;
	xs_harness_reset();
	a = journalled_store();
	c = xs_conn_create(a, 0, 0);
	fake.fail_journal = true;
	memcpy(buf, &h, XS_HDR_SIZE);
	memcpy(buf + XS_HDR_SIZE, "/x\0v", 4);
	xs_conn_input(c, buf, XS_HDR_SIZE + 4);
	assert_int_equal(xs_store_sync(a), -1);
	/* Still refusing: the transport must not send the reply. */
	assert_int_equal(xs_store_sync(a), -1);
	xs_store_destroy(a);
}

static void ring_put(struct xenstore_domain_interface *intf,
		     const void *data, size_t len)
{
	const char *p = data;
	size_t i;

	for (i = 0; i < len; i++)
		intf->req[XS_RING_MASK(intf->req_prod + i)] = p[i];
	intf->req_prod += (uint32_t)len;
}

static void ring_request(struct xenstore_domain_interface *intf,
			 uint32_t type, const void *payload, size_t len)
{
	struct xsd_sockmsg h = { type, 7, 0, (uint32_t)len };

	ring_put(intf, &h, sizeof(h));
	ring_put(intf, payload, len);
}

static size_t ring_get(struct xenstore_domain_interface *intf, char *buf)
{
	size_t n = 0;

	while (intf->rsp_cons != intf->rsp_prod)
		buf[n++] = intf->rsp[XS_RING_MASK(intf->rsp_cons++)];
	return n;
}

static void test_ring(void **state)
{
	struct xs_store *s;
	struct xs_conn *d0;
	struct xs_domain *d;
	struct xenstore_domain_interface *intf;
	struct xsd_sockmsg h;
	char buf[4096];
	size_t n;
	unsigned int i;

	(void)state;
	xs_harness_reset();
	s = xs_store_create(&fake_ops, NULL);
	d0 = xs_conn_create(s, 0, 0);
	assert_int_equal(xwrite(d0, 0, "/local/domain/9", ""), XS_WRITE);
	EXPECT_OK(d0, XS_SET_PERMS, 0, "/local/domain/9\0n9");
	EXPECT_OK(d0, XS_INTRODUCE, 0, "9\0" "4096\0" "5");
	d = xs_domain_find(s, 9);
	intf = d->ring_page;
	assert_int_equal(d->evtchn, 105);
	/* Start near the wrap so that messages straddle it. */
	intf->req_cons = intf->req_prod = 1000;
	intf->rsp_cons = intf->rsp_prod = 1010;
	for (i = 0; i < 40; i++) {
		ring_request(intf, XS_WRITE, "data/x\0hello", 12);
		xs_ring_service(s, d);
		n = ring_get(intf, buf);
		assert_int_equal(n, XS_HDR_SIZE + 3);
		memcpy(&h, buf, XS_HDR_SIZE);
		assert_int_equal(h.type, XS_WRITE);
		assert_int_equal(h.req_id, 7);
		assert_memory_equal(buf + XS_HDR_SIZE, "OK", 3);
	}
	ring_request(intf, XS_READ, "data/x", 7);
	xs_ring_service(s, d);
	n = ring_get(intf, buf);
	assert_int_equal(n, XS_HDR_SIZE + 5);
	assert_memory_equal(buf + XS_HDR_SIZE, "hello", 5);
	assert_true(fake.notifies > 0);
	/* A request split across two notifications. */
	ring_put(intf, "\x02\0\0\0\x07\0\0\0\0\0\0\0\x07\0\0\0da", 18);
	xs_ring_service(s, d);
	assert_int_equal(ring_get(intf, buf), 0);
	ring_put(intf, "ta/x", 5);
	xs_ring_service(s, d);
	assert_int_equal(ring_get(intf, buf), XS_HDR_SIZE + 5);
	/* A producer too far ahead breaks the ring, and only it. */
	intf->req_prod = intf->req_cons + 5000;
	xs_ring_service(s, d);
	assert_int_equal(intf->error, XENSTORE_ERROR_RINGIDX);
	assert_true(d->ring_conn->dead);
	EXPECT_READ(d0, 0, "/local/domain/9/data/x", "hello");
	EXPECT_OK(d0, XS_RELEASE, 0, "9");
	xs_store_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay),
		cmocka_unit_test(test_torn_tail),
		cmocka_unit_test(test_write_failure),
		cmocka_unit_test(test_ring),
	};
	int rc = cmocka_run_group_tests_name("xenstore journal and ring",
					     tests, NULL, NULL);

	xs_harness_reset();
	return rc;
}
