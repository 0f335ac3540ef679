/* SPDX-License-Identifier: MIT */
/* Reader for newc ("070701") cpio archives, such as the initrd (cpio.c). */
#ifndef GUEST_CPIO_H
#define GUEST_CPIO_H

#include <stddef.h>
#include <stdint.h>

/* One archive member; name and data point into the archive. */
struct cpio_file {
	const char	*name;		/* NUL-terminated, as stored */
	const void	*data;
	size_t		size;
	uint32_t	mode;		/* st_mode bits */
};

#define CPIO_MODE_TYPE	0170000
#define CPIO_MODE_REG	0100000

/*
 * Reads the member at *offset into *f and advances *offset to the next
 * one. The archive is untrusted: every field is checked against len.
 * Returns 0, 1 at the "TRAILER!!!" end marker, or -XEN_EINVAL if the
 * header is malformed or runs past the end of the archive.
 */
int cpio_next(const void *archive, size_t len, size_t *offset,
	      struct cpio_file *f);

/*
 * Finds the regular file at path. Leading "/" and "./" are ignored both
 * in path and in the stored names. Returns 0, -XEN_ENOENT if there is no
 * such file, or -XEN_EINVAL if the archive is malformed before it.
 */
int cpio_find(const void *archive, size_t len, const char *path,
	      struct cpio_file *f);

#endif
