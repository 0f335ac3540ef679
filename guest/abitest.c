/* SPDX-License-Identifier: MIT */
/*
 * The `abitest` command: calls the hypercalls the hypervisor implements
 * with good and bad arguments and checks each exact result, one line per
 * case ("abitest: <case>: PASS" or "... FAIL: got X, expected Y") and a
 * summary line. The same checks run on Xen 4.17, which is how we know
 * the expected values are Xen's; the few cases where Shoji deliberately
 * differs are marked Shoji-only and skipped elsewhere.
 */
#include <string.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <public/version.h>
#include <guest/abitest.h>
#include <guest/check.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>

#define HV_ADDR		0xffff830000000000UL	/* inside Xen's range */
#define UNMAPPED	0x1000UL		/* below any PV kernel */

static struct check chk = { .prefix = "abitest" };

static void expect(const char *name, long got, long want)
{
	check_eq(&chk, name, got, want);
}

/* A hypercall by number known only at run time: a bare syscall. */
static long raw_hypercall(uint64_t nr, uint64_t a1, uint64_t a2)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a" (ret), "+D" (a1), "+S" (a2)
			 : "a" (nr)
			 : "memory", "cc", "rcx", "r11", "rdx", "r10", "r8",
			   "r9");
	return ret;
}

/* Saved by head.S at entry. */
extern uint64_t entry_rsp;
extern uint16_t entry_cs, entry_ss;

#define M2P_VIRT_START	0xffff800000000000UL

/* Xen's initial state: flat ring-3 selectors, stack after the tables. */
static void test_entry_state(void)
{
	const struct start_info *si = start_info;
	const uint64_t *p2m_list = (const uint64_t *)si->mfn_list;
	const uint64_t *m2p = (const uint64_t *)M2P_VIRT_START;
	uint64_t pfns[4] = { 0, 1, si->nr_pages / 2, si->nr_pages - 1 };
	long bad = 0;

	expect("entry cs is FLAT_KERNEL_CS", entry_cs, FLAT_KERNEL_CS);
	expect("entry ss is FLAT_KERNEL_SS", entry_ss, FLAT_KERNEL_SS);
	expect("entry rsp tops the page after the page tables", entry_rsp,
	       si->pt_base + (si->nr_pt_frames + 1) * 4096);
	for (unsigned int i = 0; i < 4; i++)
		if (m2p[p2m_list[pfns[i]]] != pfns[i])
			bad++;
	expect("M2P inverts the P2M", bad, 0);
}

static void test_console_io(void)
{
	char ok[] = "abitest: console_io write reached the console\n";

	expect("console_io write good", hypercall_console_io(CONSOLEIO_write,
	       strlen(ok), ok), 0);
	expect("console_io write zero bytes",
	       hypercall_console_io(CONSOLEIO_write, 0, NULL), 0);
	expect("console_io write NULL",
	       hypercall_console_io(CONSOLEIO_write, 5, NULL), -XEN_EFAULT);
	expect("console_io write unmapped", hypercall_console_io(
	       CONSOLEIO_write, 5, (void *)UNMAPPED), -XEN_EFAULT);
	expect("console_io write hypervisor address", hypercall_console_io(
	       CONSOLEIO_write, 5, (void *)HV_ADDR), -XEN_EFAULT);
	expect("console_io unknown command",
	       hypercall_console_io(99, 0, NULL), -XEN_ENOSYS);
}

static void test_xen_version(void)
{
	struct xen_feature_info fi = { .submap_idx = 0 };
	void *ro_page = (void *)mm_readonly_page();

	expect("xen_version version", hypercall_xen_version(XENVER_version,
	       NULL), (4 << 16) | 17);
	expect("xen_version pagesize", hypercall_xen_version(XENVER_pagesize,
	       NULL), 4096);
	expect("xen_version get_features",
	       hypercall_xen_version(XENVER_get_features, &fi), 0);
	fi.submap_idx = 1;
	expect("xen_version get_features submap 1",
	       hypercall_xen_version(XENVER_get_features, &fi), -XEN_EINVAL);
	expect("xen_version get_features NULL",
	       hypercall_xen_version(XENVER_get_features, NULL), -XEN_EFAULT);
	expect("xen_version extraversion to read-only page",
	       hypercall_xen_version(XENVER_extraversion, ro_page),
	       -XEN_EFAULT);
	expect("xen_version capabilities to hypervisor address",
	       hypercall_xen_version(XENVER_capabilities, (void *)HV_ADDR),
	       -XEN_EFAULT);
	expect("xen_version unknown command",
	       hypercall_xen_version(99, NULL), -XEN_ENOSYS);
}

static void test_sched_op(bool shoji)
{
	struct sched_shutdown bad = { .reason = 99 };

	expect("sched_op yield", hypercall_sched_op(SCHEDOP_yield, NULL), 0);
	expect("sched_op shutdown NULL",
	       hypercall_sched_op(SCHEDOP_shutdown, NULL), -XEN_EFAULT);
	expect("sched_op unknown command", hypercall_sched_op(99, NULL),
	       -XEN_ENOSYS);
	/* Xen acts on any reason (for dom0: it reboots); Shoji refuses. */
	if (shoji)
		expect("sched_op shutdown bad reason (Shoji-only)",
		       hypercall_sched_op(SCHEDOP_shutdown, &bad),
		       -XEN_EINVAL);
	else
		chk.skipped++;
}

/* vCPUs, timers and event channels: as Xen answers for dom0. */
static void test_vcpu_evtchn(void)
{
	struct evtchn_alloc_unbound au = { .dom = DOMID_SELF,
					   .remote_dom = DOMID_SELF };
	struct evtchn_close cl;

	expect("vcpu_op is_up vcpu 0",
	       hypercall5(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0, 0, 0, 0), 1);
	expect("vcpu_op is_up vcpu 99", hypercall5(__HYPERVISOR_vcpu_op,
	       VCPUOP_is_up, 99, 0, 0, 0), -XEN_ENOENT);
	expect("set_timer_op cancel",
	       hypercall5(__HYPERVISOR_set_timer_op, 0, 0, 0, 0, 0), 0);
	expect("event_channel_op alloc_unbound",
	       hypercall5(__HYPERVISOR_event_channel_op,
			  EVTCHNOP_alloc_unbound, (uintptr_t)&au, 0, 0, 0), 0);
	cl.port = au.port;
	expect("event_channel_op close",
	       hypercall5(__HYPERVISOR_event_channel_op, EVTCHNOP_close,
			  (uintptr_t)&cl, 0, 0, 0), 0);
	expect("event_channel_op close again",
	       hypercall5(__HYPERVISOR_event_channel_op, EVTCHNOP_close,
			  (uintptr_t)&cl, 0, 0, 0), -XEN_EINVAL);
}

static void test_numbers(void)
{
	expect("hypercall 11 (unused)", raw_hypercall(11, 0, 0), -XEN_ENOSYS);
	expect("hypercall 63", raw_hypercall(63, 0, 0), -XEN_ENOSYS);
	expect("hypercall 200", raw_hypercall(200, 0, 0), -XEN_ENOSYS);
	expect("hypercall 2^32 + 18", raw_hypercall((1UL << 32) + 18, 0, 0),
	       -XEN_ENOSYS);
	expect("bare syscall console_io write zero bytes",
	       raw_hypercall(__HYPERVISOR_console_io, CONSOLEIO_write, 0), 0);
}

void abitest_run(void)
{
	bool shoji = on_shoji();

	chk.passed = chk.failed = chk.skipped = 0;
	printk("abitest: on %s\n", shoji ? "Shoji" : "another hypervisor");
	test_entry_state();
	test_console_io();
	test_xen_version();
	test_sched_op(shoji);
	test_vcpu_evtchn();
	test_numbers();
	abivcpu_run(&chk);
	check_summary(&chk, true);
}
