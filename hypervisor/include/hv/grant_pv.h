/* SPDX-License-Identifier: MIT */
/* The PV page-table side of grant mappings (arch/x86_64/grant_pv.c). */
#ifndef HV_GRANT_PV_H
#define HV_GRANT_PV_H

#include <hv/lib.h>
#include <public/grant_table.h>

struct vcpu;

/*
 * Maps mfn at host_addr for v's domain (GNTMAP_* flags: readonly,
 * application_map, contains_pte), taking over the frame references the
 * caller holds for it; what was mapped there is released. 0, or -EINVAL
 * if there is no L1 entry of the domain's at host_addr.
 */
int pv_grant_map(struct vcpu *v, uint64_t host_addr, unsigned long mfn,
		 unsigned int flags);

/*
 * Clears the entry at host_addr if it maps mfn, releasing its frame
 * references; -EINVAL (nothing changed) if it does not.
 */
int pv_grant_unmap(struct vcpu *v, uint64_t host_addr, unsigned long mfn,
		   unsigned int flags);

#endif
