/* SPDX-License-Identifier: MIT */
/*
 * newc cpio reader. A member is a 110-byte ASCII header ("070701" and 13
 * fields of 8 hex digits: ino mode uid gid nlink mtime filesize devmajor
 * devminor rdevmajor rdevminor namesize check), the name with its NUL
 * (namesize bytes), padding to 4 bytes, the data (filesize bytes) and
 * padding to 4 bytes. The member named "TRAILER!!!" ends the archive.
 * Pure code: no hypercalls, so it can be tested on the host.
 */
#include <stdbool.h>
#include <string.h>
#include <public/errno.h>
#include <guest/cpio.h>

#define CPIO_HDR_LEN	110
#define CPIO_MAGIC	"070701"

/* Field indexes in the header, after the magic. */
enum { F_MODE = 1, F_FILESIZE = 6, F_NAMESIZE = 11 };

/* Parses exactly 8 hex digits; false if any is not one. */
static bool parse_hex8(const char *s, uint32_t *v)
{
	uint32_t x = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		x = x << 4 | d;
	}
	*v = x;
	return true;
}

static size_t align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

int cpio_next(const void *archive, size_t len, size_t *offset,
	      struct cpio_file *f)
{
	const char *base = archive, *hdr;
	size_t off = *offset, name_off, data_off;
	uint32_t mode, filesize, namesize;

	if (off > len || len - off < CPIO_HDR_LEN)
		return -XEN_EINVAL;
	hdr = base + off;
	if (memcmp(hdr, CPIO_MAGIC, 6) != 0 ||
	    !parse_hex8(hdr + 6 + 8 * F_MODE, &mode) ||
	    !parse_hex8(hdr + 6 + 8 * F_FILESIZE, &filesize) ||
	    !parse_hex8(hdr + 6 + 8 * F_NAMESIZE, &namesize))
		return -XEN_EINVAL;

	name_off = off + CPIO_HDR_LEN;
	if (namesize == 0 || namesize > len - name_off ||
	    base[name_off + namesize - 1] != '\0')
		return -XEN_EINVAL;
	data_off = align4(name_off + namesize);
	if (data_off > len || filesize > len - data_off)
		return -XEN_EINVAL;

	f->name = base + name_off;
	f->data = base + data_off;
	f->size = filesize;
	f->mode = mode;
	*offset = align4(data_off + filesize);
	return strcmp(f->name, "TRAILER!!!") == 0 ? 1 : 0;
}

/* Skips the leading "/" and "./" that archivers may store. */
static const char *strip_prefix(const char *p)
{
	for (;;) {
		if (p[0] == '/')
			p++;
		else if (p[0] == '.' && p[1] == '/')
			p += 2;
		else
			return p;
	}
}

int cpio_find(const void *archive, size_t len, const char *path,
	      struct cpio_file *f)
{
	size_t off = 0;
	int rc;

	path = strip_prefix(path);
	while ((rc = cpio_next(archive, len, &off, f)) == 0) {
		if ((f->mode & CPIO_MODE_TYPE) == CPIO_MODE_REG &&
		    strcmp(strip_prefix(f->name), path) == 0)
			return 0;
	}
	return rc < 0 ? rc : -XEN_ENOENT;
}
