/* SPDX-License-Identifier: MIT */
/*
 * The domain's other vCPUs (smp.c). vCPU0 runs the shell; smp_init()
 * binds an IPI to every vCPU and brings the others up with
 * VCPUOP_initialise and VCPUOP_up on a stack of their own, with our page
 * tables, trap table and callbacks. A secondary vCPU then waits for work
 * in smp_call()'s mailbox, blocked (SCHEDOP_block) between calls. The
 * mailbox has an IPI port of its own (call_port), so that the tests'
 * IPIs (ipi_port) count only what they send.
 *
 * Which vCPU code runs on is told by its stack: the secondaries run only
 * on smp_stacks (one run of pages), vCPU0 everywhere else (its boot, thread and kernel
 * stacks). So smp_id() needs no segment base and costs a subtraction.
 */
#ifndef GUEST_SMP_H
#define GUEST_SMP_H

#include <stdbool.h>
#include <stdint.h>
#include <public/event_channel.h>
#include <public/vcpu.h>
#include <public/xen.h>
#include <guest/mm.h>

#define SMP_MAX_VCPUS		XEN_LEGACY_MAX_VCPUS
#define SMP_STACK_SIZE		16384

typedef void (*smp_fn_t)(void *arg);

/* Locking: [0] written by vCPU0 only  [v] by the vCPU itself  [a] atomic */
struct smp_cpu {
	unsigned int	id;		/* [0] */
	bool		up;		/* [a] running its wait loop */
	evtchn_port_t	call_port;	/* [0] IPI: mailbox, completions */
	evtchn_port_t	ipi_port;	/* [0] IPI for the callers' tests */
	smp_fn_t	call_fn;	/* [0] the mailbox */
	void		*call_arg;	/* [0] */
	unsigned long	call_req;	/* [a] bumped by smp_call() */
	unsigned long	call_done;	/* [a] = call_req once fn returned */
	/* Called by this vCPU's IPI / VIRQ_TIMER handler, if set. */
	void		(*ipi_hook)(struct smp_cpu *c);		/* [0] */
	void		(*timer_hook)(struct smp_cpu *c);	/* [0] */
	evtchn_port_t	timer_port;	/* [0] VIRQ_TIMER of this vCPU */
	unsigned long	nr_calls;	/* [v] call_port events taken */
	unsigned long	nr_ipis;	/* [v] ipi_port events taken */
	unsigned long	nr_timers;	/* [v] VIRQ_TIMERs taken */
	uint64_t	timer_at;	/* [v] time_now() at the last one */
};

extern struct smp_cpu smp_cpus[SMP_MAX_VCPUS];
/* The secondaries' stacks, SMP_STACK_SIZE each from vCPU 1 on. */
extern uint8_t *smp_stacks;
extern uint64_t smp_stacks_size;
/* vCPUs the domain has (VCPUOP_is_up answers); 0 before smp_init(). */
extern unsigned int smp_nr_vcpus;

static inline unsigned int smp_id(void)
{
	uint64_t off = (uint64_t)__builtin_frame_address(0) -
		       (uint64_t)smp_stacks;

	if (off < smp_stacks_size)
		return off / SMP_STACK_SIZE + 1;
	return 0;
}

static inline struct vcpu_info *smp_vcpu_info(unsigned int id)
{
	return &shared_info->vcpu_info[id];
}

/*
 * Once, from vCPU0: mm_setup(), events_init(), count the vCPUs, stop
 * every periodic timer, bind two IPIs and VIRQ_TIMER to each and bring
 * each other one up. Later calls return the first result. 0 or a negative XEN_E*
 * (printed); smp_cpus[i].up tells which came up.
 */
int smp_init(void);

/*
 * Posts fn(arg) to vCPU id's mailbox and wakes it; one call at a time
 * per vCPU. -XEN_EBUSY if the previous one has not returned, -XEN_ENOENT
 * if the vCPU is not up.
 */
int smp_call(unsigned int id, smp_fn_t fn, void *arg);
/* Whether vCPU id's last smp_call() has returned. */
bool smp_call_done(unsigned int id);

/*
 * Blocks this vCPU (events enabled while asleep) until cond(arg) holds
 * or timeout_ns passes; returns cond(arg). Uses set_timer_op for the
 * timeout, so the caller's VIRQ_TIMER handler sees one extra event.
 */
bool smp_wait(bool (*cond)(void *), void *arg, uint64_t timeout_ns);
/* smp_wait() for smp_call_done(id). */
bool smp_call_wait(unsigned int id, uint64_t timeout_ns);

/* VCPUOP_get_runstate_info of vCPU id; 0 or -XEN_E*. */
long smp_runstate(unsigned int id, struct vcpu_runstate_info *r);
/*
 * Puts vCPUs 1..n-1 in a busy loop and samples runstates from vCPU0
 * until every one of them is seen running at once (so n distinct CPUs)
 * or samples run out; returns the most vCPUs seen running together.
 */
unsigned int smp_max_concurrent(unsigned int n);

/*
 * Hard affinity of vCPU id to CPU cpu (XEN_DOMCTL_setvcpuaffinity) or,
 * with cpu < 0, to every CPU (smp_pin.c). 0, or the hypervisor's error
 * (-XEN_ENOSYS where it has no such domctl, or we are not dom0).
 */
int smp_pin(unsigned int id, int cpu);
/* The CPU vCPU id runs or waits on (XEN_DOMCTL_getvcpuinfo), or -XEN_E*. */
int smp_vcpu_cpu(unsigned int id);

#endif
