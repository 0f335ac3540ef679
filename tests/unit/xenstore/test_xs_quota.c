/* SPDX-License-Identifier: MIT */
/* Store core: quotas and malformed input. */
#include "xs_harness.h"

static struct xs_store *s;
static struct xs_conn *d0, *d5;

static int setup(void **state)
{
	(void)state;
	s = xs_test_store();
	d0 = xs_conn_create(s, 0, 0);
	d5 = xs_conn_create(s, 5, 0);
	assert_int_equal(xwrite(d0, 0, "/local/domain/5", ""), XS_WRITE);
	EXPECT_OK(d0, XS_SET_PERMS, 0, "/local/domain/5\0n5");
	return 0;
}

static void test_defaults(void **state)
{
	const struct xs_quota *q = &s->quota;

	(void)state;
	assert_int_equal(q->nodes, 1000);
	assert_int_equal(q->node_size, 2048);
	assert_int_equal(q->watches, 128);
	assert_int_equal(q->transactions, 10);
	assert_int_equal(q->perms, 5);
	assert_int_equal(q->outstanding, 20);
	assert_int_equal(q->txn_nodes, 1024);
}

static void test_nodes(void **state)
{
	char path[64];
	unsigned int i;

	(void)state;
	assert_int_equal(xs_quota_set(s, "nodes", 20), 0);
	/* d5 owns its home already: 19 more. */
	for (i = 0; i < 19; i++) {
		snprintf(path, sizeof(path), "n%u", i);
		assert_int_equal(xwrite(d5, 0, path, "v"), XS_WRITE);
	}
	assert_int_equal(xwrite(d5, 0, "over", "v"), XS_ERROR);
	assert_string_equal(r_data, "ENOSPC");
	EXPECT_OK(d5, XS_RM, 0, "n0");
	assert_int_equal(xwrite(d5, 0, "again", "v"), XS_WRITE);
	/* dom0 is not limited. */
	for (i = 0; i < 50; i++) {
		snprintf(path, sizeof(path), "/dom0/n%u", i);
		assert_int_equal(xwrite(d0, 0, path, "v"), XS_WRITE);
	}
	/* Quota ENOSPC, answered in a transaction too. */
	assert_int_equal(XREQ(d5, XS_TRANSACTION_START, 0, ""),
			 XS_TRANSACTION_START);
	assert_int_equal(xwrite(d5, (uint32_t)atoi(r_data), "x", "v"),
			 XS_ERROR);
	assert_string_equal(r_data, "ENOSPC");
}

static void test_sizes(void **state)
{
	char big[2100];

	(void)state;
	memset(big, 'v', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(xwrite(d5, 0, "big", big), XS_ERROR);
	assert_string_equal(r_data, "ENOSPC");
	big[2000] = '\0';
	assert_int_equal(xwrite(d5, 0, "big", big), XS_WRITE);
	assert_int_equal(xwrite(d0, 0, "/big", big), XS_WRITE);
	/* Permission entries count in the node's size too. */
	EXPECT_ERR(d5, XS_SET_PERMS, 0, "big\0n5\0r1\0r2\0r3\0r4", "ENOSPC");
	assert_int_equal(xwrite(d5, 0, "big", "small"), XS_WRITE);
	EXPECT_ERR(d5, XS_SET_PERMS, 0,
		   "big\0n5\0r1\0r2\0r3\0r4\0r6", "ENOSPC");
	EXPECT_OK(d5, XS_SET_PERMS, 0, "big\0n5\0r1\0r2\0r3\0r4");
}

static void test_memory(void **state)
{
	char path[64], val[1500];
	unsigned int i;
	uint32_t t = XS_WRITE;

	(void)state;
	assert_int_equal(xs_quota_set(s, "memory", 100000), 0);
	memset(val, 'm', sizeof(val) - 1);
	val[sizeof(val) - 1] = '\0';
	for (i = 0; i < 999 && t == XS_WRITE; i++) {
		snprintf(path, sizeof(path), "m%u", i);
		t = xwrite(d5, 0, path, val);
	}
	assert_int_equal(t, XS_ERROR);
	assert_string_equal(r_data, "ENOMEM");
	assert_true(s->domains != NULL);
	assert_true(xs_domain_find(s, 5)->mem <= s->quota.memory);
}

static void test_outstanding(void **state)
{
	unsigned char buf[64 * (XS_HDR_SIZE + 4)];
	size_t used, off = 0;
	unsigned int i;

	(void)state;
	for (i = 0; i < 64; i++) {
		struct xsd_sockmsg h = { XS_READ, i, 0, 4 };

		memcpy(buf + off, &h, XS_HDR_SIZE);
		memcpy(buf + off + XS_HDR_SIZE, "/nx", 4);
		off += XS_HDR_SIZE + 4;
	}
	used = xs_conn_input(d5, buf, off);
	assert_int_equal(used, 20 * (XS_HDR_SIZE + 4));
	assert_int_equal(d5->nreplies, 20);
	assert_false(xs_conn_wants_input(d5));
	drain(d5);
	assert_true(xs_conn_wants_input(d5));
	used += xs_conn_input(d5, buf + used, off - used);
	assert_int_equal(used, 40 * (XS_HDR_SIZE + 4));
}

static void test_malformed(void **state)
{
	struct xsd_sockmsg h = { XS_READ, 1, 0, XENSTORE_PAYLOAD_MAX + 1 };
	struct xs_conn *bad = xs_conn_create(s, 0, 0);

	(void)state;
	EXPECT_ERR(d0, 99, 0, "x", "ENOSYS");
	EXPECT_ERR(d0, 20, 0, "5", "ENOSYS");
	EXPECT_ERR(d0, XS_WATCH_EVENT, 0, "x\0y", "ENOSYS");
	EXPECT_ERR(d0, XS_ERROR, 0, "x", "ENOSYS");
	assert_int_equal(xreq(d0, XS_READ, 0, "/tool", 5), XS_ERROR);
	assert_string_equal(r_data, "EINVAL");
	assert_int_equal(xreq(d0, XS_READ, 0, "", 0), XS_ERROR);
	EXPECT_ERR(d0, XS_READ, 0, "/tool\0extra", "EINVAL");
	assert_int_equal(xreq(d0, XS_WRITE, 0, "/novalue", 8), XS_ERROR);
	EXPECT_ERR(d0, XS_INTRODUCE, 0, "70000\0" "1\0" "1", "EINVAL");
	EXPECT_ERR(d0, XS_GET_DOMAIN_PATH, 0, "-1", "EINVAL");
	EXPECT_ERR(d0, XS_DIRECTORY_PART, 0, "/\0x", "EINVAL");
	/* An oversized header cannot be framed: that client goes. */
	xs_conn_input(bad, &h, sizeof(h));
	assert_true(bad->dead);
	assert_false(d0->dead);
	xs_conn_destroy(bad);
	EXPECT_READ(d0, 0, "/tool", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_nodes, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_sizes, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_memory, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_outstanding, setup,
						xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup,
						xs_test_teardown),
	};

	return cmocka_run_group_tests_name("xenstore quotas and bad input",
					   tests, NULL, NULL);
}
