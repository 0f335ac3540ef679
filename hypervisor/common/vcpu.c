/* SPDX-License-Identifier: MIT */
/*
 * vcpu_op (hypercall 24) and the per-vCPU guest timers. A domain's vCPUs
 * beyond the first start down; the guest gives each a register context
 * (VCPUOP_initialise) and brings it up (VCPUOP_up). Each vCPU has two
 * timers that raise its VIRQ_TIMER: the one-shot one (set_timer_op or
 * VCPUOP_set_singleshot_timer) and the periodic one, which Xen starts at
 * 10 ms for every new vCPU and guests may change or stop.
 */
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/evtchn.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/sched.h>
#include <hv/time.h>
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
		if ((one.flags & VCPU_SSHOTTMR_future) &&
		    one.timeout_abs_ns < get_s_time())
			return -ETIME;
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
	default:
		gprintk(d, "vcpu_op %u not implemented: -ENOSYS\n", cmd);
		return -ENOSYS;
	}
}
