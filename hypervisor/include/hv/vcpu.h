/* SPDX-License-Identifier: MIT */
/*
 * What vcpu_op (vcpu.c) offers the rest of the hypervisor, and what it
 * asks of the architecture: the guest's copy of a vCPU's runstate, kept
 * current on every switch, and the architecture's own vcpu_op commands.
 */
#ifndef HV_VCPU_H
#define HV_VCPU_H

#include <hv/lib.h>

struct vcpu;

/*
 * Writes v's runstate to the area its guest registered, if any, through
 * the page table loaded now (v's own, or its domain's), with the
 * XEN_RUNSTATE_UPDATE protocol when the domain asked for it. A failed
 * copy is ignored, as on Xen; returns false when it failed, so that the
 * architecture can retry when the guest's kernel page table is back.
 * Called by the context switch for the vCPU leaving and the one coming.
 */
bool vcpu_runstate_area_update(struct vcpu *v);

/*
 * vcpu_op commands of the architecture (x86: send_nmi, get_physid,
 * register_vcpu_time_memory_area) on v, a vCPU of the caller's domain;
 * -ENOSYS for a command it does not know. arg is guest input.
 */
long arch_do_vcpu_op(unsigned int cmd, struct vcpu *v, uint64_t arg);

#endif
