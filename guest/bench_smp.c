/* SPDX-License-Identifier: MIT */
/*
 * The `bench` metrics between vCPUs (bench.c prints the others). Each is
 * timed with rdtsc on the vCPU that drives it, BENCH_RUNS runs after a
 * warm-up, as bench.c does; one operation is:
 *
 *  evtchn_self		EVTCHNOP_send to an IPI port of our own vCPU
 *			(vCPU0) and the upcall that runs its handler, back
 *			through the iret hypercall: the event path alone.
 *  evtchn_rtt_2cpu	vCPU1 sends to vCPU2's IPI port and sleeps
 *			(SCHEDOP_block with events masked); vCPU2, asleep
 *			in its wait loop on another CPU, wakes, its handler
 *			sends back; vCPU1 wakes: a round trip of two events
 *			and two wake-ups on two CPUs.
 *  evtchn_rtt_1cpu	the same with vCPU1 and vCPU2 pinned on one CPU:
 *			each event also switches vCPUs.
 *  vcpu_switch_yield	vCPU1 and vCPU2 on one CPU hand a turn to each
 *			other, each yielding (SCHEDOP_yield) until the
 *			other has taken it: per switch (n handoffs and
 *			back are 2n switches; a yield that does not switch
 *			shows as cost, not as a switch).
 *  timer_wakeup_100us	vCPU1 sets VCPUOP_set_singleshot_timer 100 us
 *			ahead and blocks; the cost is how late (by system
 *			time) its VIRQ_TIMER handler runs, shown in cycles;
 *			n/10 timers per run.
 *
 * The 2-CPU metrics pin vCPU1 and vCPU2 on CPUs 1 and 2 when the
 * hypervisor lets us (XEN_DOMCTL_setvcpuaffinity), otherwise check that
 * the two run at the same time (smp_max_concurrent()). The 1-CPU ones
 * need pinning; without it they print why they are skipped. Every
 * vCPU's affinity is reset to all CPUs afterwards.
 */
#include <string.h>
#include <public/errno.h>
#include <public/sched.h>
#include <guest/bench.h>
#include <guest/events.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/printk.h>
#include <guest/smp.h>

#define JOB_NS		60000000000ULL	/* 60 s: icount runs are slow */
#define TIMER_AHEAD_NS	100000ULL
#define VA		1		/* the vCPUs that take part */
#define VB		2

struct bench_job {
	unsigned long	n;
	long		rc;
	uint64_t	runs[BENCH_RUNS];
};

static struct bench_job job;
static volatile bool yield_stop;

static void reply_hook(struct smp_cpu *c)
{
	evtchn_notify(smp_cpus[VA].ipi_port);
}

/* Sends to vCPU VB and sleeps until its reply has been handled. */
static void rtt_once(struct smp_cpu *c)
{
	unsigned long want = c->nr_ipis + 1;

	events_disable();
	evtchn_notify(smp_cpus[VB].ipi_port);
	while (c->nr_ipis < want) {
		hypercall_sched_op(SCHEDOP_block, NULL);
		events_disable();
	}
}

static void rtt_job(void *arg)
{
	struct bench_job *j = arg;
	struct smp_cpu *c = &smp_cpus[smp_id()];
	uint64_t t0;

	for (int r = -1; r < BENCH_RUNS; r++) {
		t0 = rdtsc_ordered();
		for (unsigned long i = 0; i < j->n; i++)
			rtt_once(c);
		if (r >= 0)
			j->runs[r] = rdtsc_ordered() - t0;
	}
	events_enable();
}

/* Whose turn it is in vcpu_switch_yield: VA's or VB's. */
static volatile unsigned int yield_turn;

static void yield_partner(void *arg)
{
	while (!yield_stop) {
		if (yield_turn == VB)
			yield_turn = VA;
		hypercall_sched_op(SCHEDOP_yield, NULL);
	}
}

static void yield_job(void *arg)
{
	struct bench_job *j = arg;
	uint64_t t0;

	for (int r = -1; r < BENCH_RUNS; r++) {
		t0 = rdtsc_ordered();
		for (unsigned long i = 0; i < j->n; i++) {
			yield_turn = VB;
			while (yield_turn == VB)
				hypercall_sched_op(SCHEDOP_yield, NULL);
		}
		if (r >= 0)
			j->runs[r] = rdtsc_ordered() - t0;
	}
}

static uint64_t ns_to_cycles(uint64_t ns)
{
	return ns * bench_tsc_khz_value / 1000000;
}

/* One timer TIMER_AHEAD_NS ahead, asleep until it fires: ns late. */
static uint64_t timer_once(struct smp_cpu *c)
{
	unsigned long n0 = c->nr_timers;
	uint64_t deadline = time_now() + TIMER_AHEAD_NS;

	events_disable();
	timer_set_singleshot(c->id, deadline, 0);
	while (c->nr_timers == n0) {
		hypercall_sched_op(SCHEDOP_block, NULL);
		events_disable();
	}
	events_enable();
	return c->timer_at > deadline ? c->timer_at - deadline : 0;
}

static void timer_job(void *arg)
{
	struct bench_job *j = arg;
	struct smp_cpu *c = &smp_cpus[smp_id()];
	uint64_t late;

	for (int r = -1; r < BENCH_RUNS; r++) {
		late = 0;
		for (unsigned long i = 0; i < j->n; i++)
			late += timer_once(c);
		if (r >= 0)
			j->runs[r] = ns_to_cycles(late);
	}
}

/* Runs fn on vCPU VA (and partner on VB meanwhile); prints the line. */
static void bench_pair(const char *name, smp_fn_t fn, smp_fn_t partner,
		       unsigned long n, uint64_t ops)
{
	bool ok;

	memset(&job, 0, sizeof(job));
	job.n = n;
	yield_stop = false;
	if (partner)
		smp_call(VB, partner, NULL);
	ok = smp_call(VA, fn, &job) == 0 && smp_call_wait(VA, JOB_NS);
	yield_stop = true;
	if (partner)
		ok = smp_call_wait(VB, JOB_NS) && ok;
	if (ok)
		bench_report(name, job.runs, ops);
	else
		printk("bench: %s failed: vcpu %u or %u did not finish\n",
		       name, VA, VB);
}

static void self_hook(struct smp_cpu *c)
{
}

static long run_evtchn_self(unsigned long n)
{
	struct smp_cpu *c = &smp_cpus[0];
	unsigned long want = c->nr_ipis + n;
	uint64_t t0;

	events_enable();
	t0 = rdtsc_ordered();
	for (unsigned long i = 0; i < n; i++)
		evtchn_notify(c->ipi_port);
	t0 = rdtsc_ordered() - t0;
	events_disable();
	return c->nr_ipis == want ? (long)t0 : -XEN_EIO;
}

static void bench_self(unsigned long n)
{
	uint64_t runs[BENCH_RUNS];
	long c = run_evtchn_self(n);

	for (unsigned int r = 0; r < BENCH_RUNS && c >= 0; r++)
		runs[r] = c = run_evtchn_self(n);
	if (c < 0)
		printk("bench: evtchn_self failed: %ld (%s)\n", c,
		       xen_strerror(c));
	else
		bench_report("evtchn_self", runs, n);
}

/* Pins VA on cpu_a and VB on cpu_b; 0 or the first error. */
static int pin_pair(int cpu_a, int cpu_b)
{
	int rc = smp_pin(VA, cpu_a);

	return rc ? rc : smp_pin(VB, cpu_b);
}

static void bench_two_cpus(unsigned long n)
{
	int rc = pin_pair(1, 2);

	if (rc == 0)
		printk("bench: vcpus %u and %u pinned on CPUs 1 and 2\n", VA,
		       VB);
	else
		printk("bench: cannot pin vcpus (%d, %s); %u of 3 vcpus seen running at once\n",
		       rc, xen_strerror(rc), smp_max_concurrent(3));
	bench_pair("evtchn_rtt_2cpu", rtt_job, NULL, n, n);
	n = n / 10 ? n / 10 : 1;
	bench_pair("timer_wakeup_100us", timer_job, NULL, n, n);
}

static void bench_one_cpu(unsigned long n)
{
	int rc = pin_pair(1, 1);

	if (rc != 0) {
		printk("bench: evtchn_rtt_1cpu, vcpu_switch_yield skipped: cannot pin vcpus %u and %u on one CPU: %d (%s)\n",
		       VA, VB, rc, xen_strerror(rc));
		return;
	}
	printk("bench: vcpus %u and %u pinned on CPU 1\n", VA, VB);
	bench_pair("evtchn_rtt_1cpu", rtt_job, NULL, n, n);
	/* Each yield of vCPU VA is two switches: to VB and back. */
	bench_pair("vcpu_switch_yield", yield_job, yield_partner, n, 2 * n);
}

void bench_smp_setup(void)
{
	smp_init();
}

void bench_smp_run(unsigned long n)
{
	int rc = smp_init();

	if (rc < 0 || smp_nr_vcpus <= VB) {
		printk("bench: metrics between vcpus skipped: %u vcpus, smp setup %d (%s)\n",
		       smp_nr_vcpus, rc, xen_strerror(rc));
		return;
	}
	smp_cpus[0].ipi_hook = self_hook;
	bench_self(n);
	smp_cpus[0].ipi_hook = NULL;
	smp_cpus[VB].ipi_hook = reply_hook;
	bench_two_cpus(n);
	bench_one_cpu(n);
	smp_cpus[VB].ipi_hook = NULL;
	smp_pin(VA, -1);
	smp_pin(VB, -1);
}
