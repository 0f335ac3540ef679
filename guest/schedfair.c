/* SPDX-License-Identifier: MIT */
/*
 * The `schedfair` command: dom0 checks the credit scheduler on the boot
 * domUs d1-d4, each a CPU-bound vCPU (`spin`), through domctl/sysctl as
 * xl would: weights 1:1:2:4 share the CPUs in proportion, a 25% cap
 * holds with a CPU idle, a pinned vCPU stays on its CPU; and the errors
 * of the control interface. CPU time comes from getvcpuinfo (runstate
 * running time, ns) over a measured interval of system time, while dom0
 * sleeps in SCHEDOP_poll so that it takes (almost) no CPU itself; it
 * wakes every 100 ms to report how late its timer fired.
 *
 * Tolerances: a domU's part of the time the four received is within 5%
 * (relative) of its weight's part; the four together use at least 95%
 * of the CPUs (work conservation); the capped domain gets 25% +-2 of
 * one CPU. Shares are printed in per-mille.
 */
#include <string.h>
#include <public/errno.h>
#include <guest/check.h>
#include <guest/control.h>
#include <guest/events.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/printk.h>

#define NR_SPINNERS	4
#define WARMUP_NS	500000000ULL	/* let accounting settle */
#define MEASURE_NS	8000000000ULL	/* credit is coarse: 30 ms slices */
#define CAP_MEASURE_NS	4000000000ULL
#define PROBE_NS	100000000ULL	/* how often dom0 wakes to time itself */
#define BUSY_HOST_NS	3000000ULL	/* average lateness that skews shares */
#define PIN_SAMPLES	20
#define PIN_SETTLE_NS	50000000ULL
#define PIN_PERIOD_NS	20000000ULL

static const uint16_t weights[NR_SPINNERS] = { 256, 256, 512, 1024 };

static uint64_t cpu_time(domid_t d)
{
	struct xen_domctl_getvcpuinfo vi;

	if (domctl_vcpuinfo(d, 0, &vi))
		return 0;
	return vi.cpu_time;
}

/*
 * Sleeps until t0 + ns in steps of PROBE_NS and prints how late dom0
 * woke: a wake-up waits for the timer interrupt and at most the 1 ms
 * rate limit, so lateness well above that means the host delays QEMU's
 * timers, and slices end late too. On a quiet host it is 0.2-0.4 ms
 * on average; the shares drift once it nears a few ms.
 */
static void sleep_probed(uint64_t t0, uint64_t ns)
{
	uint64_t late = 0, worst = 0, n = 0;

	for (uint64_t t = t0 + PROBE_NS; t <= t0 + ns; t += PROBE_NS) {
		uint64_t l;

		time_sleep_until(t);
		l = time_now() - t;
		late += l;
		worst = l > worst ? l : worst;
		n++;
	}
	time_sleep_until(t0 + ns);
	if (!n)
		return;
	printk("schedfair: timer wake-ups late by %lu us on average, %lu us "
	       "at most (%lu samples)\n", late / n / 1000, worst / 1000, n);
	if (late / n > BUSY_HOST_NS)
		printk("schedfair: the host is delaying timers: beyond about "
		       "%lu ms on average shares drift (docs/scheduler.md)\n",
		       (unsigned long)(BUSY_HOST_NS / 1000000));
}

/* ns each domU ran during [now, now + ns), and the exact interval. */
static uint64_t measure(uint64_t ns, uint64_t ran[NR_SPINNERS])
{
	uint64_t before[NR_SPINNERS], t0 = time_now(), t1;

	for (unsigned int i = 0; i < NR_SPINNERS; i++)
		before[i] = cpu_time(i + 1);
	sleep_probed(t0, ns);
	for (unsigned int i = 0; i < NR_SPINNERS; i++)
		ran[i] = cpu_time(i + 1) - before[i];
	t1 = time_now();
	return t1 - t0;
}

static long pause_domain(domid_t d, bool pause)
{
	struct xen_domctl op;

	memset(&op, 0, sizeof(op));
	return domctl(pause ? XEN_DOMCTL_pausedomain :
		      XEN_DOMCTL_unpausedomain, d, &op);
}

/* Whether got is within tol_permille (relative) of want. */
static bool within(uint64_t got, uint64_t want, uint64_t tol_permille)
{
	uint64_t diff = got > want ? got - want : want - got;

	return diff * 1000 <= want * tol_permille;
}

static void check_weights(struct check *c, unsigned int nr_cpus)
{
	uint64_t ran[NR_SPINNERS], total = 0, wsum = 0, wall;

	for (unsigned int i = 0; i < NR_SPINNERS; i++) {
		check_eqf(c, domctl_sched_set(i + 1, weights[i], 0), 0,
			  "d%u weight %u", i + 1, weights[i]);
		wsum += weights[i];
	}
	time_sleep_until(time_now() + WARMUP_NS);
	wall = measure(MEASURE_NS, ran);
	for (unsigned int i = 0; i < NR_SPINNERS; i++)
		total += ran[i];
	for (unsigned int i = 0; i < NR_SPINNERS; i++) {
		uint64_t got = ran[i] * 1000 / total;
		uint64_t want = weights[i] * 1000 / wsum;

		printk("schedfair: d%u weight %u: %lu/1000 of the domUs' time "
		       "(%lu/1000 of a CPU), want %lu/1000 +-5%%\n", i + 1,
		       weights[i], got, ran[i] * 1000 / wall, want);
		check_eqf(c, within(ran[i] * wsum, total * weights[i], 50), 1,
			  "d%u share within 5%% of weight share", i + 1);
	}
	printk("schedfair: the domUs used %lu/1000 of %u CPUs over %lu ms\n",
	       total * 1000 / (wall * nr_cpus), nr_cpus, wall / 1000000);
	check_eq(c, "domUs use >= 95% of the CPUs",
		 total * 100 >= wall * nr_cpus * 95, 1);
}

static void check_cap(struct check *c)
{
	uint64_t ran[NR_SPINNERS], wall, permille;
	uint16_t w, cap;

	/* Only d3 runs, capped, with every other CPU idle. */
	for (domid_t d = 1; d <= NR_SPINNERS; d++)
		if (d != 3)
			check_eqf(c, pause_domain(d, true), 0, "pause d%u", d);
	check_eq(c, "d3 cap 25", domctl_sched_set(3, 0, 25), 0);
	check_eq(c, "d3 getinfo", domctl_sched_get(3, &w, &cap), 0);
	check_eq(c, "d3 weight kept", w, weights[2]);
	check_eq(c, "d3 cap reads 25", cap, 25);
	time_sleep_until(time_now() + WARMUP_NS);
	wall = measure(CAP_MEASURE_NS, ran);
	permille = ran[2] * 1000 / wall;
	printk("schedfair: d3 capped at 25%%: %lu/1000 of a CPU over %lu ms\n",
	       permille, wall / 1000000);
	check_eq(c, "capped d3 gets 25% +-2 of a CPU",
		 permille >= 230 && permille <= 270, 1);
	check_eq(c, "d3 cap removed", domctl_sched_set(3, 0, 0), 0);
	for (domid_t d = 1; d <= NR_SPINNERS; d++)
		if (d != 3)
			check_eqf(c, pause_domain(d, false), 0, "unpause d%u",
				  d);
}

/* Pins d2 to cpu; samples where it is while it keeps running. */
static void check_pin_to(struct check *c, unsigned int cpu)
{
	struct xen_domctl_getvcpuinfo vi;
	uint64_t map = 1ULL << cpu, before = cpu_time(2);
	unsigned int off = 0;

	check_eqf(c, domctl_affinity_set(2, 0, &map), 0, "pin d2 to CPU %u",
		  cpu);
	check_eqf(c, (long)map, (long)(1ULL << cpu),
		  "effective affinity is CPU %u", cpu);
	check_eqf(c, domctl_affinity_get(2, 0, &map), 0, "get affinity");
	check_eqf(c, (long)map, (long)(1ULL << cpu), "affinity reads CPU %u",
		  cpu);
	time_sleep_until(time_now() + PIN_SETTLE_NS);
	for (unsigned int i = 0; i < PIN_SAMPLES; i++) {
		if (domctl_vcpuinfo(2, 0, &vi) || vi.cpu != cpu)
			off++;
		time_sleep_until(time_now() + PIN_PERIOD_NS);
	}
	check_eqf(c, off, 0, "d2 seen on CPU %u in %u of %u samples", cpu,
		  PIN_SAMPLES - off, PIN_SAMPLES);
	check_eq(c, "pinned d2 keeps running", cpu_time(2) > before, 1);
}

static void check_pinning(struct check *c, unsigned int nr_cpus)
{
	uint64_t all = (nr_cpus >= 64) ? ~0ULL : (1ULL << nr_cpus) - 1;
	uint64_t none = 0, offline = 1ULL << 63;

	for (unsigned int cpu = 0; cpu < nr_cpus && cpu < 2; cpu++)
		check_pin_to(c, cpu);
	check_eq(c, "empty affinity: EINVAL",
		 domctl_affinity_set(2, 0, &none), -XEN_EINVAL);
	check_eq(c, "offline-only affinity: EINVAL",
		 domctl_affinity_set(2, 0, &offline), -XEN_EINVAL);
	check_eq(c, "unpin d2", domctl_affinity_set(2, 0, &all), 0);
}

static void check_errors(struct check *c)
{
	struct xen_domctl op;
	struct xen_sysctl sop;
	uint16_t w, cap;

	memset(&op, 0, sizeof(op));
	op.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT2;
	op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_getinfo;
	check_eq(c, "scheduler_op for credit2: EINVAL",
		 domctl(XEN_DOMCTL_scheduler_op, 1, &op), -XEN_EINVAL);
	check_eq(c, "getinfo of d77: ESRCH", domctl_sched_get(77, &w, &cap),
		 -XEN_ESRCH);
	memset(&op, 0, sizeof(op));
	check_eq(c, "pause self: EINVAL",
		 domctl(XEN_DOMCTL_pausedomain, 0, &op), -XEN_EINVAL);
	check_eq(c, "unpause below zero: EINVAL", pause_domain(1, false),
		 -XEN_EINVAL);
	check_eq(c, "getdomaininfo of 0x7ff5: EINVAL",
		 domctl(XEN_DOMCTL_getdomaininfo, 0x7ff5, &op), -XEN_EINVAL);
	check_eq(c, "getdomaininfo of 5 finds none: ESRCH",
		 domctl(XEN_DOMCTL_getdomaininfo, NR_SPINNERS + 1, &op),
		 -XEN_ESRCH);
	check_eq(c, "createdomain: ENOSYS",
		 domctl(XEN_DOMCTL_createdomain, 9, &op), -XEN_ENOSYS);
	op.cmd = XEN_DOMCTL_getdomaininfo;
	op.interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1;
	check_eq(c, "old interface version: EACCES",
		 hypercall5(__HYPERVISOR_domctl, (uintptr_t)&op, 0, 0, 0, 0),
		 -XEN_EACCES);
	memset(&sop, 0, sizeof(sop));
	sop.u.scheduler_op.cmd = XEN_SYSCTL_SCHEDOP_putinfo;
	sop.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
	sop.u.scheduler_op.u.sched_credit.tslice_ms = 0;
	check_eq(c, "tslice 0 ms: EINVAL",
		 sysctl(XEN_SYSCTL_scheduler_op, &sop), -XEN_EINVAL);
	sop.u.scheduler_op.cpupool_id = 1;
	check_eq(c, "cpupool 1: ESRCH",
		 sysctl(XEN_SYSCTL_scheduler_op, &sop), -XEN_ESRCH);
}

/* The four domUs must exist, each with one vCPU online. */
static bool find_spinners(struct check *c)
{
	struct xen_domctl_getdomaininfo info[8];
	struct xen_sysctl op;
	unsigned int found = 0;

	memset(&op, 0, sizeof(op));
	op.u.getdomaininfolist.first_domain = 1;
	op.u.getdomaininfolist.max_domains = 8;
	op.u.getdomaininfolist.buffer.p = info;
	if (!check_eq(c, "getdomaininfolist",
		      sysctl(XEN_SYSCTL_getdomaininfolist, &op), 0))
		return false;
	for (unsigned int i = 0; i < op.u.getdomaininfolist.num_domains; i++) {
		printk("schedfair: d%u: %lu pages, %u vCPU(s) online, flags "
		       "%#x\n", info[i].domain, info[i].tot_pages,
		       info[i].nr_online_vcpus, info[i].flags);
		found += info[i].domain <= NR_SPINNERS &&
			 info[i].nr_online_vcpus == 1;
	}
	return check_eq(c, "four boot domUs with a vCPU each", found,
			NR_SPINNERS);
}

void schedfair_run(void)
{
	struct check c = { .prefix = "schedfair" };
	struct xen_sysctl op;
	unsigned int nr_cpus;

	memset(&op, 0, sizeof(op));
	if (!check_eq(&c, "physinfo", sysctl(XEN_SYSCTL_physinfo, &op), 0))
		goto out;
	nr_cpus = op.u.physinfo.nr_cpus;
	printk("schedfair: %u CPU(s), %lu of %lu pages free, %u kHz\n",
	       nr_cpus, op.u.physinfo.free_pages, op.u.physinfo.total_pages,
	       op.u.physinfo.cpu_khz);
	memset(&op, 0, sizeof(op));
	check_eq(&c, "sched_id is credit", sysctl(XEN_SYSCTL_sched_id, &op) ?:
		 (long)op.u.sched_id.sched_id, XEN_SCHEDULER_CREDIT);
	if (!find_spinners(&c))
		goto out;
	check_weights(&c, nr_cpus);
	check_cap(&c);
	check_pinning(&c, nr_cpus);
	check_errors(&c);
out:
	check_summary(&c, false);
	printk("TEST schedfair: %s\n", c.failed ? "FAIL" : "PASS");
}

/* The `spin` command: a CPU-bound loop that never returns. */
void __attribute__((noreturn)) spin_forever(void)
{
	volatile unsigned long n = 0;

	for (;;)
		n++;
}
