/* SPDX-License-Identifier: MIT */
/*
 * The xenstore benchmark: one workload, run against whichever daemon
 * XENSTORED_PATH names, through libxenstore. Prints "key value" lines
 * (bench/xenstore/run.sh turns three runs into a table):
 *   rtt_us            a bare Unix-socket round trip on this machine (16
 *                     bytes each way; the median of 5 runs)
 *   write_ops, read_ops, txn_ops    per second (100k keys in 1000
 *                     directories of 100, 10k txns of 5 writes)
 *   txn8_ops          the same 10k transactions from 8 clients at once,
 *                     each in its own subtree
 *   mkdir10k_ms, list10k_ms, rm10k_ms   a node with 10k children
 *   watch_p50_us, watch_p99_us      write-to-event latency
 *   clients1_ops, clients8_ops, clients64_ops   concurrent writers
 *   peak_kb           the daemon's VmHWM (--pid PID)
 * With --floor only rtt_us, write_ops, read_ops, txn_ops and the watch
 * latency are run: the daemon is then bench/xenstore/xs_floor.c, which
 * keeps no store.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xenstore.h>

#define NKEYS		100000
#define NTXN		10000
#define NCHILD		10000
#define NWATCH		2000
#define CLIENT_OPS	20000
#define RTT_RUNS	5
#define RTT_N		10000

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "xs_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The server of the round-trip runs: echo each 16-byte message. */
static void echo_child(int fd)
{
	char buf[16];

	while (read(fd, buf, sizeof(buf)) == sizeof(buf))
		if (write(fd, buf, sizeof(buf)) != sizeof(buf))
			break;
	_exit(0);
}

/*
 * 16-byte ping-pong over a socketpair with a forked echo server: the
 * median of RTT_RUNS runs of RTT_N round trips, in microseconds (the
 * machine is shared: one run can be unlucky).
 */
static double socket_rtt_us(void)
{
	double t[RTT_RUNS];
	char buf[16] = { 0 };
	int sv[2], i, r;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		die("socketpair");
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		echo_child(sv[1]);
	}
	close(sv[1]);
	for (r = 0; r < RTT_RUNS; r++) {
		t[r] = now();
		for (i = 0; i < RTT_N; i++)
			if (write(sv[0], buf, 16) != 16 ||
			    read(sv[0], buf, 16) != 16)
				die("echo");
		t[r] = (now() - t[r]) / RTT_N * 1e6;
	}
	close(sv[0]);
	waitpid(pid, NULL, 0);
	qsort(t, RTT_RUNS, sizeof(t[0]), cmp_double);
	return t[RTT_RUNS / 2];
}

static void bench_keys(struct xs_handle *h)
{
	char path[64], val[32];
	unsigned int i, len;
	double t;

	t = now();
	for (i = 0; i < NKEYS; i++) {
		snprintf(path, sizeof(path), "/bench/keys/d%u/k%u", i / 100,
			 i % 100);
		snprintf(val, sizeof(val), "value-%u", i);
		if (!xs_write(h, XBT_NULL, path, val, strlen(val)))
			die("write");
	}
	printf("write_ops %.0f\n", NKEYS / (now() - t));
	t = now();
	for (i = 0; i < NKEYS; i++) {
		void *v;

		snprintf(path, sizeof(path), "/bench/keys/d%u/k%u", i / 100,
			 i % 100);
		v = xs_read(h, XBT_NULL, path, &len);
		if (v == NULL)
			die("read");
		free(v);
	}
	printf("read_ops %.0f\n", NKEYS / (now() - t));
	xs_rm(h, XBT_NULL, "/bench/keys");
}

static void bench_children(struct xs_handle **hp)
{
	struct xs_handle *h = *hp;
	char path[64];
	unsigned int i, n;
	char **dir;
	double t;

	t = now();
	for (i = 0; i < NCHILD; i++) {
		snprintf(path, sizeof(path), "/bench/dir/child%u", i);
		if (!xs_write(h, XBT_NULL, path, "", 0))
			die("write child");
	}
	printf("mkdir10k_ms %.1f\n", (now() - t) * 1e3);
	t = now();
	dir = xs_directory(h, XBT_NULL, "/bench/dir", &n);
	if (dir == NULL || n != NCHILD)
		fprintf(stderr, "xs_bench: listing 10k children: %s\n",
			dir ? "wrong count" : strerror(errno));
	else
		printf("list10k_ms %.1f\n", (now() - t) * 1e3);
	free(dir);
	/* A daemon may have dropped us over the listing: reconnect. */
	xs_close(h);
	*hp = h = xs_open(0);
	if (h == NULL)
		die("xs_open");
	t = now();
	if (!xs_rm(h, XBT_NULL, "/bench/dir")) {
		fprintf(stderr, "xs_bench: rm of 10k children: %s\n",
			strerror(errno));
		return;
	}
	printf("rm10k_ms %.1f\n", (now() - t) * 1e3);
}

/* One transaction of 5 writes below dir, retried on EAGAIN. */
static void one_txn(struct xs_handle *h, const char *dir, unsigned int i)
{
	xs_transaction_t tx;
	char path[64];
	unsigned int k;

	do {
		tx = xs_transaction_start(h);
		if (tx == XBT_NULL)
			die("transaction_start");
		for (k = 0; k < 5; k++) {
			snprintf(path, sizeof(path), "%s/t%u/%u", dir,
				 i % 100, k);
			if (!xs_write(h, tx, path, "x", 1))
				die("txn write");
		}
	} while (!xs_transaction_end(h, tx, false) && errno == EAGAIN);
}

static void bench_txns(struct xs_handle *h)
{
	unsigned int i;
	double t = now();

	for (i = 0; i < NTXN; i++)
		one_txn(h, "/bench/txn", i);
	printf("txn_ops %.0f\n", NTXN / (now() - t));
	xs_rm(h, XBT_NULL, "/bench/txn");
}

static void *txn_client(void *p)
{
	unsigned int id = *(unsigned int *)p, i;
	struct xs_handle *h = xs_open(0);
	char dir[32];

	if (h == NULL)
		die("xs_open (txn client)");
	snprintf(dir, sizeof(dir), "/bench/txn8/c%u", id);
	for (i = 0; i < NTXN / 8; i++)
		one_txn(h, dir, i);
	xs_close(h);
	return NULL;
}

/* The same transactions from 8 clients at once (an added row). */
static void bench_txns8(struct xs_handle *h)
{
	pthread_t th[8];
	unsigned int id[8], i;
	double t = now();

	for (i = 0; i < 8; i++) {
		id[i] = i;
		if (pthread_create(&th[i], NULL, txn_client, &id[i]) != 0)
			die("pthread_create");
	}
	for (i = 0; i < 8; i++)
		pthread_join(th[i], NULL);
	printf("txn8_ops %.0f\n", NTXN / (now() - t));
	xs_rm(h, XBT_NULL, "/bench/txn8");
}

static void bench_watch(struct xs_handle *h, struct xs_handle *w)
{
	static double lat[NWATCH];
	unsigned int i, num;
	char **ev;
	struct pollfd pfd;

	if (!xs_watch(w, "/bench/watch", "tok"))
		die("watch");
	pfd.fd = xs_fileno(w);
	pfd.events = POLLIN;
	ev = xs_read_watch(w, &num);	/* the initial event */
	free(ev);
	for (i = 0; i < NWATCH; i++) {
		double t = now();

		if (!xs_write(h, XBT_NULL, "/bench/watch", "x", 1))
			die("watch write");
		if (poll(&pfd, 1, 5000) != 1)
			die("no watch event");
		ev = xs_read_watch(w, &num);
		lat[i] = (now() - t) * 1e6;
		free(ev);
	}
	xs_unwatch(w, "/bench/watch", "tok");
	qsort(lat, NWATCH, sizeof(lat[0]), cmp_double);
	printf("watch_p50_us %.1f\n", lat[NWATCH / 2]);
	printf("watch_p99_us %.1f\n", lat[NWATCH * 99 / 100]);
}

struct client_arg {
	unsigned int id, ops;
};

static void *client_main(void *p)
{
	struct client_arg *a = p;
	struct xs_handle *h = xs_open(0);
	char path[64];
	unsigned int i;

	if (h == NULL)
		die("xs_open (client)");
	for (i = 0; i < a->ops; i++) {
		snprintf(path, sizeof(path), "/bench/c%u/k%u", a->id, i % 100);
		if (!xs_write(h, XBT_NULL, path, "v", 1))
			die("client write");
	}
	xs_close(h);
	return NULL;
}

static void bench_clients(struct xs_handle *h, unsigned int n)
{
	pthread_t th[64];
	struct client_arg arg[64];
	unsigned int i;
	double t = now();

	for (i = 0; i < n; i++) {
		arg[i].id = i;
		arg[i].ops = CLIENT_OPS / n;
		if (pthread_create(&th[i], NULL, client_main, &arg[i]) != 0)
			die("pthread_create");
	}
	for (i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	printf("clients%u_ops %.0f\n", n, CLIENT_OPS / (now() - t));
	for (i = 0; i < n; i++) {
		char path[32];

		snprintf(path, sizeof(path), "/bench/c%u", i);
		xs_rm(h, XBT_NULL, path);
	}
}

static void peak_memory(const char *pid)
{
	char path[64], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0)
			printf("peak_kb %ld\n", strtol(line + 6, NULL, 10));
	fclose(f);
}

int main(int argc, char **argv)
{
	struct xs_handle *h, *w;
	double rtt;

	setvbuf(stdout, NULL, _IOLBF, 0);
	rtt = socket_rtt_us();
	printf("rtt_us %.1f\n", rtt);
	h = xs_open(0);
	w = xs_open(0);
	if (h == NULL || w == NULL)
		die("xs_open");
	bench_keys(h);
	if (argc >= 2 && strcmp(argv[1], "--floor") == 0) {
		bench_txns(h);
		bench_watch(h, w);
		return 0;
	}
	bench_children(&h);
	bench_txns(h);
	bench_txns8(h);
	bench_watch(h, w);
	bench_clients(h, 1);
	bench_clients(h, 8);
	bench_clients(h, 64);
	if (argc == 3 && strcmp(argv[1], "--pid") == 0)
		peak_memory(argv[2]);
	xs_close(w);
	xs_close(h);
	return 0;
}
