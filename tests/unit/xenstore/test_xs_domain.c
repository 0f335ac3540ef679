/* SPDX-License-Identifier: MIT */
/*
 * Store core: domain death (xs_domain_exception) and RELEASE, as C
 * xenstored 4.17 handles them: shutdown fires @releaseDomain once; a
 * dying or vanished domain loses its connection, watches, transactions
 * and nodes; entries naming it are revoked (XSA-322).
 */
#include "xs_harness.h"

static struct xs_store *s;
static struct xs_conn *d0, *w;

static int setup(void **state)
{
	(void)state;
	s = xs_test_store();
	d0 = xs_conn_create(s, 0, 0);
	w = xs_conn_create(s, 0, 0);
	return 0;
}

/* Introduce domid 9 with a home it owns; returns its ring connection. */
static struct xs_conn *introduce9(void)
{
	EXPECT_OK(d0, XS_INTRODUCE, 0, "9\0001\0005");
	EXPECT_OK(d0, XS_MKDIR, 0, "/local/domain/9");
	EXPECT_OK(d0, XS_SET_PERMS, 0, "/local/domain/9\0n9");
	assert_non_null(xs_domain_find(s, 9));
	return xs_domain_find(s, 9)->ring_conn;
}

static void test_shutdown_then_dying(void **state)
{
	struct xs_conn *g;

	(void)state;
	EXPECT_OK(w, XS_WATCH, 0, "@releaseDomain\0rel");
	EXPECT_OK(w, XS_WATCH, 0, "/local/domain/9/data\0home");
	g = introduce9();
	assert_int_equal(xwrite(g, 0, "data/x", "1"), XS_WRITE);
	EXPECT_OK(g, XS_WATCH, 0, "/tool\0gw");
	EXPECT_OK(g, XS_TRANSACTION_START, 0, "");
	events(w, "@releaseDomain|rel\n/local/domain/9/data|home\n"
		  "/tool|gw\n/local/domain/9/data/x|home\n");

	fake.dom[9] = FAKE_SHUTDOWN;
	xs_domain_exception(s);
	events(w, "@releaseDomain|rel\n");
	xs_domain_exception(s);		/* told once per shutdown */
	events(w, "");
	EXPECT_READ(d0, 0, "/local/domain/9/data/x", "1");
	EXPECT_OK(d0, XS_IS_DOMAIN_INTRODUCED, 0, "9");
	assert_string_equal(r_data, "T");

	fake.dom[9] = FAKE_DYING;
	xs_domain_exception(s);
	events(w, "/local/domain/9/data|home\n@releaseDomain|rel\n");
	EXPECT_ERR(d0, XS_READ, 0, "/local/domain/9", "ENOENT");
	EXPECT_OK(d0, XS_IS_DOMAIN_INTRODUCED, 0, "9");
	assert_string_equal(r_data, "F");
	/* Its record, watch and transaction are gone with it. */
	assert_null(xs_domain_find(s, 9));
	assert_int_equal(s->watches.count, 2);
	EXPECT_ERR(d0, XS_RELEASE, 0, "9", "ENOENT");
}

static void test_vanished_and_release(void **state)
{
	(void)state;
	EXPECT_OK(w, XS_WATCH, 0, "@releaseDomain\0rel");
	introduce9();
	events(w, "@releaseDomain|rel\n");
	/* Gone without ever dying: destroyed all the same. */
	fake.dom[9] = FAKE_GONE;
	xs_domain_exception(s);
	events(w, "@releaseDomain|rel\n");
	EXPECT_ERR(d0, XS_READ, 0, "/local/domain/9", "ENOENT");

	/* RELEASE destroys as death does (C xenstored frees the domain). */
	fake.dom[9] = FAKE_RUNNING;
	introduce9();
	EXPECT_OK(d0, XS_RELEASE, 0, "9");
	events(w, "@releaseDomain|rel\n");
	EXPECT_ERR(d0, XS_READ, 0, "/local/domain/9", "ENOENT");
	assert_null(xs_domain_find(s, 9));
}

static void test_perms_revoked(void **state)
{
	struct xs_conn *g;

	(void)state;
	assert_int_equal(xwrite(d0, 0, "/a", "v"), XS_WRITE);
	EXPECT_OK(d0, XS_SET_PERMS, 0, "/a\0n0\0r9\0r7");
	EXPECT_OK(d0, XS_SET_PERMS, 0, "@introduceDomain\0n9\0r9");
	g = xs_conn_create(s, 9, 0);
	EXPECT_READ(g, 0, "/a", "v");
	xs_conn_destroy(g);
	/* Never introduced, only named: destroyed when gone, no event. */
	EXPECT_OK(w, XS_WATCH, 0, "@releaseDomain\0rel");
	events(w, "@releaseDomain|rel\n");
	fake.dom[9] = FAKE_GONE;
	xs_domain_exception(s);
	events(w, "");
	assert_int_equal(XREQ(d0, XS_GET_PERMS, 0, "/a"), XS_GET_PERMS);
	assert_memory_equal(r_data, "n0\0r7", 6);
	assert_int_equal(XREQ(d0, XS_GET_PERMS, 0, "@introduceDomain"),
			 XS_GET_PERMS);
	assert_memory_equal(r_data, "n0\0", 3);
	/* A new domain 9 inherits nothing. */
	fake.dom[9] = FAKE_RUNNING;
	g = xs_conn_create(s, 9, 0);
	EXPECT_ERR(g, XS_READ, 0, "/a", "EACCES");
	xs_conn_destroy(g);
	/* SET_PERMS: a dead reader is ignored, a dead owner refused. */
	fake.dom[11] = FAKE_GONE;
	EXPECT_OK(d0, XS_SET_PERMS, 0, "/a\0n0\0r11");
	assert_int_equal(XREQ(d0, XS_GET_PERMS, 0, "/a"), XS_GET_PERMS);
	assert_int_equal(r_len, 3);
	EXPECT_ERR(d0, XS_SET_PERMS, 0, "/a\0n11", "ENOENT");
}

/*
 * A transport's own connection of a dead domain is not freed under it:
 * it loses its watches and transactions and is marked dead; the record
 * goes once the transport has closed it. Dom0 is never destroyed.
 */
static void test_transport_conn(void **state)
{
	struct xs_conn *g = xs_conn_create(s, 12, 0);

	(void)state;
	EXPECT_OK(g, XS_WATCH, 0, "/tool\0t");
	EXPECT_OK(g, XS_TRANSACTION_START, 0, "");
	fake.dom[12] = FAKE_GONE;
	xs_domain_exception(s);
	assert_true(g->dead);
	assert_null(g->watches);
	assert_null(g->txns);
	assert_non_null(xs_domain_find(s, 12));
	xs_conn_destroy(g);
	xs_domain_exception(s);
	assert_null(xs_domain_find(s, 12));
	/* Introducing and releasing dom0 costs it its ring only. */
	EXPECT_OK(d0, XS_INTRODUCE, 0, "0\0001\0005");
	EXPECT_OK(d0, XS_RELEASE, 0, "0");
	assert_false(d0->dead);
	EXPECT_READ(d0, 0, "/tool", "");
}

/* Without a domain_info hook nothing can be learnt: nothing happens. */
static void test_no_hook(void **state)
{
	static const struct xs_plat_ops bare = { 0 };
	struct xs_store *b = xs_store_create(&bare, NULL);
	struct xs_conn *c = xs_conn_create(b, 0, 0);

	(void)state;
	assert_int_equal(xwrite(c, 0, "/x", "v"), XS_WRITE);
	EXPECT_OK(c, XS_SET_PERMS, 0, "/x\0n4");
	xs_domain_exception(b);
	EXPECT_READ(c, 0, "/x", "v");
	xs_store_destroy(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_shutdown_then_dying,
						setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_vanished_and_release,
						setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_perms_revoked, setup,
						xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_transport_conn, setup,
						xs_test_teardown),
		cmocka_unit_test(test_no_hook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
