/* SPDX-License-Identifier: MIT */
/*
 * Internal errno names. Their values are Xen's (public/errno.h), which
 * equal Linux x86's, so host tests take them from <errno.h>;
 * hypercall.c pins each against XEN_E* at build time.
 */
#ifndef HV_ERRNO_H
#define HV_ERRNO_H

#ifdef HV_HOST_TEST
#include <errno.h>
#else
#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENAMETOOLONG	36
#define ENOSYS		38
#define ENODATA		61
#define ETIME		62
#define EOVERFLOW	75
#define EOPNOTSUPP	95
#endif

#endif
