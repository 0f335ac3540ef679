/* SPDX-License-Identifier: MIT */
/* domctl and sysctl wrappers: include/guest/control.h. */
#include <string.h>
#include <public/sched.h>
#include <guest/console.h>
#include <guest/control.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/printk.h>

long domctl(uint32_t cmd, domid_t domid, struct xen_domctl *op)
{
	op->cmd = cmd;
	op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	op->domain = domid;
	return hypercall5(__HYPERVISOR_domctl, (uintptr_t)op, 0, 0, 0, 0);
}

long sysctl(uint32_t cmd, struct xen_sysctl *op)
{
	op->cmd = cmd;
	op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	return hypercall5(__HYPERVISOR_sysctl, (uintptr_t)op, 0, 0, 0, 0);
}

long domctl_vcpuinfo(domid_t domid, uint32_t vcpu,
		     struct xen_domctl_getvcpuinfo *vi)
{
	struct xen_domctl op;
	long rc;

	memset(&op, 0, sizeof(op));
	op.u.getvcpuinfo.vcpu = vcpu;
	rc = domctl(XEN_DOMCTL_getvcpuinfo, domid, &op);
	if (rc == 0)
		*vi = op.u.getvcpuinfo;
	return rc;
}

static long affinity(uint32_t cmd, domid_t domid, uint32_t vcpu,
		     uint64_t *map)
{
	struct xen_domctl op;

	memset(&op, 0, sizeof(op));
	op.u.vcpuaffinity.vcpu = vcpu;
	op.u.vcpuaffinity.flags = XEN_VCPUAFFINITY_HARD;
	op.u.vcpuaffinity.cpumap_hard.bitmap.p = (uint8_t *)map;
	op.u.vcpuaffinity.cpumap_hard.nr_bits = 64;
	return domctl(cmd, domid, &op);
}

long domctl_affinity_set(domid_t domid, uint32_t vcpu, uint64_t *map)
{
	return affinity(XEN_DOMCTL_setvcpuaffinity, domid, vcpu, map);
}

long domctl_affinity_get(domid_t domid, uint32_t vcpu, uint64_t *map)
{
	*map = 0;
	return affinity(XEN_DOMCTL_getvcpuaffinity, domid, vcpu, map);
}

static long sched_op(domid_t domid, uint32_t cmd, uint16_t *weight,
		     uint16_t *cap)
{
	struct xen_domctl op;
	long rc;

	memset(&op, 0, sizeof(op));
	op.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
	op.u.scheduler_op.cmd = cmd;
	op.u.scheduler_op.u.credit.weight = *weight;
	op.u.scheduler_op.u.credit.cap = *cap;
	rc = domctl(XEN_DOMCTL_scheduler_op, domid, &op);
	if (rc == 0) {
		*weight = op.u.scheduler_op.u.credit.weight;
		*cap = op.u.scheduler_op.u.credit.cap;
	}
	return rc;
}

long domctl_sched_get(domid_t domid, uint16_t *weight, uint16_t *cap)
{
	*weight = *cap = 0;
	return sched_op(domid, XEN_DOMCTL_SCHEDOP_getinfo, weight, cap);
}

long domctl_sched_set(domid_t domid, uint16_t weight, uint16_t cap)
{
	return sched_op(domid, XEN_DOMCTL_SCHEDOP_putinfo, &weight, &cap);
}

/* Letters for a domain's state, as xl list shows them. */
static void state_letters(uint32_t flags, char s[7])
{
	s[0] = flags & XEN_DOMINF_running ? 'r' : '-';
	s[1] = flags & XEN_DOMINF_blocked ? 'b' : '-';
	s[2] = flags & XEN_DOMINF_paused ? 'p' : '-';
	s[3] = flags & XEN_DOMINF_shutdown ? 's' : '-';
	s[4] = (flags & XEN_DOMINF_shutdown) &&
	       ((flags >> XEN_DOMINF_shutdownshift) &
		XEN_DOMINF_shutdownmask) == SHUTDOWN_crash ? 'c' : '-';
	s[5] = flags & XEN_DOMINF_dying ? 'd' : '-';
	s[6] = '\0';
}

void domains_list(void)
{
	struct xen_domctl_getdomaininfo info[16];
	struct xen_sysctl op;
	unsigned int first = 0;
	long rc;

	printk("%-6s %4s %8s %5s %-6s %10s\n", "Name", "ID", "Mem(KiB)",
	       "VCPUs", "State", "Time(ms)");
	do {
		memset(&op, 0, sizeof(op));
		op.u.getdomaininfolist.first_domain = (domid_t)first;
		op.u.getdomaininfolist.max_domains = 16;
		op.u.getdomaininfolist.buffer.p = info;
		rc = sysctl(XEN_SYSCTL_getdomaininfolist, &op);
		if (rc) {
			printk("domains: getdomaininfolist: %ld (%s)\n", rc,
			       xen_strerror(rc));
			return;
		}
		for (unsigned int i = 0; i < op.u.getdomaininfolist.num_domains;
		     i++) {
			const struct xen_domctl_getdomaininfo *d = &info[i];
			char state[7];

			state_letters(d->flags, state);
			printk("%-6s %4u %8lu %5u %-6s %10lu\n",
			       d->domain ? "domU" : "dom0", d->domain,
			       d->tot_pages * 4, d->nr_online_vcpus, state,
			       d->cpu_time / 1000000);
			first = d->domain + 1u;
		}
	} while (op.u.getdomaininfolist.num_domains == 16);
}

/* One readconsole call: n bytes into buf from *index; 0 or -XEN_E*. */
static long readconsole(char *buf, uint32_t size, uint32_t *index,
			uint32_t *n, bool incremental, bool clear)
{
	struct xen_sysctl op;
	long rc;

	memset(&op, 0, sizeof(op));
	op.u.readconsole.buffer.p = buf;
	op.u.readconsole.count = size;
	op.u.readconsole.index = *index;
	op.u.readconsole.incremental = incremental;
	op.u.readconsole.clear = clear;
	rc = sysctl(XEN_SYSCTL_readconsole, &op);
	*index = op.u.readconsole.index;
	*n = op.u.readconsole.count;
	return rc;
}

/*
 * The `dmesg [-c]` command, as `xl dmesg`: the hypervisor's console ring.
 * Our own printing lands in that ring too, so the end is fixed first and
 * the text printed up to it; -c then clears what was read.
 */
void dmesg(const char *args)
{
	static char buf[1024];
	uint32_t start = 0, end, n;
	long rc = readconsole(buf, sizeof(buf), &start, &n, false, false);

	if (rc) {
		printk("dmesg: readconsole: %ld (%s)\n", rc, xen_strerror(rc));
		return;
	}
	end = start;
	start -= n;
	while (n && readconsole(buf, sizeof(buf), &end, &n, true, false) == 0)
		;
	for (uint32_t at = start; (int32_t)(end - at) > 0;) {
		uint32_t want = end - at < sizeof(buf) ? end - at : sizeof(buf);

		if (readconsole(buf, want, &at, &n, true, false) || n == 0)
			break;
		console_write(buf, n);
	}
	if (strcmp(args, "-c") == 0)
		readconsole(buf, 0, &end, &n, true, true);
}
