/* SPDX-License-Identifier: MIT */
/*
 * Test harness for the store core: a fake platform (ring pages in heap
 * memory, a journal in a buffer) and helpers that send one request on a
 * connection and collect its reply and any watch events.
 */
#ifndef XS_HARNESS_H
#define XS_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xs_core.h"
#include "xs_ring.h"

/* What the fake hypervisor says of a domain (domain_info). */
enum fake_dom { FAKE_RUNNING, FAKE_SHUTDOWN, FAKE_DYING, FAKE_GONE };

/* The fake platform's state. */
struct fake_plat {
	unsigned char *journal;
	size_t jlen, jcap;
	bool fail_journal;
	int notifies;
	enum fake_dom dom[64];		/* by domid; others run */
};

extern struct fake_plat fake;
extern const struct xs_plat_ops fake_ops;

/* Last reply of xreq(). */
extern uint32_t r_type;
extern char r_data[XENSTORE_PAYLOAD_MAX + 1];
extern size_t r_len;

/* Watch events seen, as "path|token" lines. */
extern char ev_buf[65536];
extern unsigned int ev_count;

void xs_harness_reset(void);
struct xs_store *xs_test_store(void);
int xs_test_teardown(void **state);
void events(struct xs_conn *c, const char *want);
uint32_t xreq(struct xs_conn *c, uint32_t type, uint32_t tx,
	      const void *payload, size_t len);
void drain(struct xs_conn *c);
uint32_t xwrite(struct xs_conn *c, uint32_t tx, const char *path,
		const char *val);

/* String-literal payloads: "a\0b" includes its implicit final NUL. */
#define XREQ(c, type, tx, lit) xreq((c), (type), (tx), (lit), sizeof(lit))
#define EXPECT_OK(c, type, tx, lit) do {				\
	assert_int_equal(XREQ(c, type, tx, lit), (type));		\
} while (0)
#define EXPECT_ERR(c, type, tx, lit, name) do {				\
	assert_int_equal(XREQ(c, type, tx, lit), XS_ERROR);		\
	assert_string_equal(r_data, (name));				\
} while (0)
#define EXPECT_READ(c, tx, lit, val) do {				\
	assert_int_equal(XREQ(c, XS_READ, tx, lit), XS_READ);		\
	assert_int_equal(r_len, strlen(val));				\
	assert_memory_equal(r_data, (val), r_len);			\
} while (0)

#endif /* XS_HARNESS_H */
