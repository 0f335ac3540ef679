/* SPDX-License-Identifier: MIT */
/*
 * Permissions and path names: who may do what to a node, the wire form of
 * permission lists ("n0", "r5", ...), and the canonical form of paths.
 *
 * A node's list gives, in entry 0, its owner and the access of every
 * domain not named later; entries 1.. grant named domains. The owner, any
 * domain whose SET_TARGET target is the owner, and privileged connections
 * have all rights; a read-only connection never has write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static bool xs_perm_names(const struct xs_conn *c, unsigned int domid)
{
	return domid == c->domid ||
	       (c->dom != NULL && c->dom->has_target &&
		c->dom->target == domid);
}

unsigned int xs_perm_for(const struct xs_conn *c, const struct xs_perm *p,
			 unsigned int n)
{
	unsigned int mask = XS_PERM_ALL, i;

	if (c->flags & XS_CONN_READONLY)
		mask &= ~XS_PERM_WRITE;
	if (c->privileged || xs_perm_names(c, p[0].domid))
		return XS_PERM_ALL & mask;
	for (i = 1; i < n; i++)
		if (!(p[i].access & XS_PERM_IGNORE) &&
		    xs_perm_names(c, p[i].domid))
			return p[i].access & mask;
	return p[0].access & mask;
}

/* Parse "r5\0n0\0" (len bytes, each entry NUL-terminated). */
int xs_perms_parse(const char *buf, size_t len, struct xs_perm **out,
		   unsigned int *n)
{
	struct xs_perm *p;
	unsigned int count = 0, i = 0;
	size_t off;

	for (off = 0; off < len; off++)
		count += buf[off] == '\0';
	if (count == 0 || len == 0 || buf[len - 1] != '\0')
		return EINVAL;
	p = calloc(count, sizeof(*p));
	if (p == NULL)
		return ENOMEM;
	for (off = 0; off < len; off += strlen(buf + off) + 1, i++) {
		const char *e = buf + off;
		unsigned long id = 0;
		size_t k, l = strlen(e);

		switch (e[0]) {
		case 'n': p[i].access = XS_PERM_NONE; break;
		case 'r': p[i].access = XS_PERM_READ; break;
		case 'w': p[i].access = XS_PERM_WRITE; break;
		case 'b': p[i].access = XS_PERM_READ | XS_PERM_WRITE; break;
		default: goto out_inval;
		}
		if (l < 2 || l > 6)
			goto out_inval;
		for (k = 1; k < l; k++) {
			if (e[k] < '0' || e[k] > '9')
				goto out_inval;
			id = id * 10 + (unsigned long)(e[k] - '0');
		}
		if (id > 0xffff)
			goto out_inval;
		p[i].domid = (unsigned int)id;
	}
	*out = p;
	*n = count;
	return 0;

out_inval:
	free(p);
	return EINVAL;
}

/*
 * "n0\0r5\0"; returns the bytes needed (may exceed size: nothing cut).
 * Entries revoked by a domain's death are not listed.
 */
size_t xs_perms_format(const struct xs_perm *p, unsigned int n, char *buf,
		       size_t size)
{
	static const char letter[] = "nrwb";
	size_t used = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		char one[16];
		int l;

		if (i > 0 && (p[i].access & XS_PERM_IGNORE))
			continue;	/* revoked: a dead domain's entry */
		l = snprintf(one, sizeof(one), "%c%u",
			     letter[p[i].access & 3], p[i].domid);
		if (used + (size_t)l + 1 <= size)
			memcpy(buf + used, one, (size_t)l + 1);
		used += (size_t)l + 1;
	}
	return used;
}

static bool xs_path_chars_ok(const char *p)
{
	for (; *p != '\0'; p++) {
		char ch = *p;

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '-' || ch == '/' ||
		      ch == '_' || ch == '@'))
			return false;
	}
	return true;
}

/* Length of the "/local/domain/<n>/" prefix of path, or 0. */
static size_t xs_home_prefix(const char *path)
{
	static const char pfx[] = "/local/domain/";
	size_t i = sizeof(pfx) - 1;

	if (strncmp(path, pfx, i) != 0 || path[i] < '0' || path[i] > '9')
		return 0;
	while (path[i] >= '0' && path[i] <= '9')
		i++;
	return path[i] == '/' ? i + 1 : 0;
}

/*
 * Make in (guest-controlled) absolute: relative paths live below the
 * connection's home /local/domain/<domid>. special allows "@..." names
 * (watches, permissions of @introduceDomain/@releaseDomain).
 * Returns 0 and a malloc'ed *out, EINVAL for a bad name, ENOMEM.
 */
int xs_path_canonical(const struct xs_conn *c, const char *in, bool special,
		      char **out)
{
	size_t len;
	char *p;

	if (in[0] == '@') {
		if (!special || !xs_path_chars_ok(in) || strchr(in, '/'))
			return EINVAL;
		p = strdup(in);
	} else if (in[0] == '/') {
		p = strdup(in);
	} else {
		size_t n = strlen(in) + 32;

		p = malloc(n);
		if (p != NULL)
			snprintf(p, n, "/local/domain/%u/%s", c->domid, in);
	}
	if (p == NULL)
		return ENOMEM;
	len = strlen(p);
	if (p[0] == '@') {
		*out = p;
		return 0;
	}
	if ((len > 1 && p[len - 1] == '/') || strstr(p, "//") != NULL ||
	    !xs_path_chars_ok(p) || len > XENSTORE_ABS_PATH_MAX ||
	    (!c->privileged &&
	     len - xs_home_prefix(p) > c->store->quota.path_len)) {
		free(p);
		return EINVAL;
	}
	*out = p;
	return 0;
}

/* Is path dir itself or below it? Both absolute and canonical. */
bool xs_path_is_under(const char *path, const char *dir)
{
	size_t l = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return path[0] == '/';
	return strncmp(path, dir, l) == 0 &&
	       (path[l] == '\0' || path[l] == '/');
}
