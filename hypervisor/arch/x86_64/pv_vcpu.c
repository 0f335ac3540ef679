/* SPDX-License-Identifier: MIT */
/*
 * The x86 vcpu_op commands, as Xen 4.17 has them for PV guests:
 * send_nmi, get_physid and register_vcpu_time_memory_area, and the
 * delivery of a sent NMI.
 *
 * A virtual NMI is a flag, nmi_pending, set by VCPUOP_send_nmi from any
 * vCPU of the domain (the target is kicked). On each return to the guest
 * a pending NMI that is not masked bounces to trap table entry 2, which
 * set_trap_table or callback_op(CALLBACKTYPE_nmi) fills; delivery masks
 * further NMIs until the guest's next iret hypercall, and a callback
 * registered by callback_op also masks events. With no handler the NMI
 * is dropped, as Xen drops it. The NMI comes before the event upcall.
 */
#include <asm/traps.h>
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/sched.h>
#include <hv/vcpu.h>
#include <public/vcpu.h>
#include <public/xen.h>

#define NMI_VECTOR	2

bool pv_deliver_nmi(struct vcpu *v, struct trap_frame *regs)
{
	const struct pv_trap *t = &v->arch.traps[NMI_VECTOR];

	if (v->arch.nmi_masked || !READ_ONCE(v->arch.nmi_pending))
		return false;
	__atomic_store_n(&v->arch.nmi_pending, false, __ATOMIC_SEQ_CST);
	if (t->address == 0)
		return false;
	v->arch.nmi_masked = true;
	return pv_bounce(v, regs, t->address, TRAP_NO_ERROR,
			 t->mask_events) == 0;
}

/*
 * The version is odd while the copy is written, as in vcpu_info. Faults
 * are ignored: the area is the guest's to keep mapped.
 */
void pv_time_area_update(struct vcpu *v, const struct vcpu_time_info *t)
{
	uint64_t va = v->arch.time_area;
	struct vcpu_time_info u = *t;
	uint32_t odd = u.version - 1;

	if (va == 0 || copy_to_guest(va, &odd, sizeof(odd)))
		return;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	u.version = odd;
	if (copy_to_guest(va, &u, sizeof(u)))
		return;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	u.version = t->version;
	if (copy_to_guest(va, &u.version, sizeof(u.version)))
		return;		/* unmapped meanwhile: the guest's concern */
}

static long register_time_area(struct vcpu *v, uint64_t arg)
{
	struct vcpu_register_time_memory_area area;

	if (copy_from_guest(&area, arg, sizeof(area)))
		return -EFAULT;
	if (!guest_range_ok(area.addr.p, sizeof(struct vcpu_time_info)))
		return -EFAULT;
	v->arch.time_area = area.addr.p;
	if (v == current_vcpu())
		arch_update_vcpu_time(v);
	return 0;
}

long arch_do_vcpu_op(unsigned int cmd, struct vcpu *v, uint64_t arg)
{
	switch (cmd) {
	case VCPUOP_send_nmi:
		if (arg != 0)
			return -EINVAL;
		if (!__atomic_exchange_n(&v->arch.nmi_pending, true,
					 __ATOMIC_SEQ_CST))
			vcpu_kick(v);
		return 0;
	case VCPUOP_get_physid:
		/* Xen answers only for a dom0 with dom0_vcpus_pin. */
		return -EINVAL;
	case VCPUOP_register_vcpu_time_memory_area:
		return register_time_area(v, arg);
	default:
		gprintk(v->domain, "vcpu_op %u not implemented: -ENOSYS\n",
			cmd);
		return -ENOSYS;
	}
}
