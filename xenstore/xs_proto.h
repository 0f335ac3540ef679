/* SPDX-License-Identifier: MIT */
/*
 * The wire protocol as the store core uses it: the ABI header
 * include/public/io/xs_wire.h (message types, header, limits, ring page)
 * plus the few helpers of our own below.
 */
#ifndef XS_PROTO_H
#define XS_PROTO_H

#include <stdint.h>

#include <public/io/xs_wire.h>

#define XS_HDR_SIZE		16u
#define XS_RING_MASK(idx)	MASK_XENSTORE_IDX(idx)

/*
 * Error names in ABI order (for a switch from errno to name); the public
 * header's xsd_errors[] table is the reference this must match.
 */
#define XS_ERRNO_LIST(X)						\
	X(EINVAL) X(EACCES) X(EEXIST) X(EISDIR) X(ENOENT) X(ENOMEM)	\
	X(ENOSPC) X(EIO) X(ENOTEMPTY) X(ENOSYS) X(EROFS) X(EBUSY)	\
	X(EAGAIN) X(EISCONN) X(E2BIG) X(EPERM)

_Static_assert(sizeof(struct xsd_sockmsg) == XS_HDR_SIZE, "header size");
_Static_assert(sizeof(struct xenstore_domain_interface) == 2076,
	       "ring page layout");

#endif /* XS_PROTO_H */
