/* SPDX-License-Identifier: MIT */
/* Domain shutdown through sched_op(SCHEDOP_shutdown). */
#include <public/sched.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/printk.h>

void guest_shutdown(unsigned int reason, const char *what)
{
	struct sched_shutdown arg = { .reason = reason };
	long rc;

	printk("%s: %s\n", guest_name, what);
	rc = hypercall_sched_op(SCHEDOP_shutdown, &arg);
	/* A shutdown must not return: say so, then stay out of the way. */
	printk("%s: SCHEDOP_shutdown(%u) returned %ld (%s)\n", guest_name,
	       reason, rc, xen_strerror(rc));
	for (;;)
		hypercall_sched_op(SCHEDOP_yield, NULL);
}
