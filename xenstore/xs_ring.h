/* SPDX-License-Identifier: MIT */
/* The shared-ring transport of guest store connections. */
#ifndef XS_RING_H
#define XS_RING_H

#include "xs_core.h"

void xs_ring_attach(struct xs_domain *d);
bool xs_ring_service(struct xs_store *s, struct xs_domain *d);
void xs_ring_service_all(struct xs_store *s);

#endif /* XS_RING_H */
