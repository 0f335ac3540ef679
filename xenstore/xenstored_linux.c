/* SPDX-License-Identifier: MIT */
/*
 * xenstored for a Linux host: the store core behind Unix sockets.
 *
 *   xenstored --socket PATH [--state FILE] [--log FILE] [--pid-file FILE]
 *             [--verbose] [--journal-max BYTES] [--domains FILE]
 *             [-E nodes] [-S entry-size] [-W watches] [-t transactions]
 *             [-A permissions] [-M path-max] [-Q name=value]...
 *
 * PATH serves read-write clients and PATH_ro read-only ones; every socket
 * client acts as dom0, as with Xen's daemon. One thread, one epoll loop:
 * read what clients sent and handle it, make the journal durable
 * (xs_store_sync), and only then write replies and events. Per request
 * that is one epoll_wait, a peek, one send, and then the read that takes
 * the request off the socket (client_read says why in that order);
 * interest in a socket changes (epoll_ctl) only when its flow control
 * does. After the last event the loop polls without sleeping for
 * --busy-poll USEC (default 100) before it blocks; while it does, a
 * request that arrives in pieces is waited for briefly instead of once
 * per piece. With --state the store is replayed from FILE at start and
 * every change is appended to it; the file is compacted (snapshot,
 * fsync, rename) once it has grown by BYTES (default: its size plus
 * 4 MiB).
 *
 * Domains: a Linux host has no hypervisor to ask, so --domains FILE
 * stands in for it: lines "DOMID running|shutdown|dying|gone"; a domain
 * not listed exists and runs. SIGUSR1 stands in for VIRQ_DOM_EXC: the
 * daemon rereads FILE and lets the core clean up after dead domains.
 */
#define _GNU_SOURCE	/* accept4, SOCK_NONBLOCK */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "xenstored_linux.h"
#include "xs_ring.h"

#define NEVENTS		64
#define BUSY_POLL_US	100	/* --busy-poll default */
#define PIECE_WAIT_US	20	/* per batch of events: see client_read */

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

void xsd_log(struct daemon *d, enum xs_log_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	plat_log(d, lvl, fmt, ap);
	va_end(ap);
}


/* The hypervisor's word on a domain, as --domains FILE last said it. */
static int plat_domain_info(void *ctx, unsigned int domid,
			    struct xs_dominfo *info)
{
	const struct daemon *d = ctx;
	unsigned int i;

	memset(info, 0, sizeof(*info));
	for (i = 0; i < d->ndom; i++) {
		if (d->dom[i].domid != domid)
			continue;
		*info = d->dom[i].info;
		return d->dom[i].gone ? -1 : 0;
	}
	return 0;
}

static const struct xs_plat_ops linux_plat = {
	.log = plat_log,
	.journal_write = xsd_journal_write,
	.domain_info = plat_domain_info,
};

static bool parse_domstate(const char *line, struct domstate *ds)
{
	char state[16];

	memset(ds, 0, sizeof(*ds));
	if (sscanf(line, "%u %15s", &ds->domid, state) != 2 ||
	    ds->domid > 0xffff)
		return false;
	if (strcmp(state, "gone") == 0)
		ds->gone = true;
	else if (strcmp(state, "dying") == 0)
		ds->info.dying = true;
	else if (strcmp(state, "shutdown") == 0)
		ds->info.shutdown = true;
	else if (strcmp(state, "running") != 0)
		return false;
	return true;
}

/* Reread --domains FILE (a missing file lists nothing). */
static void load_domains(struct daemon *d)
{
	FILE *f;
	char line[64];

	d->ndom = 0;
	if (d->domfile == NULL || (f = fopen(d->domfile, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL && d->ndom < MAX_DOMSTATE)
		if (parse_domstate(line, &d->dom[d->ndom]))
			d->ndom++;
	fclose(f);
}

/* SIGUSR1: a domain changed state (VIRQ_DOM_EXC on a real host). */
static void domain_exception(struct daemon *d)
{
	load_domains(d);
	xsd_log(d, XS_LOG_INFO, "domain exception: %u domain states in %s",
	        d->ndom, d->domfile ? d->domfile : "(none)");
	xs_domain_exception(d->store);
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

static int epoll_add(int epfd, int fd, uint32_t events, void *ptr)
{
	struct epoll_event ev = { .events = events, .data.ptr = ptr };

	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
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
		xsd_log(d, XS_LOG_WARN, "refusing a client: %u connected",
		        d->nclients);
		close(fd);
		return;
	}
	cl->fd = fd;
	cl->events = EPOLLIN;
	cl->conn = xs_conn_create(d->store, 0, which ? XS_CONN_READONLY : 0);
	if (cl->conn == NULL || epoll_add(d->epfd, fd, EPOLLIN, cl) != 0) {
		if (cl->conn != NULL)
			xs_conn_destroy(cl->conn);
		close(fd);
		free(cl);
		return;
	}
	d->clients[d->nclients++] = cl;
	if (d->store->verbose)
		xsd_log(d, XS_LOG_DEBUG, "client fd %d connected%s", fd,
		        which ? " (read-only)" : "");
}

static void drop_client(struct daemon *d, unsigned int i)
{
	struct client *cl = d->clients[i];

	if (d->store->verbose || (cl->conn->dead && !cl->eof))
		xsd_log(d, cl->conn->dead ? XS_LOG_INFO : XS_LOG_DEBUG,
		        "client fd %d disconnected%s", cl->fd,
		        cl->conn->dead && !cl->eof ?
		        " (protocol violation or overflow)" : "");
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

static double mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* True if the peeked n bytes start a message but do not finish it. */
static bool partial_message(const struct client *cl, size_t n)
{
	struct xsd_sockmsg h;

	if (cl->rlen != 0 || cl->conn->inlen != 0)
		return false;
	if (n < XS_HDR_SIZE)
		return true;
	memcpy(&h, cl->rbuf, XS_HDR_SIZE);
	return h.len <= XENSTORE_PAYLOAD_MAX && n < XS_HDR_SIZE + h.len;
}

/*
 * Peek and handle; returns -1 on EOF or error. The bytes are left in the
 * socket until the replies are sent (client_consume): taking them off a
 * Unix socket wakes every task asleep on the sender's side, and a client
 * already waiting in read() for its reply would be woken for nothing,
 * only to sleep again until the reply comes. On this kind of VM that
 * spurious wake-up cost more than the daemon's whole share of a request
 * (reads went from about 40 us to 23 us).
 */
static int client_read(struct daemon *d, struct client *cl)
{
	size_t room = RBUF_SIZE - cl->rlen;
	double start;
	ssize_t n, m;

	if (cl->unread != 0 || room == 0 || !xs_conn_wants_input(cl->conn))
		return 0;
	n = recv(cl->fd, cl->rbuf + cl->rlen, room, MSG_PEEK | MSG_DONTWAIT);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		return -1;
	/*
	 * libxenstore writes a request in pieces (header, path, value),
	 * microseconds apart. Rather than go round the loop once per piece,
	 * wait here for the rest, within a budget of PIECE_WAIT_US per
	 * batch of events shared by all clients, so that a client trickling
	 * bytes costs the others at most that much per batch.
	 */
	if (n > 0 && partial_message(cl, (size_t)n) && d->piece_budget > 0) {
		start = mono_us();
		do {
			m = recv(cl->fd, cl->rbuf + cl->rlen, room,
				 MSG_PEEK | MSG_DONTWAIT);
			if (m > n)
				n = m;
		} while (partial_message(cl, (size_t)n) &&
			 mono_us() - start < d->piece_budget);
		d->piece_budget -= mono_us() - start;
	}
	if (n > 0) {
		cl->rlen += (size_t)n;
		cl->unread = (size_t)n;
	}
	feed(cl);
	return 0;
}

/* Take the bytes client_read peeked at off the socket; -1 if gone. */
static int client_consume(struct client *cl)
{
	static unsigned char sink[RBUF_SIZE];

	while (cl->unread != 0) {
		ssize_t n = recv(cl->fd, sink, cl->unread, MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)	/* only we read: the bytes must be there */
			return -1;
		cl->unread -= (size_t)n;
	}
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
			xsd_log(d, XS_LOG_ERR, "cannot make changes durable: "
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

			if (client_write(cl) != 0 || client_consume(cl) != 0)
				cl->eof = true;
			else if (xs_conn_wants_input(cl->conn) && feed(cl))
				progress = true;
		}
	}
	for (i = d->nclients; i-- > 0;)
		if (d->clients[i]->conn->dead || d->clients[i]->eof)
			drop_client(d, i);
	if (d->jfd >= 0 && d->jsize > d->jcompact && xsd_compact(d) != 0)
		exit(1);
}

/* Watch each client for what its flow control allows now. */
static void update_interest(struct daemon *d)
{
	unsigned int i;

	for (i = 0; i < d->nclients; i++) {
		struct client *cl = d->clients[i];
		struct epoll_event ev = { .data.ptr = cl };
		size_t l;

		if (xs_conn_wants_input(cl->conn) && cl->rlen < RBUF_SIZE)
			ev.events |= EPOLLIN;
		if (xs_conn_out_peek(cl->conn, &l) != NULL)
			ev.events |= EPOLLOUT;
		if (ev.events == cl->events)
			continue;
		if (epoll_ctl(d->epfd, EPOLL_CTL_MOD, cl->fd, &ev) == 0)
			cl->events = ev.events;
		else
			cl->eof = true;	/* dropped at the next flush */
	}
}

/* Signals arrive through signalfd; returns false to stop serving. */
static bool handle_signals(struct daemon *d)
{
	struct signalfd_siginfo si;
	bool run = true;

	while (read(d->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGUSR1)
			domain_exception(d);
		else
			run = false;
	}
	return run;
}

static void log_tick(struct daemon *d, time_t *tick)
{
	time_t now = time(NULL);

	if (now == *tick)
		return;
	*tick = now;
	if (d->store->log_dropped)
		xsd_log(d, XS_LOG_INFO, "%lu refusals not logged",
		        d->store->log_dropped);
	d->store->log_dropped = 0;
	d->store->log_budget = 100;
}

/*
 * Busy polling: for spin_us after the last event, look for the next one
 * without sleeping. A client that sends its next request within that
 * window (one issuing requests in a row does) then finds us awake, which
 * saves a sleep and a wake-up per request, the largest cost left on the
 * path (more than the read and the send together on this kind of VM).
 * The price is up to spin_us of CPU after each burst; 0 turns it off.
 * Each empty poll yields the CPU, so that on a busy machine the spin
 * does not keep the client (or anyone else) from running.
 */
static int wait_events(struct daemon *d, struct epoll_event *ev)
{
	double until = d->spin_us ? mono_us() + d->spin_us : 0;
	int n;

	while (until != 0 && mono_us() < until) {
		n = epoll_wait(d->epfd, ev, NEVENTS, 0);
		if (n != 0)
			return n;
		sched_yield();	/* a starved client may be waiting for us */
	}
	return epoll_wait(d->epfd, ev, NEVENTS, 1000);
}

static void serve(struct daemon *d)
{
	struct epoll_event ev[NEVENTS];
	time_t tick = time(NULL);
	bool run = true;
	int n, i;

	while (run) {
		n = wait_events(d, ev);
		if (n < 0 && errno != EINTR)
			break;
		log_tick(d, &tick);
		d->piece_budget = d->spin_us ? PIECE_WAIT_US : 0;
		for (i = 0; i < n; i++) {
			void *p = ev[i].data.ptr;

			if (p == &d->lfd[0] || p == &d->lfd[1])
				accept_client(d, p == &d->lfd[1]);
			else if (p == &d->sigfd)
				run = handle_signals(d);
			else if ((ev[i].events & (EPOLLIN | EPOLLHUP |
						   EPOLLERR)) &&
				 client_read(d, p) != 0)
				((struct client *)p)->eof = true;
		}
		flush_all(d);
		update_interest(d);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: xenstored --socket PATH [--state FILE] "
		"[--log FILE] [--pid-file FILE] [--verbose]\n"
		"       [--journal-max BYTES] [--domains FILE] "
		"[--busy-poll USEC]\n"
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
		{ "domains", required_argument, NULL, 'D' },
		{ "busy-poll", required_argument, NULL, 'B' },
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
		case 'D': d->domfile = optarg; break;
		case 'B': d->spin_us = (unsigned int)atoi(optarg); break;
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

/* epoll over the listening sockets and a signalfd for the signals. */
static int setup_events(struct daemon *d)
{
	sigset_t set;
	unsigned int i;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
		return -1;
	d->epfd = epoll_create1(EPOLL_CLOEXEC);
	d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (d->epfd < 0 || d->sigfd < 0 ||
	    epoll_add(d->epfd, d->sigfd, EPOLLIN, &d->sigfd) != 0)
		return -1;
	for (i = 0; i < 2; i++)
		if (epoll_add(d->epfd, d->lfd[i], EPOLLIN, &d->lfd[i]) != 0)
			return -1;
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
	static struct daemon d = { .jfd = -1, .level = XS_LOG_INFO,
				   .spin_us = BUSY_POLL_US };
	struct qopt q[16];
	unsigned int nq = 0, i;
	const char *pidfile = NULL;
	size_t l;

	d.log = stderr;
	parse_args(argc, argv, &d, &pidfile, q, &nq);
	load_domains(&d);
	d.store = xs_store_create(&linux_plat, &d);
	if (d.store == NULL)
		return 1;
	d.store->verbose = d.level == XS_LOG_DEBUG;
	if (d.state != NULL && xsd_load_state(&d) != 0)
		return 1;
	for (i = 0; i < nq; i++)
		if (set_quota(d.store, q[i].name, q[i].val) != 0)
			return 2;
	if (d.state != NULL && xsd_compact(&d) != 0)
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
			xsd_log(&d, XS_LOG_ERR, "cannot listen on %s: %s",
			        d.sock[i], strerror(errno));
			return 1;
		}
	}
	signal(SIGPIPE, SIG_IGN);
	if (setup_events(&d) != 0) {
		xsd_log(&d, XS_LOG_ERR, "cannot set up epoll: %s",
		        strerror(errno));
		return 1;
	}
	write_pidfile(pidfile);
	xsd_log(&d, XS_LOG_INFO, "serving %s and %s%s%s", d.sock[0],
	        d.sock[1], d.state ? ", state in " : "",
	        d.state ? d.state : "");
	serve(&d);
	xsd_log(&d, XS_LOG_INFO, "stopping");
	for (i = 0; i < 2; i++)
		unlink(d.sock[i]);
	while (d.nclients > 0)
		drop_client(&d, d.nclients - 1);
	xs_store_destroy(d.store);
	free(d.sock[1]);
	return 0;
}
