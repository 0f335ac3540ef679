/* SPDX-License-Identifier: MIT */
/*
 * xenstored for a Linux host: the store core behind Unix sockets.
 *
 *   xenstored --socket PATH [--state FILE] [--log FILE] [--pid-file FILE]
 *             [--verbose] [--journal-max BYTES] [-E nodes] [-S entry-size] [-W watches]
 *             [-t transactions] [-A permissions] [-M path-max]
 *             [-Q name=value]...
 *
 * PATH serves read-write clients and PATH_ro read-only ones; every socket
 * client acts as dom0, as with Xen's daemon. One thread, one poll() loop:
 * read what clients sent and handle it, make the journal durable
 * (xs_store_sync), and only then write replies and events. With --state
 * the store is replayed from FILE at start and every change is appended
 * to it; the file is compacted (snapshot, fsync, rename) once it has
 * grown by BYTES (default: its size plus 4 MiB).
 */
#define _GNU_SOURCE	/* accept4, SOCK_NONBLOCK */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "xs_core.h"
#include "xs_ring.h"

#define RBUF_SIZE	(64 * 1024)
#define MAX_CLIENTS	1024

struct client {
	int fd;
	bool eof;			/* peer closed: not a violation */
	struct xs_conn *conn;
	size_t rlen;
	unsigned char rbuf[RBUF_SIZE];
};

struct daemon {
	struct xs_store *store;
	FILE *log;
	enum xs_log_level level;
	const char *state;
	int jfd;			/* journal, or -1 */
	off_t jsize, jcompact;		/* size; compact past this */
	off_t jmax;			/* --journal-max, or 0 */
	int lfd[2];			/* listening: rw, ro */
	char *sock[2];
	struct client *clients[MAX_CLIENTS];
	unsigned int nclients;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void plat_log(void *ctx, enum xs_log_level lvl, const char *fmt,
		     va_list ap)
{
	static const char *const names[] = { "ERR", "WARN", "INFO", "DEBUG" };
	struct daemon *d = ctx;
	char ts[32];
	time_t now = time(NULL);
	struct tm tm;

	if (lvl > d->level)
		return;
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(d->log, "%s xenstored[%d]: %s ", ts, (int)getpid(),
		names[lvl]);
	vfprintf(d->log, fmt, ap);
	fputc('\n', d->log);
	fflush(d->log);
}

static void dlog(struct daemon *d, enum xs_log_level lvl, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));
static void dlog(struct daemon *d, enum xs_log_level lvl, const char *fmt,
		 ...)
{
	va_list ap;

	va_start(ap, fmt);
	plat_log(d, lvl, fmt, ap);
	va_end(ap);
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int plat_journal_write(void *ctx, const void *buf, size_t len)
{
	struct daemon *d = ctx;

	if (d->jfd < 0)
		return 0;
	if (write_all(d->jfd, buf, len) != 0 || fdatasync(d->jfd) != 0)
		return -1;
	d->jsize += (off_t)len;
	return 0;
}

static const struct xs_plat_ops linux_plat = {
	.log = plat_log,
	.journal_write = plat_journal_write,
};

static int emit_fd(void *ctx, const void *buf, size_t len)
{
	return write_all(*(int *)ctx, buf, len);
}

static int fsync_dir_of(const char *path)
{
	char *dir = strdup(path), *slash;
	int fd, rc;

	if (dir == NULL)
		return -1;
	slash = strrchr(dir, '/');
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Replace the journal with a snapshot of the store: write it to
 * STATE.tmp, fsync, rename over STATE, fsync the directory, reopen.
 * A crash anywhere leaves either the old file or the new one.
 */
static int compact(struct daemon *d)
{
	size_t n = strlen(d->state) + 5;
	char *tmp = malloc(n);
	struct stat st;
	int fd = -1, rc = -1;

	if (tmp == NULL)
		return -1;
	snprintf(tmp, n, "%s.tmp", d->state);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || xs_journal_snapshot(d->store, emit_fd, &fd) != 0 ||
	    fsync(fd) != 0 || fstat(fd, &st) != 0 ||
	    rename(tmp, d->state) != 0 || fsync_dir_of(d->state) != 0)
		goto out;
	if (d->jfd >= 0)
		close(d->jfd);
	d->jfd = open(d->state, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (d->jfd < 0)
		goto out;
	d->jsize = st.st_size;
	d->jcompact = d->jmax ? st.st_size + d->jmax :
				2 * st.st_size + 4 * 1024 * 1024;
	dlog(d, XS_LOG_INFO, "journal compacted to %lld bytes",
	     (long long)st.st_size);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		dlog(d, XS_LOG_ERR, "journal compaction of %s failed: %s",
		     d->state, strerror(errno));
	free(tmp);
	return rc;
}

static int load_state(struct daemon *d)
{
	int fd = open(d->state, O_RDONLY | O_CLOEXEC);
	struct stat st;
	unsigned char *buf;
	size_t good;
	int rc;

	if (fd < 0) {
		if (errno != ENOENT)
			return -1;
		dlog(d, XS_LOG_INFO, "no state in %s: starting empty",
		     d->state);
		return 0;
	}
	if (fstat(fd, &st) != 0 || (buf = malloc(st.st_size + 1)) == NULL) {
		close(fd);
		return -1;
	}
	rc = read(fd, buf, st.st_size) == st.st_size ? 0 : -1;
	close(fd);
	if (rc == 0)
		rc = xs_journal_replay(d->store, buf, st.st_size, &good);
	free(buf);
	if (rc != 0) {
		dlog(d, XS_LOG_ERR, "state %s is corrupt: refusing to start",
		     d->state);
		return -1;
	}
	dlog(d, XS_LOG_INFO, "state %s: replayed %zu of %lld bytes, %zu "
	     "nodes", d->state, good, (long long)st.st_size,
	     d->store->nodes.count);
	if (good < (size_t)st.st_size)
		dlog(d, XS_LOG_WARN, "state %s: dropped a torn last batch "
		     "of %lld bytes (never acknowledged)", d->state,
		     (long long)(st.st_size - (off_t)good));
	return 0;
}

static int listen_on(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    chmod(path, 0600) != 0 || listen(fd, 128) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void accept_client(struct daemon *d, int which)
{
	int fd = accept4(d->lfd[which], NULL, NULL,
			 SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct client *cl;

	if (fd < 0)
		return;
	if (d->nclients == MAX_CLIENTS ||
	    (cl = calloc(1, sizeof(*cl))) == NULL) {
		dlog(d, XS_LOG_WARN, "refusing a client: %u connected",
		     d->nclients);
		close(fd);
		return;
	}
	cl->fd = fd;
	cl->conn = xs_conn_create(d->store, 0, which ? XS_CONN_READONLY : 0);
	if (cl->conn == NULL) {
		close(fd);
		free(cl);
		return;
	}
	d->clients[d->nclients++] = cl;
	if (d->store->verbose)
		dlog(d, XS_LOG_DEBUG, "client fd %d connected%s", fd,
		     which ? " (read-only)" : "");
}

static void drop_client(struct daemon *d, unsigned int i)
{
	struct client *cl = d->clients[i];

	if (d->store->verbose || (cl->conn->dead && !cl->eof))
		dlog(d, cl->conn->dead ? XS_LOG_INFO : XS_LOG_DEBUG,
		     "client fd %d disconnected%s", cl->fd,
		     cl->conn->dead && !cl->eof ?
		     " (protocol violation or overflow)" :
				      "");
	xs_conn_destroy(cl->conn);
	close(cl->fd);
	free(cl);
	d->clients[i] = d->clients[--d->nclients];
}

/* Hand buffered input to the core; false if nothing could be taken. */
static bool feed(struct client *cl)
{
	size_t used;

	if (cl->rlen == 0)
		return false;
	used = xs_conn_input(cl->conn, cl->rbuf, cl->rlen);
	memmove(cl->rbuf, cl->rbuf + used, cl->rlen - used);
	cl->rlen -= used;
	return used > 0;
}

/* Read and handle; returns -1 on EOF or error. */
static int client_read(struct client *cl)
{
	ssize_t n;

	if (cl->rlen == RBUF_SIZE || !xs_conn_wants_input(cl->conn))
		return 0;
	n = read(cl->fd, cl->rbuf + cl->rlen, RBUF_SIZE - cl->rlen);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		return -1;
	if (n > 0)
		cl->rlen += (size_t)n;
	feed(cl);
	return 0;
}

/* Write queued output, coalesced; returns -1 if the peer is gone. */
static int client_write(struct client *cl)
{
	unsigned char buf[RBUF_SIZE];

	for (;;) {
		size_t len = xs_conn_out_gather(cl->conn, buf, sizeof(buf));
		ssize_t n;

		if (len == 0)
			return 0;
		n = send(cl->fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return 0;
		if (n < 0)
			return -1;
		xs_conn_out_advance(cl->conn, (size_t)n);
		if ((size_t)n < len)
			return 0;
	}
}

static void handle_ready(struct daemon *d, struct pollfd *pfd)
{
	unsigned int i;

	for (i = 0; i < 2; i++)
		if (pfd[i].revents & POLLIN)
			accept_client(d, (int)i);
	for (i = 0; i < d->nclients; i++) {
		struct client *cl = d->clients[i];
		short ev = pfd[i + 2].fd == cl->fd ? pfd[i + 2].revents : 0;

		if ((ev & (POLLIN | POLLHUP | POLLERR)) &&
		    client_read(cl) != 0)
			cl->eof = true;
	}
}

/*
 * After handling: journal, then output, then input that waited for room
 * in the output queues, until nothing moves. Dead clients are closed.
 */
static void flush_all(struct daemon *d)
{
	bool progress = true;
	unsigned int i;

	while (progress) {
		progress = false;
		xs_ring_service_all(d->store);
		if (xs_store_sync(d->store) != 0) {
			dlog(d, XS_LOG_ERR, "cannot make changes durable: "
			     "exiting without acknowledging them");
			exit(1);
		}
		/* Watch events first: their readers wait on them. */
		for (i = 0; i < d->nclients; i++)
			if (d->clients[i]->conn->nreplies == 0 &&
			    client_write(d->clients[i]) != 0)
				d->clients[i]->eof = true;
		for (i = 0; i < d->nclients; i++) {
			struct client *cl = d->clients[i];

			if (client_write(cl) != 0)
				cl->eof = true;
			else if (xs_conn_wants_input(cl->conn) && feed(cl))
				progress = true;
		}
	}
	for (i = d->nclients; i-- > 0;)
		if (d->clients[i]->conn->dead || d->clients[i]->eof)
			drop_client(d, i);
	if (d->jfd >= 0 && d->jsize > d->jcompact && compact(d) != 0)
		exit(1);
}

static void serve(struct daemon *d)
{
	static struct pollfd pfd[MAX_CLIENTS + 2];
	time_t tick = time(NULL);
	unsigned int i;

	while (!stop_requested) {
		for (i = 0; i < 2; i++) {
			pfd[i].fd = d->lfd[i];
			pfd[i].events = POLLIN;
		}
		for (i = 0; i < d->nclients; i++) {
			struct client *cl = d->clients[i];
			size_t l;

			pfd[i + 2].fd = cl->fd;
			pfd[i + 2].events = 0;
			if (xs_conn_wants_input(cl->conn) &&
			    cl->rlen < RBUF_SIZE)
				pfd[i + 2].events |= POLLIN;
			if (xs_conn_out_peek(cl->conn, &l) != NULL)
				pfd[i + 2].events |= POLLOUT;
		}
		if (poll(pfd, d->nclients + 2, 1000) < 0 && errno != EINTR)
			break;
		if (time(NULL) != tick) {
			tick = time(NULL);
			if (d->store->log_dropped)
				dlog(d, XS_LOG_INFO, "%lu refusals not logged",
				     d->store->log_dropped);
			d->store->log_dropped = 0;
			d->store->log_budget = 100;
		}
		handle_ready(d, pfd);
		flush_all(d);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: xenstored --socket PATH [--state FILE] "
		"[--log FILE] [--pid-file FILE] [--verbose]\n"
		"       [--journal-max BYTES]\n"
		"       [-E nodes] [-S entry-size] [-W watches] "
		"[-t transactions] [-A permissions]\n"
		"       [-M path-max] [-Q name=value]...\n");
	exit(2);
}

static int set_quota(struct xs_store *s, const char *name, const char *val)
{
	char *end;
	unsigned long v = strtoul(val, &end, 10);

	if (*val == '\0' || *end != '\0' || v > UINT32_MAX ||
	    xs_quota_set(s, name, (unsigned int)v) != 0) {
		fprintf(stderr, "xenstored: bad quota %s=%s\n", name, val);
		return -1;
	}
	return 0;
}

/* Quota options, applied after the journal so that they win. */
struct qopt {
	const char *name;
	const char *val;
};

static int parse_args(int argc, char **argv, struct daemon *d,
		      const char **pidfile, struct qopt *q, unsigned int *nq)
{
	static const struct option opts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "state", required_argument, NULL, 'f' },
		{ "log", required_argument, NULL, 'l' },
		{ "pid-file", required_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "journal-max", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "E:S:W:t:A:M:Q:", opts,
				 NULL)) != -1) {
		const char *name = NULL;
		char *eq;

		switch (ch) {
		case 's': d->sock[0] = optarg; break;
		case 'f': d->state = optarg; break;
		case 'p': *pidfile = optarg; break;
		case 'v': d->level = XS_LOG_DEBUG; break;
		case 'j': d->jmax = atoll(optarg); break;
		case 'l':
			d->log = fopen(optarg, "a");
			if (d->log == NULL) {
				perror(optarg);
				exit(1);
			}
			break;
		case 'E': name = "nodes"; break;
		case 'S': name = "entry-size"; break;
		case 'W': name = "watches"; break;
		case 't': name = "transactions"; break;
		case 'A': name = "permissions"; break;
		case 'M': name = "path-max"; break;
		case 'Q':
			eq = strchr(optarg, '=');
			if (eq == NULL || *nq == 16)
				usage();
			*eq = '\0';
			q[*nq].name = optarg;
			q[(*nq)++].val = eq + 1;
			break;
		default:
			usage();
		}
		if (name != NULL) {
			if (*nq == 16)
				usage();
			q[*nq].name = name;
			q[(*nq)++].val = optarg;
		}
	}
	if (d->sock[0] == NULL || optind != argc)
		usage();
	return 0;
}

static void write_pidfile(const char *path)
{
	FILE *f;

	if (path == NULL)
		return;
	f = fopen(path, "w");
	if (f == NULL || fprintf(f, "%d\n", (int)getpid()) < 0 ||
	    fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static struct daemon d = { .jfd = -1, .level = XS_LOG_INFO };
	struct qopt q[16];
	unsigned int nq = 0, i;
	const char *pidfile = NULL;
	struct sigaction sa = { .sa_handler = on_signal };
	size_t l;

	d.log = stderr;
	parse_args(argc, argv, &d, &pidfile, q, &nq);
	d.store = xs_store_create(&linux_plat, &d);
	if (d.store == NULL)
		return 1;
	d.store->verbose = d.level == XS_LOG_DEBUG;
	if (d.state != NULL && load_state(&d) != 0)
		return 1;
	for (i = 0; i < nq; i++)
		if (set_quota(d.store, q[i].name, q[i].val) != 0)
			return 2;
	if (d.state != NULL && compact(&d) != 0)
		return 1;
	d.store->journal_on = d.state != NULL;
	xs_store_sync(d.store);
	l = strlen(d.sock[0]) + 4;
	d.sock[1] = malloc(l);
	if (d.sock[1] == NULL)
		return 1;
	snprintf(d.sock[1], l, "%s_ro", d.sock[0]);
	for (i = 0; i < 2; i++) {
		d.lfd[i] = listen_on(d.sock[i]);
		if (d.lfd[i] < 0) {
			dlog(&d, XS_LOG_ERR, "cannot listen on %s: %s",
			     d.sock[i], strerror(errno));
			return 1;
		}
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	write_pidfile(pidfile);
	dlog(&d, XS_LOG_INFO, "serving %s and %s%s%s", d.sock[0], d.sock[1],
	     d.state ? ", state in " : "", d.state ? d.state : "");
	serve(&d);
	dlog(&d, XS_LOG_INFO, "stopping");
	for (i = 0; i < 2; i++)
		unlink(d.sock[i]);
	while (d.nclients > 0)
		drop_client(&d, d.nclients - 1);
	xs_store_destroy(d.store);
	free(d.sock[1]);
	return 0;
}
