/* SPDX-License-Identifier: MIT */
/*
 * Printing helpers and hand-written checks for the generated ABI
 * comparison program. Included after either our headers (-DSHOJI) or
 * Debian's; every line printed must be the same for both.
 */
#ifndef COMPARE_HELPERS_H
#define COMPARE_HELPERS_H

#ifdef SHOJI
#define XEN_ERRNO_HEADER "public/errno.h"
#else
#define XEN_ERRNO_HEADER "xen/errno.h"
#endif

/* Size and alignment of a type. */
#define PT(name, T)							\
	printf("size %s %zu\nalign %s %zu\n", name, sizeof(T),		\
	       name, _Alignof(T))

/* Offset and size of a field (path may name nested members). */
#define PO(name, T, path)						\
	printf("offset %s.%s %zu\n", name, #path, offsetof(T, path))
#define PF(name, T, path)						\
	printf("fsize %s.%s %zu\n", name, #path, sizeof(((T *)0)->path))

/* Signedness of a scalar field, and of a scalar typedef. */
#define PS(name, T, path)						\
	printf("sign %s.%s %s\n", name, #path,				\
	       (__typeof__(((T *)0)->path))-1 < 0 ? "signed" : "unsigned")
#define PSIGN(name, T)							\
	printf("sign %s %s\n", name, (T)-1 < 0 ? "signed" : "unsigned")

/* An enum constant. */
#define PE(name, e) printf("enum %s %lld\n", name, (long long)(e))

/*
 * An object-like macro: strings by content, everything else by signedness,
 * size and value (pointers included, as integers).
 */
#define IS_STR(x) _Generic((x) + 0, char *: 1, const char *: 1, default: 0)
#define AS_STR(x) _Generic((x) + 0, char *: (x), const char *: (x),	\
			   default: "")
#define PV(name, x) do {						\
	if (IS_STR(x))							\
		printf("const %s str \"%s\"\n", name, AS_STR(x));	\
	else								\
		printf("const %s %c%zu %llu\n", name,			\
		       ((x) - (x) - 1 < 0) ? 's' : 'u', sizeof(x),	\
		       (unsigned long long)(x));			\
} while (0)

/* A sample ring for the io/ring.h macros. */
struct hdrtest_request {
	uint64_t id;
	uint8_t op;
};
struct hdrtest_response {
	uint64_t id;
	int16_t status;
};
DEFINE_RING_TYPES(hdrtest, struct hdrtest_request, struct hdrtest_response);

#define xen_mb()	__sync_synchronize()
#define xen_rmb()	__sync_synchronize()
#define xen_wmb()	__sync_synchronize()

static union {
	struct hdrtest_sring s;
	unsigned char page[4096];
} ring_page;

/* Drive the ring macros through a few wraps; print what they decide. */
static void ring_checks(void)
{
	struct hdrtest_sring *s = &ring_page.s;
	struct hdrtest_front_ring f;
	struct hdrtest_back_ring b;
	unsigned int i, notify, work;

	PT("struct hdrtest_sring", struct hdrtest_sring);
	PO("sring", struct hdrtest_sring, req_prod);
	PO("sring", struct hdrtest_sring, req_event);
	PO("sring", struct hdrtest_sring, rsp_prod);
	PO("sring", struct hdrtest_sring, rsp_event);
	PO("sring", struct hdrtest_sring, pvt);
	PO("sring", struct hdrtest_sring, pvt.netif.smartpoll_active);
	PO("sring", struct hdrtest_sring, pvt.tapif_user.msg);
	PO("sring", struct hdrtest_sring, __pad);
	PO("sring", struct hdrtest_sring, ring);
	PT("union hdrtest_sring_entry", union hdrtest_sring_entry);
	PT("struct hdrtest_front_ring", struct hdrtest_front_ring);
	PO("front", struct hdrtest_front_ring, req_prod_pvt);
	PO("front", struct hdrtest_front_ring, rsp_cons);
	PO("front", struct hdrtest_front_ring, nr_ents);
	PO("front", struct hdrtest_front_ring, sring);
	PT("struct hdrtest_back_ring", struct hdrtest_back_ring);
	PO("back", struct hdrtest_back_ring, rsp_prod_pvt);
	PO("back", struct hdrtest_back_ring, req_cons);
	PO("back", struct hdrtest_back_ring, nr_ents);
	PO("back", struct hdrtest_back_ring, sring);
	PT("RING_IDX", RING_IDX);
	printf("ring const_size %zu\n",
	       (size_t)__CONST_RING_SIZE(hdrtest, 4096));
	for (i = 1; i <= 4096; i = i * 3 + 1)
		printf("ring rd32 %u %u\n", i, (unsigned int)__RD32(i));
	printf("ring flex_size %lu %lu\n", (unsigned long)XEN_FLEX_RING_SIZE(0),
	       (unsigned long)XEN_FLEX_RING_SIZE(3));

	memset(&ring_page, 0xa5, sizeof(ring_page));
	XEN_FRONT_RING_INIT(&f, s, sizeof(ring_page));
	BACK_RING_INIT(&b, s, sizeof(ring_page));
	printf("ring init %u %u %u %u %u %u\n", s->req_prod, s->req_event,
	       s->rsp_prod, s->rsp_event, RING_SIZE(&f), RING_SIZE(&b));
	for (i = 0; i < 200; i++) {
		unsigned int n = i % 7, k;

		for (k = 0; k < n && !RING_FULL(&f); k++)
			RING_GET_REQUEST(&f, f.req_prod_pvt++)->id = i;
		RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&f, notify);
		printf("ring step %u free %u notify %u", i,
		       RING_FREE_REQUESTS(&f), notify);
		RING_FINAL_CHECK_FOR_REQUESTS(&b, work);
		printf(" work %u", work);
		while (RING_HAS_UNCONSUMED_REQUESTS(&b)) {
			struct hdrtest_request rq;

			RING_COPY_REQUEST(&b, b.req_cons, &rq);
			b.req_cons++;
			RING_GET_RESPONSE(&b, b.rsp_prod_pvt++)->id = rq.id;
			if (i % 3 == 0)
				break;
		}
		RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&b, notify);
		RING_FINAL_CHECK_FOR_RESPONSES(&f, work);
		printf(" rnotify %u rwork %u", notify, work);
		while (RING_HAS_UNCONSUMED_RESPONSES(&f))
			f.rsp_cons++;
		printf(" overflow %d %d %d events %u %u\n",
		       (int)RING_REQUEST_CONS_OVERFLOW(&b, b.req_cons + i),
		       (int)RING_REQUEST_PROD_OVERFLOW(&b, s->req_prod + i),
		       (int)RING_RESPONSE_PROD_OVERFLOW(&f, s->rsp_prod + i),
		       s->req_event, s->rsp_event);
	}
}

/* Function-like macros and lists the generator cannot see. */
static void extras(void)
{
	static const char *const gnttab_msgs[] = GNTTABOP_error_msgs;
	static const xen_uuid_t uuid = XEN_DEFINE_UUID(0x12345678, 0x9abc,
		0xdef0, 0x1122, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88);
	struct trap_info ti;
	char cons_in[1024];
	unsigned int i;

#define XEN_ERRNO(name, value) printf("errno %s %d\n", #name, value);
#include XEN_ERRNO_HEADER
	for (i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++)
		printf("xsd_errors %u %d %s\n", i, xsd_errors[i].errnum,
		       xsd_errors[i].errstring);
	for (i = 0; i < sizeof(gnttab_msgs) / sizeof(gnttab_msgs[0]); i++)
		printf("gnttab_msg %u %s\n", i, gnttab_msgs[i]);
	for (i = 0; i < sizeof(uuid.a); i++)
		printf("uuid %u %u\n", i, uuid.a[i]);

	memset(&ti, 0, sizeof(ti));
	TI_SET_DPL(&ti, 3);
	TI_SET_IF(&ti, 7);
	printf("ti %u %u %u\n", ti.flags, TI_GET_DPL(&ti), TI_GET_IF(&ti));
	printf("cr3 %llu %llu\n",
	       (unsigned long long)xen_pfn_to_cr3(0x12345),
	       (unsigned long long)xen_cr3_to_pfn(0x12345678ull));
	printf("mk %u %lu %llu\n", xen_mk_uint(7), xen_mk_ulong(7),
	       xen_mk_ullong(7));
	printf("physid %u %u\n",
	       xen_vcpu_physid_to_x86_apicid(0x1122334455667788ull),
	       xen_vcpu_physid_to_x86_acpiid(0x1122334455667788ull));
	printf("xenmemf %u %u %u %u %u\n", XENMEMF_address_bits(32u),
	       XENMEMF_get_address_bits(0x1234u), XENMEMF_node(2u),
	       XENMEMF_get_node(0x300u), XENMEMF_exact_node(1u));
	printf("ioreq_frame %d\n", XENMEM_resource_ioreq_server_frame_ioreq(3));
	printf("xs_mask %u %u\n", MASK_XENSTORE_IDX(1023u),
	       MASK_XENSTORE_IDX(1025u));
	printf("cons_mask %zu %zu\n", MASK_XENCONS_IDX(1025u, cons_in),
	       MASK_XENCONS_IDX(3000u, cons_in));
	ring_checks();
}

#endif /* COMPARE_HELPERS_H */
