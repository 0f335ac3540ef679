/* SPDX-License-Identifier: MIT */
/*
 * Domain lifecycle: creation of a domain and its vCPUs (registered in
 * common/domain_table.c), the controller's pause count, shutdown and crash. When the hardware
 * domain shuts down, the machine follows, as on Xen: poweroff powers
 * off, reboot reboots, crash reports it and stops, suspend is not
 * supported and stops. Another domain that shuts down (or crashes) has
 * its vCPUs stopped, keeps its memory until it is destroyed, and dom0
 * hears of it through VIRQ_DOM_EXC.
 */
#include <asm/page.h>
#include <asm/smp.h>
#include <hv/console.h>
#include <hv/domain.h>
#include <hv/errno.h>
#include <hv/evtchn.h>
#include <hv/grant_table.h>
#include <hv/machine.h>
#include <hv/mm.h>
#include <hv/page_alloc.h>
#include <hv/smp.h>
#include <public/sched.h>
#include <public/xen.h>

#define CTRL_PAUSE_MAX	255	/* Xen's limit on nested pausedomain */

/* Zeroed pages for an object of size bytes; NULL when out of memory. */
static void *alloc_object(size_t size)
{
	unsigned int order = 0;
	unsigned long mfn;

	while ((PAGE_SIZE << order) < size)
		order++;
	mfn = alloc_pages(order);
	if (mfn == PAGE_NONE)
		return NULL;
	memset(mfn_to_virt(mfn), 0, PAGE_SIZE << order);
	return mfn_to_virt(mfn);
}

static void free_object(void *p, size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	free_pages(virt_to_maddr(p) >> PAGE_SHIFT, order);
}

static void domain_free(struct domain *d)
{
	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpus[i])
			free_object(d->vcpus[i], sizeof(struct vcpu));
	free_object(d, sizeof(*d));
}

struct domain *domain_create(domid_t domid, unsigned int max_vcpus,
			     unsigned int max_evtchn_port)
{
	struct domain *d;

	if (domid == 0 || domid >= DOMID_FIRST_RESERVED || max_vcpus == 0 ||
	    max_vcpus > ARRAY_SIZE(d->vcpus) || domain_lookup(domid))
		return NULL;
	d = alloc_object(sizeof(*d));
	if (d == NULL)
		return NULL;
	d->domain_id = domid;
	d->max_vcpus = max_vcpus;
	d->shutdown_code = DOMAIN_SHUTDOWN_NONE;
	sched_add_domain(d);
	for (unsigned int i = 0; i < max_vcpus; i++) {
		struct vcpu *v = alloc_object(sizeof(*v));

		if (v == NULL)
			goto out_free;
		v->vcpu_id = i;
		v->domain = d;
		d->vcpus[i] = v;
		/* Spread domains and their vCPUs over the CPUs. */
		sched_add_vcpu(v, (domid + i) % nr_cpus_online);
		vcpu_timers_init(v);
	}
	d->vcpu0 = d->vcpus[0];
	if (evtchn_domain_init(d, max_evtchn_port))
		goto out_free;
	if (domain_register(d)) {
		evtchn_domain_destroy(d);
		goto out_free;
	}
	return d;

out_free:
	domain_free(d);
	return NULL;
}

void domain_start(struct domain *d)
{
	d->vcpu0->initialised = true;
	vcpu_timers_start(d->vcpu0);
	vcpu_pause_flag_clear(d->vcpu0, VPF_DOWN);
}

void domain_create_undo(struct domain *d)
{
	domain_unregister(d);
	domain_relinquish_memory(d);
	gnttab_domain_destroy(d);
	evtchn_domain_destroy(d);
	domain_free(d);
}

/* Stops (or lets run again) every vCPU of d for flag. */
static void domain_vcpus_pause_flag(struct domain *d, unsigned int flag,
				    bool set)
{
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		struct vcpu *v = d->vcpus[i];

		if (v == NULL)
			continue;
		if (set)
			vcpu_pause_flag_set(v, flag);
		else
			vcpu_pause_flag_clear(v, flag);
	}
}

void domain_vcpus_wait_descheduled(struct domain *d)
{
	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpus[i])
			vcpu_wait_descheduled(d->vcpus[i]);
}

int domain_pause_by_controller(struct domain *d)
{
	unsigned int n = __atomic_load_n(&d->ctrl_pause_count,
					 __ATOMIC_ACQUIRE);

	do {
		if (n >= CTRL_PAUSE_MAX)
			return -EOVERFLOW;
	} while (!__atomic_compare_exchange_n(&d->ctrl_pause_count, &n, n + 1,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_ACQUIRE));
	if (n == 0)
		domain_vcpus_pause_flag(d, VPF_PAUSED, true);
	domain_vcpus_wait_descheduled(d);
	return 0;
}

int domain_unpause_by_controller(struct domain *d)
{
	unsigned int n = __atomic_load_n(&d->ctrl_pause_count,
					 __ATOMIC_ACQUIRE);

	do {
		if (n == 0)
			return -EINVAL;
	} while (!__atomic_compare_exchange_n(&d->ctrl_pause_count, &n, n - 1,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_ACQUIRE));
	if (n == 1)
		domain_vcpus_pause_flag(d, VPF_PAUSED, false);
	return 0;
}

static const char *shutdown_name(unsigned int reason)
{
	switch (reason) {
	case SHUTDOWN_poweroff:
		return "poweroff";
	case SHUTDOWN_reboot:
		return "reboot";
	case SHUTDOWN_suspend:
		return "suspend";
	case SHUTDOWN_crash:
		return "crash";
	case SHUTDOWN_watchdog:
		return "watchdog";
	default:
		return "unknown";
	}
}

static __noreturn void hwdom_shutdown(unsigned int reason)
{
	switch (reason) {
	case SHUTDOWN_poweroff:
		printk("Hardware domain d0 shut down: powering off\n");
		machine_exit(EXIT_POWEROFF);
	case SHUTDOWN_reboot:
		printk("Hardware domain d0 shut down: rebooting machine\n");
		machine_exit(EXIT_REBOOT);
	case SHUTDOWN_suspend:
		printk("Hardware domain d0 asked to suspend: not supported, "
		       "halting\n");
		machine_exit(EXIT_SUSPEND);
	default:
		printk(KERN_ERR "Hardware domain d0 crashed (%s): halting\n",
		       shutdown_name(reason));
		machine_exit(EXIT_DOM0_CRASH);
	}
}

void domain_shutdown_code(struct domain *d, unsigned int reason)
{
	unsigned int none = DOMAIN_SHUTDOWN_NONE;

	__atomic_compare_exchange_n(&d->shutdown_code, &none, reason, false,
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
	/* A code latched before (SCHEDOP_shutdown_code) wins over reason. */
	domain_shutdown_code(d, reason);
	reason = READ_ONCE(d->shutdown_code);
	if (d->domain_id == 0) {
		printk("d0: shutdown requested, reason %u (%s)\n", reason,
		       shutdown_name(reason));
		printk("heap: %lu frames free\n", heap_free_frames());
		hwdom_shutdown(reason);
	}
	if (__atomic_exchange_n(&d->is_shutting_down, true, __ATOMIC_SEQ_CST))
		return;
	printk("d%u: shutdown requested, reason %u (%s)\n", d->domain_id,
	       reason, shutdown_name(reason));
	domain_vcpus_pause_flag(d, VPF_DYING, true);
	send_global_virq(VIRQ_DOM_EXC);
}

void domain_crash(struct domain *d, const char *why)
{
	printk(KERN_ERR "d%u: domain crashed: %s\n", d->domain_id, why);
	domain_shutdown(d, SHUTDOWN_crash);
}
