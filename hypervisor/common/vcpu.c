/* SPDX-License-Identifier: MIT */
/*
 * vcpu_op (hypercall 24) and the per-vCPU guest timers. A domain's vCPUs
 * beyond the first start down; the guest gives each a register context
 * (VCPUOP_initialise) and brings it up (VCPUOP_up). Each vCPU has two
 * timers that raise its VIRQ_TIMER: the one-shot one (set_timer_op or
 * VCPUOP_set_singleshot_timer) and the periodic one, which Xen starts at
 * 10 ms for every new vCPU and guests may change or stop.
 *
 * Two areas a guest may register per vCPU, as on Xen:
 *  - its vcpu_info (VCPUOP_register_vcpu_info), moved out of shared_info
 *    into a frame of its own, once: the hypervisor holds a writable-type
 *    reference on the frame until the domain dies, copies the old
 *    contents over, switches v->vcpu_info (which every user reads, see
 *    vcpu_info() in hv/domain.h) and then marks every selector bit and
 *    the upcall pending, so that an event set meanwhile in the old copy
 *    is not lost (the guest sees a spurious upcall at worst);
 *  - its runstate area (VCPUOP_register_runstate_memory_area), a guest
 *    virtual address written on every switch to and from the vCPU. With
 *    VMASST_TYPE_runstate_update_flag, state_entry_time carries
 *    XEN_RUNSTATE_UPDATE while the copy is being written, so that a
 *    reader on another vCPU knows to retry. A write that faults is
 *    dropped, never an error: the address is the guest's business.
 */
#include <asm/page.h>
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/evtchn.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/mm.h>
#include <hv/sched.h>
#include <hv/time.h>
#include <hv/vcpu.h>
#include <public/event_channel.h>
#include <public/vcpu.h>
#include <public/xen.h>

#define DEFAULT_PERIOD_NS	10000000ULL	/* Xen's 10 ms VIRQ_TIMER */
#define MIN_PERIOD_NS		100000ULL	/* no faster than 10 kHz */
#define STIME_DELTA_MAX		(1ULL << 62)

static void singleshot_fired(void *data)
{
	struct vcpu *v = data;

	send_guest_vcpu_virq(v, VIRQ_TIMER);
}

static void periodic_fired(void *data)
{
	struct vcpu *v = data;
	uint64_t period = READ_ONCE(v->sched.periodic_period);

	send_guest_vcpu_virq(v, VIRQ_TIMER);
	if (period)
		set_timer(&v->sched.periodic, get_s_time() + period);
}

void vcpu_timers_init(struct vcpu *v)
{
	timer_init(&v->sched.singleshot, singleshot_fired, v,
		   v->sched.processor);
	timer_init(&v->sched.periodic, periodic_fired, v, v->sched.processor);
	v->sched.periodic_period = DEFAULT_PERIOD_NS;
}

/* Starts the periodic tick when the vCPU first comes up. */
void vcpu_timers_start(struct vcpu *v)
{
	if (v->sched.periodic_period)
		set_timer(&v->sched.periodic,
			  get_s_time() + v->sched.periodic_period);
}

long do_set_timer_op(uint64_t timeout)
{
	struct vcpu *v = current_vcpu();

	if (timeout == 0)
		stop_timer(&v->sched.singleshot);
	else
		set_timer(&v->sched.singleshot, timeout);
	return 0;
}

static long vcpu_runstate(struct vcpu *v, uint64_t arg)
{
	struct vcpu_runstate_info info;

	memset(&info, 0, sizeof(info));
	vcpu_runstate_get(v, &info.state, &info.state_entry_time, info.time);
	return copy_to_guest(arg, &info, sizeof(info));
}

static long vcpu_timer_op(struct vcpu *v, unsigned int cmd, uint64_t arg)
{
	struct vcpu_set_periodic_timer per;
	struct vcpu_set_singleshot_timer one;

	switch (cmd) {
	case VCPUOP_set_periodic_timer:
		if (copy_from_guest(&per, arg, sizeof(per)))
			return -EFAULT;
		if (per.period_ns > STIME_DELTA_MAX)
			return -EINVAL;
		v->sched.periodic_period = MAX(per.period_ns, MIN_PERIOD_NS);
		set_timer(&v->sched.periodic,
			  get_s_time() + v->sched.periodic_period);
		return 0;
	case VCPUOP_stop_periodic_timer:
		v->sched.periodic_period = 0;
		stop_timer(&v->sched.periodic);
		return 0;
	case VCPUOP_set_singleshot_timer:
		if (v != current_vcpu())
			return -EINVAL;
		if (copy_from_guest(&one, arg, sizeof(one)))
			return -EFAULT;
		/*
		 * Xen 4.17 ignores VCPU_SSHOTTMR_future (old Linux set it
		 * wrongly): a time already past fires at once, result 0.
		 */
		set_timer(&v->sched.singleshot, one.timeout_abs_ns);
		return 0;
	case VCPUOP_stop_singleshot_timer:
		if (v != current_vcpu())
			return -EINVAL;
		stop_timer(&v->sched.singleshot);
		return 0;
	default:
		return -ENOSYS;
	}
}

/*
 * Moves v's vcpu_info to frame r->mfn at r->offset (r->rsvd is not
 * looked at, as on Xen). Xen 4.17's checks, in its order: the struct
 * fits the page at its alignment (-ENXIO); nothing is registered yet,
 * v is the caller or down, the frame is the domain's and can be taken
 * writable (-EINVAL each).
 */
static long vcpu_register_info(struct vcpu *v,
			       const struct vcpu_register_vcpu_info *r)
{
	struct vcpu_info *old, *new;
	void *page;

	if (r->offset > PAGE_SIZE - sizeof(*new) ||
	    r->offset % __alignof__(*new))
		return -ENXIO;
	if (READ_ONCE(v->vcpu_info) != NULL)
		return -EINVAL;
	if (v != current_vcpu() &&
	    !(READ_ONCE(v->sched.pause_flags) & (1UL << VPF_DOWN)))
		return -EINVAL;
	page = mm_get_guest_frame(v->domain, r->mfn);
	if (page == NULL)
		return -EINVAL;
	new = (struct vcpu_info *)((uint8_t *)page + r->offset);
	old = vcpu_info(v);
	memcpy(new, old, sizeof(*new));
	/* Another vCPU of the domain may race us to the same target. */
	old = NULL;
	if (!__atomic_compare_exchange_n(&v->vcpu_info, &old, new, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		mm_put_guest_frame(r->mfn);
		return -EINVAL;
	}
	/* Read at teardown only, when none of the domain's vCPUs runs. */
	v->vcpu_info_mfn = r->mfn;
	/* From here on events land in new: make up for any set in old. */
	__atomic_store_n(&new->evtchn_pending_sel, ~(xen_ulong_t)0,
			 __ATOMIC_SEQ_CST);
	__atomic_store_n(&new->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST);
	vcpu_kick(v);
	return 0;
}

/* Copies r to the guest's area at va; false if that faulted. */
static bool runstate_copy(const struct vcpu *v, uint64_t va,
			  struct vcpu_runstate_info *r)
{
	const uint64_t flag_at = offsetof(struct vcpu_runstate_info,
					  state_entry_time) + 7;
	bool flagged = v->domain->vm_assist &
		       (1UL << VMASST_TYPE_runstate_update_flag);
	uint8_t top;
	bool ok;

	if (flagged) {
		r->state_entry_time |= XEN_RUNSTATE_UPDATE;
		top = r->state_entry_time >> 56;
		if (copy_to_guest(va + flag_at, &top, 1))
			return false;
		__atomic_thread_fence(__ATOMIC_RELEASE);
	}
	ok = copy_to_guest(va, r, sizeof(*r)) == 0;
	if (flagged) {
		top = (r->state_entry_time & ~XEN_RUNSTATE_UPDATE) >> 56;
		__atomic_thread_fence(__ATOMIC_RELEASE);
		ok &= copy_to_guest(va + flag_at, &top, 1) == 0;
	}
	return ok;
}

bool vcpu_runstate_area_update(struct vcpu *v)
{
	uint64_t va = READ_ONCE(v->sched.runstate_guest);
	struct vcpu_runstate_info r;

	if (va == 0)
		return true;
	/* Read without the run-queue lock: v is running here, or just left. */
	r.state = READ_ONCE(v->sched.runstate);
	r.state_entry_time = READ_ONCE(v->sched.runstate_entry);
	memcpy(r.time, v->sched.runstate_time, sizeof(r.time));
	return runstate_copy(v, va, &r);
}

/*
 * Registers (addr 0: forgets) v's runstate area and fills it at once.
 * Only an address outside the guest's part is refused (-EFAULT).
 */
static long vcpu_register_runstate(struct vcpu *v, uint64_t arg)
{
	struct vcpu_register_runstate_memory_area area;
	struct vcpu_runstate_info info;

	if (copy_from_guest(&area, arg, sizeof(area)))
		return -EFAULT;
	if (!guest_range_ok(area.addr.p, sizeof(info)))
		return -EFAULT;
	WRITE_ONCE(v->sched.runstate_guest, area.addr.p);
	if (area.addr.p == 0)
		return 0;
	if (v == current_vcpu()) {
		vcpu_runstate_area_update(v);
		return 0;
	}
	memset(&info, 0, sizeof(info));
	vcpu_runstate_get(v, &info.state, &info.state_entry_time, info.time);
	runstate_copy(v, area.addr.p, &info);	/* a fault is ignored */
	return 0;
}

static long vcpu_area_op(struct vcpu *v, unsigned int cmd, uint64_t arg)
{
	struct vcpu_register_vcpu_info r;

	switch (cmd) {
	case VCPUOP_register_vcpu_info:
		if (copy_from_guest(&r, arg, sizeof(r)))
			return -EFAULT;
		return vcpu_register_info(v, &r);
	case VCPUOP_register_runstate_memory_area:
		return vcpu_register_runstate(v, arg);
	default:
		return -ENOSYS;
	}
}

long do_vcpu_op(unsigned int cmd, unsigned int vcpuid, uint64_t arg)
{
	struct domain *d = current_vcpu()->domain;
	struct vcpu *v;

	if (vcpuid >= d->max_vcpus || d->vcpus[vcpuid] == NULL)
		return -ENOENT;
	v = d->vcpus[array_index_nospec(vcpuid, d->max_vcpus)];
	switch (cmd) {
	case VCPUOP_initialise:
		return arch_vcpu_initialise(v, arg);
	case VCPUOP_up:
		if (!v->initialised)
			return -EINVAL;
		if (v->sched.pause_flags & (1UL << VPF_DOWN)) {
			vcpu_timers_start(v);
			vcpu_pause_flag_clear(v, VPF_DOWN);
		}
		return 0;
	case VCPUOP_down:
		vcpu_pause_flag_set(v, VPF_DOWN);
		return 0;
	case VCPUOP_is_up:
		return !(v->sched.pause_flags & (1UL << VPF_DOWN));
	case VCPUOP_get_runstate_info:
		return vcpu_runstate(v, arg);
	case VCPUOP_set_periodic_timer:
	case VCPUOP_stop_periodic_timer:
	case VCPUOP_set_singleshot_timer:
	case VCPUOP_stop_singleshot_timer:
		return vcpu_timer_op(v, cmd, arg);
	case VCPUOP_register_vcpu_info:
	case VCPUOP_register_runstate_memory_area:
		return vcpu_area_op(v, cmd, arg);
	default:
		/* send_nmi, get_physid, vcpu time area; -ENOSYS beyond. */
		return arch_do_vcpu_op(cmd, v, arg);
	}
}
