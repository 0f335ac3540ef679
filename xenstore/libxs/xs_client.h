/* SPDX-License-Identifier: MIT */
/* Internals of the client library: the handle and one request. */
#ifndef XS_CLIENT_H
#define XS_CLIENT_H

#include <pthread.h>
#include <sys/uio.h>

#include "xenstore.h"

struct xs_cmsg {
	struct xs_cmsg *next;
	struct xsd_sockmsg hdr;
	char body[];			/* hdr.len bytes and a NUL */
};

/*
 * Locking: [R] req_lock, held for a whole request; [L] lock.
 * Before the reader thread starts, the requester reads the socket itself
 * (under [R]); afterwards only the reader does.
 */
struct xs_handle {
	int fd;				/* [I] */
	unsigned long flags;		/* [I] */
	pthread_mutex_t req_lock;
	pthread_mutex_t lock;
	pthread_cond_t cond;		/* [L] a reply or an event arrived */
	struct xs_cmsg *reply;		/* [L] the pending reply */
	struct xs_cmsg *ev_head, **ev_tail;	/* [L] queued events */
	unsigned int nevents;		/* [L] */
	bool reader;			/* [L] the reader thread runs */
	bool broken;			/* [L] the connection failed */
	pthread_t reader_thread;
	int pipe[2];			/* [L] readable while events queued */
	uint32_t req_id;		/* [R] */
};

void *xs_talk(struct xs_handle *h, xs_transaction_t t, uint32_t type,
	      const struct iovec *iov, unsigned int niov, unsigned int *len);
void *xs_talk_str(struct xs_handle *h, xs_transaction_t t, uint32_t type,
		  const char *arg, unsigned int *len);
bool xs_talk_ok(struct xs_handle *h, xs_transaction_t t, uint32_t type,
		const struct iovec *iov, unsigned int niov);
int xs_reader_start(struct xs_handle *h);
char **xs_split(const char *buf, unsigned int len, unsigned int *num,
		size_t prefix);

#endif /* XS_CLIENT_H */
