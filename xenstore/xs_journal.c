/* SPDX-License-Identifier: MIT */
/*
 * The journal: how the store survives a restart.
 *
 * File format: the 8-byte magic XS_JOURNAL_MAGIC, then batches. A batch
 * is [u32 length][u32 CRC-32 of the payload][payload], all little-endian;
 * its payload is a sequence of records:
 *   'N' path perms value   create or replace a node (parent exists);
 *                          an @ path sets a special node's permissions
 *   'R' path               remove a subtree
 *   'Q' name u32           a quota setting
 *   'X'                    empty the tree (a snapshot follows)
 * strings are [u32 length][bytes], perms [u32 count]([u32 domid][u32 acc])*.
 *
 * Every change the tree makes appends a record to the pending batch; the
 * transport calls xs_store_sync() before it sends any reply, which hands
 * the batch to the platform to append and sync. So a reply is never sent
 * for a change that is not on disk, and the changes of one request (or of
 * one commit) are one batch: all or nothing. A torn or corrupt last batch
 * (the crash came mid-write, before the reply) is cut off at replay.
 * Compaction writes a snapshot ('X', the quotas, the special nodes, then
 * every node, parents first, in child order) to a new file that the
 * platform renames over the old one.
 */
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

#define XS_BATCH_HDR	8u
#define XS_SNAP_CHUNK	(1024u * 1024)

static uint32_t xs_crc32(const unsigned char *p, size_t len)
{
	static uint32_t table[256];
	uint32_t crc = 0xffffffffu;
	size_t i;

	if (table[1] == 0) {
		for (i = 0; i < 256; i++) {
			uint32_t c = (uint32_t)i;
			int k;

			for (k = 0; k < 8; k++)
				c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	}
	for (i = 0; i < len; i++)
		crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
	return crc ^ 0xffffffffu;
}

struct xs_jbuf {
	unsigned char *buf;
	size_t len, cap;
	bool failed;
};

static void xs_jb_put(struct xs_jbuf *b, const void *p, size_t n)
{
	if (b->failed || n == 0)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		unsigned char *nb;

		while (cap < b->len + n)
			cap *= 2;
		nb = realloc(b->buf, cap);
		if (nb == NULL) {
			b->failed = true;
			return;
		}
		b->buf = nb;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, p, n);
	b->len += n;
}

static void xs_jb_u32(struct xs_jbuf *b, uint32_t v)
{
	unsigned char le[4] = { v, v >> 8, v >> 16, v >> 24 };

	xs_jb_put(b, le, 4);
}

static void xs_jb_str(struct xs_jbuf *b, const void *p, size_t n)
{
	xs_jb_u32(b, (uint32_t)n);
	xs_jb_put(b, p, n);
}

/* Start a record; the first of a batch makes room for the header. */
static void xs_jb_record(struct xs_jbuf *b, char type)
{
	if (b->len == 0)
		xs_jb_put(b, "\0\0\0\0\0\0\0\0", XS_BATCH_HDR);
	xs_jb_put(b, &type, 1);
}

static void xs_jb_node(struct xs_jbuf *b, const struct xs_node *n)
{
	unsigned int i;

	xs_jb_record(b, 'N');
	xs_jb_str(b, n->path, strlen(n->path));
	xs_jb_u32(b, n->nperms);
	for (i = 0; i < n->nperms; i++) {
		xs_jb_u32(b, n->perms[i].domid);
		xs_jb_u32(b, n->perms[i].access);
	}
	xs_jb_str(b, n->value, n->vlen);
}

/* Close the batch in b: fill in its length and CRC. */
static void xs_jb_seal(struct xs_jbuf *b)
{
	uint32_t len = (uint32_t)(b->len - XS_BATCH_HDR);
	uint32_t crc = xs_crc32(b->buf + XS_BATCH_HDR, len);
	unsigned char hdr[8] = { len, len >> 8, len >> 16, len >> 24,
				 crc, crc >> 8, crc >> 16, crc >> 24 };

	memcpy(b->buf, hdr, sizeof(hdr));
}

static struct xs_jbuf xs_store_jb(const struct xs_store *s)
{
	struct xs_jbuf b = { s->jbuf, s->jlen, s->jcap, s->journal_failed };

	return b;
}

static void xs_store_jb_put(struct xs_store *s, const struct xs_jbuf *b)
{
	s->jbuf = b->buf;
	s->jlen = b->len;
	s->jcap = b->cap;
	s->journal_failed = b->failed;
}

void xs_journal_node(struct xs_store *s, const struct xs_node *n)
{
	struct xs_jbuf b = xs_store_jb(s);

	if (!s->journal_on)
		return;
	xs_jb_node(&b, n);
	xs_store_jb_put(s, &b);
}

void xs_journal_rm(struct xs_store *s, const char *path)
{
	struct xs_jbuf b = xs_store_jb(s);

	if (!s->journal_on)
		return;
	xs_jb_record(&b, 'R');
	xs_jb_str(&b, path, strlen(path));
	xs_store_jb_put(s, &b);
}

void xs_journal_quota(struct xs_store *s, const char *name, unsigned int v)
{
	struct xs_jbuf b = xs_store_jb(s);

	if (!s->journal_on)
		return;
	xs_jb_record(&b, 'Q');
	xs_jb_str(&b, name, strlen(name));
	xs_jb_u32(&b, v);
	xs_store_jb_put(s, &b);
}

/*
 * Make the pending batch durable. Returns 0, or -1 if it (or an earlier
 * one) could not be written: then nothing may be acknowledged any more.
 */
int xs_store_sync(struct xs_store *s)
{
	struct xs_jbuf b = xs_store_jb(s);

	if (s->journal_failed)
		return -1;
	if (s->jlen == 0)
		return 0;
	xs_jb_seal(&b);
	if (s->plat->journal_write == NULL ||
	    s->plat->journal_write(s->plat_ctx, s->jbuf, s->jlen) != 0) {
		xs_log(s, XS_LOG_ERR, "journal: cannot write %zu bytes: "
		       "refusing to acknowledge changes", s->jlen);
		s->journal_failed = true;
		return -1;
	}
	s->jlen = 0;
	if (s->jcap > 1024 * 1024) {	/* do not keep a huge buffer */
		free(s->jbuf);
		s->jbuf = NULL;
		s->jcap = 0;
	}
	return 0;
}

/* Reading records: a cursor that fails rather than overrun. */
struct xs_jcur {
	const unsigned char *p;
	size_t left;
	bool bad;
};

static uint32_t xs_jc_u32(struct xs_jcur *c)
{
	uint32_t v;

	if (c->left < 4) {
		c->bad = true;
		return 0;
	}
	v = c->p[0] | c->p[1] << 8 | c->p[2] << 16 | (uint32_t)c->p[3] << 24;
	c->p += 4;
	c->left -= 4;
	return v;
}

/* A string field, copied and NUL-terminated; NULL if malformed. */
static char *xs_jc_str(struct xs_jcur *c, uint32_t *len)
{
	uint32_t n = xs_jc_u32(c);
	char *s;

	if (c->bad || n > c->left || (s = malloc(n + 1)) == NULL) {
		c->bad = true;
		return NULL;
	}
	memcpy(s, c->p, n);
	s[n] = '\0';
	c->p += n;
	c->left -= n;
	*len = n;
	return s;
}

static void xs_replay_node(struct xs_store *s, struct xs_jcur *c)
{
	uint32_t plen, vlen, np = 0, i;
	char *path = xs_jc_str(c, &plen), *val = NULL;
	struct xs_perm *perms = NULL;
	struct xs_node *n;

	if (!c->bad)
		np = xs_jc_u32(c);
	if (!c->bad && (np == 0 || np > c->left / 8))
		c->bad = true;
	if (!c->bad && (perms = calloc(np, sizeof(*perms))) == NULL)
		c->bad = true;
	for (i = 0; !c->bad && i < np; i++) {
		perms[i].domid = xs_jc_u32(c);
		perms[i].access = xs_jc_u32(c) &
				  (XS_PERM_READ | XS_PERM_WRITE |
				   XS_PERM_IGNORE);
	}
	if (!c->bad)
		val = xs_jc_str(c, &vlen);
	if (!c->bad && path[0] == '@') {
		if (xs_special_assign(s, path, perms, np) != 0)
			c->bad = true;
	} else if (!c->bad && path[0] != '/') {
		c->bad = true;
	} else if (!c->bad) {
		n = xs_tree_lookup(s, path);
		if (n != NULL) {
			if (xs_tree_set_value(s, n, val, vlen) != 0 ||
			    xs_tree_set_perms(s, n, perms, np) != 0)
				c->bad = true;
		} else if (xs_tree_create(s, path, perms, np, val, vlen,
					  NULL) != 0) {
			c->bad = true;
		}
	}
	free(path);
	free(val);
	free(perms);
}

static void xs_replay_record(struct xs_store *s, struct xs_jcur *c)
{
	unsigned char type = *c->p;
	uint32_t len;
	char *str;
	struct xs_node *n;

	c->p++;
	c->left--;
	switch (type) {
	case 'N':
		xs_replay_node(s, c);
		break;
	case 'R':
		str = xs_jc_str(c, &len);
		n = str != NULL ? xs_tree_lookup(s, str) : NULL;
		if (n != NULL && n != s->root)
			xs_tree_remove(s, n, false);
		free(str);
		break;
	case 'Q':
		str = xs_jc_str(c, &len);
		len = xs_jc_u32(c);
		if (!c->bad && xs_quota_set(s, str, len) != 0)
			c->bad = true;
		free(str);
		break;
	case 'X':
		while (s->root->nchildren > 0)
			xs_tree_remove(s, s->root->children[0], false);
		break;
	default:
		c->bad = true;
	}
}

/*
 * Apply a journal image (the whole file). *good is set to the length of
 * the valid prefix: a torn last batch is not an error, the caller cuts
 * it. Returns 0, or EINVAL for a bad magic or a corrupt record inside a
 * batch whose CRC is right (a bug, never a crash: refuse to start).
 */
int xs_journal_replay(struct xs_store *s, const void *buf, size_t len,
		      size_t *good)
{
	const unsigned char *p = buf;
	size_t off = XS_JOURNAL_MAGIC_LEN;
	bool journal = s->journal_on;
	int rc = 0;

	*good = 0;
	if (len < XS_JOURNAL_MAGIC_LEN ||
	    memcmp(p, XS_JOURNAL_MAGIC, XS_JOURNAL_MAGIC_LEN) != 0)
		return EINVAL;
	s->journal_on = false;
	while (len - off >= XS_BATCH_HDR) {
		struct xs_jcur c = { p + off, XS_BATCH_HDR, false };
		uint32_t blen = xs_jc_u32(&c), crc = xs_jc_u32(&c);

		if (blen > len - off - XS_BATCH_HDR ||
		    xs_crc32(p + off + XS_BATCH_HDR, blen) != crc)
			break;
		c.p = p + off + XS_BATCH_HDR;
		c.left = blen;
		while (c.left > 0 && !c.bad)
			xs_replay_record(s, &c);
		if (c.bad) {
			rc = EINVAL;
			break;
		}
		off += XS_BATCH_HDR + blen;
	}
	s->journal_on = journal;
	*good = off;
	return rc;
}

static int xs_snap_node(struct xs_store *s, const struct xs_node *n,
			struct xs_jbuf *b,
			int (*emit)(void *ctx, const void *buf, size_t len),
			void *ctx)
{
	unsigned int i;

	xs_jb_node(b, n);
	if (b->len >= XS_SNAP_CHUNK) {
		if (b->failed)
			return -1;
		xs_jb_seal(b);
		if (emit(ctx, b->buf, b->len) != 0)
			return -1;
		b->len = 0;
	}
	for (i = 0; i < n->nchildren; i++)
		if (xs_snap_node(s, n->children[i], b, emit, ctx) != 0)
			return -1;
	return 0;
}

/*
 * Write the whole store as batches through emit (magic first). The first
 * batch begins with 'X'; quotas come first so that replay sets them.
 * Returns 0 or -1.
 */
int xs_journal_snapshot(struct xs_store *s,
			int (*emit)(void *ctx, const void *buf, size_t len),
			void *ctx)
{
	struct xs_jbuf b = { NULL, 0, 0, false };
	unsigned int i, v;
	int rc = -1;

	if (emit(ctx, XS_JOURNAL_MAGIC, XS_JOURNAL_MAGIC_LEN) != 0)
		return -1;
	xs_jb_put(&b, "\0\0\0\0\0\0\0\0X", XS_BATCH_HDR + 1);
	for (i = 0; xs_quota_name(i) != NULL; i++) {
		xs_quota_get(s, xs_quota_name(i), &v);
		xs_jb_put(&b, "Q", 1);
		xs_jb_str(&b, xs_quota_name(i), strlen(xs_quota_name(i)));
		xs_jb_u32(&b, v);
	}
	for (i = 0; i < 2; i++)
		xs_jb_node(&b, &s->special[i]);
	if (xs_snap_node(s, s->root, &b, emit, ctx) != 0)
		goto out;
	if (b.len > 0) {
		if (b.failed)
			goto out;
		xs_jb_seal(&b);
		if (emit(ctx, b.buf, b.len) != 0)
			goto out;
	}
	rc = 0;
out:
	free(b.buf);
	return rc;
}
