/* SPDX-License-Identifier: MIT */
/*
 * The scheduler core (sched.h): the glue between vCPUs and the credit
 * scheduler's policy (sched_credit.c). Each online CPU has the policy's
 * run queue (whose lock is the run-queue lock here too), the vCPU it runs
 * now, an idle vCPU for when nothing is runnable, a slice timer, and,
 * while it runs a guest, a 10 ms tick timer; the policy's master CPU
 * also runs the 30 ms accounting timer. The SCHEDULE softirq asks the
 * policy for the next vCPU and switches to it; masks of CPUs the policy
 * returns get the softirq raised and an IPI.
 *
 * A vCPU runs when no pause flag is set: VPF_DOWN until VCPUOP_up,
 * VPF_BLOCKED while it waits for an event. Blocking and waking race on
 * the pause flag and the guest's pending-event bit: the blocker sets
 * VPF_BLOCKED then re-checks for a pending event; the waker sets the
 * event then clears VPF_BLOCKED; so one of them always sees the other.
 *
 * Locking: the run-queue lock of the vCPU's CPU (csched_unit_lock_irqsave
 * follows a vCPU that moves) for its scheduling state; runstate fields
 * under it too.
 */
#include <asm/processor.h>
#include <hv/bug.h>
#include <hv/console.h>
#include <hv/domain.h>
#include <hv/sched.h>
#include <hv/sched_credit.h>
#include <hv/smp.h>
#include <hv/softirq.h>
#include <hv/spinlock.h>
#include <hv/time.h>
#include <public/vcpu.h>
#include <public/xen.h>

struct sched_cpu {
	struct vcpu	*curr;		/* [lock] running here */
	struct vcpu	*idle;		/* [I] */
	struct timer	slice;		/* ends the current slice */
	struct timer	tick;		/* 10 ms credit tick while busy */
};

static struct csched_private prv;
static struct sched_cpu sched_cpus[NR_CPUS];
static struct vcpu idle_vcpus[NR_CPUS];
static struct domain idle_domain = { .domain_id = DOMID_IDLE };
static struct timer acct_timer;

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
	unsigned long flags;
	spinlock_t *l = csched_unit_lock_irqsave(&prv, &v->sched.unit, &flags);
	uint64_t now = get_s_time();

	*state = v->sched.runstate;
	*entry = v->sched.runstate_entry;
	memcpy(time, v->sched.runstate_time, sizeof(v->sched.runstate_time));
	if (now > *entry)
		time[*state] += now - *entry;
	spin_unlock_irqrestore(l, flags);
}

/* Makes every CPU in mask run its SCHEDULE softirq. */
static void tickle_mask(uint64_t mask)
{
	for (unsigned int cpu = 0; mask && cpu < NR_CPUS; cpu++) {
		if (!(mask & CSCHED_CPU(cpu)))
			continue;
		mask &= ~CSCHED_CPU(cpu);
		cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
		smp_send_event_check(cpu);
	}
}

static void vcpu_wake(struct vcpu *v, unsigned int how)
{
	struct csched_unit *u = &v->sched.unit;
	unsigned long flags;
	spinlock_t *l = csched_unit_lock_irqsave(&prv, u, &flags);
	uint64_t mask = 0, now = get_s_time();

	if (vcpu_runnable(v) && !v->sched.is_running) {
		mask = csched_wake(&prv, u, now, how);
		v->sched.processor = csched_unit_cpu(u);
		runstate_change(v, RUNSTATE_runnable, now);
	}
	spin_unlock_irqrestore(l, flags);
	tickle_mask(mask);
}

/* Where a vCPU that cannot run is: waiting for an event, or offline. */
static int stopped_state(const struct vcpu *v)
{
	return READ_ONCE(v->sched.pause_flags) & (1UL << VPF_BLOCKED) ?
	       RUNSTATE_blocked : RUNSTATE_offline;
}

/* v stops being runnable: off its queue, and off its CPU if running. */
static void vcpu_sleep(struct vcpu *v)
{
	unsigned long flags;
	spinlock_t *l = csched_unit_lock_irqsave(&prv, &v->sched.unit,
						 &flags);
	uint64_t mask = csched_sleep(&prv, &v->sched.unit);

	if (!v->sched.is_running && !vcpu_runnable(v))
		runstate_change(v, stopped_state(v), get_s_time());
	spin_unlock_irqrestore(l, flags);
	tickle_mask(mask);
}

void vcpu_pause_flag_set(struct vcpu *v, unsigned int flag)
{
	__atomic_fetch_or(&v->sched.pause_flags, 1UL << flag,
			  __ATOMIC_SEQ_CST);
	vcpu_sleep(v);
}

void vcpu_pause_flag_clear(struct vcpu *v, unsigned int flag)
{
	unsigned long old = __atomic_fetch_and(&v->sched.pause_flags,
					       ~(1UL << flag),
					       __ATOMIC_SEQ_CST);

	if ((old & (1UL << flag)) && vcpu_runnable(v))
		vcpu_wake(v, 0);
}

void vcpu_kick(struct vcpu *v)
{
	unsigned long old = __atomic_fetch_and(&v->sched.pause_flags,
					       ~(1UL << VPF_BLOCKED),
					       __ATOMIC_SEQ_CST);

	if ((old & (1UL << VPF_BLOCKED)) && vcpu_runnable(v))
		vcpu_wake(v, 0);
	else if (READ_ONCE(v->sched.is_running) &&
		 READ_ONCE(v->sched.processor) != smp_processor_id())
		smp_send_event_check(READ_ONCE(v->sched.processor));
}

void vcpu_block_prepare(struct vcpu *v)
{
	__atomic_fetch_or(&v->sched.pause_flags, 1UL << VPF_BLOCKED,
			  __ATOMIC_SEQ_CST);
}

void vcpu_block_cancel(struct vcpu *v)
{
	__atomic_fetch_and(&v->sched.pause_flags, ~(1UL << VPF_BLOCKED),
			   __ATOMIC_SEQ_CST);
}

void vcpu_block_commit(struct vcpu *v)
{
	/* A wake-up since vcpu_block_prepare() cleared the flag: stay. */
	if (__atomic_load_n(&v->sched.pause_flags, __ATOMIC_SEQ_CST) &
	    (1UL << VPF_BLOCKED))
		vcpu_sleep(v);
}

void vcpu_block_current(void)
{
	struct vcpu *v = current_vcpu();

	vcpu_block_prepare(v);
	/* An event that arrived meanwhile cancels the block. */
	if (READ_ONCE(vcpu_info(v)->evtchn_upcall_pending))
		vcpu_block_cancel(v);
	else
		vcpu_block_commit(v);
}

void vcpu_yield_current(void)
{
	struct vcpu *v = current_vcpu();
	unsigned long flags;
	spinlock_t *l = csched_unit_lock_irqsave(&prv, &v->sched.unit,
						 &flags);

	csched_yield(&prv, &v->sched.unit);
	spin_unlock_irqrestore(l, flags);
	raise_softirq(SCHEDULE_SOFTIRQ);
}

static void slice_expired(void *data)
{
	(void)data;
	raise_softirq(SCHEDULE_SOFTIRQ);
}

static void tick_fired(void *data)
{
	unsigned int cpu = smp_processor_id();
	struct csched_pcpu *pc = &prv.pcpu[cpu];
	unsigned long flags = spin_lock_irqsave(&pc->lock);
	uint64_t now = get_s_time(), mask;

	(void)data;
	mask = csched_tick(&prv, cpu, now);
	spin_unlock_irqrestore(&pc->lock, flags);
	if (mask)
		raise_softirq(SCHEDULE_SOFTIRQ);
	if (!is_idle_vcpu(sched_cpus[cpu].curr)) {
		/* A vCPU that keeps its CPU still gets fresh time info. */
		arch_update_vcpu_time(sched_cpus[cpu].curr);
		set_timer(&sched_cpus[cpu].tick, now + csched_tick_ns(&prv));
	}
}

/*
 * Accounting hands out a period's credit each time it runs, so it is
 * re-armed from its own deadline, not from when it ran: a timer that
 * fires late (a busy host delays a nested hypervisor's interrupts) then
 * still runs once per slice on average, and a capped domain gets its
 * cap. Xen re-arms from now, and each late firing stretches a period
 * and shrinks every cap. More than a period behind, missed periods are
 * dropped rather than handed out in a burst.
 */
static void acct_fired(void *data)
{
	uint64_t period = csched_tslice_ns(&prv);
	uint64_t next = acct_timer.expires + period;

	(void)data;
	tickle_mask(csched_account(&prv));
	if (next <= get_s_time())
		next = get_s_time() + period;
	set_timer(&acct_timer, next);
}

/* After prev's state is saved: the policy may have moved it meanwhile. */
static void prev_saved(unsigned int cpu, struct vcpu *prev, uint64_t now)
{
	struct csched_pcpu *pc = &prv.pcpu[cpu];
	unsigned long flags = spin_lock_irqsave(&pc->lock);
	bool moved = csched_context_saved(&prv, &prev->sched.unit, now);

	spin_unlock_irqrestore(&pc->lock, flags);
	if (moved) {
		prev->sched.processor = csched_unit_cpu(&prev->sched.unit);
		if (vcpu_runnable(prev))
			vcpu_wake(prev, CSCHED_WAKE_MIGRATED);
	}
}

static void arm_timers(struct sched_cpu *sc, const struct csched_decision *d,
		       struct vcpu *next, uint64_t now)
{
	if (d->slice_ns)
		set_timer(&sc->slice, now + d->slice_ns);
	else
		stop_timer(&sc->slice);
	if (is_idle_vcpu(next))
		stop_timer(&sc->tick);
	else if (!sc->tick.active)
		set_timer(&sc->tick, now + csched_tick_ns(&prv));
}

static void schedule(void)
{
	unsigned int cpu = smp_processor_id();
	struct sched_cpu *sc = &sched_cpus[cpu];
	struct csched_pcpu *pc = &prv.pcpu[cpu];
	unsigned long flags = spin_lock_irqsave(&pc->lock);
	struct vcpu *prev = sc->curr, *next;
	bool prev_runnable = !is_idle_vcpu(prev) && vcpu_runnable(prev);
	uint64_t now = get_s_time();
	struct csched_decision d;

	d = csched_schedule(&prv, cpu, now, prev_runnable);
	next = d.next->owner;
	if (d.migrated)
		next->sched.processor = cpu;
	arm_timers(sc, &d, next, now);
	if (next == prev) {
		spin_unlock_irqrestore(&pc->lock, flags);
		return;
	}
	if (!is_idle_vcpu(prev))
		runstate_change(prev, prev_runnable ? RUNSTATE_runnable :
				stopped_state(prev), now);
	runstate_change(next, RUNSTATE_running, now);
	prev->sched.is_running = false;
	next->sched.is_running = true;
	sc->curr = next;
	spin_unlock_irqrestore(&pc->lock, flags);

	arch_context_switch(prev, next);
	if (!is_idle_vcpu(prev))
		prev_saved(cpu, prev, now);
	arch_continue_running(next);
}

int sched_vcpu_set_affinity(struct vcpu *v, uint64_t hard)
{
	struct csched_unit *u = &v->sched.unit;
	unsigned long flags;
	spinlock_t *l = csched_unit_lock_irqsave(&prv, u, &flags);
	uint64_t mask;
	int rc = csched_unit_set_affinity(&prv, u, hard, &mask);

	/* A running vCPU's CPU changes once its state is saved. */
	if (rc == CSCHED_REWAKE || (rc == 0 && !v->sched.is_running))
		v->sched.processor = csched_unit_cpu(u);
	spin_unlock_irqrestore(l, flags);
	tickle_mask(mask);
	if (rc == CSCHED_REWAKE) {
		vcpu_wake(v, CSCHED_WAKE_MIGRATED);
		rc = 0;
	}
	return rc;
}

uint64_t sched_cpus_online(void)
{
	return __atomic_load_n(&prv.online, __ATOMIC_ACQUIRE);
}

uint64_t sched_vcpu_affinity(struct vcpu *v)
{
	unsigned long flags;
	spinlock_t *l = csched_unit_lock_irqsave(&prv, &v->sched.unit,
						 &flags);
	uint64_t hard = v->sched.unit.hard_affinity;

	spin_unlock_irqrestore(l, flags);
	return hard;
}

void vcpu_wait_descheduled(struct vcpu *v)
{
	while (READ_ONCE(v->sched.is_running))
		cpu_relax();
}

void sched_add_domain(struct domain *d)
{
	csched_dom_init(&d->csched, d);
}

static void poll_timeout(void *data)
{
	vcpu_kick(data);
}

void sched_add_vcpu(struct vcpu *v, unsigned int cpu)
{
	timer_init(&v->sched.poll_timer, poll_timeout, v, cpu);
	csched_unit_init(&prv, &v->sched.unit, &v->domain->csched, v, cpu);
	v->sched.processor = cpu;
	v->sched.pause_flags = 1UL << VPF_DOWN;
	v->sched.runstate = RUNSTATE_offline;
	v->sched.runstate_entry = get_s_time();
}

void sched_init_cpu(unsigned int cpu)
{
	struct sched_cpu *sc = &sched_cpus[cpu];
	struct vcpu *idle = &idle_vcpus[cpu];

	idle->domain = &idle_domain;
	idle->vcpu_id = cpu;
	idle->sched.processor = cpu;
	idle->sched.is_running = true;
	sc->idle = sc->curr = idle;
	timer_init(&sc->slice, slice_expired, NULL, cpu);
	timer_init(&sc->tick, tick_fired, NULL, cpu);
	csched_cpu_init(&prv, cpu, idle);
	if (cpu == prv.master) {
		timer_init(&acct_timer, acct_fired, NULL, cpu);
		set_timer(&acct_timer, get_s_time() + csched_tslice_ns(&prv));
	}
}

void sched_init(void)
{
	csched_init(&prv);
	softirq_register(SCHEDULE_SOFTIRQ, schedule);
}

struct csched_private *sched_policy(void)
{
	return &prv;
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

	set_current_vcpu(sched_cpus[cpu].idle);
	for (;;) {
		while (softirq_pending(cpu))
			do_softirq();
		arch_idle_wait();
	}
}
