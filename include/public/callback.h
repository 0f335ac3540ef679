/* SPDX-License-Identifier: MIT */
/* callback_op hypercall (30): entry points for events, failsafe, syscall. */
#include "xen.h"

#ifndef __XEN_PUBLIC_CALLBACK_H__
#define __XEN_PUBLIC_CALLBACK_H__

/*
 * callback_op(CALLBACKOP_register, struct callback_register *) sets where
 * the hypervisor bounces the guest for each kind of entry;
 * CALLBACKOP_unregister (only the NMI callback may be removed) clears one.
 * Returns 0 or a negative XEN_E*.
 */
#define CALLBACKTYPE_event			0	/* event upcall */
#define CALLBACKTYPE_failsafe			1	/* bad segment on return */
#define CALLBACKTYPE_syscall			2	/* 64-bit user syscall */
#define CALLBACKTYPE_sysenter_deprecated	3
#define CALLBACKTYPE_nmi			4
#define CALLBACKTYPE_sysenter			5	/* 32-bit user sysenter */
#define CALLBACKTYPE_syscall32			7	/* 32-bit user syscall */

/* Mask events on entry (not for event and NMI callbacks). */
#define _CALLBACKF_mask_events	0
#define CALLBACKF_mask_events	(1U << _CALLBACKF_mask_events)

#define CALLBACKOP_register	0
struct callback_register {
	uint16_t type;		/* CALLBACKTYPE_* */
	uint16_t flags;		/* CALLBACKF_* */
	uint32_t _xpad0;
	xen_callback_t address;
};
typedef struct callback_register callback_register_t;
DEFINE_XEN_GUEST_HANDLE(callback_register_t);

#define CALLBACKOP_unregister	1
struct callback_unregister {
	uint16_t type;		/* CALLBACKTYPE_* */
	uint16_t _unused;
};
typedef struct callback_unregister callback_unregister_t;
DEFINE_XEN_GUEST_HANDLE(callback_unregister_t);

#endif /* __XEN_PUBLIC_CALLBACK_H__ */
