/* SPDX-License-Identifier: MIT */
/* Names of Xen errno values, from the one list in public/errno.h. */
#include <stddef.h>
#include <guest/guest.h>

struct errno_name {
	long		value;
	const char	*name;
};

static const struct errno_name errno_names[] = {
#define XEN_ERRNO(name, value) { value, #name },
#include <public/errno.h>
};

const char *xen_strerror(long rc)
{
	long e = rc < 0 ? -rc : rc;

	if (rc == 0)
		return "OK";
	/* The first name wins: EAGAIN before its alias EWOULDBLOCK. */
	for (size_t i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]);
	     i++)
		if (errno_names[i].value == e)
			return errno_names[i].name;
	return "unknown error";
}
