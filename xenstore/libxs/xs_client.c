/* SPDX-License-Identifier: MIT */
/*
 * Client library, transport side: connecting to the daemon's socket,
 * framing, matching replies to requests, and the reader thread that
 * takes watch events as they come once a watch exists (so xs_fileno()
 * can signal them through a pipe, as libxenstore does).
 */
#define _GNU_SOURCE		/* pipe2 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "xs_client.h"

static const char *xs_socket_path(void)
{
	static char buf[PATH_MAX];
	const char *p = getenv("XENSTORED_PATH");
	const char *rundir = getenv("XENSTORED_RUNDIR");

	if (p != NULL)
		return p;
	snprintf(buf, sizeof(buf), "%s/socket",
		 rundir ? rundir : "/var/run/xenstored");
	return buf;
}

static int xs_connect(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

struct xs_handle *xs_open(unsigned long flags)
{
	struct xs_handle *h = calloc(1, sizeof(*h));
	const char *path = xs_socket_path();
	char ro[PATH_MAX + 4];
	int fd = -1;

	if (h == NULL)
		return NULL;
	if (flags & XS_OPEN_READONLY) {
		snprintf(ro, sizeof(ro), "%s_ro", path);
		fd = xs_connect(ro);
	}
	if (fd < 0)
		fd = xs_connect(path);
	if (fd < 0) {
		free(h);
		return NULL;
	}
	h->fd = fd;
	h->flags = flags;
	h->pipe[0] = h->pipe[1] = -1;
	h->ev_tail = &h->ev_head;
	pthread_mutex_init(&h->req_lock, NULL);
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->cond, NULL);
	return h;
}

struct xs_handle *xs_daemon_open(void)
{
	return xs_open(0);
}

struct xs_handle *xs_domain_open(void)
{
	return xs_open(0);
}

struct xs_handle *xs_daemon_open_readonly(void)
{
	return xs_open(XS_OPEN_READONLY);
}

void xs_close(struct xs_handle *h)
{
	struct xs_cmsg *m, *next;

	if (h == NULL)
		return;
	shutdown(h->fd, SHUT_RDWR);
	if (h->reader)
		pthread_join(h->reader_thread, NULL);
	close(h->fd);
	for (m = h->ev_head; m != NULL; m = next) {
		next = m->next;
		free(m);
	}
	free(h->reply);
	if (h->pipe[0] >= 0) {
		close(h->pipe[0]);
		close(h->pipe[1]);
	}
	pthread_mutex_destroy(&h->req_lock);
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->cond);
	free(h);
}

void xs_daemon_close(struct xs_handle *h)
{
	xs_close(h);
}

static int xs_read_full(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len > 0) {
		ssize_t n = read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ECONNRESET;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* One message from the daemon; NULL with errno on failure. */
static struct xs_cmsg *xs_read_msg(int fd)
{
	struct xsd_sockmsg hdr;
	struct xs_cmsg *m;

	if (xs_read_full(fd, &hdr, sizeof(hdr)) != 0)
		return NULL;
	if (hdr.len > XENSTORE_PAYLOAD_MAX) {
		errno = EBADMSG;
		return NULL;
	}
	m = malloc(sizeof(*m) + hdr.len + 1);
	if (m == NULL)
		return NULL;
	m->hdr = hdr;
	m->next = NULL;
	if (xs_read_full(fd, m->body, hdr.len) != 0) {
		free(m);
		return NULL;
	}
	m->body[hdr.len] = '\0';
	return m;
}

/* Queue a watch event (lock held); the pipe gets a byte per event. */
static void xs_queue_event(struct xs_handle *h, struct xs_cmsg *m)
{
	*h->ev_tail = m;
	h->ev_tail = &m->next;
	h->nevents++;
	if (h->pipe[1] >= 0 && write(h->pipe[1], "", 1) < 0) {
		/* A full pipe already signals. */
	}
	pthread_cond_broadcast(&h->cond);
}

static void *xs_reader_main(void *arg)
{
	struct xs_handle *h = arg;

	for (;;) {
		struct xs_cmsg *m = xs_read_msg(h->fd);

		pthread_mutex_lock(&h->lock);
		if (m == NULL) {
			h->broken = true;
			pthread_cond_broadcast(&h->cond);
			pthread_mutex_unlock(&h->lock);
			return NULL;
		}
		if (m->hdr.type == XS_WATCH_EVENT) {
			xs_queue_event(h, m);
		} else {
			free(h->reply);
			h->reply = m;
			pthread_cond_broadcast(&h->cond);
		}
		pthread_mutex_unlock(&h->lock);
	}
}

/* Start taking events in the background (first xs_watch). */
int xs_reader_start(struct xs_handle *h)
{
	int rc = 0;

	pthread_mutex_lock(&h->req_lock);
	pthread_mutex_lock(&h->lock);
	if (!h->reader) {
		rc = pthread_create(&h->reader_thread, NULL, xs_reader_main,
				    h);
		h->reader = rc == 0;
	}
	pthread_mutex_unlock(&h->lock);
	pthread_mutex_unlock(&h->req_lock);
	if (rc != 0)
		errno = rc;
	return rc == 0 ? 0 : -1;
}

/* The reply to the request just sent ([R] held). */
static struct xs_cmsg *xs_wait_reply(struct xs_handle *h)
{
	struct xs_cmsg *m;

	pthread_mutex_lock(&h->lock);
	if (!h->reader) {
		pthread_mutex_unlock(&h->lock);
		while ((m = xs_read_msg(h->fd)) != NULL &&
		       m->hdr.type == XS_WATCH_EVENT) {
			pthread_mutex_lock(&h->lock);
			xs_queue_event(h, m);
			pthread_mutex_unlock(&h->lock);
		}
		return m;
	}
	while (h->reply == NULL && !h->broken)
		pthread_cond_wait(&h->cond, &h->lock);
	m = h->reply;
	h->reply = NULL;
	pthread_mutex_unlock(&h->lock);
	if (m == NULL)
		errno = ECONNRESET;
	return m;
}

/* The errno an error reply names (the ABI's table); EINVAL if unknown. */
static int xs_errno_of(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++)
		if (strcmp(name, xsd_errors[i].errstring) == 0)
			return xsd_errors[i].errnum;
	return EINVAL;
}

/*
 * Send one request (payload gathered from iov) and wait for its reply.
 * Returns the reply payload, NUL-terminated, malloc'ed (*len without the
 * NUL); NULL with errno on an error reply or a broken connection.
 */
void *xs_talk(struct xs_handle *h, xs_transaction_t t, uint32_t type,
	      const struct iovec *iov, unsigned int niov, unsigned int *len)
{
	struct xsd_sockmsg hdr = { type, 0, t, 0 };
	struct iovec v[8];
	struct msghdr mh = { .msg_iov = v, .msg_iovlen = niov + 1 };
	struct xs_cmsg *m;
	unsigned int i;
	size_t total = 0;
	char *out;
	ssize_t n;

	if (niov > 7) {
		errno = E2BIG;
		return NULL;
	}
	for (i = 0; i < niov; i++) {
		v[i + 1] = iov[i];
		total += iov[i].iov_len;
	}
	if (total > XENSTORE_PAYLOAD_MAX) {
		errno = E2BIG;
		return NULL;
	}
	hdr.len = (uint32_t)total;
	v[0].iov_base = &hdr;
	v[0].iov_len = sizeof(hdr);
	pthread_mutex_lock(&h->req_lock);
	hdr.req_id = h->req_id++;
	n = sendmsg(h->fd, &mh, MSG_NOSIGNAL);
	m = n == (ssize_t)(sizeof(hdr) + total) ? xs_wait_reply(h) : NULL;
	pthread_mutex_unlock(&h->req_lock);
	if (m == NULL)
		return NULL;
	if (m->hdr.type == XS_ERROR) {
		errno = xs_errno_of(m->body);
		free(m);
		return NULL;
	}
	out = malloc(m->hdr.len + 1);
	if (out != NULL) {
		memcpy(out, m->body, m->hdr.len + 1);
		if (len != NULL)
			*len = m->hdr.len;
	}
	free(m);
	return out;
}

void *xs_talk_str(struct xs_handle *h, xs_transaction_t t, uint32_t type,
		  const char *arg, unsigned int *len)
{
	struct iovec v = { (void *)arg, strlen(arg) + 1 };

	return xs_talk(h, t, type, &v, 1, len);
}

bool xs_talk_ok(struct xs_handle *h, xs_transaction_t t, uint32_t type,
		const struct iovec *iov, unsigned int niov)
{
	void *r = xs_talk(h, t, type, iov, niov, NULL);

	free(r);
	return r != NULL;
}

int xs_fileno(struct xs_handle *h)
{
	unsigned int i;

	pthread_mutex_lock(&h->lock);
	if (h->pipe[0] < 0 && pipe2(h->pipe, O_CLOEXEC | O_NONBLOCK) == 0)
		for (i = 0; i < h->nevents; i++)
			if (write(h->pipe[1], "", 1) < 0)
				break;
	pthread_mutex_unlock(&h->lock);
	if (h->pipe[0] < 0)
		return -1;
	xs_reader_start(h);
	return h->pipe[0];
}

/* An event as libxenstore returns it: vector and strings in one block. */
static char **xs_take_event(struct xs_handle *h, unsigned int *num)
{
	struct xs_cmsg *m = h->ev_head;
	char **v, c;

	h->ev_head = m->next;
	if (h->ev_head == NULL)
		h->ev_tail = &h->ev_head;
	h->nevents--;
	if (h->pipe[0] >= 0 && read(h->pipe[0], &c, 1) < 0) {
		/* Nothing to take: the byte was never written. */
	}
	v = xs_split(m->body, m->hdr.len, num, 0);
	free(m);
	return v;
}

char **xs_read_watch(struct xs_handle *h, unsigned int *num)
{
	char **v = NULL;

	pthread_mutex_lock(&h->lock);
	while (h->ev_head == NULL && !h->broken) {
		if (!h->reader) {
			pthread_mutex_unlock(&h->lock);
			if (xs_reader_start(h) != 0)
				return NULL;
			pthread_mutex_lock(&h->lock);
			continue;
		}
		pthread_cond_wait(&h->cond, &h->lock);
	}
	if (h->ev_head != NULL)
		v = xs_take_event(h, num);
	else
		errno = ECONNRESET;
	pthread_mutex_unlock(&h->lock);
	return v;
}

char **xs_check_watch(struct xs_handle *h)
{
	unsigned int num;
	char **v = NULL;

	pthread_mutex_lock(&h->lock);
	if (h->ev_head != NULL)
		v = xs_take_event(h, &num);
	else
		errno = h->broken ? ECONNRESET : EAGAIN;
	pthread_mutex_unlock(&h->lock);
	return v;
}
