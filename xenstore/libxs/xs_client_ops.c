/* SPDX-License-Identifier: MIT */
/* Client library, API side: one function per libxenstore call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_client.h"

#define XS_IOV(p, l) { (void *)(p), (l) }

unsigned int xs_count_strings(const char *strings, unsigned int len)
{
	unsigned int n = 0, i;

	for (i = 0; i < len; i++)
		n += strings[i] == '\0';
	return n;
}

/* NUL-separated strings as a vector in one allocation ([prefix] first). */
char **xs_split(const char *buf, unsigned int len, unsigned int *num,
		size_t prefix)
{
	unsigned int n = xs_count_strings(buf, len), i;
	char **v = malloc(prefix + (n + 1) * sizeof(char *) + len + 1);
	char *s;

	if (v == NULL)
		return NULL;
	s = (char *)v + prefix + (n + 1) * sizeof(char *);
	memcpy(s, buf, len);
	s[len] = '\0';
	v = (char **)((char *)v + prefix);
	for (i = 0; i < n; i++, s += strlen(s) + 1)
		v[i] = s;
	v[n] = NULL;
	*num = n;
	return v;
}

void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path,
	      unsigned int *len)
{
	return xs_talk_str(h, t, XS_READ, path, len);
}

bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path,
	      const void *data, unsigned int len)
{
	struct iovec v[2] = { XS_IOV(path, strlen(path) + 1),
			      XS_IOV(data, len) };

	return xs_talk_ok(h, t, XS_WRITE, v, 2);
}

bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path)
{
	struct iovec v = XS_IOV(path, strlen(path) + 1);

	return xs_talk_ok(h, t, XS_MKDIR, &v, 1);
}

bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path)
{
	struct iovec v = XS_IOV(path, strlen(path) + 1);

	return xs_talk_ok(h, t, XS_RM, &v, 1);
}

/* DIRECTORY_PART, for directories whose listing exceeds one message. */
static char *xs_directory_parts(struct xs_handle *h, xs_transaction_t t,
				const char *path, unsigned int *total)
{
	char *acc = NULL, *gen = NULL, off[16];
	unsigned int len = 0, rlen;

	for (;;) {
		struct iovec v[2] = { XS_IOV(path, strlen(path) + 1),
				      XS_IOV(off, 0) };
		char *r, *tmp;
		size_t glen;
		bool last;

		v[1].iov_len = (size_t)snprintf(off, sizeof(off), "%u",
						 len) + 1;
		r = xs_talk(h, t, XS_DIRECTORY_PART, v, 2, &rlen);
		if (r == NULL)
			goto out_fail;
		glen = strlen(r) + 1;
		if (gen != NULL && strcmp(gen, r) != 0) {
			len = 0;	/* changed meanwhile: start again */
			free(gen);
			gen = NULL;
		}
		if (gen == NULL && (gen = strdup(r)) == NULL)
			goto out_free_r;
		last = rlen >= glen + 1 && r[rlen - 1] == '\0' &&
		       (rlen == glen + 1 || r[rlen - 2] == '\0');
		tmp = realloc(acc, len + rlen - glen + 1);
		if (tmp == NULL)
			goto out_free_r;
		acc = tmp;
		memcpy(acc + len, r + glen, rlen - glen);
		len += (unsigned int)(rlen - glen) - last;
		free(r);
		if (last)
			break;
		continue;
out_free_r:
		free(r);
		goto out_fail;
	}
	free(gen);
	*total = len;
	return acc;
out_fail:
	free(gen);
	free(acc);
	return NULL;
}

char **xs_directory(struct xs_handle *h, xs_transaction_t t,
		    const char *path, unsigned int *num)
{
	unsigned int len;
	char *r = xs_talk_str(h, t, XS_DIRECTORY, path, &len);
	char **v;

	if (r == NULL && errno == E2BIG)
		r = xs_directory_parts(h, t, path, &len);
	if (r == NULL)
		return NULL;
	v = xs_split(r, len, num, 0);
	free(r);
	return v;
}

bool xs_strings_to_perms(struct xs_permissions *perms, unsigned int num,
			 const char *strings)
{
	const char *p = strings;
	unsigned int i;

	for (i = 0; i < num; i++, p += strlen(p) + 1) {
		char *end;

		switch (*p) {
		case 'n': perms[i].perms = XS_PERM_NONE; break;
		case 'r': perms[i].perms = XS_PERM_READ; break;
		case 'w': perms[i].perms = XS_PERM_WRITE; break;
		case 'b': perms[i].perms = XS_PERM_READ | XS_PERM_WRITE; break;
		default:
			errno = EINVAL;
			return false;
		}
		perms[i].id = (unsigned int)strtoul(p + 1, &end, 10);
		if (end == p + 1 || *end != '\0') {
			errno = EINVAL;
			return false;
		}
	}
	return true;
}

bool xs_perm_to_string(const struct xs_permissions *perm, char *buffer,
		       size_t buf_len)
{
	static const char letter[] = "nrwb";

	if ((size_t)snprintf(buffer, buf_len, "%c%u",
			     letter[perm->perms & 3], perm->id) >= buf_len) {
		errno = E2BIG;
		return false;
	}
	return true;
}

struct xs_permissions *xs_get_permissions(struct xs_handle *h,
					  xs_transaction_t t,
					  const char *path, unsigned int *num)
{
	unsigned int len, n;
	char *r = xs_talk_str(h, t, XS_GET_PERMS, path, &len);
	struct xs_permissions *p;

	if (r == NULL)
		return NULL;
	n = xs_count_strings(r, len);
	p = malloc((n ? n : 1) * sizeof(*p));
	if (p != NULL && !xs_strings_to_perms(p, n, r)) {
		free(p);
		p = NULL;
	}
	free(r);
	if (p != NULL)
		*num = n;
	return p;
}

bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t,
			const char *path, struct xs_permissions *perms,
			unsigned int num_perms)
{
	char buf[XENSTORE_PAYLOAD_MAX];
	size_t len = strlen(path) + 1;
	unsigned int i;

	if (len > sizeof(buf)) {
		errno = E2BIG;
		return false;
	}
	memcpy(buf, path, len);
	for (i = 0; i < num_perms; i++) {
		if (len >= sizeof(buf) ||
		    !xs_perm_to_string(&perms[i], buf + len, sizeof(buf) - len))
			return false;
		len += strlen(buf + len) + 1;
	}
	{
		struct iovec v = XS_IOV(buf, len);

		return xs_talk_ok(h, t, XS_SET_PERMS, &v, 1);
	}
}

bool xs_watch(struct xs_handle *h, const char *path, const char *token)
{
	struct iovec v[2] = { XS_IOV(path, strlen(path) + 1),
			      XS_IOV(token, strlen(token) + 1) };

	if (xs_reader_start(h) != 0)
		return false;
	return xs_talk_ok(h, XBT_NULL, XS_WATCH, v, 2);
}

/* Drop queued events of a removed watch (XS_UNWATCH_FILTER). */
static void xs_filter_events(struct xs_handle *h, const char *path,
			     const char *token)
{
	struct xs_cmsg **pp, *m;

	pthread_mutex_lock(&h->lock);
	for (pp = &h->ev_head; (m = *pp) != NULL;) {
		const char *tok = m->body + strlen(m->body) + 1;

		if (strcmp(tok, token) == 0 &&
		    xs_path_is_subpath(path, m->body)) {
			*pp = m->next;
			h->nevents--;
			free(m);
			continue;
		}
		pp = &m->next;
	}
	h->ev_tail = pp;
	pthread_mutex_unlock(&h->lock);
}

bool xs_unwatch(struct xs_handle *h, const char *path, const char *token)
{
	struct iovec v[2] = { XS_IOV(path, strlen(path) + 1),
			      XS_IOV(token, strlen(token) + 1) };
	bool ok = xs_talk_ok(h, XBT_NULL, XS_UNWATCH, v, 2);

	if (ok && (h->flags & XS_UNWATCH_FILTER))
		xs_filter_events(h, path, token);
	return ok;
}

xs_transaction_t xs_transaction_start(struct xs_handle *h)
{
	char *r = xs_talk_str(h, XBT_NULL, XS_TRANSACTION_START, "", NULL);
	xs_transaction_t t;

	if (r == NULL)
		return XBT_NULL;
	t = (xs_transaction_t)strtoul(r, NULL, 10);
	free(r);
	return t;
}

bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort)
{
	struct iovec v = XS_IOV(abort ? "F" : "T", 2);

	return xs_talk_ok(h, t, XS_TRANSACTION_END, &v, 1);
}

/* A request of decimal arguments, each NUL-terminated. */
static void *xs_talk_nums(struct xs_handle *h, uint32_t type,
			  unsigned int n, const unsigned long *nums,
			  unsigned int *len)
{
	char buf[96];
	size_t off = 0;
	unsigned int i;
	struct iovec v;

	for (i = 0; i < n; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%lu",
					nums[i]) + 1;
	v.iov_base = buf;
	v.iov_len = off;
	return xs_talk(h, XBT_NULL, type, &v, 1, len);
}

static bool xs_nums_ok(struct xs_handle *h, uint32_t type, unsigned int n,
		       const unsigned long *nums)
{
	void *r = xs_talk_nums(h, type, n, nums, NULL);

	free(r);
	return r != NULL;
}

bool xs_introduce_domain(struct xs_handle *h, unsigned int domid,
			 unsigned long mfn, unsigned int eventchn)
{
	unsigned long a[3] = { domid, mfn, eventchn };

	return xs_nums_ok(h, XS_INTRODUCE, 3, a);
}

bool xs_set_target(struct xs_handle *h, unsigned int domid,
		   unsigned int target)
{
	unsigned long a[2] = { domid, target };

	return xs_nums_ok(h, XS_SET_TARGET, 2, a);
}

bool xs_resume_domain(struct xs_handle *h, unsigned int domid)
{
	unsigned long a[1] = { domid };

	return xs_nums_ok(h, XS_RESUME, 1, a);
}

bool xs_release_domain(struct xs_handle *h, unsigned int domid)
{
	unsigned long a[1] = { domid };

	return xs_nums_ok(h, XS_RELEASE, 1, a);
}

char *xs_get_domain_path(struct xs_handle *h, unsigned int domid)
{
	unsigned long a[1] = { domid };

	return xs_talk_nums(h, XS_GET_DOMAIN_PATH, 1, a, NULL);
}

bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid)
{
	unsigned long a[1] = { domid };
	char *r = xs_talk_nums(h, XS_IS_DOMAIN_INTRODUCED, 1, a, NULL);
	bool yes = r != NULL && strcmp(r, "F") != 0;

	free(r);
	return yes;
}

char *xs_control_command(struct xs_handle *h, const char *cmd, void *data,
			 unsigned int len)
{
	struct iovec v[2] = { XS_IOV(cmd, strlen(cmd) + 1), XS_IOV(data, len) };

	return xs_talk(h, XBT_NULL, XS_CONTROL, v, 2, NULL);
}

char *xs_debug_command(struct xs_handle *h, const char *cmd, void *data,
		       unsigned int len)
{
	return xs_control_command(h, cmd, data, len);
}

bool xs_path_is_subpath(const char *parent, const char *child)
{
	size_t l = strlen(parent);

	if (l > 0 && parent[l - 1] == '/')
		l--;
	return strncmp(child, parent, l) == 0 &&
	       (child[l] == '\0' || child[l] == '/');
}
