/* SPDX-License-Identifier: MIT */
/*
 * A stand-in for the Xen device layer, preloaded (LD_PRELOAD) into Xen's
 * own xenstored and oxenstored so that they run on a plain Linux host for
 * the benchmark: a control interface that knows only dom0, event channels
 * that never fire, grant maps of blank pages, /proc/xen/xsd_kva and
 * xsd_port backed by memory, and a clamp on the file-descriptor limit
 * they ask for. oxenstored's socket, fixed at /var/run/xenstored/socket,
 * and the files beside it are moved to $XS_STANDIN_RUNDIR when that is
 * set. Only what these
 * daemons call; nothing else works.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <xenctrl.h>
#include <xenevtchn.h>
#include <xengnttab.h>

static int dummy_handle;
static int evtchn_pipe[2] = { -1, -1 };
static int next_port = 10;

xc_interface *xc_interface_open(xentoollog_logger *logger,
				xentoollog_logger *dombuild_logger,
				unsigned open_flags)
{
	(void)logger;
	(void)dombuild_logger;
	(void)open_flags;
	return (xc_interface *)&dummy_handle;
}

int xc_interface_close(xc_interface *xch)
{
	(void)xch;
	return 0;
}

/* Only dom0 exists, alive. */
int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid,
		      unsigned int max_doms, xc_dominfo_t *info)
{
	(void)xch;
	if (first_domid != 0 || max_doms == 0)
		return 0;
	memset(info, 0, sizeof(*info));
	info->domid = 0;
	info->running = 1;
	return 1;
}

int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
			  unsigned int max_domains, xc_domaininfo_t *info)
{
	(void)xch;
	if (first_domain != 0 || max_domains == 0)
		return 0;
	memset(info, 0, sizeof(*info));
	info->domain = 0;
	info->flags = XEN_DOMINF_running;
	return 1;
}

xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger,
				 unsigned open_flags)
{
	(void)logger;
	(void)open_flags;
	if (evtchn_pipe[0] < 0 && pipe2(evtchn_pipe, O_CLOEXEC) != 0)
		return NULL;
	return (xenevtchn_handle *)&dummy_handle;
}

xenevtchn_handle *xenevtchn_fdopen(struct xentoollog_logger *logger, int fd,
				   unsigned open_flags)
{
	(void)fd;
	return xenevtchn_open(logger, open_flags);
}

int xenevtchn_close(xenevtchn_handle *xce)
{
	(void)xce;
	return 0;
}

int xenevtchn_fd(xenevtchn_handle *xce)
{
	(void)xce;
	return evtchn_pipe[0];	/* never readable */
}

int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
	(void)xce;
	(void)port;
	return 0;
}

xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *xce,
						     uint32_t domid,
						     evtchn_port_t remote)
{
	(void)xce;
	(void)domid;
	(void)remote;
	return next_port++;
}

xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce,
					      unsigned int virq)
{
	(void)xce;
	(void)virq;
	return next_port++;
}

int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
	(void)xce;
	(void)port;
	return 0;
}

xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
	(void)xce;
	errno = EAGAIN;
	return -1;
}

int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
	(void)xce;
	(void)port;
	return 0;
}

xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger,
				 unsigned open_flags)
{
	(void)logger;
	(void)open_flags;
	return (xengnttab_handle *)&dummy_handle;
}

int xengnttab_close(xengnttab_handle *xgt)
{
	(void)xgt;
	return 0;
}

int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants)
{
	(void)xgt;
	(void)nr_grants;
	return 0;
}

void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid,
			      uint32_t ref, int prot)
{
	void *p;

	(void)xgt;
	(void)domid;
	(void)ref;
	(void)prot;
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

int xengnttab_unmap(xengnttab_handle *xgt, void *start_address,
		    uint32_t count)
{
	(void)xgt;
	return munmap(start_address, count * 4096);
}

/* /proc/xen/xsd_kva: a blank ring page; xsd_port: "1". */
static int fake_proc_file(const char *path)
{
	int fd;

	if (strcmp(path, "/proc/xen/xsd_kva") == 0) {
		fd = memfd_create("xsd_kva", MFD_CLOEXEC);
		if (fd >= 0 && ftruncate(fd, 4096) != 0) {
			close(fd);
			return -1;
		}
		return fd;
	}
	if (strcmp(path, "/proc/xen/xsd_port") == 0) {
		fd = memfd_create("xsd_port", MFD_CLOEXEC);
		if (fd >= 0 && (write(fd, "1", 1) != 1 ||
				lseek(fd, 0, SEEK_SET) != 0)) {
			close(fd);
			return -1;
		}
		return fd;
	}
	return -2;
}

static const char *moved(const char *path, char *buf, size_t size);

static int open_common(const char *path, int flags, mode_t mode,
		       const char *sym)
{
	char buf[4096];
	int (*real)(const char *, int, ...);
	int fd = fake_proc_file(path);

	if (fd != -2)
		return fd;
	real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, sym);
	return real(moved(path, buf, sizeof(buf)), flags, mode);
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	return open_common(path, flags, mode, "open");
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	return open_common(path, flags, mode, "open64");
}

/* Ask for no more descriptors than this host grants. */
int setrlimit(__rlimit_resource_t resource, const struct rlimit *rl)
{
	int (*real)(__rlimit_resource_t, const struct rlimit *) =
		(int (*)(__rlimit_resource_t, const struct rlimit *))
		dlsym(RTLD_NEXT, "setrlimit");
	struct rlimit cur, want = *rl;

	if (resource == RLIMIT_NOFILE && getrlimit(resource, &cur) == 0) {
		if (want.rlim_max > cur.rlim_max)
			want.rlim_max = cur.rlim_max;
		if (want.rlim_cur > want.rlim_max)
			want.rlim_cur = want.rlim_max;
	}
	return real(resource, &want);
}

/* /var/run/xenstored/X -> $XS_STANDIN_RUNDIR/X, or path itself. */
static const char *moved(const char *path, char *buf, size_t size)
{
	static const char fixed[] = "/var/run/xenstored/";
	const char *dir = getenv("XS_STANDIN_RUNDIR");

	if (dir == NULL || strncmp(path, fixed, sizeof(fixed) - 1) != 0)
		return path;
	snprintf(buf, size, "%s/%s", dir, path + sizeof(fixed) - 1);
	return buf;
}

int bind(int fd, const struct sockaddr *sa, socklen_t len)
{
	int (*real)(int, const struct sockaddr *, socklen_t) =
		(int (*)(int, const struct sockaddr *, socklen_t))
		dlsym(RTLD_NEXT, "bind");
	struct sockaddr_un un;
	char buf[sizeof(un.sun_path)];

	if (sa->sa_family == AF_UNIX && len <= sizeof(un)) {
		memset(&un, 0, sizeof(un));
		memcpy(&un, sa, len);
		un.sun_path[sizeof(un.sun_path) - 1] = '\0';
		snprintf(un.sun_path, sizeof(un.sun_path), "%s",
			 moved(((const struct sockaddr_un *)sa)->sun_path, buf,
			       sizeof(buf)));
		return real(fd, (struct sockaddr *)&un, sizeof(un));
	}
	return real(fd, sa, len);
}

int unlink(const char *path)
{
	int (*real)(const char *) =
		(int (*)(const char *))dlsym(RTLD_NEXT, "unlink");
	char buf[4096];

	return real(moved(path, buf, sizeof(buf)));
}
