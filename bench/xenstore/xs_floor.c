/* SPDX-License-Identifier: MIT */
/*
 * The floor of the xenstore benchmark: a responder that keeps no store
 * at all. It answers WRITE, RM, WATCH, UNWATCH and TRANSACTION_END with
 * "OK", READ with a short value and TRANSACTION_START with transaction
 * 1, and anything else with ENOSYS. It remembers the last WATCH of each
 * connection, fires it once when set and again on every WRITE to that
 * exact path (the event before the writer's reply, as our daemon does).
 * It never sleeps: it spins on every connection with non-blocking
 * peeks, and replies before it takes a request off the socket (see
 * xenstored_linux.c, client_read, for why).
 *
 * No daemon can answer a sequential client faster than this one does on
 * the same machine, so "xs_bench --floor" against it measures what the
 * client library, the kernel and the machine leave for any daemon: the
 * bench prints it next to the real daemons.
 *
 *   xs_floor SOCKET_PATH        (runs until killed)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_CONN	256
#define HDR		16
#define PAYLOAD_MAX	4096
#define WATCH_MAX	256	/* path and token, with their NULs */

/* The wire header (xs_wire.h's xsd_sockmsg), written out here. */
struct hdr {
	uint32_t type, req_id, tx_id, len;
};

enum { XS_READ = 2, XS_WATCH = 4, XS_UNWATCH = 5, XS_TXN_START = 6,
       XS_TXN_END = 7, XS_WRITE = 11, XS_RM = 13, XS_WATCH_EVENT = 15,
       XS_ERROR = 16 };

struct conn {
	int fd;
	size_t watch_len;		/* 0: no watch */
	char watch[WATCH_MAX];		/* "path\0token\0" */
};

static struct conn conns[MAX_CONN];
static int nconn;

static void fire(const struct conn *c)
{
	struct hdr h = { XS_WATCH_EVENT, 0, 0, (uint32_t)c->watch_len };
	char msg[HDR + WATCH_MAX];

	memcpy(msg, &h, HDR);
	memcpy(msg + HDR, c->watch, c->watch_len);
	(void)send(c->fd, msg, HDR + c->watch_len,
		   MSG_NOSIGNAL | MSG_DONTWAIT);
}

/* WATCH, or a WRITE that fires watches; body is NUL-terminated. */
static void watch_side(struct conn *c, const struct hdr *req,
		       const char *body)
{
	int i;

	if (req->type == XS_WATCH && req->len <= WATCH_MAX) {
		memcpy(c->watch, body, req->len);
		c->watch_len = req->len;
	} else if (req->type == XS_UNWATCH) {
		c->watch_len = 0;
	} else if (req->type == XS_WRITE) {
		for (i = 0; i < nconn; i++)
			if (conns[i].watch_len != 0 &&
			    strcmp(conns[i].watch, body) == 0)
				fire(&conns[i]);
	}
}

static void reply(int fd, const struct hdr *req)
{
	struct {
		struct hdr h;
		char body[8];
	} r;
	const char *body;

	r.h = *req;
	switch (req->type) {
	case XS_READ:		body = "floor"; break;
	case XS_TXN_START:	body = "1"; break;
	case XS_WRITE:
	case XS_RM:
	case XS_WATCH:
	case XS_UNWATCH:
	case XS_TXN_END:	body = "OK"; break;
	default:
		r.h.type = XS_ERROR;
		body = "ENOSYS";
	}
	/* A READ's value has no NUL; every other reply's string has one. */
	r.h.len = (uint32_t)strlen(body) + (req->type != XS_READ);
	memcpy(r.body, body, r.h.len);
	(void)send(fd, &r, HDR + r.h.len, MSG_NOSIGNAL | MSG_DONTWAIT);
}

/* Answer the next whole message on c; -1 once the peer is gone. */
static int serve_one(struct conn *c)
{
	static char buf[HDR + PAYLOAD_MAX + 1];
	int fd = c->fd;
	struct hdr h;
	ssize_t n;

	n = recv(fd, buf, sizeof(buf) - 1, MSG_PEEK | MSG_DONTWAIT);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		return -1;
	if (n < HDR)
		return 0;
	memcpy(&h, buf, HDR);
	if (h.len > PAYLOAD_MAX)
		return -1;
	if ((size_t)n < HDR + h.len)
		return 0;
	buf[HDR + h.len] = '\0';
	watch_side(c, &h, buf + HDR);
	reply(fd, &h);
	if (h.type == XS_WATCH && c->watch_len != 0)
		fire(c);		/* the event a new watch gets at once */
	return recv(fd, buf, HDR + h.len, MSG_DONTWAIT) == HDR + h.len ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int lfd, i;

	if (argc != 2 || strlen(argv[1]) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "usage: xs_floor SOCKET_PATH\n");
		return 2;
	}
	strcpy(sa.sun_path, argv[1]);
	unlink(argv[1]);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(lfd, 64) != 0) {
		fprintf(stderr, "xs_floor: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (unsigned int spin = 0;; spin++) {
		/* New clients are rare: look for them every 256 rounds. */
		int fd = spin % 256 ? -1 : accept4(lfd, NULL, NULL,
						   SOCK_NONBLOCK);

		if (fd >= 0 && nconn < MAX_CONN)
			conns[nconn++] = (struct conn){ .fd = fd };
		else if (fd >= 0)
			close(fd);
		for (i = 0; i < nconn; i++) {
			if (serve_one(&conns[i]) == 0)
				continue;
			close(conns[i].fd);
			conns[i--] = conns[--nconn];
		}
	}
}
