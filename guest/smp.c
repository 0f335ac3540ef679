/* SPDX-License-Identifier: MIT */
/*
 * The domain's other vCPUs: bring-up, the mailbox they wait on, and
 * waiting for events (include/guest/smp.h).
 *
 * Bring-up, from vCPU0, per vCPU n > 0: its evtchn_upcall_mask is set
 * (it must not take an upcall before it runs our code), VCPUOP_initialise
 * gives it a vcpu_guest_context: rip = secondary_start, rdi = n, rsp at
 * the top of smp_stacks[n - 1] (less a slot, as after a call), flat
 * kernel selectors, our kernel L4 in ctrlreg[3], our trap table and
 * callbacks, kernel_ss:kernel_sp = the same stack; no GDT of its own
 * (the hypervisor's default), no VGCF_online (VCPUOP_up does that, and
 * Xen wakes a vCPU only on that transition). Then VCPUOP_up.
 *
 * The mailbox: vCPU0 writes fn and arg, bumps call_req and sends the
 * vCPU's call_port IPI. The vCPU masks its events, looks at call_req
 * and, with nothing to do, calls SCHEDOP_block, which unmasks and sleeps unless an
 * event is pending, in one step: the IPI cannot fall between the look
 * and the sleep. It runs fn with events enabled, stores call_done and
 * sends vCPU0's call_port, which wakes smp_call_wait().
 */
#include <string.h>
#include <public/errno.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <guest/events.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/smp.h>
#include <guest/traps.h>

#define CTXT_PAGES	((sizeof(struct vcpu_guest_context) + PAGE_SIZE - 1) / \
			 PAGE_SIZE)
#define UP_TIMEOUT_NS		2000000000ULL
#define CONCURRENT_NS		2000000000ULL

struct smp_cpu smp_cpus[SMP_MAX_VCPUS];
uint8_t *smp_stacks;
uint64_t smp_stacks_size;
unsigned int smp_nr_vcpus;

static struct vcpu_guest_context *new_ctxt;	/* pages */
static int init_rc = 1;			/* 1: not run yet */

static long vcpu_op(unsigned int cmd, unsigned int id, void *arg)
{
	return hypercall5(__HYPERVISOR_vcpu_op, cmd, id, (uintptr_t)arg, 0,
			  0);
}

static void call_handler(evtchn_port_t port, void *data)
{
	struct smp_cpu *c = data;

	c->nr_calls++;
}

static void ipi_handler(evtchn_port_t port, void *data)
{
	struct smp_cpu *c = data;

	c->nr_ipis++;
	if (c->ipi_hook)
		c->ipi_hook(c);
}

static void timer_handler(evtchn_port_t port, void *data)
{
	struct smp_cpu *c = data;

	c->timer_at = time_now();
	c->nr_timers++;
	if (c->timer_hook)
		c->timer_hook(c);
}

static void __attribute__((noreturn)) secondary_loop(struct smp_cpu *c)
{
	unsigned long req;

	for (;;) {
		events_disable();
		req = __atomic_load_n(&c->call_req, __ATOMIC_ACQUIRE);
		if (req == c->call_done) {
			hypercall_sched_op(SCHEDOP_block, NULL);
			continue;
		}
		events_enable();
		c->call_fn(c->call_arg);
		__atomic_store_n(&c->call_done, req, __ATOMIC_RELEASE);
		evtchn_notify(smp_cpus[0].call_port);
	}
}

/* A secondary vCPU's first instruction (VCPUOP_initialise's rip). */
static void __attribute__((noreturn, used)) secondary_start(unsigned int id)
{
	struct smp_cpu *c = &smp_cpus[id];

	__atomic_store_n(&c->up, true, __ATOMIC_RELEASE);
	evtchn_notify(smp_cpus[0].call_port);
	secondary_loop(c);
}

static void context_build(unsigned int id)
{
	struct vcpu_guest_context *c = new_ctxt;
	uint64_t top = (uint64_t)smp_stacks + id * SMP_STACK_SIZE;

	memset(c, 0, sizeof(*c));
	c->flags = VGCF_in_kernel;
	c->user_regs.rip = (uint64_t)secondary_start;
	c->user_regs.rdi = id;
	c->user_regs.rsp = top - 8;
	c->user_regs.cs = FLAT_KERNEL_CS;
	c->user_regs.ss = FLAT_KERNEL_SS;
	c->user_regs.rflags = 0x200;
	c->kernel_ss = FLAT_KERNEL_SS;
	c->kernel_sp = top;
	c->ctrlreg[3] = mm_kernel_l4_mfn() << PAGE_SHIFT;
	traps_fill_context(c);
}

static bool cpu_is_up(void *arg)
{
	return __atomic_load_n(&((struct smp_cpu *)arg)->up, __ATOMIC_ACQUIRE);
}

static int cpu_bring_up(unsigned int id)
{
	long rc;

	smp_vcpu_info(id)->evtchn_upcall_mask = 1;
	context_build(id);
	rc = vcpu_op(VCPUOP_initialise, id, new_ctxt);
	if (rc < 0) {
		printk("smp: VCPUOP_initialise(vcpu %u) failed: %ld (%s)\n",
		       id, rc, xen_strerror(rc));
		return rc;
	}
	rc = vcpu_op(VCPUOP_up, id, NULL);
	if (rc < 0) {
		printk("smp: VCPUOP_up(vcpu %u) failed: %ld (%s)\n", id, rc,
		       xen_strerror(rc));
		return rc;
	}
	if (!smp_wait(cpu_is_up, &smp_cpus[id], UP_TIMEOUT_NS)) {
		printk("smp: vcpu %u did not come up within 2 s\n", id);
		return -XEN_ETIMEDOUT;
	}
	return 0;
}

/* Counts the vCPUs, stops their periodic timers, binds IPI and timer. */
static int cpus_bind(void)
{
	struct smp_cpu *c;
	int rc = 0;

	while (smp_nr_vcpus < SMP_MAX_VCPUS &&
	       vcpu_op(VCPUOP_is_up, smp_nr_vcpus, NULL) >= 0)
		smp_nr_vcpus++;
	for (unsigned int i = 0; i < smp_nr_vcpus && rc == 0; i++) {
		c = &smp_cpus[i];
		c->id = i;
		vcpu_op(VCPUOP_stop_periodic_timer, i, NULL);
		rc = evtchn_bind_ipi(i, call_handler, c, &c->call_port);
		if (rc == 0)
			rc = evtchn_bind_ipi(i, ipi_handler, c, &c->ipi_port);
		if (rc == 0)
			rc = evtchn_bind_virq(VIRQ_TIMER, i, timer_handler, c,
					      &c->timer_port);
		if (rc < 0)
			printk("smp: binding vcpu %u's IPIs and VIRQ_TIMER failed: %d (%s)\n",
			       i, rc, xen_strerror(rc));
	}
	return rc;
}

int smp_init(void)
{
	int rc;

	if (init_rc <= 0)
		return init_rc;
	rc = mm_setup();
	if (rc == 0)
		rc = events_init();
	if (rc == 0)
		rc = cpus_bind();
	if (rc == 0 && smp_nr_vcpus > 1) {
		smp_stacks = page_alloc_run((smp_nr_vcpus - 1) *
					    (SMP_STACK_SIZE / PAGE_SIZE));
		new_ctxt = page_alloc_run(CTXT_PAGES);
		rc = smp_stacks && new_ctxt ? 0 : -XEN_ENOMEM;
	}
	if (rc == 0) {
		smp_stacks_size = (smp_nr_vcpus - 1) * SMP_STACK_SIZE;
		smp_cpus[0].up = true;
	}
	for (unsigned int i = 1; i < smp_nr_vcpus && rc == 0; i++)
		rc = cpu_bring_up(i);
	init_rc = rc;
	return rc;
}

int smp_call(unsigned int id, smp_fn_t fn, void *arg)
{
	struct smp_cpu *c = &smp_cpus[id];

	if (id == 0 || id >= smp_nr_vcpus || !c->up)
		return -XEN_ENOENT;
	if (!smp_call_done(id))
		return -XEN_EBUSY;
	c->call_fn = fn;
	c->call_arg = arg;
	__atomic_store_n(&c->call_req, c->call_req + 1, __ATOMIC_RELEASE);
	return evtchn_notify(c->call_port);
}

bool smp_call_done(unsigned int id)
{
	struct smp_cpu *c = &smp_cpus[id];

	return __atomic_load_n(&c->call_done, __ATOMIC_ACQUIRE) ==
	       __atomic_load_n(&c->call_req, __ATOMIC_ACQUIRE);
}

static bool call_is_done(void *arg)
{
	return smp_call_done((unsigned int)(uintptr_t)arg);
}

bool smp_call_wait(unsigned int id, uint64_t timeout_ns)
{
	return smp_wait(call_is_done, (void *)(uintptr_t)id, timeout_ns);
}

bool smp_wait(bool (*cond)(void *), void *arg, uint64_t timeout_ns)
{
	uint64_t deadline = time_now() + timeout_ns;
	bool was_enabled = events_are_enabled(), ok;

	timer_set(deadline);
	for (;;) {
		events_disable();
		ok = cond(arg);
		if (ok || time_now() >= deadline)
			break;
		hypercall_sched_op(SCHEDOP_block, NULL);
	}
	timer_set(0);
	if (was_enabled)
		events_enable();
	return ok;
}

long smp_runstate(unsigned int id, struct vcpu_runstate_info *r)
{
	return vcpu_op(VCPUOP_get_runstate_info, id, r);
}

static volatile bool spin_stop;

static void spin(void *arg)
{
	uint64_t end = time_now() + CONCURRENT_NS;

	while (!spin_stop && time_now() < end)
		__asm__ volatile("pause" ::: "memory");
}

/* How many of vCPUs 0..n-1 are running now (vCPU0 is: it asks). */
static unsigned int running_now(unsigned int n)
{
	struct vcpu_runstate_info r;
	unsigned int running = 1;

	for (unsigned int i = 1; i < n; i++)
		if (smp_runstate(i, &r) == 0 && r.state == RUNSTATE_running)
			running++;
	return running;
}

unsigned int smp_max_concurrent(unsigned int n)
{
	uint64_t end = time_now() + CONCURRENT_NS / 2;
	unsigned int best = 1, now;

	spin_stop = false;
	for (unsigned int i = 1; i < n; i++)
		smp_call(i, spin, NULL);
	while (best < n && time_now() < end) {
		now = running_now(n);
		best = now > best ? now : best;
	}
	spin_stop = true;
	for (unsigned int i = 1; i < n; i++)
		smp_call_wait(i, CONCURRENT_NS);
	return best;
}
