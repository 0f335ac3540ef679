/* SPDX-License-Identifier: MIT */
/*
 * The scheduler core: which vCPU runs on which CPU, blocking and waking,
 * runstate accounting and the per-vCPU guest timers. Each CPU has a run
 * queue and an idle vCPU; the choice of the next vCPU is the policy's
 * (round robin with a 30 ms slice for now, one run queue per CPU; the
 * credit scheduler replaces it).
 *
 * Locking: [r] the run-queue lock of v->sched.processor; [a] atomic;
 * [v] the vCPU itself while it runs. Lock order: run-queue locks by CPU
 * number; a domain's locks before run-queue locks.
 */
#ifndef HV_SCHED_H
#define HV_SCHED_H

#include <hv/lib.h>
#include <hv/sched_credit.h>
#include <hv/timer.h>

struct vcpu;

/* pause_flags bits: a vCPU runs only when none is set. */
#define VPF_DOWN	0	/* not brought up (VCPUOP_up) */
#define VPF_BLOCKED	1	/* SCHEDOP_block / poll */
#define VPF_DYING	2	/* domain shut down */
#define VPF_PAUSED	3	/* paused by the controller (domctl) */

struct vcpu_sched {
	struct csched_unit unit;	/* the credit policy's view */
	unsigned int	processor;	/* [r] CPU whose queue holds it */
	unsigned long	pause_flags;	/* [a] VPF_* bits */
	bool		is_running;	/* [r] on a CPU now */
	int		runstate;	/* [r] RUNSTATE_* */
	uint64_t	runstate_entry;	/* [r] ns when it entered it */
	uint64_t	runstate_time[4]; /* [r] ns in each RUNSTATE_* */
	uint64_t	runstate_guest;	/* [v] guest copy (VA), 0: none */
	struct timer	singleshot;	/* set_timer_op, VCPUOP */
	struct timer	periodic;	/* VIRQ_TIMER tick */
	uint64_t	periodic_period; /* [v] ns; 0 = stopped */
	struct timer	poll_timer;	/* SCHEDOP_poll timeout */
};

/*
 * Sets v's hard affinity to the CPUs in hard (bit n: CPU n): -EINVAL if
 * none of them is online; otherwise v moves off a CPU it may no longer
 * use. No lock held.
 */
int sched_vcpu_set_affinity(struct vcpu *v, uint64_t hard);
uint64_t sched_vcpu_affinity(struct vcpu *v);

/* The CPUs the scheduler runs on (bit n: CPU n). */
uint64_t sched_cpus_online(void);

/* Spins until v (paused, not the caller) is off its CPU. */
void vcpu_wait_descheduled(struct vcpu *v);

/* Boot: per-CPU queues and idle vCPUs; softirq; the slice timers. */
void sched_init(void);
void sched_init_cpu(unsigned int cpu);

/* Makes d, then each vCPU of it (on cpu), known to the scheduler. */
struct domain;
void sched_add_domain(struct domain *d);
/* A new vCPU starts down (VPF_DOWN). */
void sched_add_vcpu(struct vcpu *v, unsigned int cpu);

/* The guest timers of v (vcpu.c): set up, and started on VCPUOP_up. */
void vcpu_timers_init(struct vcpu *v);
void vcpu_timers_start(struct vcpu *v);

/* SCHEDOP_yield for the running vCPU. */
void vcpu_yield_current(void);

/* The policy instance, for parameters (weights, caps, slices). */
struct csched_private *sched_policy(void);

/* Sets / clears a pause flag; the vCPU runs when all are clear. */
void vcpu_pause_flag_set(struct vcpu *v, unsigned int flag);
void vcpu_pause_flag_clear(struct vcpu *v, unsigned int flag);

/*
 * Something happened for v (an event, a timer): wake it if blocked,
 * and make its CPU deliver the upcall. Safe from any CPU and from
 * interrupt context.
 */
void vcpu_kick(struct vcpu *v);

/* The current vCPU blocks until vcpu_kick(); returns to the caller. */
void vcpu_block_current(void);

/*
 * Blocking in steps, for waits with their own wake-up conditions
 * (SCHEDOP_poll): prepare sets VPF_BLOCKED before the conditions are
 * checked and any timer is armed, so a wake-up in between (which clears
 * it) is not lost; then cancel (a condition holds already) or commit
 * (sleep, unless woken meanwhile). v is the calling vCPU.
 */
void vcpu_block_prepare(struct vcpu *v);
void vcpu_block_cancel(struct vcpu *v);
void vcpu_block_commit(struct vcpu *v);

/* Ends this CPU's boot path: run the idle vCPU's loop forever. */
__noreturn void sched_start_idle(void);

/* The work on every return to a guest: softirqs, then the upcall. */
void exit_to_guest(void);

/* Runstate of v as the guest sees it (time in each state so far). */
void vcpu_runstate_get(struct vcpu *v, int *state, uint64_t *entry,
		       uint64_t time[4]);

bool is_idle_vcpu(const struct vcpu *v);

/* Architecture: switch stacks and register state between vCPUs. */
void arch_context_switch(struct vcpu *prev, struct vcpu *next);
__noreturn void arch_continue_running(struct vcpu *next);
void arch_idle_wait(void);		/* sti; hlt, atomically */
bool arch_deliver_upcall(struct vcpu *v);	/* true if bounced */
void arch_update_vcpu_time(struct vcpu *v);

#endif
