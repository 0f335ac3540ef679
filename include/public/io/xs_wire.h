/* SPDX-License-Identifier: MIT */
/* Xenstore wire protocol: message header, message types, the ring page. */
#ifndef _XS_WIRE_H
#define _XS_WIRE_H

#include <stdint.h>

/*
 * Every message is a struct xsd_sockmsg followed by len payload bytes
 * (at most XENSTORE_PAYLOAD_MAX), over a Unix socket or the ring below.
 * A reply repeats the request's type, req_id and tx_id; a failure is an
 * XS_ERROR reply whose payload is the errno name ("ENOENT"). Message types
 * are append-only.
 */
enum xsd_sockmsg_type {
	XS_CONTROL,
#define XS_DEBUG XS_CONTROL
	XS_DIRECTORY,
	XS_READ,
	XS_GET_PERMS,
	XS_WATCH,
	XS_UNWATCH,
	XS_TRANSACTION_START,
	XS_TRANSACTION_END,
	XS_INTRODUCE,
	XS_RELEASE,
	XS_GET_DOMAIN_PATH,
	XS_WRITE,
	XS_MKDIR,
	XS_RM,
	XS_SET_PERMS,
	XS_WATCH_EVENT,
	XS_ERROR,
	XS_IS_DOMAIN_INTRODUCED,
	XS_RESUME,
	XS_SET_TARGET,
	/* XS_SET_TARGET + 1 was XS_RESTRICT, since removed. */
	XS_RESET_WATCHES = XS_SET_TARGET + 2,
	XS_DIRECTORY_PART,

	XS_TYPE_COUNT,		/* one past the last valid type */

	XS_INVALID = 0xffff	/* never a valid type */
};

/* Legacy write modes. */
#define XS_WRITE_NONE		"NONE"
#define XS_WRITE_CREATE		"CREATE"
#define XS_WRITE_CREATE_EXCL	"CREATE|EXCL"

/*
 * The errors a server may send, by name. The table exists only where the
 * includer has <errno.h> (EINVAL defined); it is append-only.
 */
struct xsd_errors {
	int32_t errnum;
	uint32_t _xpad0;
	const char *errstring;
};
#ifdef EINVAL
#define XSD_ERROR(x) { x, 0, #x }
static const struct xsd_errors xsd_errors[]
#if defined(__GNUC__)
__attribute__((unused))
#endif
	= {
	XSD_ERROR(EINVAL),
	XSD_ERROR(EACCES),
	XSD_ERROR(EEXIST),
	XSD_ERROR(EISDIR),
	XSD_ERROR(ENOENT),
	XSD_ERROR(ENOMEM),
	XSD_ERROR(ENOSPC),
	XSD_ERROR(EIO),
	XSD_ERROR(ENOTEMPTY),
	XSD_ERROR(ENOSYS),
	XSD_ERROR(EROFS),
	XSD_ERROR(EBUSY),
	XSD_ERROR(EAGAIN),
	XSD_ERROR(EISCONN),
	XSD_ERROR(E2BIG),
	XSD_ERROR(EPERM),
};
#endif

/* Message header, little-endian. */
struct xsd_sockmsg {
	uint32_t type;		/* enum xsd_sockmsg_type */
	uint32_t req_id;	/* echoed in the reply */
	uint32_t tx_id;		/* transaction, 0 = none */
	uint32_t len;		/* payload bytes that follow */
};

/* The two strings of an XS_WATCH_EVENT payload, in order. */
enum xs_watch_type {
	XS_WATCH_PATH = 0,
	XS_WATCH_TOKEN
};

/*
 * The ring page of a domain's connection (start_info.store_mfn). Two byte
 * streams with free-running indices; a byte's offset is
 * MASK_XENSTORE_IDX(idx). Messages may wrap and arrive in pieces. After
 * moving an index the writer notifies the store event channel.
 */
#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))
struct xenstore_domain_interface {
	char req[XENSTORE_RING_SIZE];	/* guest -> server */
	char rsp[XENSTORE_RING_SIZE];	/* server -> guest */
	XENSTORE_RING_IDX req_cons, req_prod;
	XENSTORE_RING_IDX rsp_cons, rsp_prod;
	uint32_t server_features;	/* XENSTORE_SERVER_FEATURE_* */
	uint32_t connection;		/* XENSTORE_CONNECTED, _RECONNECT */
	uint32_t error;			/* XENSTORE_ERROR_* */
};

/* Limits on a message payload and on paths. */
#define XENSTORE_PAYLOAD_MAX	4096
#define XENSTORE_ABS_PATH_MAX	3072
#define XENSTORE_REL_PATH_MAX	2048

/* server_features: what the server offers. */
#define XENSTORE_SERVER_FEATURE_RECONNECTION	1
#define XENSTORE_SERVER_FEATURE_ERROR		2

/* connection: the guest sets RECONNECT to ask for a reset of the ring. */
#define XENSTORE_CONNECTED	0
#define XENSTORE_RECONNECT	1

/* error: why the server stopped using the ring. */
#define XENSTORE_ERROR_NONE	0
#define XENSTORE_ERROR_COMM	1
#define XENSTORE_ERROR_RINGIDX	2
#define XENSTORE_ERROR_PROTO	3

#endif /* _XS_WIRE_H */
