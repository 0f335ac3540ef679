/* SPDX-License-Identifier: MIT */
/*
 * The scheduler core (sched.h). Each CPU has a run queue of runnable
 * vCPUs waiting for it, the vCPU it runs now, and an idle vCPU that runs
 * when the queue is empty (halting the CPU until an interrupt). The
 * SCHEDULE softirq picks the next vCPU: the head of the queue, the
 * current one going to the tail if still runnable (round robin, 30 ms
 * slices). A vCPU stays on its CPU.
 *
 * A vCPU runs when no pause flag is set: VPF_DOWN until VCPUOP_up,
 * VPF_BLOCKED while it waits for an event. Blocking and waking race on
 * the pause flag and the guest's pending-event bit: the blocker sets
 * VPF_BLOCKED then re-checks for a pending event; the waker sets the
 * event then clears VPF_BLOCKED; so one of them always sees the other.
 */
#include <hv/bug.h>
#include <hv/console.h>
#include <hv/domain.h>
#include <hv/sched.h>
#include <hv/smp.h>
#include <hv/softirq.h>
#include <hv/spinlock.h>
#include <hv/time.h>
#include <public/vcpu.h>
#include <public/xen.h>

#define SLICE_NS	30000000ULL

struct runqueue {
	spinlock_t	lock;
	struct vcpu	*head, *tail;	/* [lock] runnable, waiting */
	struct vcpu	*curr;		/* [lock] running here */
	struct vcpu	*idle;		/* [I] */
	struct timer	slice;		/* ends the current slice */
};

static struct runqueue runqueues[NR_CPUS];
static struct vcpu idle_vcpus[NR_CPUS];
static struct domain idle_domain = { .domain_id = DOMID_IDLE };

bool is_idle_vcpu(const struct vcpu *v)
{
	return v->domain == &idle_domain;
}

static bool vcpu_runnable(const struct vcpu *v)
{
	return __atomic_load_n(&v->sched.pause_flags, __ATOMIC_ACQUIRE) == 0;
}

static void runstate_change(struct vcpu *v, int state, uint64_t now)
{
	struct vcpu_sched *s = &v->sched;

	if (s->runstate == state)
		return;
	if (now > s->runstate_entry)
		s->runstate_time[s->runstate] += now - s->runstate_entry;
	s->runstate = state;
	s->runstate_entry = now;
}

void vcpu_runstate_get(struct vcpu *v, int *state, uint64_t *entry,
		       uint64_t time[4])
{
	struct runqueue *rq = &runqueues[v->sched.processor];
	unsigned long flags = spin_lock_irqsave(&rq->lock);
	uint64_t now = get_s_time();

	*state = v->sched.runstate;
	*entry = v->sched.runstate_entry;
	memcpy(time, v->sched.runstate_time, sizeof(v->sched.runstate_time));
	if (now > *entry)
		time[*state] += now - *entry;
	spin_unlock_irqrestore(&rq->lock, flags);
}

static void enqueue(struct runqueue *rq, struct vcpu *v)
{
	ASSERT(spin_is_locked(&rq->lock));
	if (v->sched.on_runq)
		return;
	v->sched.rq_next = NULL;
	if (rq->tail)
		rq->tail->sched.rq_next = v;
	else
		rq->head = v;
	rq->tail = v;
	v->sched.on_runq = true;
}

static struct vcpu *dequeue(struct runqueue *rq)
{
	struct vcpu *v = rq->head;

	ASSERT(spin_is_locked(&rq->lock));
	if (v) {
		rq->head = v->sched.rq_next;
		if (!rq->head)
			rq->tail = NULL;
		v->sched.on_runq = false;
	}
	return v;
}

/* Makes v's CPU reconsider what it runs. */
static void tickle(unsigned int cpu)
{
	cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
	smp_send_event_check(cpu);
}

static void vcpu_wake(struct vcpu *v)
{
	struct runqueue *rq = &runqueues[v->sched.processor];
	unsigned long flags = spin_lock_irqsave(&rq->lock);

	if (vcpu_runnable(v) && !v->sched.is_running && !v->sched.on_runq) {
		enqueue(rq, v);
		runstate_change(v, RUNSTATE_runnable, get_s_time());
		if (is_idle_vcpu(rq->curr))
			tickle(v->sched.processor);
	}
	spin_unlock_irqrestore(&rq->lock, flags);
}

void vcpu_pause_flag_set(struct vcpu *v, unsigned int flag)
{
	__atomic_fetch_or(&v->sched.pause_flags, 1UL << flag,
			  __ATOMIC_SEQ_CST);
	if (v->sched.is_running)
		tickle(v->sched.processor);
}

void vcpu_pause_flag_clear(struct vcpu *v, unsigned int flag)
{
	unsigned long old = __atomic_fetch_and(&v->sched.pause_flags,
					       ~(1UL << flag),
					       __ATOMIC_SEQ_CST);

	if ((old & (1UL << flag)) && vcpu_runnable(v))
		vcpu_wake(v);
}

void vcpu_kick(struct vcpu *v)
{
	unsigned long old = __atomic_fetch_and(&v->sched.pause_flags,
					       ~(1UL << VPF_BLOCKED),
					       __ATOMIC_SEQ_CST);

	if ((old & (1UL << VPF_BLOCKED)) && vcpu_runnable(v))
		vcpu_wake(v);
	else if (v->sched.is_running &&
		 v->sched.processor != smp_processor_id())
		smp_send_event_check(v->sched.processor);
}

void vcpu_block_current(void)
{
	struct vcpu *v = current_vcpu();

	__atomic_fetch_or(&v->sched.pause_flags, 1UL << VPF_BLOCKED,
			  __ATOMIC_SEQ_CST);
	/* An event that arrived meanwhile cancels the block. */
	if (READ_ONCE(vcpu_info(v)->evtchn_upcall_pending))
		__atomic_fetch_and(&v->sched.pause_flags,
				   ~(1UL << VPF_BLOCKED), __ATOMIC_SEQ_CST);
	else
		raise_softirq(SCHEDULE_SOFTIRQ);
}

static void slice_expired(void *data)
{
	(void)data;
	raise_softirq(SCHEDULE_SOFTIRQ);
}

/* Picks the next vCPU; rq->lock held. */
static struct vcpu *pick_next(struct runqueue *rq, struct vcpu *prev,
			      bool prev_runnable)
{
	struct vcpu *next;

	while ((next = dequeue(rq)) != NULL)
		if (vcpu_runnable(next))
			break;
	if (next == NULL)
		return prev_runnable ? prev : rq->idle;
	if (prev_runnable)
		enqueue(rq, prev);
	return next;
}

static void schedule(void)
{
	unsigned int cpu = smp_processor_id();
	struct runqueue *rq = &runqueues[cpu];
	unsigned long flags = spin_lock_irqsave(&rq->lock);
	struct vcpu *prev = rq->curr, *next;
	bool prev_runnable = !is_idle_vcpu(prev) && vcpu_runnable(prev);
	uint64_t now = get_s_time();

	next = pick_next(rq, prev, prev_runnable);
	if (!is_idle_vcpu(next))
		set_timer(&rq->slice, now + SLICE_NS);
	else
		stop_timer(&rq->slice);
	if (next == prev) {
		spin_unlock_irqrestore(&rq->lock, flags);
		return;
	}
	if (!is_idle_vcpu(prev))
		runstate_change(prev, prev_runnable ? RUNSTATE_runnable :
				(prev->sched.pause_flags & (1UL << VPF_DOWN)) ?
				RUNSTATE_offline : RUNSTATE_blocked, now);
	runstate_change(next, RUNSTATE_running, now);
	prev->sched.is_running = false;
	next->sched.is_running = true;
	rq->curr = next;
	spin_unlock_irqrestore(&rq->lock, flags);

	arch_context_switch(prev, next);
	arch_continue_running(next);
}

void sched_add_vcpu(struct vcpu *v, unsigned int cpu)
{
	v->sched.processor = cpu;
	v->sched.pause_flags = 1UL << VPF_DOWN;
	v->sched.runstate = RUNSTATE_offline;
	v->sched.runstate_entry = get_s_time();
}

void sched_init_cpu(unsigned int cpu)
{
	struct runqueue *rq = &runqueues[cpu];
	struct vcpu *idle = &idle_vcpus[cpu];

	spin_lock_init(&rq->lock);
	idle->domain = &idle_domain;
	idle->vcpu_id = cpu;
	idle->sched.processor = cpu;
	idle->sched.is_running = true;
	rq->idle = rq->curr = idle;
	timer_init(&rq->slice, slice_expired, NULL, cpu);
}

void sched_init(void)
{
	softirq_register(SCHEDULE_SOFTIRQ, schedule);
}

void exit_to_guest(void)
{
	unsigned int cpu = smp_processor_id();

	while (softirq_pending(cpu))
		do_softirq();	/* may switch vCPU and not return */
	arch_deliver_upcall(current_vcpu());
}

__noreturn void sched_start_idle(void)
{
	unsigned int cpu = smp_processor_id();

	set_current_vcpu(runqueues[cpu].idle);
	for (;;) {
		while (softirq_pending(cpu))
			do_softirq();
		arch_idle_wait();
	}
}
