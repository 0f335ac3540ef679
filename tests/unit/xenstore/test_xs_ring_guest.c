/* SPDX-License-Identifier: MIT */
/*
 * The ring transport against a real second party: a forked process plays
 * the guest over a shared mmap'd page (struct xenstore_domain_interface),
 * with two eventfds standing in for the event channel, one each way. The
 * parent runs the store core as the daemon does: wait for a notification,
 * xs_ring_service_all(). The guest runs real requests (write, read, watch,
 * a transaction), streams messages larger than the ring so that both
 * rings wrap many times and messages straddle the wrap, and at the end
 * writes a garbage producer index, which must break its ring only.
 *
 * The guest reports through its exit status and stderr (cmocka runs in
 * the parent only).
 */
#define _GNU_SOURCE
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xs_harness.h"

#define BIG		1500	/* value bytes: more than the ring holds */
#define NBIG		40
#define WAIT_MS		5000

struct shared {
	struct xenstore_domain_interface *intf;
	int to_daemon, to_guest;	/* eventfds */
};

static struct shared sh;

/* The daemon's platform: the shared page and the eventfds. */
static void *proc_ring_map(void *ctx, unsigned int domid, uint64_t gfn,
			   int *err)
{
	(void)ctx;
	(void)domid;
	(void)gfn;
	(void)err;
	return sh.intf;
}

static void proc_ring_unmap(void *ctx, unsigned int domid, void *page)
{
	(void)ctx;
	(void)domid;
	(void)page;
}

static int proc_evtchn_bind(void *ctx, unsigned int domid, unsigned int port)
{
	(void)ctx;
	(void)domid;
	(void)port;
	return sh.to_guest;
}

static void kick(int fd)
{
	uint64_t one = 1;

	if (write(fd, &one, sizeof(one)) != sizeof(one))
		abort();
}

static void proc_evtchn_notify(void *ctx, int port)
{
	(void)ctx;
	kick(port);
}

static const struct xs_plat_ops proc_ops = {
	.ring_map = proc_ring_map,
	.ring_unmap = proc_ring_unmap,
	.evtchn_bind = proc_evtchn_bind,
	.evtchn_notify = proc_evtchn_notify,
};

/* Wait for a notification on fd; false on timeout. */
static bool wait_kick(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	uint64_t v;

	if (poll(&p, 1, ms) != 1)
		return false;
	return read(fd, &v, sizeof(v)) == sizeof(v);
}

/* --- the guest side (child process) --- */

#define GFAIL(...) do {							\
	fprintf(stderr, "guest: " __VA_ARGS__);				\
	fputc('\n', stderr);						\
	_exit(1);							\
} while (0)

static void g_send(const void *buf, size_t len)
{
	struct xenstore_domain_interface *intf = sh.intf;
	const char *p = buf;

	while (len > 0) {
		uint32_t cons = __atomic_load_n(&intf->req_cons,
						__ATOMIC_ACQUIRE);
		uint32_t prod = intf->req_prod;
		uint32_t off = MASK_XENSTORE_IDX(prod);
		uint32_t n = XENSTORE_RING_SIZE - (prod - cons);

		if (n == 0) {
			if (!wait_kick(sh.to_guest, WAIT_MS))
				GFAIL("request ring never drained");
			continue;
		}
		if (n > XENSTORE_RING_SIZE - off)
			n = XENSTORE_RING_SIZE - off;
		if (n > len)
			n = (uint32_t)len;
		memcpy(intf->req + off, p, n);
		__atomic_store_n(&intf->req_prod, prod + n, __ATOMIC_RELEASE);
		kick(sh.to_daemon);
		p += n;
		len -= n;
	}
}

static void g_recv(void *buf, size_t len)
{
	struct xenstore_domain_interface *intf = sh.intf;
	char *p = buf;

	while (len > 0) {
		uint32_t prod = __atomic_load_n(&intf->rsp_prod,
						__ATOMIC_ACQUIRE);
		uint32_t cons = intf->rsp_cons;
		uint32_t off = MASK_XENSTORE_IDX(cons);
		uint32_t n = prod - cons;

		if (n == 0) {
			if (!wait_kick(sh.to_guest, WAIT_MS))
				GFAIL("no reply");
			continue;
		}
		if (n > XENSTORE_RING_SIZE - off)
			n = XENSTORE_RING_SIZE - off;
		if (n > len)
			n = (uint32_t)len;
		memcpy(p, intf->rsp + off, n);
		__atomic_store_n(&intf->rsp_cons, cons + n, __ATOMIC_RELEASE);
		kick(sh.to_daemon);
		p += n;
		len -= n;
	}
}

static char g_events[4096];

/*
 * One request; returns the reply payload (NUL-terminated) in buf and its
 * type. Watch events met on the way are appended to g_events.
 */
static uint32_t g_req(uint32_t type, uint32_t tx, const void *payload,
		      size_t len, char *buf)
{
	static uint32_t req_id = 100;
	struct xsd_sockmsg h = { type, ++req_id, tx, (uint32_t)len };

	g_send(&h, sizeof(h));
	g_send(payload, len);
	for (;;) {
		g_recv(&h, sizeof(h));
		if (h.len > XENSTORE_PAYLOAD_MAX)
			GFAIL("reply of %u bytes", h.len);
		g_recv(buf, h.len);
		buf[h.len] = '\0';
		if (h.type != XS_WATCH_EVENT) {
			if (h.req_id != req_id)
				GFAIL("reply %u to request %u", h.req_id,
				      req_id);
			return h.type;
		}
		snprintf(g_events + strlen(g_events),
			 sizeof(g_events) - strlen(g_events), "%s|%s\n", buf,
			 buf + strlen(buf) + 1);
	}
}

/* Request, and insist on the reply: its type and its text. */
static void g_expect(uint32_t type, uint32_t tx, const void *payload,
		     size_t len, uint32_t rtype, const char *want)
{
	char buf[XENSTORE_PAYLOAD_MAX + 1];
	uint32_t got = g_req(type, tx, payload, len, buf);

	if (got != rtype || strcmp(buf, want) != 0)
		GFAIL("type %u: got type %u '%s', want '%s'", type, got, buf,
		      want);
}

/* lit: a string literal whose final NUL ends the last argument. */
#define G_EXPECT(type, tx, lit, want) \
	g_expect((type), (tx), (lit), sizeof(lit), (type), (want))
/* lit: path NUL value, sent without a NUL after the value. */
#define G_WRITE(tx, lit) \
	g_expect(XS_WRITE, (tx), (lit), sizeof(lit) - 1, XS_WRITE, "OK")

static void g_big_values(void)
{
	char msg[64 + BIG], buf[XENSTORE_PAYLOAD_MAX + 1];
	unsigned int i, pl;

	for (i = 0; i < NBIG; i++) {
		pl = (unsigned int)sprintf(msg, "big/%u", i) + 1;
		memset(msg + pl, 'a' + (int)(i % 26), BIG);
		g_expect(XS_WRITE, 0, msg, pl + BIG, XS_WRITE, "OK");
	}
	for (i = 0; i < NBIG; i++) {
		pl = (unsigned int)sprintf(msg, "big/%u", i) + 1;
		if (g_req(XS_READ, 0, msg, pl, buf) != XS_READ ||
		    strlen(buf) != BIG || buf[BIG - 1] != 'a' + (int)(i % 26))
			GFAIL("big value %u came back wrong", i);
	}
}

static void guest_main(void)
{
	char buf[XENSTORE_PAYLOAD_MAX + 1];
	uint32_t tx;

	G_WRITE(0, "data/x\0hello");
	G_EXPECT(XS_READ, 0, "data/x", "hello");
	G_EXPECT(XS_WATCH, 0, "data\0tok", "OK");
	if (g_req(XS_TRANSACTION_START, 0, "", 1, buf) !=
	    XS_TRANSACTION_START)
		GFAIL("transaction start: %s", buf);
	tx = (uint32_t)atoi(buf);
	G_WRITE(tx, "data/t\0in-tx");
	G_EXPECT(XS_TRANSACTION_END, tx, "T", "OK");
	G_EXPECT(XS_READ, 0, "data/t", "in-tx");
	if (strcmp(g_events, "data|tok\ndata/t|tok\n") != 0)
		GFAIL("watch events: '%s'", g_events);
	g_expect(XS_READ, 0, "/tool/xenstored", 16, XS_ERROR, "EACCES");
	g_big_values();
	/* A hostile producer index: the daemon must give up on us. */
	sh.intf->req_prod = sh.intf->req_cons + 3 * XENSTORE_RING_SIZE;
	kick(sh.to_daemon);
	while (__atomic_load_n(&sh.intf->error, __ATOMIC_ACQUIRE) == 0)
		if (!wait_kick(sh.to_guest, WAIT_MS) &&
		    __atomic_load_n(&sh.intf->error, __ATOMIC_ACQUIRE) == 0)
			GFAIL("garbage index not noticed");
	_exit(0);
}

/* --- the daemon side (this process) --- */

/* The shared page, the two "event channels" and domain 9 introduced. */
static struct xs_store *shared_setup(struct xs_conn **d0)
{
	struct xs_store *s;

	xs_harness_reset();
	sh.intf = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(sh.intf != MAP_FAILED);
	sh.to_daemon = eventfd(0, EFD_CLOEXEC);
	sh.to_guest = eventfd(0, EFD_CLOEXEC);
	assert_true(sh.to_daemon >= 0 && sh.to_guest >= 0);
	s = xs_store_create(&proc_ops, NULL);
	*d0 = xs_conn_create(s, 0, 0);
	EXPECT_OK(*d0, XS_MKDIR, 0, "/local/domain/9");
	EXPECT_OK(*d0, XS_SET_PERMS, 0, "/local/domain/9\0n9");
	EXPECT_OK(*d0, XS_INTRODUCE, 0, "9\0001\0005");
	assert_int_equal(sh.intf->server_features,
			 XENSTORE_SERVER_FEATURE_ERROR);
	return s;
}

/* The daemon's loop: serve on every notification until the guest exits. */
static int serve_guest(struct xs_store *s, pid_t pid)
{
	int status = -1, idle = 0;

	while (waitpid(pid, &status, WNOHANG) == 0 && idle < 100) {
		if (wait_kick(sh.to_daemon, 100))
			xs_ring_service_all(s);
		else
			idle++;
	}
	if (idle == 100) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	return status;
}

static void test_guest_process(void **state)
{
	struct xs_store *s;
	struct xs_conn *d0;
	struct xs_domain *d;
	pid_t pid;
	int status;

	(void)state;
	s = shared_setup(&d0);
	d = xs_domain_find(s, 9);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		guest_main();
	status = serve_guest(s, pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* Its ring is broken, its store and everyone else are fine. */
	assert_int_equal(sh.intf->error, XENSTORE_ERROR_RINGIDX);
	assert_true(d->ring_conn->dead);
	EXPECT_READ(d0, 0, "/local/domain/9/data/x", "hello");
	EXPECT_READ(d0, 0, "/local/domain/9/data/t", "in-tx");
	assert_non_null(xs_tree_lookup(s, "/local/domain/9/big/39"));
	/* Both rings wrapped many times over. */
	assert_true(sh.intf->req_cons > NBIG * BIG);
	assert_true(sh.intf->rsp_prod > NBIG * BIG);
	EXPECT_OK(d0, XS_RELEASE, 0, "9");
	xs_store_destroy(s);
	munmap(sh.intf, 4096);
	close(sh.to_daemon);
	close(sh.to_guest);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guest_process),
	};

	return cmocka_run_group_tests_name("xenstore ring with a guest "
					   "process", tests, NULL, NULL);
}
