/* SPDX-License-Identifier: MIT */
/*
 * The Linux daemon's shared state: clients, the --domains table and the
 * daemon itself, used by xenstored_linux.c (sockets, loop, options) and
 * xenstored_state.c (the state file).
 */
#ifndef XENSTORED_LINUX_H
#define XENSTORED_LINUX_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "xs_core.h"

#define RBUF_SIZE	(64 * 1024)
#define MAX_CLIENTS	1024
#define MAX_DOMSTATE	256

struct client {
	int fd;
	bool eof;			/* peer closed: not a violation */
	uint32_t events;		/* what epoll watches for now */
	struct xs_conn *conn;
	size_t rlen;
	size_t unread;			/* tail of rbuf still queued in fd */
	unsigned char rbuf[RBUF_SIZE];
};

/* One line of --domains FILE. */
struct domstate {
	unsigned int domid;
	bool gone;
	struct xs_dominfo info;
};

struct daemon {
	struct xs_store *store;
	int epfd, sigfd;
	const char *domfile;		/* --domains, or NULL */
	struct domstate dom[MAX_DOMSTATE];
	unsigned int ndom;
	unsigned int spin_us;		/* --busy-poll */
	double piece_budget;		/* us left to wait for pieces */
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

void xsd_log(struct daemon *d, enum xs_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* xenstored_state.c */
int xsd_journal_write(void *ctx, const void *buf, size_t len);
int xsd_compact(struct daemon *d);
int xsd_load_state(struct daemon *d);

#endif /* XENSTORED_LINUX_H */
