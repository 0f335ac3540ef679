/* SPDX-License-Identifier: MIT */
/* Store core: watches, special watches and domain messages. */
#include "xs_harness.h"

static struct xs_store *s;
static struct xs_conn *d0, *w, *d5;

static int setup(void **state)
{
	(void)state;
	s = xs_test_store();
	d0 = xs_conn_create(s, 0, 0);
	w = xs_conn_create(s, 0, 0);
	d5 = xs_conn_create(s, 5, 0);
	return 0;
}

static void test_initial_and_changes(void **state)
{
	(void)state;
	EXPECT_OK(w, XS_WATCH, 0, "/w\0tok");
	events(w, "/w|tok\n");		/* fires at once */
	assert_int_equal(xwrite(d0, 0, "/w/x", "1"), XS_WRITE);
	assert_int_equal(xwrite(d0, 0, "/other", "1"), XS_WRITE);
	assert_int_equal(xwrite(d0, 0, "/w", "v"), XS_WRITE);
	EXPECT_OK(d0, XS_SET_PERMS, 0, "/w/x\0n0\0r3");
	EXPECT_OK(d0, XS_MKDIR, 0, "/w/y");
	EXPECT_OK(d0, XS_RM, 0, "/w/x");
	events(w, "/w/x|tok\n/w|tok\n/w/x|tok\n/w/y|tok\n/w/x|tok\n");
	EXPECT_ERR(w, XS_WATCH, 0, "/w\0tok", "EEXIST");
	EXPECT_OK(w, XS_WATCH, 0, "/w\0tok2");
	events(w, "/w|tok2\n");
	assert_int_equal(xwrite(d0, 0, "/w", "v2"), XS_WRITE);
	events(w, "/w|tok2\n/w|tok\n");
	EXPECT_OK(w, XS_UNWATCH, 0, "/w\0tok");
	EXPECT_ERR(w, XS_UNWATCH, 0, "/w\0tok", "ENOENT");
	assert_int_equal(xwrite(d0, 0, "/w", "v3"), XS_WRITE);
	events(w, "/w|tok2\n");
	EXPECT_ERR(w, XS_WATCH, 0, "/w", "EINVAL");
	EXPECT_ERR(w, XS_WATCH, 0, "/w\0a\0b", "EINVAL");
}

static void test_rm_subtree(void **state)
{
	(void)state;
	assert_int_equal(xwrite(d0, 0, "/r/a/b", "1"), XS_WRITE);
	EXPECT_OK(w, XS_WATCH, 0, "/r/a/b\0deep");
	EXPECT_OK(w, XS_WATCH, 0, "/r\0top");
	EXPECT_OK(w, XS_WATCH, 0, "/\0root");
	events(w, "/r/a/b|deep\n/r|top\n/|root\n");
	EXPECT_OK(d0, XS_RM, 0, "/r");
	events(w, "/r|root\n/r|top\n/r/a/b|deep\n");
}

static void test_relative_and_perms(void **state)
{
	(void)state;
	assert_int_equal(xwrite(d0, 0, "/local/domain/5", ""), XS_WRITE);
	EXPECT_OK(d0, XS_SET_PERMS, 0, "/local/domain/5\0n5");
	EXPECT_OK(d5, XS_WATCH, 0, "dev\0rel");
	events(d5, "dev|rel\n");
	assert_int_equal(xwrite(d0, 0, "/local/domain/5/dev/vbd", "x"),
			 XS_WRITE);
	events(d5, "dev/vbd|rel\n");
	/* A node d5 cannot read is not reported to it. */
	EXPECT_OK(d5, XS_WATCH, 0, "/secret\0abs");
	events(d5, "/secret|abs\n");
	assert_int_equal(xwrite(d0, 0, "/secret/x", "hidden"), XS_WRITE);
	events(d5, "");
	EXPECT_OK(d0, XS_SET_PERMS, 0, "/secret/x\0n0\0r5");
	events(d5, "/secret/x|abs\n");
}

static void test_special(void **state)
{
	(void)state;
	EXPECT_OK(w, XS_WATCH, 0, "@introduceDomain\0in");
	EXPECT_OK(w, XS_WATCH, 0, "@releaseDomain\0out");
	EXPECT_OK(d5, XS_WATCH, 0, "@releaseDomain\0d5");
	events(w, "@introduceDomain|in\n@releaseDomain|out\n"
		  "@releaseDomain|d5\n");
	EXPECT_ERR(d0, XS_INTRODUCE, 0, "7\0" "0\0" "1", "EINVAL");
	EXPECT_ERR(d0, XS_INTRODUCE, 0, "7\0" "x\0" "1", "EINVAL");
	EXPECT_ERR(d0, XS_INTRODUCE, 0, "7\0" "1", "EINVAL");
	assert_int_equal(XREQ(d0, XS_IS_DOMAIN_INTRODUCED, 0, "7"),
			 XS_IS_DOMAIN_INTRODUCED);
	assert_string_equal(r_data, "F");
	EXPECT_OK(d0, XS_INTRODUCE, 0, "7\0" "4096\0" "1");
	events(w, "@introduceDomain|in\n");
	assert_int_equal(XREQ(d0, XS_IS_DOMAIN_INTRODUCED, 0, "7"),
			 XS_IS_DOMAIN_INTRODUCED);
	assert_string_equal(r_data, "T");
	EXPECT_OK(d0, XS_RESUME, 0, "7");
	EXPECT_OK(d0, XS_RELEASE, 0, "7");
	events(w, "@releaseDomain|out\n");
	events(d5, "");		/* not privileged, not permitted */
	EXPECT_ERR(d0, XS_RELEASE, 0, "7", "ENOENT");
	EXPECT_ERR(d0, XS_RESUME, 0, "7", "ENOENT");
	/* Permitted through the special node's permissions. */
	EXPECT_OK(d0, XS_SET_PERMS, 0, "@releaseDomain\0n0\0r5");
	assert_int_equal(XREQ(d5, XS_GET_PERMS, 0, "@releaseDomain"),
			 XS_GET_PERMS);
	EXPECT_OK(d0, XS_INTRODUCE, 0, "7\0" "4096\0" "1");
	EXPECT_OK(d0, XS_RELEASE, 0, "7");
	events(d5, "@releaseDomain|d5\n");
	EXPECT_ERR(d5, XS_SET_PERMS, 0, "@releaseDomain\0n5", "EACCES");
}

static void test_reset_and_quota(void **state)
{
	char req[64];
	unsigned int i;

	(void)state;
	for (i = 0; i < 128; i++) {
		int n = snprintf(req, sizeof(req), "/q%c%u", 0, i);

		assert_int_equal(xreq(d5, XS_WATCH, 0, req, (size_t)n + 1),
				 XS_WATCH);
	}
	EXPECT_ERR(d5, XS_WATCH, 0, "/q\0over", "E2BIG");
	EXPECT_OK(d5, XS_RESET_WATCHES, 0, "");
	EXPECT_OK(d5, XS_WATCH, 0, "/q\0again");
	assert_int_equal(s->domains != NULL, 1);
}

static void test_unread_events_drop_client(void **state)
{
	unsigned int i;

	(void)state;
	s->out_max_priv = 64 * 1024;
	EXPECT_OK(w, XS_WATCH, 0, "/flood\0t");
	for (i = 0; i < 5000 && !w->dead; i++)
		assert_int_equal(xwrite(d0, 0, "/flood/x", "1"), XS_WRITE);
	assert_true(w->dead);
	assert_true(w->out_bytes <= 64 * 1024);
	assert_false(d0->dead);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_initial_and_changes,
						setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_rm_subtree, setup,
						xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_relative_and_perms,
						setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_special, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_reset_and_quota, setup,
						xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_unread_events_drop_client,
						setup, xs_test_teardown),
	};

	return cmocka_run_group_tests_name("xenstore watches and domains",
					   tests, NULL, NULL);
}
