/* SPDX-License-Identifier: MIT */
/*
 * Domain lifecycle, so far for dom0 alone: shutdown and crash. When the
 * hardware domain shuts down, the machine follows, as on Xen: poweroff
 * powers off, reboot reboots, crash reports it and stops, suspend is not
 * supported and stops.
 */
#include <hv/console.h>
#include <hv/domain.h>
#include <hv/machine.h>
#include <hv/mm.h>
#include <hv/page_alloc.h>
#include <hv/smp.h>
#include <public/sched.h>

/*
 * One registry of domains for now: the one dom0_build() registers dom0
 * in (mm_domain_register()). Domain creation replaces it with a table
 * that holds references.
 */
struct domain *domain_lookup(domid_t domid)
{
	return mm_domain_lookup(domid);
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

void domain_shutdown(struct domain *d, unsigned int reason)
{
	printk("d%u: shutdown requested, reason %u (%s)\n", d->domain_id,
	       reason, shutdown_name(reason));
	d->is_shutting_down = true;
	d->shutdown_code = reason;
	if (d->domain_id == 0) {
		printk("heap: %lu frames free\n", heap_free_frames());
		hwdom_shutdown(reason);
	}
}

void domain_crash(struct domain *d, const char *why)
{
	printk(KERN_ERR "d%u: domain crashed: %s\n", d->domain_id, why);
	domain_shutdown(d, SHUTDOWN_crash);
}
