/* SPDX-License-Identifier: MIT */
/*
 * Event channels, 2-level ABI (include/guest/events.h).
 *
 * The hypervisor marks a port pending in shared_info's evtchn_pending;
 * if the port is not masked it sets bit port/64 of the notified vCPU's
 * evtchn_pending_sel and that vCPU's evtchn_upcall_pending, and the
 * upcall comes when the vCPU's evtchn_upcall_mask is clear. The upcall
 * masks events (the hypervisor sets the mask) and we, on that vCPU:
 *
 *	1. clear evtchn_upcall_pending, then exchange the selector with 0;
 *	2. for each word i of the selector, take pending[i] & ~mask[i],
 *	   keep the ports bound to this vCPU, clear each one's pending bit
 *	   (atomically) and then call its handler, so that a send during
 *	   the handler marks the port pending again and is not lost;
 *	3. start again while evtchn_upcall_pending is set.
 *
 * The pending word is shared by all vCPUs; each takes only its own ports
 * (and vCPU0 those without a handler), as Linux keeps a per-CPU mask.
 * The return to the interrupted code goes through the iret hypercall
 * (entry.S), which restores evtchn_upcall_mask from the saved IF in one
 * step with the return, so an event that came meanwhile is delivered
 * then rather than lost or nested.
 *
 * Only the guest writes mask bits; the hypervisor and the guest both
 * write pending bits (set / clear), hence the atomic operations.
 */
#include <string.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/sched.h>
#include <public/version.h>
#include <public/vcpu.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/smp.h>

#define BITS_PER_WORD	64
#define NR_PORT_WORDS	(sizeof(shared_info->evtchn_pending) / 8)

struct port_handler {
	evtchn_handler_t	fn;
	void			*data;
	unsigned int		vcpu;
};

/* Written by vCPU0 when binding, before the port is unmasked. */
static struct port_handler *handlers;
#define HANDLER_PAGES	((EVENTS_MAX_PORTS * sizeof(*handlers) + PAGE_SIZE - 1) / \
			 PAGE_SIZE)
static bool ready;
volatile unsigned long events_unhandled;

static inline long evtchn_op(unsigned int cmd, void *arg)
{
	return hypercall5(__HYPERVISOR_event_channel_op, cmd, (uintptr_t)arg,
			  0, 0, 0);
}

int events_init(void)
{
	if (ready)
		return 0;
	/* Pages, not .bss: the boot mapping has little room to spare. */
	handlers = page_alloc_run(HANDLER_PAGES);
	if (!handlers)
		return -XEN_ENOMEM;
	for (unsigned int i = 0; i < NR_PORT_WORDS; i++)
		__atomic_store_n(&shared_info->evtchn_mask[i], ~0UL,
				 __ATOMIC_SEQ_CST);
	ready = true;
	return 0;
}

bool events_are_ready(void)
{
	return ready;
}

void evtchn_mask(evtchn_port_t port)
{
	__atomic_fetch_or(&shared_info->evtchn_mask[port / BITS_PER_WORD],
			  1UL << (port % BITS_PER_WORD), __ATOMIC_SEQ_CST);
}

void evtchn_unmask(evtchn_port_t port)
{
	struct evtchn_unmask op = { .port = port };

	__atomic_fetch_and(&shared_info->evtchn_mask[port / BITS_PER_WORD],
			   ~(1UL << (port % BITS_PER_WORD)), __ATOMIC_SEQ_CST);
	/* Pending while masked: let the hypervisor raise it on its vCPU. */
	if (evtchn_is_pending(port))
		evtchn_op(EVTCHNOP_unmask, &op);
}

bool evtchn_is_pending(evtchn_port_t port)
{
	return __atomic_load_n(&shared_info->evtchn_pending[port / BITS_PER_WORD],
			       __ATOMIC_SEQ_CST) &
	       (1UL << (port % BITS_PER_WORD));
}

void evtchn_clear(evtchn_port_t port)
{
	__atomic_fetch_and(&shared_info->evtchn_pending[port / BITS_PER_WORD],
			   ~(1UL << (port % BITS_PER_WORD)), __ATOMIC_SEQ_CST);
}

/* Records the handler of a new port and unmasks it. */
static int port_install(evtchn_port_t port, unsigned int vcpu,
			evtchn_handler_t fn, void *data)
{
	struct evtchn_close cl = { .port = port };

	if (port >= EVENTS_MAX_PORTS) {
		evtchn_op(EVTCHNOP_close, &cl);
		return -XEN_ENOSPC;
	}
	handlers[port] = (struct port_handler){ fn, data, vcpu };
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	evtchn_unmask(port);
	return 0;
}

int evtchn_bind_ipi(unsigned int vcpu, evtchn_handler_t fn, void *data,
		    evtchn_port_t *port)
{
	struct evtchn_bind_ipi op = { .vcpu = vcpu };
	long rc = evtchn_op(EVTCHNOP_bind_ipi, &op);

	if (rc < 0)
		return rc;
	*port = op.port;
	return port_install(op.port, vcpu, fn, data);
}

int evtchn_bind_virq(unsigned int virq, unsigned int vcpu,
		     evtchn_handler_t fn, void *data, evtchn_port_t *port)
{
	struct evtchn_bind_virq op = { .virq = virq, .vcpu = vcpu };
	long rc = evtchn_op(EVTCHNOP_bind_virq, &op);

	if (rc < 0)
		return rc;
	*port = op.port;
	return port_install(op.port, vcpu, fn, data);
}

int evtchn_unbind(evtchn_port_t port)
{
	struct evtchn_close op = { .port = port };

	evtchn_mask(port);
	if (handlers && port < EVENTS_MAX_PORTS)
		handlers[port].fn = NULL;
	evtchn_clear(port);
	return evtchn_op(EVTCHNOP_close, &op);
}

long evtchn_notify(evtchn_port_t port)
{
	struct evtchn_send op = { .port = port };

	return evtchn_op(EVTCHNOP_send, &op);
}

void events_disable(void)
{
	smp_vcpu_info(smp_id())->evtchn_upcall_mask = 1;
	__asm__ volatile("" ::: "memory");
}

void events_enable(void)
{
	struct vcpu_info *vi = smp_vcpu_info(smp_id());

	__asm__ volatile("" ::: "memory");
	vi->evtchn_upcall_mask = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* Pending while masked: any hypercall returns through the upcall. */
	if (__atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST))
		hypercall_xen_version(XENVER_version, NULL);
}

bool events_are_enabled(void)
{
	return !smp_vcpu_info(smp_id())->evtchn_upcall_mask;
}

/* Whether vCPU me takes port: its own ports; vCPU0 the unbound ones. */
static bool port_is_mine(evtchn_port_t port, unsigned int me)
{
	if (handlers && port < EVENTS_MAX_PORTS && handlers[port].fn)
		return handlers[port].vcpu == me;
	return me == 0;
}

static void port_dispatch(evtchn_port_t port)
{
	evtchn_handler_t fn = NULL;
	void *data = NULL;

	if (handlers && port < EVENTS_MAX_PORTS) {
		fn = handlers[port].fn;
		data = handlers[port].data;
	}
	if (fn)
		fn(port, data);
	else
		events_unhandled++;
}

static void word_scan(unsigned int word, unsigned int me)
{
	xen_ulong_t *pending = &shared_info->evtchn_pending[word];
	xen_ulong_t bits = __atomic_load_n(pending, __ATOMIC_SEQ_CST) &
			   ~__atomic_load_n(&shared_info->evtchn_mask[word],
					    __ATOMIC_SEQ_CST);

	while (bits) {
		unsigned int bit = __builtin_ctzl(bits);
		evtchn_port_t port = word * BITS_PER_WORD + bit;
		xen_ulong_t old;

		bits &= bits - 1;
		if (!port_is_mine(port, me))
			continue;
		old = __atomic_fetch_and(pending, ~(1UL << bit),
					 __ATOMIC_SEQ_CST);
		if (old & (1UL << bit))
			port_dispatch(port);
	}
}

void events_upcall(void)
{
	unsigned int me = smp_id();
	struct vcpu_info *vi = smp_vcpu_info(me);
	xen_ulong_t sel;

	do {
		__atomic_store_n(&vi->evtchn_upcall_pending, 0,
				 __ATOMIC_SEQ_CST);
		sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0,
					  __ATOMIC_SEQ_CST);
		while (sel) {
			unsigned int word = __builtin_ctzl(sel);

			sel &= sel - 1;
			word_scan(word, me);
		}
	} while (__atomic_load_n(&vi->evtchn_upcall_pending,
				 __ATOMIC_SEQ_CST));
}

/*
 * now = system_time + ((tsc - tsc_timestamp) << shift) * mul >> 32,
 * from one consistent copy: retry while the version is odd (an update
 * in progress) or changed under us.
 */
uint64_t time_now(void)
{
	const volatile struct vcpu_time_info *t =
		&smp_vcpu_info(smp_id())->time;
	uint64_t tsc, stamp, sys, delta;
	uint32_t version, mul;
	int8_t shift;

	do {
		version = t->version;
		__asm__ volatile("" ::: "memory");
		stamp = t->tsc_timestamp;
		sys = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		tsc = rdtsc_ordered();
		__asm__ volatile("" ::: "memory");
	} while ((version & 1) || version != t->version);
	delta = tsc - stamp;
	delta = shift >= 0 ? delta << shift : delta >> -shift;
	return sys + (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

void time_sleep_until(uint64_t deadline_ns)
{
	struct sched_poll p = { .nr_ports = 0, .timeout = deadline_ns };

	while (time_now() < deadline_ns)
		hypercall_sched_op(SCHEDOP_poll, &p);
}

long timer_set(uint64_t deadline_ns)
{
	return hypercall5(__HYPERVISOR_set_timer_op, deadline_ns, 0, 0, 0, 0);
}

long timer_set_singleshot(unsigned int vcpu, uint64_t deadline_ns,
			  uint32_t flags)
{
	struct vcpu_set_singleshot_timer op = {
		.timeout_abs_ns = deadline_ns,
		.flags = flags,
	};

	return hypercall5(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer,
			  vcpu, (uintptr_t)&op, 0, 0);
}
