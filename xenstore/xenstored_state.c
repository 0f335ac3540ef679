/* SPDX-License-Identifier: MIT */
/*
 * The Linux daemon's state file (--state): the platform's journal hook
 * (append, then fdatasync), compaction into a snapshot (write, fsync,
 * rename, fsync the directory) and the replay at start.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xenstored_linux.h"

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int xsd_journal_write(void *ctx, const void *buf, size_t len)
{
	struct daemon *d = ctx;

	if (d->jfd < 0)
		return 0;
	if (write_all(d->jfd, buf, len) != 0 || fdatasync(d->jfd) != 0)
		return -1;
	d->jsize += (off_t)len;
	return 0;
}

static int emit_fd(void *ctx, const void *buf, size_t len)
{
	return write_all(*(int *)ctx, buf, len);
}

static int fsync_dir_of(const char *path)
{
	char *dir = strdup(path), *slash;
	int fd, rc;

	if (dir == NULL)
		return -1;
	slash = strrchr(dir, '/');
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Replace the journal with a snapshot of the store: write it to
 * STATE.tmp, fsync, rename over STATE, fsync the directory, reopen.
 * A crash anywhere leaves either the old file or the new one.
 */
int xsd_compact(struct daemon *d)
{
	size_t n = strlen(d->state) + 5;
	char *tmp = malloc(n);
	struct stat st;
	int fd = -1, rc = -1;

	if (tmp == NULL)
		return -1;
	snprintf(tmp, n, "%s.tmp", d->state);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || xs_journal_snapshot(d->store, emit_fd, &fd) != 0 ||
	    fsync(fd) != 0 || fstat(fd, &st) != 0 ||
	    rename(tmp, d->state) != 0 || fsync_dir_of(d->state) != 0)
		goto out;
	if (d->jfd >= 0)
		close(d->jfd);
	d->jfd = open(d->state, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (d->jfd < 0)
		goto out;
	d->jsize = st.st_size;
	d->jcompact = d->jmax ? st.st_size + d->jmax :
				2 * st.st_size + 4 * 1024 * 1024;
	xsd_log(d, XS_LOG_INFO, "journal compacted to %lld bytes",
	        (long long)st.st_size);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		xsd_log(d, XS_LOG_ERR, "journal compaction of %s failed: %s",
		        d->state, strerror(errno));
	free(tmp);
	return rc;
}

int xsd_load_state(struct daemon *d)
{
	int fd = open(d->state, O_RDONLY | O_CLOEXEC);
	struct stat st;
	unsigned char *buf;
	size_t good;
	int rc;

	if (fd < 0) {
		if (errno != ENOENT)
			return -1;
		xsd_log(d, XS_LOG_INFO, "no state in %s: starting empty",
		        d->state);
		return 0;
	}
	if (fstat(fd, &st) != 0 || (buf = malloc(st.st_size + 1)) == NULL) {
		close(fd);
		return -1;
	}
	rc = read(fd, buf, st.st_size) == st.st_size ? 0 : -1;
	close(fd);
	if (rc == 0)
		rc = xs_journal_replay(d->store, buf, st.st_size, &good);
	free(buf);
	if (rc != 0) {
		xsd_log(d, XS_LOG_ERR, "state %s is corrupt: refusing to start",
		        d->state);
		return -1;
	}
	xsd_log(d, XS_LOG_INFO, "state %s: replayed %zu of %lld bytes, %zu "
	        "nodes", d->state, good, (long long)st.st_size,
	        d->store->nodes.count);
	if (good < (size_t)st.st_size)
		xsd_log(d, XS_LOG_WARN, "state %s: dropped a torn last batch "
		        "of %lld bytes (never acknowledged)", d->state,
		        (long long)(st.st_size - (off_t)good));
	return 0;
}
