/* SPDX-License-Identifier: MIT */
/*
 * A program written for libxenstore, built unchanged against Debian's
 * library (and against ours). Modes:
 *   xs_client_test api            exercise the API, one PASS/FAIL line each
 *   xs_client_test writer N       write keys and 5-write transactions,
 *                                 printing each acknowledged step
 *   xs_client_test verify FILE    check that every step FILE lists exists
 *   xs_client_test control CMD [ARG]...   xs_control_command, print reply
 * XENSTORED_PATH names the daemon's socket.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenstore.h>

static int failures;

static void check(bool ok, const char *what)
{
	printf("%s %s\n", ok ? "PASS" : "FAIL", what);
	failures += !ok;
}

static bool read_is(struct xs_handle *h, xs_transaction_t t,
		    const char *path, const char *want)
{
	unsigned int len;
	char *v = xs_read(h, t, path, &len);
	bool ok = v != NULL && len == strlen(want) && !memcmp(v, want, len);

	free(v);
	return ok;
}

static void api_basic(struct xs_handle *h)
{
	unsigned int n;
	char **dir;
	bool ok;

	check(xs_write(h, XBT_NULL, "/api/a", "one", 3), "xs_write");
	check(read_is(h, XBT_NULL, "/api/a", "one"), "xs_read");
	check(xs_mkdir(h, XBT_NULL, "/api/d"), "xs_mkdir");
	dir = xs_directory(h, XBT_NULL, "/api", &n);
	check(dir != NULL && n == 2 && !strcmp(dir[0], "a") &&
	      !strcmp(dir[1], "d"), "xs_directory");
	free(dir);
	errno = 0;
	ok = xs_read(h, XBT_NULL, "/api/none", &n) == NULL && errno == ENOENT;
	check(ok, "xs_read missing: ENOENT");
	check(xs_rm(h, XBT_NULL, "/api/d"), "xs_rm");
	ok = !xs_rm(h, XBT_NULL, "/api/x/y") && errno == ENOENT;
	check(ok, "xs_rm below a missing parent: ENOENT");
	ok = !xs_write(h, XBT_NULL, "/bad path", "x", 1) && errno == EINVAL;
	check(ok, "bad path: EINVAL");
}

static void api_perms(struct xs_handle *h)
{
	struct xs_permissions set[2] = {
		{ .id = 0, .perms = XS_PERM_NONE },
		{ .id = 5, .perms = XS_PERM_READ },
	};
	struct xs_permissions *got;
	unsigned int n;

	check(xs_set_permissions(h, XBT_NULL, "/api/a", set, 2),
	      "xs_set_permissions");
	got = xs_get_permissions(h, XBT_NULL, "/api/a", &n);
	check(got != NULL && n == 2 && got[0].id == 0 &&
	      got[0].perms == XS_PERM_NONE && got[1].id == 5 &&
	      got[1].perms == XS_PERM_READ, "xs_get_permissions");
	free(got);
}

static void api_domains(struct xs_handle *h)
{
	char *p = xs_get_domain_path(h, 7);

	check(p != NULL && !strcmp(p, "/local/domain/7"),
	      "xs_get_domain_path");
	free(p);
	check(xs_is_domain_introduced(h, 0), "xs_is_domain_introduced(0)");
	check(!xs_is_domain_introduced(h, 77),
	      "xs_is_domain_introduced(77) false");
	check(!xs_release_domain(h, 77), "xs_release_domain unknown fails");
}

static void api_transactions(struct xs_handle *h, struct xs_handle *h2)
{
	xs_transaction_t t = xs_transaction_start(h);
	bool ok;

	check(t != XBT_NULL, "xs_transaction_start");
	check(xs_write(h, t, "/api/tx", "in", 2), "write in transaction");
	check(read_is(h, t, "/api/tx", "in"), "read own write");
	check(xs_read(h2, XBT_NULL, "/api/tx", NULL) == NULL,
	      "transaction invisible outside");
	check(xs_transaction_end(h, t, true), "xs_transaction_end abort");
	check(xs_read(h, XBT_NULL, "/api/tx", NULL) == NULL, "abort dropped");

	t = xs_transaction_start(h);
	read_is(h, t, "/api/a", "one");
	xs_write(h2, XBT_NULL, "/api/a", "changed", 7);
	xs_write(h, t, "/api/tx", "in", 2);
	ok = !xs_transaction_end(h, t, false) && errno == EAGAIN;
	check(ok, "conflicting commit: EAGAIN");
	check(xs_read(h, XBT_NULL, "/api/tx", NULL) == NULL,
	      "failed commit changed nothing");

	t = xs_transaction_start(h);
	xs_write(h, t, "/api/tx", "in", 2);
	check(xs_transaction_end(h, t, false), "commit");
	check(read_is(h2, XBT_NULL, "/api/tx", "in"), "commit visible");
}

static bool wait_event(struct xs_handle *h, const char *path,
		       const char *token)
{
	struct pollfd pfd = { .fd = xs_fileno(h), .events = POLLIN };
	char **ev;
	unsigned int n;
	bool ok;

	if (poll(&pfd, 1, 2000) != 1)
		return false;
	ev = xs_read_watch(h, &n);
	ok = ev != NULL && n == 2 && !strcmp(ev[XS_WATCH_PATH], path) &&
	     !strcmp(ev[XS_WATCH_TOKEN], token);
	if (!ok && ev != NULL)
		fprintf(stderr, "event %s %s\n", ev[0], ev[1]);
	free(ev);
	return ok;
}

static void api_watches(struct xs_handle *h, struct xs_handle *h2)
{
	char **ev;

	check(xs_watch(h, "/api/w", "tok"), "xs_watch");
	check(wait_event(h, "/api/w", "tok"), "initial event");
	xs_write(h2, XBT_NULL, "/api/w/x", "1", 1);
	check(wait_event(h, "/api/w/x", "tok"), "event on change");
	xs_rm(h2, XBT_NULL, "/api/w");
	check(wait_event(h, "/api/w", "tok"), "event on removal");
	check(xs_unwatch(h, "/api/w", "tok"), "xs_unwatch");
	xs_write(h2, XBT_NULL, "/api/w", "2", 1);
	xs_write(h2, XBT_NULL, "/api/sync", "", 0);
	ev = xs_check_watch(h);
	check(ev == NULL && errno == EAGAIN, "no event after unwatch");
	free(ev);
	check(xs_watch(h, "@introduceDomain", "intro"), "watch special");
	check(wait_event(h, "@introduceDomain", "intro"), "special fires");
}

static void api_big_directory(struct xs_handle *h)
{
	char path[64];
	unsigned int i, n;
	char **dir;
	bool ok = true;

	for (i = 0; i < 1000 && ok; i++) {
		snprintf(path, sizeof(path), "/api/big/child-number-%04u", i);
		ok = xs_write(h, XBT_NULL, path, "", 0);
	}
	dir = xs_directory(h, XBT_NULL, "/api/big", &n);
	ok = ok && dir != NULL && n == 1000 &&
	     !strcmp(dir[999], "child-number-0999");
	check(ok, "xs_directory of 1000 children (DIRECTORY_PART)");
	free(dir);
	check(xs_rm(h, XBT_NULL, "/api/big"), "xs_rm of a big subtree");
}

static int api(void)
{
	struct xs_handle *h = xs_open(0), *h2 = xs_open(0);

	check(h != NULL && h2 != NULL, "xs_open");
	if (h == NULL || h2 == NULL)
		return 1;
	api_basic(h);
	api_perms(h);
	api_domains(h);
	api_transactions(h, h2);
	api_watches(h, h2);
	api_big_directory(h);
	xs_rm(h, XBT_NULL, "/api");
	xs_close(h2);
	xs_close(h);
	printf("%s: %d failure(s)\n", failures ? "FAIL" : "PASS", failures);
	return failures != 0;
}

/* Step i: a key, or (odd i) a transaction writing five keys. */
static bool writer_step(struct xs_handle *h, unsigned int i)
{
	char path[64], val[32];
	xs_transaction_t t;
	unsigned int k;

	snprintf(val, sizeof(val), "v%u", i);
	if (i % 2 == 0) {
		snprintf(path, sizeof(path), "/dur/k%u", i);
		return xs_write(h, XBT_NULL, path, val, strlen(val));
	}
	for (;;) {
		t = xs_transaction_start(h);
		if (t == XBT_NULL)
			return false;
		for (k = 0; k < 5; k++) {
			snprintf(path, sizeof(path), "/dur/t%u/%u", i, k);
			if (!xs_write(h, t, path, val, strlen(val)))
				return false;
		}
		if (xs_transaction_end(h, t, false))
			return true;
		if (errno != EAGAIN)
			return false;
	}
}

static int writer(unsigned int n)
{
	struct xs_handle *h = xs_open(0);
	unsigned int i;

	if (h == NULL)
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < n; i++) {
		if (!writer_step(h, i))
			return 1;
		printf("%u\n", i);	/* acknowledged */
	}
	return 0;
}

/* Every acknowledged step present; transactions all or nothing. */
static int verify(const char *file)
{
	struct xs_handle *h = xs_open(0);
	FILE *f = fopen(file, "r");
	unsigned int i, last = 0, k, present;
	char path[64], val[32];
	bool any = false;

	if (h == NULL || f == NULL)
		return 1;
	while (fscanf(f, "%u", &i) == 1) {
		last = i;
		any = true;
	}
	fclose(f);
	for (i = 0; any && i <= last + 1; i++) {
		snprintf(val, sizeof(val), "v%u", i);
		if (i % 2 == 0) {
			snprintf(path, sizeof(path), "/dur/k%u", i);
			if (i <= last && !read_is(h, XBT_NULL, path, val)) {
				printf("FAIL acknowledged %s lost\n", path);
				return 1;
			}
			continue;
		}
		for (present = 0, k = 0; k < 5; k++) {
			snprintf(path, sizeof(path), "/dur/t%u/%u", i, k);
			present += read_is(h, XBT_NULL, path, val);
		}
		if ((i <= last && present != 5) ||
		    (present != 0 && present != 5)) {
			printf("FAIL transaction %u: %u of 5 keys\n", i,
			       present);
			return 1;
		}
	}
	printf("PASS %u acknowledged steps present\n", any ? last + 1 : 0);
	xs_close(h);
	return 0;
}

static int control(int argc, char **argv)
{
	struct xs_handle *h = xs_open(0);
	char data[1024];
	size_t len = 0;
	char *reply;
	int i;

	if (h == NULL)
		return 1;
	for (i = 3; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;

		if (len + l > sizeof(data))
			return 2;
		memcpy(data + len, argv[i], l);
		len += l;
	}
	reply = xs_control_command(h, argv[2], data, (unsigned int)len);
	if (reply == NULL) {
		perror("xs_control_command");
		return 1;
	}
	printf("%s\n", reply);
	free(reply);
	xs_close(h);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "control"))
		return control(argc, argv);
	if (argc == 2 && !strcmp(argv[1], "api"))
		return api();
	if (argc == 3 && !strcmp(argv[1], "writer"))
		return writer((unsigned int)atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "verify"))
		return verify(argv[2]);
	fprintf(stderr, "usage: xs_client_test api|writer N|verify FILE|"
		"control CMD [ARG]...\n");
	return 2;
}
