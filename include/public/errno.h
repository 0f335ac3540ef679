/* SPDX-License-Identifier: MIT */
/* Error numbers that hypercalls return, negated (the same as Linux x86). */

/*
 * The list below is the only place the numbers are written. Included
 * plainly, this header defines enum xen_errno with XEN_EPERM = 1 and so on
 * (in assembly: ".equ XEN_EPERM, 1" lines). An includer that defines
 * XEN_ERRNO(name, value) first gets just the list expanded through its
 * macro, as often as it likes; the header undefines XEN_ERRNO afterwards.
 * EINTR and ERESTART are the hypervisor's own (ERESTART asks for a
 * continuation) and never reach a guest; they are listed only for code
 * built with __XEN__ defined, as in Xen. Append-only.
 */
#ifndef XEN_ERRNO
#ifndef __XEN_PUBLIC_ERRNO_H__
#define __XEN_PUBLIC_ERRNO_H__
#define XEN_ERRNO_DEFAULT_INCLUDE
#ifndef __ASSEMBLY__
#define XEN_ERRNO(name, value) XEN_##name = value,
enum xen_errno {
#else
#define XEN_ERRNO(name, value) .equ XEN_##name, value
#endif
#endif /* __XEN_PUBLIC_ERRNO_H__ */
#endif /* !XEN_ERRNO */

#ifdef XEN_ERRNO
XEN_ERRNO(EPERM,	 1)	/* operation not permitted */
XEN_ERRNO(ENOENT,	 2)	/* no such entry */
XEN_ERRNO(ESRCH,	 3)	/* no such domain */
#ifdef __XEN__
XEN_ERRNO(EINTR,	 4)	/* interrupted (internal) */
#endif
XEN_ERRNO(EIO,		 5)	/* I/O error */
XEN_ERRNO(ENXIO,	 6)	/* no such device or address */
XEN_ERRNO(E2BIG,	 7)	/* argument list too long */
XEN_ERRNO(ENOEXEC,	 8)	/* bad executable format */
XEN_ERRNO(EBADF,	 9)	/* bad file number */
XEN_ERRNO(ECHILD,	10)	/* no child process */
XEN_ERRNO(EAGAIN,	11)	/* try again */
XEN_ERRNO(EWOULDBLOCK,	11)	/* same as EAGAIN */
XEN_ERRNO(ENOMEM,	12)	/* out of memory */
XEN_ERRNO(EACCES,	13)	/* permission denied */
XEN_ERRNO(EFAULT,	14)	/* bad address */
XEN_ERRNO(EBUSY,	16)	/* busy */
XEN_ERRNO(EEXIST,	17)	/* already exists */
XEN_ERRNO(EXDEV,	18)	/* cross-domain link */
XEN_ERRNO(ENODEV,	19)	/* no such device */
XEN_ERRNO(ENOTDIR,	20)	/* not a directory */
XEN_ERRNO(EISDIR,	21)	/* is a directory */
XEN_ERRNO(EINVAL,	22)	/* invalid argument */
XEN_ERRNO(ENFILE,	23)	/* file table overflow */
XEN_ERRNO(EMFILE,	24)	/* too many open files */
XEN_ERRNO(ENOSPC,	28)	/* no space left */
XEN_ERRNO(EROFS,	30)	/* read-only */
XEN_ERRNO(EMLINK,	31)	/* too many links */
XEN_ERRNO(EDOM,		33)	/* argument out of domain */
XEN_ERRNO(ERANGE,	34)	/* result out of range */
XEN_ERRNO(EDEADLK,	35)	/* deadlock avoided */
XEN_ERRNO(EDEADLOCK,	35)	/* same as EDEADLK */
XEN_ERRNO(ENAMETOOLONG,	36)	/* name too long */
XEN_ERRNO(ENOLCK,	37)	/* no locks available */
XEN_ERRNO(ENOSYS,	38)	/* no such hypercall or sub-op */
XEN_ERRNO(ENOTEMPTY,	39)	/* directory not empty */
XEN_ERRNO(ENODATA,	61)	/* no data available */
XEN_ERRNO(ETIME,	62)	/* timer expired */
XEN_ERRNO(EBADMSG,	74)	/* not a data message */
XEN_ERRNO(EOVERFLOW,	75)	/* value too large */
XEN_ERRNO(EILSEQ,	84)	/* illegal byte sequence */
#ifdef __XEN__
XEN_ERRNO(ERESTART,	85)	/* continue later (internal) */
#endif
XEN_ERRNO(ENOTSOCK,	88)	/* not a socket */
XEN_ERRNO(EMSGSIZE,	90)	/* message too long */
XEN_ERRNO(EOPNOTSUPP,	95)	/* operation not supported */
XEN_ERRNO(EADDRINUSE,	98)	/* address in use */
XEN_ERRNO(EADDRNOTAVAIL, 99)	/* address not available */
XEN_ERRNO(ENOBUFS,	105)	/* no buffer space */
XEN_ERRNO(EISCONN,	106)	/* already connected */
XEN_ERRNO(ENOTCONN,	107)	/* not connected */
XEN_ERRNO(ETIMEDOUT,	110)	/* timed out */
XEN_ERRNO(ECONNREFUSED,	111)	/* connection refused */
#undef XEN_ERRNO
#endif /* XEN_ERRNO */

#ifdef XEN_ERRNO_DEFAULT_INCLUDE
#undef XEN_ERRNO_DEFAULT_INCLUDE
#ifndef __ASSEMBLY__
};
#endif
#endif
