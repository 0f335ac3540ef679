/* SPDX-License-Identifier: MIT */
/* Store core: the tree, paths and the permission model. */
#include "xs_harness.h"

static struct xs_store *s;
static struct xs_conn *d0, *d5, *d6, *ro;

static int setup(void **state)
{
	(void)state;
	s = xs_test_store();
	d0 = xs_conn_create(s, 0, 0);
	d5 = xs_conn_create(s, 5, 0);
	d6 = xs_conn_create(s, 6, 0);
	ro = xs_conn_create(s, 0, XS_CONN_READONLY);
	return 0;
}

static void test_initial_tree(void **state)
{
	(void)state;
	assert_int_equal(XREQ(d0, XS_DIRECTORY, 0, "/"), XS_DIRECTORY);
	assert_int_equal(r_len, 5);
	assert_memory_equal(r_data, "tool\0", 5);
	EXPECT_READ(d0, 0, "/tool/xenstored", "");
	assert_int_equal(XREQ(d0, XS_GET_PERMS, 0, "/"), XS_GET_PERMS);
	assert_memory_equal(r_data, "n0\0", 3);
}

static void test_write_read_dir_rm(void **state)
{
	(void)state;
	EXPECT_OK(d0, XS_WRITE, 0, "/a/b/c\0value");
	/* The value has no NUL of its own: sizeof counted the literal's. */
	assert_int_equal(xreq(d0, XS_WRITE, 0, "/a/b/c\0v2", 9), XS_WRITE);
	EXPECT_READ(d0, 0, "/a/b/c", "v2");
	EXPECT_READ(d0, 0, "/a/b", "");
	EXPECT_OK(d0, XS_MKDIR, 0, "/a/d");
	EXPECT_OK(d0, XS_MKDIR, 0, "/a/d");
	assert_int_equal(XREQ(d0, XS_DIRECTORY, 0, "/a"), XS_DIRECTORY);
	assert_int_equal(r_len, 4);
	assert_memory_equal(r_data, "b\0d\0", 4);
	EXPECT_ERR(d0, XS_READ, 0, "/a/zz", "ENOENT");
	EXPECT_OK(d0, XS_RM, 0, "/a/zz");		/* parent exists */
	EXPECT_ERR(d0, XS_RM, 0, "/a/zz/y", "ENOENT");	/* it does not */
	EXPECT_OK(d0, XS_RM, 0, "/a/b");
	EXPECT_ERR(d0, XS_READ, 0, "/a/b/c", "ENOENT");
	EXPECT_ERR(d0, XS_RM, 0, "/", "EINVAL");
	assert_int_equal(XREQ(d0, XS_DIRECTORY, 0, "/a"), XS_DIRECTORY);
	assert_memory_equal(r_data, "d\0", 2);
	/* Empty values and binary values round-trip. */
	assert_int_equal(xreq(d0, XS_WRITE, 0, "/bin\0\x01\x00\xff", 8),
			 XS_WRITE);
	assert_int_equal(XREQ(d0, XS_READ, 0, "/bin"), XS_READ);
	assert_int_equal(r_len, 3);
	assert_memory_equal(r_data, "\x01\x00\xff", 3);
}

static void test_paths(void **state)
{
	char big[3200];

	(void)state;
	EXPECT_ERR(d0, XS_WRITE, 0, "/a//b\0x", "EINVAL");
	EXPECT_ERR(d0, XS_WRITE, 0, "/a/\0x", "EINVAL");
	EXPECT_ERR(d0, XS_WRITE, 0, "/a b\0x", "EINVAL");
	EXPECT_ERR(d0, XS_WRITE, 0, "/a.b\0x", "EINVAL");
	EXPECT_ERR(d0, XS_READ, 0, "@introduceDomain", "EINVAL");
	EXPECT_OK(d0, XS_WRITE, 0, "/ok-_@9/A\0x");
	memset(big, 'a', sizeof(big));
	big[0] = '/';
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(xreq(d0, XS_READ, 0, big, sizeof(big)), XS_ERROR);
	assert_string_equal(r_data, "EINVAL");
	/* Relative paths live under the caller's home. */
	EXPECT_OK(d0, XS_WRITE, 0, "/local/domain/5\0");
	EXPECT_OK(d0, XS_SET_PERMS, 0, "/local/domain/5\0b5");
	assert_int_equal(xwrite(d5, 0, "name", "five"), XS_WRITE);
	EXPECT_READ(d0, 0, "/local/domain/5/name", "five");
	EXPECT_READ(d5, 0, "name", "five");
	EXPECT_ERR(d5, XS_READ, 0, "", "EINVAL");
	assert_int_equal(XREQ(d5, XS_GET_DOMAIN_PATH, 0, "7"),
			 XS_GET_DOMAIN_PATH);
	assert_string_equal(r_data, "/local/domain/7");
	EXPECT_ERR(d5, XS_GET_DOMAIN_PATH, 0, "x7", "EINVAL");
}

static void test_perms(void **state)
{
	(void)state;
	assert_int_equal(xwrite(d0, 0, "/p/x", "secret"), XS_WRITE);
	EXPECT_ERR(d5, XS_READ, 0, "/p/x", "EACCES");
	EXPECT_ERR(d5, XS_READ, 0, "/p/missing", "EACCES");
	EXPECT_ERR(d5, XS_WRITE, 0, "/p/y\0v", "EACCES");
	EXPECT_ERR(d5, XS_DIRECTORY, 0, "/p", "EACCES");

	EXPECT_OK(d0, XS_SET_PERMS, 0, "/p\0n0\0r5");
	EXPECT_OK(d5, XS_DIRECTORY, 0, "/p");
	EXPECT_ERR(d5, XS_READ, 0, "/p/missing", "ENOENT");
	EXPECT_ERR(d5, XS_WRITE, 0, "/p/y\0v", "EACCES");
	EXPECT_ERR(d6, XS_DIRECTORY, 0, "/p", "EACCES");

	EXPECT_OK(d0, XS_SET_PERMS, 0, "/p\0n0\0b5");
	assert_int_equal(xwrite(d5, 0, "/p/y", "mine"), XS_WRITE);
	/* Inherited from /p, owned by its creator. */
	assert_int_equal(XREQ(d5, XS_GET_PERMS, 0, "/p/y"), XS_GET_PERMS);
	assert_int_equal(r_len, 6);
	assert_memory_equal(r_data, "n5\0b5\0", 6);
	EXPECT_ERR(d5, XS_SET_PERMS, 0, "/p/y\0n7", "EPERM");
	EXPECT_OK(d5, XS_SET_PERMS, 0, "/p/y\0n5\0r6");
	EXPECT_READ(d6, 0, "/p/y", "mine");
	EXPECT_ERR(d6, XS_WRITE, 0, "/p/y\0v", "EACCES");
	EXPECT_ERR(d6, XS_SET_PERMS, 0, "/p/y\0n6", "EACCES");
	/* The owner can always write, whatever entry 0 says. */
	EXPECT_OK(d5, XS_SET_PERMS, 0, "/p/y\0n5");
	EXPECT_OK(d5, XS_WRITE, 0, "/p/y\0again");
	/* Garbage permission lists. */
	EXPECT_ERR(d0, XS_SET_PERMS, 0, "/p\0x0", "EINVAL");
	EXPECT_ERR(d0, XS_SET_PERMS, 0, "/p\0r", "EINVAL");
	EXPECT_ERR(d0, XS_SET_PERMS, 0, "/p\0r99999999", "EINVAL");
	EXPECT_ERR(d0, XS_SET_PERMS, 0, "/p\0r1x", "EINVAL");
	EXPECT_ERR(d0, XS_SET_PERMS, 0, "/p", "EINVAL");
	assert_int_equal(xreq(d0, XS_SET_PERMS, 0, "/p\0r1", 5), XS_ERROR);
	EXPECT_ERR(d0, XS_SET_PERMS, 0, "/nope\0n0", "ENOENT");
}

static void test_set_target(void **state)
{
	(void)state;
	assert_int_equal(xwrite(d0, 0, "/t/x", "v"), XS_WRITE);
	EXPECT_OK(d0, XS_SET_PERMS, 0, "/t/x\0n5");
	EXPECT_ERR(d6, XS_READ, 0, "/t/x", "EACCES");
	EXPECT_ERR(d0, XS_SET_TARGET, 0, "6\0005", "ENOENT");
	EXPECT_OK(d0, XS_INTRODUCE, 0, "6\0" "1234\0" "3");
	EXPECT_ERR(d5, XS_SET_TARGET, 0, "6\0005", "EACCES");
	EXPECT_OK(d0, XS_SET_TARGET, 0, "6\0005");
	EXPECT_READ(d6, 0, "/t/x", "v");
	EXPECT_OK(d6, XS_WRITE, 0, "/t/x\0w");
}

static void test_readonly_and_privilege(void **state)
{
	(void)state;
	assert_int_equal(xwrite(d0, 0, "/r", "v"), XS_WRITE);
	EXPECT_READ(ro, 0, "/r", "v");
	EXPECT_ERR(ro, XS_WRITE, 0, "/r\0w", "EROFS");
	EXPECT_ERR(ro, XS_RM, 0, "/r", "EROFS");
	EXPECT_ERR(ro, XS_SET_PERMS, 0, "/r\0n0", "EROFS");
	EXPECT_ERR(d5, XS_CONTROL, 0, "print\0hi", "EACCES");
	EXPECT_ERR(d5, XS_INTRODUCE, 0, "9\0001\0002", "EACCES");
	EXPECT_ERR(d5, XS_RELEASE, 0, "9", "EACCES");
	EXPECT_OK(d0, XS_CONTROL, 0, "print\0hi");
	EXPECT_OK(d0, XS_CONTROL, 0, "check");
	assert_string_equal(r_data, "OK");
	EXPECT_ERR(d0, XS_CONTROL, 0, "frobnicate", "EINVAL");
}

static void test_directory_part(void **state)
{
	char path[64];
	unsigned int i;
	size_t total = 0, off = 0;

	(void)state;
	for (i = 0; i < 600; i++) {
		int n = snprintf(path, sizeof(path), "/big/child-%04u", i);

		assert_int_equal(xreq(d0, XS_WRITE, 0, path, (size_t)n + 1),
				 XS_WRITE);
		total += 11;
	}
	EXPECT_ERR(d0, XS_DIRECTORY, 0, "/big", "E2BIG");
	for (;;) {
		char req[32];
		int n = snprintf(req, sizeof(req), "/big%c%zu", 0, off);
		size_t genlen;

		assert_int_equal(xreq(d0, XS_DIRECTORY_PART, 0, req,
				      (size_t)n + 1), XS_DIRECTORY_PART);
		genlen = strlen(r_data) + 1;
		if (r_len == genlen + 1)
			break;		/* just the terminating empty name */
		off += r_len - genlen;
		if (r_data[r_len - 1] == '\0' && r_data[r_len - 2] == '\0') {
			off -= 1;
			break;
		}
	}
	assert_int_equal(off, total);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_initial_tree, setup,
						xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_write_read_dir_rm, setup,
						xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_paths, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_perms, setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_set_target, setup,
						xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_readonly_and_privilege,
						setup, xs_test_teardown),
		cmocka_unit_test_setup_teardown(test_directory_part, setup,
						xs_test_teardown),
	};

	return cmocka_run_group_tests_name("xenstore tree and permissions",
					   tests, NULL, NULL);
}
