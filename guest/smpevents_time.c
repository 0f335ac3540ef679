/* SPDX-License-Identifier: MIT */
/*
 * The `smpevents` checks of time and sleep, run on every vCPU (the job
 * goes through smp_call(), or runs in place on vCPU0):
 *
 *  timers	VCPUOP_set_singleshot_timer and set_timer_op, TIMER_REPS
 *		times each at now + 100 us, 1 ms and 5 ms: each fires
 *		once, its VIRQ_TIMER handler runs no earlier than the
 *		deadline (by vcpu_time_info system time, the hypervisor's
 *		clock) and at most SMPEV_LATE_NS after it. On vCPU0 also:
 *		a past deadline fires at once, VCPU_SSHOTTMR_future or not
 *		(Xen 4.17.7 ignores the flag: result 0, not -ETIME), a
 *		singleshot timer of another vCPU -EINVAL, a stopped or
 *		cancelled timer does not fire, set_timer_op in the past
 *		fires at once.
 *  block	SCHEDOP_block with evtchn_upcall_mask set returns when an
 *		event is pending (already, or sent by another vCPU while
 *		it sleeps, seen RUNSTATE_blocked), the upcall runs on the
 *		return and the mask is clear afterwards: block enables
 *		events, as Mini-OS relies on.
 *  poll	SCHEDOP_poll returns at its timeout (not earlier, at most
 *		SMPEV_LATE_NS later), at once for a past timeout, early
 *		when the polled (masked) port becomes pending; more than
 *		128 ports: -EINVAL.
 *
 * While a job waits for its timer it sleeps in SCHEDOP_poll on its
 * VIRQ_TIMER port with a safety timeout, so a timer that never fires is
 * reported instead of hanging the vCPU.
 */
#include <string.h>
#include <public/errno.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <guest/check.h>
#include <guest/events.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/printk.h>
#include <guest/smp.h>
#include <guest/smpevents.h>

#define TIMER_REPS	3
#define NR_DELAYS	3
#define SAFETY_NS	1000000000ULL	/* 1 s */
#define MS		1000000ULL

static const uint64_t delays[NR_DELAYS] = { 100000, MS, 5 * MS };

enum timer_kind { TK_SINGLESHOT, TK_SET_TIMER_OP };

static const char *const kind_names[] = {
	"VCPUOP_set_singleshot_timer", "set_timer_op",
};

struct timer_job {
	enum timer_kind	kind;
	long		rc;
	unsigned int	fired, asked, extra;
	int64_t		late_min, late_max;
};

long smpev_poll1(uint32_t port, uint64_t timeout)
{
	struct sched_poll p = { .nr_ports = 1, .timeout = timeout };

	set_xen_guest_handle(p.ports, &port);
	return hypercall_sched_op(SCHEDOP_poll, &p);
}

/* Runs fn(arg) on vCPU id and waits; false if it did not finish. */
static bool run_on(unsigned int id, smp_fn_t fn, void *arg)
{
	if (id == 0) {
		fn(arg);
		return true;
	}
	if (smp_call(id, fn, arg) < 0)
		return false;
	return smp_call_wait(id, 10 * SAFETY_NS);
}

/*
 * Sleeps until this vCPU's timer count moves past n0 or until passes.
 * It polls the VIRQ_TIMER port itself: a timer that fires between the
 * look at the count and the poll leaves the port pending, so the poll
 * returns at once; the upcall then comes when events are enabled.
 */
static bool timer_wait(struct smp_cpu *c, unsigned long n0, uint64_t until)
{
	while (c->nr_timers == n0 && time_now() < until) {
		events_disable();
		if (c->nr_timers == n0)
			smpev_poll1(c->timer_port, until);
		events_enable();
	}
	return c->nr_timers != n0;
}

static long timer_arm(enum timer_kind kind, uint64_t deadline)
{
	if (kind == TK_SINGLESHOT)
		return timer_set_singleshot(smp_id(), deadline, 0);
	return timer_set(deadline);
}

static void timer_one(struct timer_job *j, struct smp_cpu *c, uint64_t d)
{
	unsigned long n0 = c->nr_timers;
	uint64_t deadline = time_now() + d;
	int64_t late;

	j->asked++;
	j->rc = timer_arm(j->kind, deadline);
	if (j->rc < 0 || !timer_wait(c, n0, deadline + SAFETY_NS))
		return;
	j->fired++;
	late = (int64_t)(c->timer_at - deadline);
	if (late < j->late_min)
		j->late_min = late;
	if (late > j->late_max)
		j->late_max = late;
	/* A second fire of the same timer would be a duplicate. */
	timer_wait(c, c->nr_timers, time_now() + 2 * d);
	j->extra += c->nr_timers - n0 - 1;
}

static void timer_job_run(void *arg)
{
	struct timer_job *j = arg;
	struct smp_cpu *c = &smp_cpus[smp_id()];

	j->late_min = INT64_MAX;
	j->late_max = INT64_MIN;
	for (unsigned int r = 0; r < TIMER_REPS && j->rc == 0; r++)
		for (unsigned int d = 0; d < NR_DELAYS && j->rc == 0; d++)
			timer_one(j, c, delays[d]);
}

static void timer_report(struct check *c, unsigned int id,
			 const struct timer_job *j, bool finished)
{
	bool ok = finished && j->rc == 0 && j->fired == j->asked &&
		  j->extra == 0 && j->late_min >= 0 &&
		  j->late_max <= (int64_t)SMPEV_LATE_NS;

	printk("smpevents: vcpu %u %s: fired %u/%u, extra %u, lateness min %ld ns max %ld ns (rc %ld)\n",
	       id, kind_names[j->kind], j->fired, j->asked, j->extra,
	       j->fired ? j->late_min : 0, j->fired ? j->late_max : 0, j->rc);
	check_that(c, ok, "vcpu %u %s fires once, not early, at most %llu ms late",
		   id, kind_names[j->kind], SMPEV_LATE_NS / MS);
}

/* A timer that must not fire: stopped or cancelled after arming. */
static bool timer_quiet(struct smp_cpu *cpu, enum timer_kind kind)
{
	unsigned long n0 = cpu->nr_timers;
	uint64_t now = time_now();

	/* 50 ms: the stop must come first even on a loaded host. */
	timer_arm(kind, now + 50 * MS);
	if (kind == TK_SINGLESHOT)
		hypercall5(__HYPERVISOR_vcpu_op, VCPUOP_stop_singleshot_timer,
			   0, 0, 0, 0);
	else
		timer_set(0);
	return !timer_wait(cpu, n0, now + 100 * MS);
}

static void timers_vcpu0(struct check *c)
{
	struct smp_cpu *cpu = &smp_cpus[0];
	uint64_t now = time_now();
	unsigned long n0;

	/* Xen 4.17.7 ignores the flag (old Linux misused it): fires now. */
	n0 = cpu->nr_timers;
	check_eq(c, "VCPUOP_set_singleshot_timer future flag, past deadline",
		 timer_set_singleshot(0, now - MS, VCPU_SSHOTTMR_future), 0);
	check_that(c, timer_wait(cpu, n0, now + SAFETY_NS) &&
		   cpu->timer_at - now <= SMPEV_LATE_NS,
		   "VCPUOP_set_singleshot_timer in the past fires at once");
	now = time_now();
	check_eq(c, "VCPUOP_set_singleshot_timer of another vCPU",
		 timer_set_singleshot(1, now + MS, 0), -XEN_EINVAL);
	check_that(c, timer_quiet(cpu, TK_SINGLESHOT),
		   "VCPUOP_stop_singleshot_timer: no fire");
	check_that(c, timer_quiet(cpu, TK_SET_TIMER_OP),
		   "set_timer_op(0) cancels: no fire");
	n0 = cpu->nr_timers;
	now = time_now();
	timer_set(now - MS);
	check_that(c, timer_wait(cpu, n0, now + SAFETY_NS) &&
		   cpu->timer_at - now <= SMPEV_LATE_NS,
		   "set_timer_op in the past fires at once");
}

void smpevents_timers(struct check *c, unsigned int n)
{
	struct timer_job j;
	bool finished;

	printk("smpevents: timers: %u each at now + 100 us, 1 ms, 5 ms; tolerance: not early, at most %llu ms late\n",
	       TIMER_REPS, SMPEV_LATE_NS / MS);
	for (unsigned int i = 0; i < n; i++)
		for (int k = TK_SINGLESHOT; k <= TK_SET_TIMER_OP; k++) {
			memset(&j, 0, sizeof(j));
			j.kind = k;
			finished = run_on(i, timer_job_run, &j);
			timer_report(c, i, &j, finished);
		}
	timers_vcpu0(c);
}
