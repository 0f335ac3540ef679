/* SPDX-License-Identifier: MIT */
/*
 * The `smpevents` command: the domain's vCPUs and event channels.
 *
 *  bring-up	every vCPU the domain has comes up (VCPUOP_initialise,
 *		VCPUOP_up); a second initialise is refused with -EEXIST.
 *  placement	all vCPUs are seen RUNSTATE_running at the same moment
 *		(so on as many CPUs); the CPUs are printed if the
 *		hypervisor answers XEN_DOMCTL_getvcpuinfo.
 *  ipi		an IPI bound to vCPU i runs its handler on vCPU i.
 *  pingpong	10,000 events between vCPUs 0 and 1 (1,000 between
 *		each other pair tried), each handler checking
 *		the sequence number it receives and sending the next: none
 *		lost (the chain reaches its end), none duplicated or out
 *		of order (every number is the one expected), and nothing
 *		more arrives afterwards.
 *  timers, block, poll	smpevents_time.c.
 *
 * Then "smpevents: N passed, N failed, N skipped".
 */
#include <stdlib.h>
#include <string.h>
#include <public/errno.h>
#include <public/vcpu.h>
#include <guest/check.h>
#include <guest/events.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/smp.h>
#include <guest/smpevents.h>

#define PINGPONG_EVENTS		10000	/* vCPUs 0 and 1 */
#define PINGPONG_OTHERS		1000	/* each other pair */
#define PINGPONG_NS		120000000000ULL	/* 120 s: a loaded host */
#define SETTLE_NS		20000000ULL	/* 20 ms */

static void bring_up(struct check *c, unsigned int n)
{
	struct vcpu_guest_context *ctxt = page_alloc_run(2);
	unsigned int up = 0;

	for (unsigned int i = 0; i < n; i++) {
		up += smp_cpus[i].up;
		check_eqf(c, hypercall5(__HYPERVISOR_vcpu_op, VCPUOP_is_up, i,
					0, 0, 0), 1, "VCPUOP_is_up vcpu %u", i);
	}
	check_eq(c, "all vCPUs up", up, n);
	if (n > 1 && ctxt)
		check_eq(c, "VCPUOP_initialise of a running vCPU",
			 hypercall5(__HYPERVISOR_vcpu_op, VCPUOP_initialise,
				    1, (uintptr_t)ctxt, 0, 0), -XEN_EEXIST);
	if (ctxt) {
		page_free(ctxt);
		page_free((uint8_t *)ctxt + PAGE_SIZE);
	}
}

static void placement(struct check *c, unsigned int n)
{
	unsigned int most = smp_max_concurrent(n);
	int cpu;

	printk("smpevents: %u of %u vCPUs seen running at once\n", most, n);
	for (unsigned int i = 0; i < n; i++) {
		cpu = smp_vcpu_cpu(i);
		if (cpu >= 0)
			printk("smpevents: vcpu %u on CPU %d\n", i, cpu);
		else
			printk("smpevents: vcpu %u: getvcpuinfo: %d (%s)\n",
			       i, cpu, xen_strerror(cpu));
	}
	check_that(c, most == n, "placement: %u vCPUs on %u CPUs at once",
		   n, n);
}

/* The IPI test: the hook records which vCPU ran the handler. */
static volatile unsigned int ipi_ran_on;

static void ipi_record(struct smp_cpu *cpu)
{
	ipi_ran_on = smp_id();
}

static bool ipi_arrived(void *arg)
{
	return ipi_ran_on != ~0U;
}

static void ipi_each(struct check *c, unsigned int n)
{
	long rc;
	bool ok;

	for (unsigned int i = 0; i < n; i++) {
		ipi_ran_on = ~0U;
		smp_cpus[i].ipi_hook = ipi_record;
		rc = evtchn_notify(smp_cpus[i].ipi_port);
		ok = smp_wait(ipi_arrived, NULL, SMPEV_WAIT_NS);
		smp_cpus[i].ipi_hook = NULL;
		if (rc < 0 || !ok)
			printk("smpevents: ipi to vcpu %u: send %ld, %s\n", i,
			       rc, ok ? "handled" : "not handled in 2 s");
		check_eqf(c, ok ? (long)ipi_ran_on : -1, i,
			  "ipi port %u to vcpu %u handled on vcpu %u",
			  smp_cpus[i].ipi_port, i, i);
	}
}

/*
 * Ping-pong: side 1 (vCPU b) receives the odd numbers, side 0 (vCPU a)
 * the even ones; each handler checks the number, then sends the next.
 * Each side's fields are written only by its own vCPU.
 */
struct pingpong {
	unsigned int	vcpu[2];
	uint32_t	total;
	uint32_t	token;		/* the number in flight */
	uint32_t	expect[2];
	uint32_t	received[2];
	uint32_t	wrong[2];
	uint32_t	first_wrong[2];
	bool		done;
	bool		stop;		/* timed out: send no more */
};

static struct pingpong pp;

static void pingpong_hook(struct smp_cpu *cpu)
{
	unsigned int side = cpu->id == pp.vcpu[1];
	uint32_t t = __atomic_load_n(&pp.token, __ATOMIC_ACQUIRE);

	pp.received[side]++;
	if (t != pp.expect[side] && pp.wrong[side]++ == 0)
		pp.first_wrong[side] = t;
	pp.expect[side] = t + 2;
	if (__atomic_load_n(&pp.stop, __ATOMIC_ACQUIRE))
		return;
	if (t >= pp.total) {
		__atomic_store_n(&pp.done, true, __ATOMIC_RELEASE);
		evtchn_notify(smp_cpus[0].call_port);
		return;
	}
	__atomic_store_n(&pp.token, t + 1, __ATOMIC_RELEASE);
	evtchn_notify(smp_cpus[pp.vcpu[!side]].ipi_port);
}

static bool pingpong_done(void *arg)
{
	return __atomic_load_n(&pp.done, __ATOMIC_ACQUIRE);
}

static bool never(void *arg)
{
	return false;
}

static void pingpong_report(struct check *c, uint64_t ns, bool finished)
{
	uint32_t got = pp.received[0] + pp.received[1];
	uint32_t wrong = pp.wrong[0] + pp.wrong[1];

	printk("smpevents: pingpong vcpu %u <-> vcpu %u: %u events in %lu us, received %u + %u, out of sequence %u + %u (first %u, %u)\n",
	       pp.vcpu[0], pp.vcpu[1], pp.total, ns / 1000, pp.received[0],
	       pp.received[1], pp.wrong[0], pp.wrong[1], pp.first_wrong[0],
	       pp.first_wrong[1]);
	check_that(c, finished && got == pp.total && wrong == 0 &&
		   pp.received[0] == pp.total / 2,
		   "pingpong vcpu %u <-> vcpu %u: %u events, none lost or duplicated",
		   pp.vcpu[0], pp.vcpu[1], pp.total);
}

static void pingpong(struct check *c, unsigned int a, unsigned int b,
		     uint32_t total)
{
	uint64_t t0;
	bool finished;

	memset(&pp, 0, sizeof(pp));
	pp.vcpu[0] = a;
	pp.vcpu[1] = b;
	pp.total = total;
	pp.expect[0] = 2;
	pp.expect[1] = 1;
	pp.token = 1;
	smp_cpus[a].ipi_hook = pingpong_hook;
	smp_cpus[b].ipi_hook = pingpong_hook;
	t0 = time_now();
	evtchn_notify(smp_cpus[b].ipi_port);
	finished = smp_wait(pingpong_done, NULL, PINGPONG_NS);
	t0 = time_now() - t0;
	__atomic_store_n(&pp.stop, true, __ATOMIC_RELEASE);
	/* Anything still coming would be a duplicate. */
	smp_wait(never, NULL, SETTLE_NS);
	smp_cpus[a].ipi_hook = NULL;
	smp_cpus[b].ipi_hook = NULL;
	pingpong_report(c, t0, finished);
}

static void pingpongs(struct check *c, unsigned int n)
{
	for (unsigned int k = 1; k < n; k++)
		pingpong(c, 0, k, k == 1 ? PINGPONG_EVENTS : PINGPONG_OTHERS);
	for (unsigned int k = 1; k + 1 < n; k++)
		pingpong(c, k, k + 1, PINGPONG_OTHERS);
}

static void smpevents_all(struct check *c, unsigned int n)
{
	bring_up(c, n);
	if (n < 2) {
		check_skip(c, "placement, ipi, pingpong", "one vCPU");
		return;
	}
	placement(c, n);
	ipi_each(c, n);
	pingpongs(c, n);
	smpevents_timers(c, n);
	smpevents_block(c, n);
	smpevents_poll(c, n);
}

void smpevents_run(const char *args)
{
	struct check c = { .prefix = "smpevents" };
	bool was_enabled;
	int rc = smp_init();

	if (rc < 0) {
		printk("smpevents: setup failed: %d (%s)\n", rc,
		       xen_strerror(rc));
		c.failed++;
		check_summary(&c, true);
		return;
	}
	printk("smpevents: %u vCPUs, IPI and VIRQ_TIMER bound on each\n",
	       smp_nr_vcpus);
	was_enabled = events_are_enabled();
	smpevents_all(&c, smp_nr_vcpus);
	if (!was_enabled)
		events_disable();
	printk("smpevents: events on ports without a handler: %lu\n",
	       events_unhandled);
	check_summary(&c, true);
}
