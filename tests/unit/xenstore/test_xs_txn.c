/* SPDX-License-Identifier: MIT */
/* Store core: transactions (snapshot reads, commit, EAGAIN, abort). */
#include "xs_harness.h"

static struct xs_store *s;
static struct xs_conn *d0, *other, *d5;

static int setup(void **state)
{
	(void)state;
	s = xs_test_store();
	d0 = xs_conn_create(s, 0, 0);
	other = xs_conn_create(s, 0, 0);
	d5 = xs_conn_create(s, 5, 0);
	return 0;
}

static uint32_t start(struct xs_conn *c)
{
	assert_int_equal(XREQ(c, XS_TRANSACTION_START, 0, ""),
			 XS_TRANSACTION_START);
	return (uint32_t)strtoul(r_data, NULL, 10);
}

static void test_commit_visible_after(void **state)
{
	uint32_t t;

	(void)state;
	t = start(d0);
	assert_int_not_equal(t, 0);
	assert_int_equal(xwrite(d0, t, "/tx/a", "1"), XS_WRITE);
	EXPECT_READ(d0, t, "/tx/a", "1");
	EXPECT_ERR(other, XS_READ, 0, "/tx/a", "ENOENT");
	assert_int_equal(XREQ(d0, XS_DIRECTORY, t, "/tx"), XS_DIRECTORY);
	assert_memory_equal(r_data, "a\0", 2);
	EXPECT_OK(d0, XS_TRANSACTION_END, t, "T");
	EXPECT_READ(other, 0, "/tx/a", "1");
	/* The id is gone. */
	EXPECT_ERR(d0, XS_READ, t, "/tx/a", "ENOENT");
	EXPECT_ERR(d0, XS_TRANSACTION_END, t, "T", "ENOENT");
}

static void test_abort(void **state)
{
	uint32_t t;

	(void)state;
	assert_int_equal(xwrite(d0, 0, "/ab/x", "old"), XS_WRITE);
	t = start(d0);
	assert_int_equal(xwrite(d0, t, "/ab/x", "new"), XS_WRITE);
	EXPECT_OK(d0, XS_RM, t, "/ab");
	EXPECT_ERR(d0, XS_READ, t, "/ab/x", "ENOENT");
	EXPECT_OK(d0, XS_TRANSACTION_END, t, "F");
	EXPECT_READ(d0, 0, "/ab/x", "old");
}

static void test_conflict(void **state)
{
	uint32_t t;

	(void)state;
	assert_int_equal(xwrite(d0, 0, "/c/a", "1"), XS_WRITE);
	t = start(d0);
	EXPECT_READ(d0, t, "/c/a", "1");
	assert_int_equal(xwrite(other, 0, "/c/a", "2"), XS_WRITE);
	assert_int_equal(xwrite(d0, t, "/c/b", "x"), XS_WRITE);
	EXPECT_ERR(d0, XS_TRANSACTION_END, t, "T", "EAGAIN");
	EXPECT_ERR(d0, XS_READ, 0, "/c/b", "ENOENT");
	EXPECT_READ(d0, 0, "/c/a", "2");
}

static void test_snapshot(void **state)
{
	uint32_t t;

	(void)state;
	assert_int_equal(xwrite(d0, 0, "/s/a", "1"), XS_WRITE);
	t = start(d0);
	/* A change made after the start makes the transaction fail. */
	assert_int_equal(xwrite(other, 0, "/s/new", "n"), XS_WRITE);
	XREQ(d0, XS_READ, t, "/s/new");
	assert_int_equal(xwrite(d0, t, "/s/a", "mine"), XS_WRITE);
	EXPECT_ERR(d0, XS_TRANSACTION_END, t, "T", "EAGAIN");
	EXPECT_READ(d0, 0, "/s/a", "1");
	/* Untouched paths do not conflict. */
	t = start(d0);
	assert_int_equal(xwrite(other, 0, "/elsewhere", "e"), XS_WRITE);
	assert_int_equal(xwrite(d0, t, "/s/a", "mine"), XS_WRITE);
	EXPECT_OK(d0, XS_TRANSACTION_END, t, "T");
	EXPECT_READ(d0, 0, "/s/a", "mine");
}

static void test_rm_recreate(void **state)
{
	uint32_t t;

	(void)state;
	assert_int_equal(xwrite(d0, 0, "/r/x/deep", "1"), XS_WRITE);
	assert_int_equal(xwrite(d0, 0, "/r/y", "2"), XS_WRITE);
	t = start(d0);
	EXPECT_OK(d0, XS_RM, t, "/r/x");
	assert_int_equal(xwrite(d0, t, "/r/x/other", "3"), XS_WRITE);
	EXPECT_ERR(d0, XS_READ, t, "/r/x/deep", "ENOENT");
	assert_int_equal(XREQ(d0, XS_DIRECTORY, t, "/r"), XS_DIRECTORY);
	assert_int_equal(r_len, 4);
	assert_memory_equal(r_data, "y\0x\0", 4);
	EXPECT_OK(d0, XS_SET_PERMS, t, "/r/y\0n0\0r5");
	EXPECT_OK(d0, XS_TRANSACTION_END, t, "T");
	EXPECT_ERR(d0, XS_READ, 0, "/r/x/deep", "ENOENT");
	EXPECT_READ(d0, 0, "/r/x/other", "3");
	assert_int_equal(XREQ(d0, XS_DIRECTORY, 0, "/r"), XS_DIRECTORY);
	assert_memory_equal(r_data, "y\0x\0", 4);
	EXPECT_READ(d5, 0, "/r/y", "2");
}

static void test_errors(void **state)
{
	uint32_t t;

	(void)state;
	EXPECT_ERR(d0, XS_READ, 42, "/", "ENOENT");
	t = start(d0);
	EXPECT_ERR(d0, XS_TRANSACTION_START, t, "", "EBUSY");
	EXPECT_ERR(d0, XS_TRANSACTION_END, t, "X", "EINVAL");
	EXPECT_ERR(d0, XS_TRANSACTION_END, 0, "T", "ENOENT");
	/* Another connection cannot use it. */
	EXPECT_ERR(other, XS_READ, t, "/", "ENOENT");
	EXPECT_OK(d0, XS_TRANSACTION_END, t, "F");
}

static void test_events_on_commit(void **state)
{
	uint32_t t;

	(void)state;
	EXPECT_OK(other, XS_WATCH, 0, "/ev\0tok");
	ev_buf[0] = '\0';
	t = start(d0);
	assert_int_equal(xwrite(d0, t, "/ev/a", "1"), XS_WRITE);
	drain(other);
	assert_string_equal(ev_buf, "");
	EXPECT_OK(d0, XS_TRANSACTION_END, t, "T");
	drain(other);
	assert_string_equal(ev_buf, "/ev/a|tok\n");
}

static void test_quota(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < 10; i++)
		start(d5);
	EXPECT_ERR(d5, XS_TRANSACTION_START, 0, "", "ENOSPC");
	EXPECT_OK(d5, XS_RESET_WATCHES, 0, "");
	start(d5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_visible_after,
						setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_abort, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_conflict, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_snapshot, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_rm_recreate, setup,
						xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_events_on_commit, setup,
						xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_quota, setup, xs_test_teardown),
	};

	return cmocka_run_group_tests_name("xenstore transactions", tests,
					   NULL, NULL);
}
