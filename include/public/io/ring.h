/* SPDX-License-Identifier: MIT */
/* Shared request/response rings between a frontend and a backend. */
#ifndef __XEN_PUBLIC_IO_RING_H__
#define __XEN_PUBLIC_IO_RING_H__

#include <stdint.h>

/*
 * Protocol
 *
 * One shared page holds a header and an array of slots, each a union of a
 * request and a response. The frontend produces requests and consumes
 * responses; the backend the reverse. Indices are free-running 32-bit
 * counters, reduced to a slot with idx & (size - 1); the slot count is the
 * largest power of two that fits in the page. Each side keeps private
 * copies (front: req_prod_pvt, rsp_cons; back: rsp_prod_pvt, req_cons) and
 * publishes with RING_PUSH_*.
 *
 * Memory ordering: a producer fills slots, issues a write barrier, then
 * updates *_prod. A consumer reads *_prod, then a read barrier, then the
 * slots. The includer defines xen_mb(), xen_rmb() and xen_wmb().
 *
 * Notification hold-off: a consumer about to sleep sets *_event to the
 * index it wants to be woken for (normally cons + 1), issues a full
 * barrier and checks again (RING_FINAL_CHECK_FOR_*). A producer that moved
 * *_prod from old to new notifies only if *_event lies in (old, new], that
 * is (new - event) < (new - old) in 32-bit arithmetic
 * (RING_PUSH_*_AND_CHECK_NOTIFY).
 *
 * A backend must treat everything in the shared page as hostile: copy a
 * request out with RING_COPY_REQUEST before checking it, and check the
 * peer's indices with RING_REQUEST_PROD_OVERFLOW.
 *
 * __CONST_RING_SIZE needs offsetof() and SHARED_RING_INIT memset() from
 * the includer. Xen's DEFINE_XEN_FLEX_RING (byte-stream rings for pvcalls
 * and 9pfs) is not provided.
 */

typedef uint32_t RING_IDX;

/* Round down to a power of two, in constant expressions. */
#define __RD2(_x)	(((_x) & 0x00000002) ? 0x2 : ((_x) & 0x1))
#define __RD4(_x)	(((_x) & 0x0000000c) ? __RD2((_x) >> 2) << 2 : __RD2(_x))
#define __RD8(_x)	(((_x) & 0x000000f0) ? __RD4((_x) >> 4) << 4 : __RD4(_x))
#define __RD16(_x)	(((_x) & 0x0000ff00) ? __RD8((_x) >> 8) << 8 : __RD8(_x))
#define __RD32(_x)	(((_x) & 0xffff0000) ? __RD16((_x) >> 16) << 16 : __RD16(_x))

/* Slots of ring type _s in _sz bytes, as a constant (by type name)... */
#define __CONST_RING_SIZE(_s, _sz)					\
	(__RD32(((_sz) - offsetof(struct _s##_sring, ring)) /		\
		sizeof(((struct _s##_sring *)0)->ring[0])))
/* ...and given a pointer _s to the shared ring. */
#define __RING_SIZE(_s, _sz)						\
	(__RD32(((_sz) - (long)(_s)->ring + (long)(_s)) / sizeof((_s)->ring[0])))

/*
 * Defines union <name>_sring_entry, struct <name>_sring (the shared page),
 * struct <name>_front_ring and struct <name>_back_ring (each side's
 * private state) and their _t typedefs.
 */
#define DEFINE_RING_TYPES(__name, __req_t, __rsp_t)			\
union __name##_sring_entry {						\
	__req_t req;							\
	__rsp_t rsp;							\
};									\
									\
struct __name##_sring {							\
	RING_IDX req_prod, req_event;					\
	RING_IDX rsp_prod, rsp_event;					\
	union {								\
		struct {						\
			uint8_t smartpoll_active;			\
		} netif;						\
		struct {						\
			uint8_t msg;					\
		} tapif_user;						\
		uint8_t pvt_pad[4];					\
	} pvt;								\
	uint8_t __pad[44];						\
	union __name##_sring_entry ring[1];				\
};									\
									\
struct __name##_front_ring {						\
	RING_IDX req_prod_pvt;						\
	RING_IDX rsp_cons;						\
	uint32_t nr_ents;						\
	uint32_t _xpad0;						\
	struct __name##_sring *sring;					\
};									\
									\
struct __name##_back_ring {						\
	RING_IDX rsp_prod_pvt;						\
	RING_IDX req_cons;						\
	uint32_t nr_ents;						\
	uint32_t _xpad0;						\
	struct __name##_sring *sring;					\
};									\
									\
typedef struct __name##_sring __name##_sring_t;			\
typedef struct __name##_front_ring __name##_front_ring_t;		\
typedef struct __name##_back_ring __name##_back_ring_t

/* Called once by the side that allocates the shared page. */
#define SHARED_RING_INIT(_s) do {					\
	(_s)->req_prod = (_s)->rsp_prod = 0;				\
	(_s)->req_event = (_s)->rsp_event = 1;				\
	(void)memset((_s)->pvt.pvt_pad, 0, sizeof((_s)->pvt.pvt_pad));	\
	(void)memset((_s)->__pad, 0, sizeof((_s)->__pad));		\
} while (0)

#define FRONT_RING_ATTACH(_r, _s, _i, __size) do {			\
	(_r)->req_prod_pvt = (_i);					\
	(_r)->rsp_cons = (_i);						\
	(_r)->nr_ents = __RING_SIZE(_s, __size);			\
	(_r)->sring = (_s);						\
} while (0)

#define FRONT_RING_INIT(_r, _s, __size) FRONT_RING_ATTACH(_r, _s, 0, __size)

#define XEN_FRONT_RING_INIT(r, s, size) do {				\
	SHARED_RING_INIT(s);						\
	FRONT_RING_INIT(r, s, size);					\
} while (0)

#define BACK_RING_ATTACH(_r, _s, _i, __size) do {			\
	(_r)->rsp_prod_pvt = (_i);					\
	(_r)->req_cons = (_i);						\
	(_r)->nr_ents = __RING_SIZE(_s, __size);			\
	(_r)->sring = (_s);						\
} while (0)

#define BACK_RING_INIT(_r, _s, __size) BACK_RING_ATTACH(_r, _s, 0, __size)

/* Slots in the ring. */
#define RING_SIZE(_r)	((_r)->nr_ents)

/* Frontend: slots free for new requests. */
#define RING_FREE_REQUESTS(_r)						\
	(RING_SIZE(_r) - ((_r)->req_prod_pvt - (_r)->rsp_cons))

#define RING_FULL(_r)	(RING_FREE_REQUESTS(_r) == 0)

/* Frontend: responses published but not consumed. */
#define XEN_RING_NR_UNCONSUMED_RESPONSES(_r)				\
	((_r)->sring->rsp_prod - (_r)->rsp_cons)

/*
 * Backend: requests published but not consumed, bounded by the slots not
 * yet answered so that a bad req_prod cannot make it claim more.
 */
#define XEN_RING_NR_UNCONSUMED_REQUESTS(_r)				\
	((((_r)->sring->req_prod - (_r)->req_cons) <			\
	  (RING_SIZE(_r) - ((_r)->req_cons - (_r)->rsp_prod_pvt))) ?	\
	 ((_r)->sring->req_prod - (_r)->req_cons) :			\
	 (RING_SIZE(_r) - ((_r)->req_cons - (_r)->rsp_prod_pvt)))

#ifdef XEN_RING_HAS_UNCONSUMED_IS_BOOL
#define RING_HAS_UNCONSUMED_RESPONSES(_r)				\
	(!!XEN_RING_NR_UNCONSUMED_RESPONSES(_r))
#define RING_HAS_UNCONSUMED_REQUESTS(_r)				\
	(!!XEN_RING_NR_UNCONSUMED_REQUESTS(_r))
#else
#define RING_HAS_UNCONSUMED_RESPONSES(_r) XEN_RING_NR_UNCONSUMED_RESPONSES(_r)
#define RING_HAS_UNCONSUMED_REQUESTS(_r)  XEN_RING_NR_UNCONSUMED_REQUESTS(_r)
#endif

/* Pointer to the slot of index _idx. */
#define RING_GET_REQUEST(_r, _idx)					\
	(&((_r)->sring->ring[((_idx) & (RING_SIZE(_r) - 1))].req))
#define RING_GET_RESPONSE(_r, _idx)					\
	(&((_r)->sring->ring[((_idx) & (RING_SIZE(_r) - 1))].rsp))

/* Copy a slot out with one read of each byte, so the peer can't change it. */
#define RING_COPY_(type, r, idx, dest) do {				\
	*(dest) = *(volatile __typeof__(dest))RING_GET_##type(r, idx);	\
} while (0)
#define RING_COPY_REQUEST(r, idx, req)	RING_COPY_(REQUEST, r, idx, req)
#define RING_COPY_RESPONSE(r, idx, rsp)	RING_COPY_(RESPONSE, r, idx, rsp)

/* Index checks against a peer that may lie. */
#define RING_REQUEST_CONS_OVERFLOW(_r, _cons)				\
	(((_cons) - (_r)->rsp_prod_pvt) >= RING_SIZE(_r))
#define RING_REQUEST_PROD_OVERFLOW(_r, _prod)				\
	(((_prod) - (_r)->rsp_prod_pvt) > RING_SIZE(_r))
#define RING_RESPONSE_PROD_OVERFLOW(_r, _prod)				\
	(((_prod) - (_r)->rsp_cons) > RING_SIZE(_r))

#define RING_PUSH_REQUESTS(_r) do {					\
	xen_wmb();							\
	(_r)->sring->req_prod = (_r)->req_prod_pvt;			\
} while (0)

#define RING_PUSH_RESPONSES(_r) do {					\
	xen_wmb();							\
	(_r)->sring->rsp_prod = (_r)->rsp_prod_pvt;			\
} while (0)

#define RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(_r, _notify) do {		\
	RING_IDX __old = (_r)->sring->req_prod;				\
	RING_IDX __new = (_r)->req_prod_pvt;				\
	xen_wmb();							\
	(_r)->sring->req_prod = __new;					\
	xen_mb();							\
	(_notify) = ((RING_IDX)(__new - (_r)->sring->req_event) <	\
		     (RING_IDX)(__new - __old));			\
} while (0)

#define RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(_r, _notify) do {		\
	RING_IDX __old = (_r)->sring->rsp_prod;				\
	RING_IDX __new = (_r)->rsp_prod_pvt;				\
	xen_wmb();							\
	(_r)->sring->rsp_prod = __new;					\
	xen_mb();							\
	(_notify) = ((RING_IDX)(__new - (_r)->sring->rsp_event) <	\
		     (RING_IDX)(__new - __old));			\
} while (0)

#define RING_FINAL_CHECK_FOR_REQUESTS(_r, _work_to_do) do {		\
	(_work_to_do) = RING_HAS_UNCONSUMED_REQUESTS(_r);		\
	if (_work_to_do)						\
		break;							\
	(_r)->sring->req_event = (_r)->req_cons + 1;			\
	xen_mb();							\
	(_work_to_do) = RING_HAS_UNCONSUMED_REQUESTS(_r);		\
} while (0)

#define RING_FINAL_CHECK_FOR_RESPONSES(_r, _work_to_do) do {		\
	(_work_to_do) = RING_HAS_UNCONSUMED_RESPONSES(_r);		\
	if (_work_to_do)						\
		break;							\
	(_r)->sring->rsp_event = (_r)->rsp_cons + 1;			\
	xen_mb();							\
	(_work_to_do) = RING_HAS_UNCONSUMED_RESPONSES(_r);		\
} while (0)

/* Multi-page rings: bytes in a ring of 2^order pages, halved per direction. */
#ifndef XEN_PAGE_SHIFT
#define XEN_PAGE_SHIFT	12
#endif
#define XEN_FLEX_RING_SIZE(order)	(1UL << ((order) + XEN_PAGE_SHIFT - 1))

#endif /* __XEN_PUBLIC_IO_RING_H__ */
