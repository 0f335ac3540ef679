/* SPDX-License-Identifier: MIT */
/*
 * abitest, vCPU part: the vcpu_op commands beyond bring-up and timers
 * (register_vcpu_info, register_runstate_memory_area, send_nmi,
 * get_physid, register_vcpu_time_memory_area) with good and bad
 * arguments. Expected values: Xen 4.17, 64-bit PV dom0 (xen-dom0.scn and
 * xen-abi-hypercalls.scn run the same checks there).
 *
 * A vcpu_info, once registered, stays where it is until the domain dies.
 * So vCPU 0, which runs the shell and whose vcpu_info the rest of the
 * kernel reads in shared_info, only meets the errors; the real move is
 * made on the highest vCPU that is down, once per boot. With -smp 1
 * dom0 has no such vCPU and those cases are skipped; in a later run the
 * cases that need a fresh registration are skipped, the others run
 * against the frame registered before. Either way a run prints the same
 * number of cases.
 */
#include <string.h>
#include <public/callback.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <guest/abitest.h>
#include <guest/check.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>

#define HV_ADDR		0xffff830000000000UL	/* inside Xen's range */
#define NONCANONICAL	0x800000000000UL
#define UNMAPPED	0x1000UL
#define LAST_SLOT	(PAGE_SIZE - sizeof(struct vcpu_info))
#define MS		1000000UL
#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* The frame that takes the down vCPU's vcpu_info, and a control frame. */
static uint8_t vi_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t l1_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static unsigned int vi_vcpu;		/* registered by an earlier run */
static struct vcpu_runstate_info rs __attribute__((aligned(64)));
static struct vcpu_time_info ti __attribute__((aligned(64)));

static long vcpu_op(unsigned int cmd, unsigned int vcpu, const void *arg)
{
	return hypercall5(__HYPERVISOR_vcpu_op, cmd, vcpu, (uintptr_t)arg,
			  0, 0);
}

static long evtchn_op(unsigned int cmd, void *arg)
{
	return hypercall5(__HYPERVISOR_event_channel_op, cmd, (uintptr_t)arg,
			  0, 0, 0);
}

static long register_vi(unsigned int vcpu, uint64_t mfn, uint32_t offset,
			uint32_t rsvd)
{
	struct vcpu_register_vcpu_info r = {
		.mfn = mfn, .offset = offset, .rsvd = rsvd,
	};

	return vcpu_op(VCPUOP_register_vcpu_info, vcpu, &r);
}

static long register_runstate(uint64_t va)
{
	struct vcpu_register_runstate_memory_area a = { .addr.p = va };

	return vcpu_op(VCPUOP_register_runstate_memory_area, 0, &a);
}

static long register_time(uint64_t va)
{
	struct vcpu_register_time_memory_area a = { .addr.p = va };

	return vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0, &a);
}

/* System time in ns from vCPU 0's vcpu_time_info (version seqlock). */
static uint64_t system_time(void)
{
	const volatile struct vcpu_time_info *t =
		&shared_info->vcpu_info[0].time;
	uint32_t ver, lo, hi;
	uint64_t ns, delta;

	do {
		ver = t->version;
		__asm__ volatile("" ::: "memory");
		__asm__ volatile("rdtsc" : "=a" (lo), "=d" (hi));
		delta = ((uint64_t)hi << 32 | lo) - t->tsc_timestamp;
		if (t->tsc_shift >= 0)
			delta <<= t->tsc_shift;
		else
			delta >>= -t->tsc_shift;
		ns = t->system_time +
		     (uint64_t)(((unsigned __int128)delta *
				 t->tsc_to_system_mul) >> 32);
		__asm__ volatile("" ::: "memory");
	} while ((ver & 1) || ver != t->version);
	return ns;
}

/*
 * Sleeps in SCHEDOP_poll on a port that never fires until system time
 * deadline, polling again after an early wake-up (any event for us).
 */
static long poll_until(evtchn_port_t port, uint64_t deadline)
{
	struct sched_poll p = {
		.ports.q = (uintptr_t)&port, .nr_ports = 1,
		.timeout = deadline,
	};
	long rc;

	do
		rc = hypercall_sched_op(SCHEDOP_poll, &p);
	while (rc == 0 && system_time() < deadline);
	return rc;
}

static long poll_for(evtchn_port_t port, uint64_t ns)
{
	return poll_until(port, system_time() + ns);
}

/* vCPU 0 (the caller): every error, nothing registered. */
static void test_vcpu_info_errors(struct check *c)
{
	uint64_t mfn = virt_to_mfn(vi_page);

	check_eq(c, "vcpu_op register_vcpu_info NULL",
		 vcpu_op(VCPUOP_register_vcpu_info, 0, NULL), -XEN_EFAULT);
	check_eq(c, "vcpu_op register_vcpu_info vcpu 99",
		 register_vi(99, mfn, 0, 0), -XEN_ENOENT);
	check_eq(c, "vcpu_op register_vcpu_info offset past the last slot",
		 register_vi(0, mfn, LAST_SLOT + 8, 0), -XEN_ENXIO);
	check_eq(c, "vcpu_op register_vcpu_info offset 4096",
		 register_vi(0, mfn, PAGE_SIZE, 0), -XEN_ENXIO);
	check_eq(c, "vcpu_op register_vcpu_info offset unaligned",
		 register_vi(0, mfn, 9, 0), -XEN_ENXIO);
	check_eq(c, "vcpu_op register_vcpu_info offset 2^32 - 8",
		 register_vi(0, mfn, 0xfffffff8U, 0), -XEN_ENXIO);
	check_eq(c, "vcpu_op register_vcpu_info frame 0 (not ours)",
		 register_vi(0, 0, 0, 0), -XEN_EINVAL);
	check_eq(c, "vcpu_op register_vcpu_info frame 2^40 (no RAM)",
		 register_vi(0, 1UL << 40, 0, 0), -XEN_EINVAL);
	check_eq(c, "vcpu_op register_vcpu_info frame ~0",
		 register_vi(0, ~0UL, 0, 0), -XEN_EINVAL);
	check_eq(c, "vcpu_op register_vcpu_info our L4 (a page table)",
		 register_vi(0, mm_kernel_l4_mfn(), 0, 0), -XEN_EINVAL);
}

/* The highest vCPU that is down, or 0 if none (all up, or only one). */
static unsigned int find_down_vcpu(void)
{
	unsigned int id = 0;

	for (unsigned int i = 1; i < 32; i++)
		if (vcpu_op(VCPUOP_is_up, i, NULL) == 0)
			id = i;
	return id;
}

static const char *const fresh_cases[] = {
	"vcpu_op register_vcpu_info down vCPU, one byte past the last slot",
	"vcpu_op register_vcpu_info down vCPU, last slot, rsvd 1 (ignored)",
	"vcpu_op register_vcpu_info copied the old contents",
	"vcpu_op register_vcpu_info marked upcall and all selectors pending",
};

static const char *const held_cases[] = {
	"vcpu_op register_vcpu_info again",
	"vcpu_op register_vcpu_info again, another frame",
	"vcpu_op register_vcpu_info again, unaligned (offset checked first)",
	"vcpu_op send_nmi to a down vCPU",
	"event for the down vCPU: selector in the registered vcpu_info",
	"event for the down vCPU: upcall in the registered vcpu_info",
	"event for the down vCPU: nothing in shared_info's copy",
	"pin L1 of a zeroed read-only control frame",
	"unpin the control frame",
	"pin L1 of the registered frame (held writable by the hypervisor)",
	"registered frame mapped writable again",
};

static void skip_cases(struct check *c, const char *const *names,
		       unsigned int n, const char *why)
{
	for (unsigned int i = 0; i < n; i++)
		check_skip(c, names[i], why);
}

/* First run: the move itself. */
static void test_vcpu_info_move(struct check *c, unsigned int t)
{
	struct vcpu_info *old = &shared_info->vcpu_info[t];
	struct vcpu_info *vi = (struct vcpu_info *)(vi_page + LAST_SLOT);
	uint64_t mfn = virt_to_mfn(vi_page);
	long rc;

	old->arch.cr2 = 0x5a5a5a5a5a5aUL;
	old->evtchn_upcall_mask = 1;
	old->evtchn_pending_sel = 0;
	check_eq(c, fresh_cases[0], register_vi(t, mfn, LAST_SLOT + 1, 0),
		 -XEN_ENXIO);
	/* Xen 4.17 does not look at rsvd: this registers. */
	rc = register_vi(t, mfn, LAST_SLOT, 1);
	check_eq(c, fresh_cases[1], rc, 0);
	if (rc == 0)
		vi_vcpu = t;
	check_that(c, vi->arch.cr2 == 0x5a5a5a5a5a5aUL &&
		   vi->evtchn_upcall_mask == 1, "%s", fresh_cases[2]);
	check_that(c, vi->evtchn_upcall_pending == 1 &&
		   vi->evtchn_pending_sel == ~0UL, "%s", fresh_cases[3]);
}

/* An IPI port bound to vCPU t: where its send lands. */
static void test_vcpu_info_events(struct check *c, unsigned int t,
				  const char *const *names)
{
	struct vcpu_info *vi = (struct vcpu_info *)(vi_page + LAST_SLOT);
	struct vcpu_info *old = &shared_info->vcpu_info[t];
	struct evtchn_bind_ipi ipi = { .vcpu = t };
	struct evtchn_close cl;
	struct evtchn_send s;
	uint64_t bit;

	vi->evtchn_upcall_pending = 0;
	vi->evtchn_pending_sel = 0;
	old->evtchn_pending_sel = 0;
	old->evtchn_upcall_pending = 0;
	if (evtchn_op(EVTCHNOP_bind_ipi, &ipi)) {
		skip_cases(c, names, 3, "bind_ipi failed");
		return;
	}
	bit = 1UL << (ipi.port % 64);
	__atomic_fetch_and(&shared_info->evtchn_mask[ipi.port / 64], ~bit,
			   __ATOMIC_SEQ_CST);
	s.port = ipi.port;
	evtchn_op(EVTCHNOP_send, &s);
	check_eq(c, names[0], vi->evtchn_pending_sel, 1UL << (ipi.port / 64));
	check_eq(c, names[1], vi->evtchn_upcall_pending, 1);
	check_eq(c, names[2], old->evtchn_pending_sel, 0);
	cl.port = ipi.port;
	evtchn_op(EVTCHNOP_close, &cl);
	__atomic_fetch_and(&shared_info->evtchn_pending[ipi.port / 64], ~bit,
			   __ATOMIC_SEQ_CST);
}

/* The frame is typed writable while registered: no page table. */
static void test_vcpu_info_held(struct check *c, const char *const *names)
{
	uint64_t vi_mfn = virt_to_mfn(vi_page), l1_mfn = virt_to_mfn(l1_page);

	memset(vi_page, 0, PAGE_SIZE);	/* a valid L1, were it free */
	memset(l1_page, 0, PAGE_SIZE);
	mm_make_ro(l1_page);
	check_eq(c, names[0], mmuext1(MMUEXT_PIN_L1_TABLE, l1_mfn), 0);
	check_eq(c, names[1], mmuext1(MMUEXT_UNPIN_TABLE, l1_mfn), 0);
	mm_make_rw(l1_page);
	mm_make_ro(vi_page);
	check_eq(c, names[2], mmuext1(MMUEXT_PIN_L1_TABLE, vi_mfn),
		 -XEN_EINVAL);
	check_eq(c, names[3], mm_make_rw(vi_page), 0);
}

static void test_vcpu_info_down(struct check *c)
{
	unsigned int t = vi_vcpu ? vi_vcpu : find_down_vcpu();
	uint64_t other = virt_to_mfn(l1_page);

	if (t == 0) {
		skip_cases(c, fresh_cases, ARRAY_LEN(fresh_cases),
			   "no vCPU is down");
		skip_cases(c, held_cases, ARRAY_LEN(held_cases),
			   "no vCPU is down");
		return;
	}
	if (vi_vcpu == 0)
		test_vcpu_info_move(c, t);
	else
		skip_cases(c, fresh_cases, ARRAY_LEN(fresh_cases),
			   "registered by an earlier run");
	check_eq(c, held_cases[0], register_vi(t, virt_to_mfn(vi_page),
		 LAST_SLOT, 0), -XEN_EINVAL);
	check_eq(c, held_cases[1], register_vi(t, other, 0, 0), -XEN_EINVAL);
	check_eq(c, held_cases[2], register_vi(t, other, 4, 0), -XEN_ENXIO);
	check_eq(c, held_cases[3], vcpu_op(VCPUOP_send_nmi, t, NULL), 0);
	test_vcpu_info_events(c, t, &held_cases[4]);
	test_vcpu_info_held(c, &held_cases[7]);
}

/* The NMI handler: entered from abivcpu_nmi_entry, events masked. */
void abivcpu_nmi(void);
static volatile unsigned int nmi_count, nmi_depth, nmi_max_depth;
static volatile unsigned int nmi_count_at_resend, nmi_events_masked;
static volatile long nmi_resend_rc;
static volatile bool nmi_resend;

void abivcpu_nmi(void)
{
	if (++nmi_depth > nmi_max_depth)
		nmi_max_depth = nmi_depth;
	nmi_count++;
	nmi_events_masked = shared_info->vcpu_info[0].evtchn_upcall_mask;
	if (nmi_resend) {
		nmi_resend = false;
		nmi_resend_rc = vcpu_op(VCPUOP_send_nmi, 0, NULL);
		nmi_count_at_resend = nmi_count;
	}
	nmi_depth--;
}

/*
 * Bounce frame rcx, r11, rip, cs, rflags, rsp, ss: keep every register
 * of the interrupted code, then return with the iret hypercall (which
 * ends the NMI and sets the event mask from the saved RFLAGS.IF). CS
 * keeps only its selector (bits 32-39 hold the saved mask).
 */
extern char abivcpu_nmi_entry[];
__asm__(".pushsection .text\n"
	".balign 16\n"
	"abivcpu_nmi_entry:\n\t"
	"popq %rcx\n\tpopq %r11\n\t"
	"pushq %rax\n\tpushq %rcx\n\tpushq %rdx\n\tpushq %rsi\n\t"
	"pushq %rdi\n\tpushq %r8\n\tpushq %r9\n\tpushq %r10\n\t"
	"pushq %r11\n\t"
	"call abivcpu_nmi\n\t"
	"popq %r11\n\tpopq %r10\n\tpopq %r9\n\tpopq %r8\n\t"
	"popq %rdi\n\tpopq %rsi\n\tpopq %rdx\n\tpopq %rcx\n\t"
	"popq %rax\n\t"
	"movl $0, 12(%rsp)\n\t"
	"movw $0, 10(%rsp)\n\t"
	"pushq $0\n\t"
	"jmp hypercall_page + 736\n"	/* 23 * 32: iret */
	".popsection\n");

static void test_send_nmi(struct check *c)
{
	struct callback_register cb = {
		.type = CALLBACKTYPE_nmi,
		.address = (uintptr_t)abivcpu_nmi_entry,
	};
	struct callback_unregister un = { .type = CALLBACKTYPE_nmi };
	uint64_t junk = 0;

	check_eq(c, "vcpu_op send_nmi with an argument",
		 vcpu_op(VCPUOP_send_nmi, 0, &junk), -XEN_EINVAL);
	check_eq(c, "vcpu_op send_nmi vcpu 99",
		 vcpu_op(VCPUOP_send_nmi, 99, NULL), -XEN_ENOENT);
	check_eq(c, "callback_op register NMI",
		 hypercall_callback_op(CALLBACKOP_register, &cb), 0);
	nmi_count = nmi_max_depth = nmi_count_at_resend = 0;
	nmi_resend_rc = 1;
	nmi_resend = true;
	check_eq(c, "vcpu_op send_nmi to ourselves",
		 vcpu_op(VCPUOP_send_nmi, 0, NULL), 0);
	check_eq(c, "NMI handler ran twice (resent from within)", nmi_count,
		 2);
	check_eq(c, "NMI resent from the handler", nmi_resend_rc, 0);
	check_eq(c, "NMI masked in the handler until its iret",
		 nmi_count_at_resend, 1);
	check_eq(c, "NMI handlers never nested", nmi_max_depth, 1);
	check_eq(c, "NMI callback entered with events masked",
		 nmi_events_masked, 1);
	check_eq(c, "callback_op unregister NMI",
		 hypercall_callback_op(CALLBACKOP_unregister, &un), 0);
	check_eq(c, "vcpu_op send_nmi without a handler",
		 vcpu_op(VCPUOP_send_nmi, 0, NULL), 0);
	check_eq(c, "NMI without a handler dropped", nmi_count, 2);
}

static void test_runstate_area(struct check *c, evtchn_port_t port)
{
	uint64_t blocked, entry;
	long rc = 0;

	check_eq(c, "vcpu_op register_runstate_memory_area NULL",
		 vcpu_op(VCPUOP_register_runstate_memory_area, 0, NULL),
		 -XEN_EFAULT);
	check_eq(c, "runstate area at a hypervisor address",
		 register_runstate(HV_ADDR), -XEN_EFAULT);
	check_eq(c, "runstate area non-canonical",
		 register_runstate(NONCANONICAL), -XEN_EFAULT);
	check_eq(c, "runstate area unmapped (write fails, ignored)",
		 register_runstate(UNMAPPED), 0);
	check_eq(c, "runstate area read-only (write fails, ignored)",
		 register_runstate((uintptr_t)mm_readonly_page()), 0);
	check_eq(c, "poll 1 ms with the runstate area read-only",
		 poll_for(port, MS), 0);
	check_eq(c, "vm_assist enable runstate_update_flag",
		 hypercall_vm_assist(VMASST_CMD_enable,
				     VMASST_TYPE_runstate_update_flag), 0);
	memset(&rs, 0xff, sizeof(rs));
	check_eq(c, "runstate area good",
		 register_runstate((uintptr_t)&rs), 0);
	/* time[] grows on state changes only: still 0 if never blocked. */
	check_that(c, rs.state == RUNSTATE_running &&
		   rs.state_entry_time > 0 &&
		   rs.state_entry_time <= system_time() &&
		   rs.time[RUNSTATE_blocked] != ~0UL,
		   "runstate area filled at once: running, update flag clear");
	blocked = rs.time[RUNSTATE_blocked];
	entry = rs.state_entry_time;
	/*
	 * A host that stalls the emulated CPU can make a 2 ms poll expire
	 * before it blocks: poll again (at most 10 times) until it has.
	 */
	for (unsigned int i = 0; i < 10 && rs.state_entry_time == entry; i++)
		rc = poll_until(port, system_time() + 2 * MS);
	check_eq(c, "poll 2 ms", rc, 0);
	if (!check_that(c, rs.state == RUNSTATE_running &&
			!(rs.state_entry_time & XEN_RUNSTATE_UPDATE) &&
			rs.state_entry_time > entry &&
			rs.time[RUNSTATE_blocked] > blocked,
			"runstate area after the poll: blocked time grew"))
		printk("abitest: state %d entry %#lx (was %#lx) blocked %lu ns "
		       "(was %lu)\n", rs.state, rs.state_entry_time, entry,
		       rs.time[RUNSTATE_blocked], blocked);
	check_eq(c, "vm_assist disable runstate_update_flag",
		 hypercall_vm_assist(VMASST_CMD_disable,
				     VMASST_TYPE_runstate_update_flag), 0);
	check_eq(c, "runstate area none", register_runstate(0), 0);
	blocked = rs.time[RUNSTATE_blocked];
	poll_for(port, MS);
	check_eq(c, "runstate area no longer written",
		 rs.time[RUNSTATE_blocked], blocked);
}

static void test_time_area(struct check *c)
{
	const struct vcpu_time_info *t = &shared_info->vcpu_info[0].time;
	struct vcpu_get_physid id;

	check_eq(c, "vcpu_op register_vcpu_time_memory_area NULL",
		 vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0, NULL),
		 -XEN_EFAULT);
	check_eq(c, "time area at a hypervisor address",
		 register_time(HV_ADDR), -XEN_EFAULT);
	memset(&ti, 0, sizeof(ti));
	check_eq(c, "time area good", register_time((uintptr_t)&ti), 0);
	check_that(c, ti.version && !(ti.version & 1) && ti.system_time &&
		   ti.tsc_to_system_mul == t->tsc_to_system_mul &&
		   ti.tsc_shift == t->tsc_shift,
		   "time area filled at once, as vcpu_info's time");
	check_eq(c, "time area none", register_time(0), 0);
	check_eq(c, "vcpu_op get_physid (vCPUs not pinned)",
		 vcpu_op(VCPUOP_get_physid, 0, &id), -XEN_EINVAL);
	check_eq(c, "vcpu_op 14 (4.18's register_runstate_phys_area)",
		 vcpu_op(14, 0, NULL), -XEN_ENOSYS);
	check_eq(c, "vcpu_op 99", vcpu_op(99, 0, NULL), -XEN_ENOSYS);
}

void abivcpu_run(struct check *c)
{
	struct evtchn_alloc_unbound au = { .dom = DOMID_SELF,
					   .remote_dom = DOMID_SELF };
	struct evtchn_close cl;

	if (mm_setup()) {
		check_skip(c, "vcpu_op", "no page tables of our own");
		return;
	}
	test_vcpu_info_errors(c);
	test_vcpu_info_down(c);
	test_send_nmi(c);
	if (evtchn_op(EVTCHNOP_alloc_unbound, &au)) {
		check_skip(c, "runstate area", "no port to poll");
	} else {
		test_runstate_area(c, au.port);
		cl.port = au.port;
		evtchn_op(EVTCHNOP_close, &cl);
	}
	test_time_area(c);
}
