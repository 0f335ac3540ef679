/* SPDX-License-Identifier: MIT */
/*
 * The `smpevents` checks of SCHEDOP_block and SCHEDOP_poll (see
 * smpevents_time.c for what each asserts). A job that waits for vCPU0
 * tells it so through `ready` and vCPU0's IPI; vCPU0 then lets it fall
 * asleep, checks its runstate and sends the event.
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

#define ASLEEP_NS	5000000ULL	/* let the job fall asleep */
#define QUICK_NS	500000000ULL	/* "at once": well before 1 s */
#define POLL_NS		3000000ULL
#define LONG_NS		2000000000ULL

struct sleep_job {
	bool		self_send;	/* send our own IPI before sleeping */
	bool		ready;		/* [a] about to sleep */
	long		rc;
	unsigned long	handled;	/* IPIs taken by the handler */
	uint8_t		mask_after;	/* evtchn_upcall_mask on return */
	bool		pending_after;	/* the polled port, on return */
	uint64_t	ns;		/* asleep for */
	uint64_t	late;		/* poll: past the timeout */
};

static struct sleep_job job;

static void job_ready(struct sleep_job *j)
{
	__atomic_store_n(&j->ready, true, __ATOMIC_RELEASE);
	if (smp_id() != 0)
		evtchn_notify(smp_cpus[0].call_port);
}

/* SCHEDOP_block with events masked; a safety timer ends a lost wake. */
static void block_job(void *arg)
{
	struct sleep_job *j = arg;
	struct smp_cpu *c = &smp_cpus[smp_id()];
	unsigned long n0;
	uint64_t t0;

	events_disable();
	n0 = c->nr_ipis;
	if (j->self_send)
		evtchn_notify(c->ipi_port);
	t0 = time_now();
	timer_set(t0 + LONG_NS);
	job_ready(j);
	j->rc = hypercall_sched_op(SCHEDOP_block, NULL);
	j->mask_after = smp_vcpu_info(c->id)->evtchn_upcall_mask;
	j->ns = time_now() - t0;
	j->handled = c->nr_ipis - n0;
	timer_set(0);
	events_enable();
}

static bool job_is_ready(void *arg)
{
	return __atomic_load_n(&((struct sleep_job *)arg)->ready,
			       __ATOMIC_ACQUIRE);
}

static bool never(void *arg)
{
	return false;
}

/* vCPU0's half: wait for the job to sleep, check it does, wake it. */
static bool wake_job(unsigned int id, evtchn_port_t port)
{
	struct vcpu_runstate_info r;
	bool asleep;

	smp_wait(job_is_ready, &job, LONG_NS);
	smp_wait(never, NULL, ASLEEP_NS);
	asleep = smp_runstate(id, &r) == 0 && r.state == RUNSTATE_blocked;
	evtchn_notify(port);
	return asleep;
}

static void block_report(struct check *c, unsigned int id, bool finished,
			 const char *how)
{
	printk("smpevents: vcpu %u block (%s): rc %ld, handled %lu, mask after %u, %lu us\n",
	       id, how, job.rc, job.handled, job.mask_after, job.ns / 1000);
	check_that(c, finished && job.rc == 0 && job.handled == 1 &&
		   job.mask_after == 0 && job.ns < QUICK_NS,
		   "vcpu %u SCHEDOP_block with events masked, event %s: returns, upcall runs, events enabled",
		   id, how);
}

static void block_pending(struct check *c, unsigned int id)
{
	bool finished;

	memset(&job, 0, sizeof(job));
	job.self_send = true;
	if (id == 0) {
		block_job(&job);
		finished = true;
	} else {
		finished = smp_call(id, block_job, &job) == 0 &&
			   smp_call_wait(id, LONG_NS);
	}
	block_report(c, id, finished, "already pending");
}

static void block_woken(struct check *c, unsigned int id)
{
	bool asleep, finished;

	memset(&job, 0, sizeof(job));
	if (smp_call(id, block_job, &job) < 0)
		return;
	asleep = wake_job(id, smp_cpus[id].ipi_port);
	finished = smp_call_wait(id, LONG_NS);
	check_that(c, asleep, "vcpu %u is RUNSTATE_blocked in SCHEDOP_block",
		   id);
	block_report(c, id, finished, "sent by vcpu 0");
}

void smpevents_block(struct check *c, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		block_pending(c, i);
	for (unsigned int i = 1; i < n; i++)
		block_woken(c, i);
}

/* SCHEDOP_poll of our own IPI port, masked, until vCPU0 sends it. */
static void poll_port_job(void *arg)
{
	struct sleep_job *j = arg;
	struct smp_cpu *c = &smp_cpus[smp_id()];
	uint64_t t0;

	events_disable();
	evtchn_mask(c->ipi_port);
	t0 = time_now();
	job_ready(j);
	do
		j->rc = smpev_poll1(c->ipi_port, t0 + LONG_NS);
	while (j->rc == 0 && !evtchn_is_pending(c->ipi_port) &&
	       time_now() < t0 + LONG_NS);
	j->ns = time_now() - t0;
	j->pending_after = evtchn_is_pending(c->ipi_port);
	evtchn_clear(c->ipi_port);
	evtchn_unmask(c->ipi_port);
	events_enable();
}

/*
 * SCHEDOP_poll of a port nobody sends, to its timeout. Another event
 * (the mailbox's IPI may still be on its way) may end it early, as on
 * Xen; we then take that event and poll again, as callers do. A return
 * before the timeout with no event pending is an error (early).
 */
static void poll_timeout_job(void *arg)
{
	struct sleep_job *j = arg;
	struct vcpu_info *vi = smp_vcpu_info(smp_id());
	uint64_t timeout, now;

	events_disable();
	timeout = time_now() + POLL_NS;
	for (;;) {
		j->rc = smpev_poll1(smp_cpus[smp_id()].timer_port, timeout);
		now = time_now();
		if (j->rc < 0 || now >= timeout || !vi->evtchn_upcall_pending)
			break;
		j->handled++;
		events_enable();
		events_disable();
	}
	j->late = now - timeout;
	events_enable();
}

static void poll_timeout(struct check *c, unsigned int id)
{
	bool finished;

	memset(&job, 0, sizeof(job));
	if (id == 0) {
		poll_timeout_job(&job);
		finished = true;
	} else {
		finished = smp_call(id, poll_timeout_job, &job) == 0 &&
			   smp_call_wait(id, LONG_NS);
	}
	printk("smpevents: vcpu %u poll 3 ms: rc %ld, returned %ld ns after the timeout (%lu early returns for other events)\n",
	       id, job.rc, (long)job.late, job.handled);
	check_that(c, finished && job.rc == 0 && (int64_t)job.late >= 0 &&
		   job.late <= SMPEV_LATE_NS,
		   "vcpu %u SCHEDOP_poll returns at its timeout, not early, at most %llu ms late",
		   id, SMPEV_LATE_NS / 1000000);
}

static void poll_woken(struct check *c, unsigned int id)
{
	bool finished;

	memset(&job, 0, sizeof(job));
	if (smp_call(id, poll_port_job, &job) < 0)
		return;
	wake_job(id, smp_cpus[id].ipi_port);
	finished = smp_call_wait(id, LONG_NS);
	printk("smpevents: vcpu %u poll of its masked IPI port: rc %ld, pending %u, %lu us\n",
	       id, job.rc, job.pending_after, job.ns / 1000);
	check_that(c, finished && job.rc == 0 && job.pending_after &&
		   job.ns < QUICK_NS,
		   "vcpu %u SCHEDOP_poll wakes when the polled masked port is sent",
		   id);
}

static void poll_args(struct check *c)
{
	static evtchn_port_t ports[129];
	struct sched_poll p = { .nr_ports = 129 };
	uint64_t t0 = time_now();

	set_xen_guest_handle(p.ports, ports);
	check_eq(c, "SCHEDOP_poll of 129 ports",
		 hypercall_sched_op(SCHEDOP_poll, &p), -XEN_EINVAL);
	check_that(c, smpev_poll1(smp_cpus[0].timer_port, t0 - 1000) == 0 &&
		   time_now() - t0 < QUICK_NS,
		   "SCHEDOP_poll with a past timeout returns at once");
}

void smpevents_poll(struct check *c, unsigned int n)
{
	bool was = events_are_enabled();

	for (unsigned int i = 0; i < n; i++)
		poll_timeout(c, i);
	for (unsigned int i = 1; i < n; i++)
		poll_woken(c, i);
	events_disable();
	poll_args(c);
	if (was)
		events_enable();
}
