/* SPDX-License-Identifier: MIT */
/* The PV console ring page shared by a guest and the console daemon. */
#ifndef __XEN_PUBLIC_IO_CONSOLE_H__
#define __XEN_PUBLIC_IO_CONSOLE_H__

#include <stdint.h>

/*
 * The guest writes out[] and advances out_prod; the daemon reads it and
 * advances out_cons. Input flows the other way through in[]. Indices are
 * free-running; a byte's offset is MASK_XENCONS_IDX(idx, array). After
 * moving an index the writer notifies the console event channel.
 */
typedef uint32_t XENCONS_RING_IDX;

#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

struct xencons_interface {
	char in[1024];			/* daemon -> guest */
	char out[2048];			/* guest -> daemon */
	XENCONS_RING_IDX in_cons, in_prod;
	XENCONS_RING_IDX out_cons, out_prod;
};

#endif /* __XEN_PUBLIC_IO_CONSOLE_H__ */
