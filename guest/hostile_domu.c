/* SPDX-License-Identifier: MIT */
/*
 * The `hostiledomu` command, for an unprivileged domain (a boot domU with
 * cmd=hostiledomu): every way it has to reach the control interfaces,
 * dom0 or another domain must be refused, with Xen 4.17's answer, and
 * leave them running. It cannot print (console_io is dom0's), so the
 * result is the way it leaves: SHUTDOWN_poweroff when every check gave
 * the expected answer; otherwise it first gives back as many pages as
 * the number of the first failing check, then shuts down with
 * SHUTDOWN_crash, so that dom0's `domains` shows the number as
 * Mem(KiB) = (size - 4 * number). The check lines still go to
 * console_io, for a run in a domain that may print.
 *
 * The other domains: dom0, and "other", the other domU of the scenario
 * (id 1 or 2, whichever we are not). A frame of dom0's is one whose M2P
 * entry is a frame number only a big domain has (dom0 has most of the
 * machine, the domUs a few MiB).
 */
#include <string.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <guest/check.h>
#include <guest/control.h>
#include <guest/gnttab.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/traps.h>

#define GP_VECTOR	13
#define NO_DOMAIN	1000		/* an id no domain has */
#define NO_PORT		5000		/* beyond the 2-level ABI's 4096 */
#define DOM0_PFN_MIN	0x4000		/* 64 MiB: no domU here is as big */
#define RFLAGS_IOPL	(3UL << 12)
#define EXIT_PORT	0xf4		/* QEMU's isa-debug-exit */
#define PIC1_DATA	0x21
#define CMOS_DATA	0x71

struct hd {
	struct check	c;
	unsigned int	first_failed;	/* number of the first failure, or 0 */
	domid_t		self, other;
	uint64_t	dom0_mfn;	/* a frame of dom0's, or INVALID_MFN */
	uint8_t		*scratch;	/* a page of ours, its L1 entry: */
	uint64_t	scratch_l1e;	/* machine address */
};

static void expect(struct hd *h, const char *name, long got, long want)
{
	unsigned int n = h->c.passed + h->c.failed + 1;

	if (!check_eq(&h->c, name, got, want) && h->first_failed == 0)
		h->first_failed = n;
}

static void expect_that(struct hd *h, bool ok, const char *name)
{
	unsigned int n = h->c.passed + h->c.failed + 1;

	if (!check_that(&h->c, ok, "%s", name) && h->first_failed == 0)
		h->first_failed = n;
}

static long evtchn_op(unsigned int cmd, void *arg)
{
	return hypercall5(__HYPERVISOR_event_channel_op, cmd, (uintptr_t)arg,
			  0, 0, 0);
}

static long vcpu_op(unsigned int cmd, unsigned int vcpu, void *arg)
{
	return hypercall5(__HYPERVISOR_vcpu_op, cmd, vcpu, (uintptr_t)arg, 0,
			  0);
}

/* Our domain id: DOMID_SELF as remote end is stored as the real id. */
static domid_t own_domid(void)
{
	struct evtchn_alloc_unbound a = {
		.dom = DOMID_SELF, .remote_dom = DOMID_SELF,
	};
	struct evtchn_status st = { .dom = DOMID_SELF };
	struct evtchn_close cl;

	if (evtchn_op(EVTCHNOP_alloc_unbound, &a))
		return DOMID_SELF;
	st.port = cl.port = a.port;
	if (evtchn_op(EVTCHNOP_status, &st))
		st.u.unbound.dom = DOMID_SELF;
	evtchn_op(EVTCHNOP_close, &cl);
	return st.u.unbound.dom;
}

/* In our p2m, or our shared_info page (Xen's, shared with us). */
static bool frame_is_ours(uint64_t mfn)
{
	uint64_t pfn = mfn_to_pfn(mfn);

	return (pfn < nr_pages && p2m[pfn] == mfn) ||
	       mfn == start_info->shared_info >> PAGE_SHIFT;
}

/* ---- the control interfaces ---- */

static void attack_control(struct hd *h)
{
	struct xen_domctl d;
	struct xen_sysctl s;
	char text[] = "x\n";

	memset(&d, 0, sizeof(d));
	expect(h, "domctl getdomaininfo d0", domctl(XEN_DOMCTL_getdomaininfo,
	       0, &d), -XEN_EPERM);
	expect(h, "domctl pausedomain d0", domctl(XEN_DOMCTL_pausedomain, 0,
	       &d), -XEN_EPERM);
	expect(h, "domctl destroydomain of the other domU",
	       domctl(XEN_DOMCTL_destroydomain, h->other, &d), -XEN_EPERM);
	d.u.max_mem.max_memkb = 1UL << 30;
	expect(h, "domctl max_mem on ourselves", domctl(XEN_DOMCTL_max_mem,
	       h->self, &d), -XEN_EPERM);
	memset(&d, 0, sizeof(d));
	expect(h, "domctl createdomain", domctl(XEN_DOMCTL_createdomain,
	       0, &d), -XEN_EPERM);
	memset(&s, 0, sizeof(s));
	expect(h, "sysctl physinfo", sysctl(XEN_SYSCTL_physinfo, &s),
	       -XEN_EPERM);
	memset(&s, 0, sizeof(s));
	expect(h, "sysctl getdomaininfolist",
	       sysctl(XEN_SYSCTL_getdomaininfolist, &s), -XEN_EPERM);
	expect(h, "console_io write", hypercall_console_io(CONSOLEIO_write, 2,
	       text), -XEN_EPERM);
	expect(h, "console_io read", hypercall_console_io(CONSOLEIO_read,
	       sizeof(s), &s), -XEN_EPERM);
}

static long remote_shutdown(domid_t dom, unsigned int reason)
{
	struct sched_remote_shutdown r = {
		.domain_id = dom, .reason = reason,
	};

	return hypercall_sched_op(SCHEDOP_remote_shutdown, &r);
}

static void attack_shutdown(struct hd *h)
{
	expect(h, "remote_shutdown d0 (poweroff)",
	       remote_shutdown(0, SHUTDOWN_poweroff), -XEN_EPERM);
	expect(h, "remote_shutdown d0 (crash)",
	       remote_shutdown(0, SHUTDOWN_crash), -XEN_EPERM);
	expect(h, "remote_shutdown of the other domU",
	       remote_shutdown(h->other, SHUTDOWN_crash), -XEN_EPERM);
	expect(h, "remote_shutdown of ourselves",
	       remote_shutdown(h->self, SHUTDOWN_crash), -XEN_EPERM);
}

/* ---- memory ---- */

static long size_op(unsigned int cmd, domid_t dom)
{
	return hypercall_memory_op(cmd, &dom);
}

/* Extents handled (Xen's answer: a refusal is 0 of 1). */
static long reservation(unsigned int cmd, domid_t dom, xen_pfn_t frame)
{
	struct xen_memory_reservation r = {
		.nr_extents = 1, .domid = dom,
	};

	set_xen_guest_handle(r.extent_start, &frame);
	return hypercall_memory_op(cmd, &r);
}

static void attack_memory_op(struct hd *h)
{
	long own = size_op(XENMEM_current_reservation, DOMID_SELF);

	expect_that(h, own == (long)nr_pages, "current_reservation of ours");
	expect(h, "current_reservation d0",
	       size_op(XENMEM_current_reservation, 0), -XEN_EPERM);
	expect(h, "maximum_reservation d0",
	       size_op(XENMEM_maximum_reservation, 0), -XEN_EPERM);
	expect(h, "maximum_gpfn d0", size_op(XENMEM_maximum_gpfn, 0),
	       -XEN_EPERM);
	expect(h, "current_reservation of the other domU",
	       size_op(XENMEM_current_reservation, h->other), -XEN_EPERM);
	expect(h, "current_reservation of no domain",
	       size_op(XENMEM_current_reservation, NO_DOMAIN), -XEN_ESRCH);
	expect(h, "increase_reservation for d0",
	       reservation(XENMEM_increase_reservation, 0, 0), 0);
	expect(h, "populate_physmap for d0",
	       reservation(XENMEM_populate_physmap, 0, 0x100), 0);
	expect(h, "decrease_reservation of a d0 frame for d0",
	       reservation(XENMEM_decrease_reservation, 0, h->dom0_mfn), 0);
	expect(h, "decrease_reservation of a d0 frame as ours",
	       reservation(XENMEM_decrease_reservation, DOMID_SELF,
			   h->dom0_mfn), 0);
	expect(h, "populate_physmap for the other domU",
	       reservation(XENMEM_populate_physmap, h->other, 0x100), 0);
	expect(h, "our reservation unchanged",
	       size_op(XENMEM_current_reservation, DOMID_SELF), own);
}

static long mmu_update(uint64_t ptr, uint64_t val, unsigned int foreigndom)
{
	struct mmu_update u = { .ptr = ptr, .val = val };

	return hypercall_mmu_update(&u, 1, NULL, foreigndom);
}

/* foreigndom: pg_owner in bits 0-15, pt_owner + 1 in bits 16-31. */
#define PT_OWNER(dom)	(((unsigned int)(dom) + 1) << 16 | DOMID_SELF)

/*
 * Every frame below maximum_ram_page that is not ours must be refused,
 * read-only: RAM of another owner with -EBUSY, I/O memory with -EPERM
 * (a domU has none), so none may map. The frame holding dom0's highest
 * pseudo-physical page is kept for the attacks that follow.
 */
static void scan_frames(struct hd *h)
{
	long max = hypercall_memory_op(XENMEM_maximum_ram_page, NULL);
	unsigned long mapped = 0, busy = 0, denied = 0;
	uint64_t pfn, top_pfn = 0;
	long rc;

	h->dom0_mfn = INVALID_MFN;
	for (long mfn = 0; mfn < max; mfn++) {
		if (frame_is_ours(mfn))
			continue;
		rc = mmu_update(h->scratch_l1e, pte_make(mfn, PTE_KERNEL_RO),
				DOMID_SELF);
		mapped += rc == 0;
		busy += rc == -XEN_EBUSY;
		denied += rc == -XEN_EPERM;
		pfn = mfn_to_pfn(mfn);
		if (rc == -XEN_EBUSY && pfn >= DOM0_PFN_MIN &&
		    pfn < (uint64_t)max && pfn >= top_pfn) {
			h->dom0_mfn = mfn;
			top_pfn = pfn;
		}
	}
	mmu_update(h->scratch_l1e, pte_make(virt_to_mfn(h->scratch),
		   PTE_KERNEL_RW), DOMID_SELF);
	mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0);
	expect(h, "frames not ours that map", mapped, 0);
	expect_that(h, busy > 0, "RAM not ours refused -EBUSY");
	expect_that(h, denied > 0, "frames not RAM refused -EPERM");
	expect_that(h, h->dom0_mfn != INVALID_MFN, "a frame of dom0's found");
}

static void attack_mmu_update(struct hd *h)
{
	uint64_t ro = pte_make(h->dom0_mfn, PTE_KERNEL_RO);
	uint64_t own = pte_make(virt_to_mfn(h->scratch), PTE_KERNEL_RW);
	uint64_t io = hypercall_memory_op(XENMEM_maximum_ram_page, NULL) +
		      0x100;

	expect(h, "mmu_update maps d0's frame read-write",
	       mmu_update(h->scratch_l1e, pte_make(h->dom0_mfn,
			  PTE_KERNEL_RW), DOMID_SELF), -XEN_EBUSY);
	expect(h, "mmu_update maps d0's frame, d0 as page owner",
	       mmu_update(h->scratch_l1e, ro, 0), -XEN_EPERM);
	expect(h, "mmu_update maps a frame, the other domU as page owner",
	       mmu_update(h->scratch_l1e, ro, h->other), -XEN_EPERM);
	expect(h, "mmu_update maps d0's frame, DOMID_IO as page owner",
	       mmu_update(h->scratch_l1e, ro, DOMID_IO), -XEN_EBUSY);
	expect(h, "mmu_update maps I/O memory, DOMID_IO as page owner",
	       mmu_update(h->scratch_l1e, pte_make(io, PTE_KERNEL_RO),
			  DOMID_IO), -XEN_EPERM);
	expect(h, "mmu_update of our L1, d0 as table owner",
	       mmu_update(h->scratch_l1e, own, PT_OWNER(0)), -XEN_EPERM);
	expect(h, "mmu_update of our L1, the other domU as table owner",
	       mmu_update(h->scratch_l1e, own, PT_OWNER(h->other)),
	       -XEN_EPERM);
	expect(h, "mmu_update, no domain as table owner",
	       mmu_update(h->scratch_l1e, own, PT_OWNER(NO_DOMAIN)),
	       -XEN_ESRCH);
	expect(h, "M2P update of d0's frame, d0 as page owner",
	       mmu_update(h->dom0_mfn << PAGE_SHIFT | MMU_MACHPHYS_UPDATE,
			  0, 0), -XEN_EPERM);
	expect(h, "M2P update of d0's frame as ours",
	       mmu_update(h->dom0_mfn << PAGE_SHIFT | MMU_MACHPHYS_UPDATE,
			  0, DOMID_SELF), -XEN_EINVAL);
}

static long mmuext_foreign(unsigned int cmd, uint64_t mfn, uint64_t src,
			   unsigned int foreigndom)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };

	op.arg2.src_mfn = src;
	return hypercall_mmuext_op(&op, 1, NULL, foreigndom);
}

static void attack_va_mapping(struct hd *h)
{
	uint64_t va = (uint64_t)h->scratch, ours = virt_to_mfn(h->scratch);
	uint64_t pte;

	expect(h, "update_va_mapping_otherdomain maps d0's frame",
	       hypercall_update_va_mapping_otherdomain(va,
			pte_make(h->dom0_mfn, PTE_KERNEL_RO), UVMF_INVLPG, 0),
	       -XEN_EPERM);
	expect(h, "update_va_mapping_otherdomain, the other domU",
	       hypercall_update_va_mapping_otherdomain(va,
			pte_make(h->dom0_mfn, PTE_KERNEL_RO), UVMF_INVLPG,
			h->other), -XEN_EPERM);
	expect(h, "update_va_mapping_otherdomain naming ourselves",
	       hypercall_update_va_mapping_otherdomain(va,
			pte_make(ours, PTE_KERNEL_RW), UVMF_INVLPG, h->self),
	       -XEN_ESRCH);
	expect(h, "update_va_mapping maps d0's frame",
	       hypercall_update_va_mapping(va, pte_make(h->dom0_mfn,
			PTE_KERNEL_RO), UVMF_INVLPG), -XEN_EBUSY);
	expect(h, "mmuext pin d0's frame, d0 as owner",
	       mmuext_foreign(MMUEXT_PIN_L1_TABLE, h->dom0_mfn, 0, 0),
	       -XEN_EPERM);
	expect(h, "mmuext clear d0's frame, d0 as owner",
	       mmuext_foreign(MMUEXT_CLEAR_PAGE, h->dom0_mfn, 0, 0),
	       -XEN_EPERM);
	expect(h, "mmuext clear d0's frame as ours",
	       mmuext_foreign(MMUEXT_CLEAR_PAGE, h->dom0_mfn, 0, DOMID_SELF),
	       -XEN_EINVAL);
	expect(h, "mmuext copy d0's frame into ours",
	       mmuext_foreign(MMUEXT_COPY_PAGE, ours, h->dom0_mfn,
			      DOMID_SELF), -XEN_EINVAL);
	mm_l1e_machine(va, &pte);
	expect(h, "our scratch mapping unchanged", (long)pte_mfn(pte),
	       (long)ours);
}

/* ---- event channels ---- */

static long alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };
	long rc = evtchn_op(EVTCHNOP_alloc_unbound, &a);

	*port = a.port;
	return rc;
}

static long bind_interdomain(domid_t dom, evtchn_port_t port)
{
	struct evtchn_bind_interdomain b = {
		.remote_dom = dom, .remote_port = port,
	};

	return evtchn_op(EVTCHNOP_bind_interdomain, &b);
}

static long send(evtchn_port_t port)
{
	struct evtchn_send s = { .port = port };

	return evtchn_op(EVTCHNOP_send, &s);
}

static void attack_evtchn(struct hd *h)
{
	struct evtchn_status st = { .dom = 0, .port = 1 };
	struct evtchn_reset r = { .dom = 0 };
	evtchn_port_t p;
	long worst = -XEN_EINVAL, rc;

	expect(h, "alloc_unbound in d0 for us",
	       alloc_unbound(0, h->self, &p), -XEN_EPERM);
	expect(h, "alloc_unbound in the other domU for d0",
	       alloc_unbound(h->other, 0, &p), -XEN_EPERM);
	expect(h, "alloc_unbound in no domain",
	       alloc_unbound(NO_DOMAIN, DOMID_SELF, &p), -XEN_ESRCH);
	/* No port of dom0's is unbound for us: none binds. */
	for (evtchn_port_t port = 0; port < 64; port++) {
		rc = bind_interdomain(0, port);
		if (rc != -XEN_EINVAL)
			worst = rc;
	}
	expect(h, "bind_interdomain to d0's ports 0-63", worst, -XEN_EINVAL);
	expect(h, "bind_interdomain to d0 beyond its ports",
	       bind_interdomain(0, NO_PORT), -XEN_EINVAL);
	expect(h, "bind_interdomain to no domain",
	       bind_interdomain(NO_DOMAIN, 1), -XEN_ESRCH);
	expect(h, "status of d0's port 1", evtchn_op(EVTCHNOP_status, &st),
	       -XEN_EPERM);
	expect(h, "reset of d0's ports", evtchn_op(EVTCHNOP_reset, &r),
	       -XEN_EPERM);
	expect(h, "send on reserved port 0", send(0), -XEN_EINVAL);
	expect(h, "send on a free port", send(63), -XEN_EINVAL);
	expect(h, "send beyond the ports", send(NO_PORT), -XEN_EINVAL);
	if (alloc_unbound(DOMID_SELF, 0, &p) == 0) {
		struct evtchn_close cl = { .port = p };

		expect(h, "send on our unbound port (dropped)", send(p), 0);
		evtchn_op(EVTCHNOP_close, &cl);
	} else {
		expect_that(h, false, "alloc_unbound for d0 in ourselves");
	}
}

/* ---- I/O ports and IOPL ---- */

static int io_in(uint16_t port, uint8_t *val)
{
	uint64_t a = 0x5a;

	trap_clear();
	__asm__ volatile("1: inb %%dx, %%al\n2:\n\t" EXTABLE(1b, 2b)
			 : "+a" (a) : "d" (port) : "memory");
	*val = a;
	return trap_vector();
}

static int io_out(uint16_t port, uint32_t val, unsigned int size)
{
	trap_clear();
	if (size == 1)
		__asm__ volatile("1: outb %%al, %%dx\n2:\n\t" EXTABLE(1b, 2b)
				 : : "a" (val), "d" (port) : "memory");
	else if (size == 2)
		__asm__ volatile("1: outw %%ax, %%dx\n2:\n\t" EXTABLE(1b, 2b)
				 : : "a" (val), "d" (port) : "memory");
	else
		__asm__ volatile("1: outl %%eax, %%dx\n2:\n\t" EXTABLE(1b, 2b)
				 : : "a" (val), "d" (port) : "memory");
	return trap_vector();
}

static long set_iopl(unsigned int iopl)
{
	struct physdev_set_iopl s = { .iopl = iopl };

	return hypercall_physdev_op(PHYSDEVOP_set_iopl, &s);
}

/*
 * A write of v to QEMU's exit port that reached the hardware would end
 * the machine at once with status v * 2 + 1: the scenario expects dom0's
 * power-off status instead, after this domain has shut down.
 */
static void attack_io(struct hd *h)
{
	uint8_t v = 0;

	expect(h, "inb PIC at IOPL 0 raises #GP", io_in(PIC1_DATA, &v),
	       GP_VECTOR);
	expect(h, "outb exit port at IOPL 0 raises #GP",
	       io_out(EXIT_PORT, 0x7f, 1), GP_VECTOR);
	expect(h, "physdev set_iopl 4", set_iopl(4), -XEN_EINVAL);
	expect(h, "physdev set_iopl 1", set_iopl(1), 0);
	expect(h, "inb PIC at IOPL 1 emulated", io_in(PIC1_DATA, &v),
	       TRAP_NONE);
	expect(h, "inb PIC reads all ones", v, 0xff);
	io_in(EXIT_PORT, &v);
	expect(h, "inb exit port reads all ones", v, 0xff);
	io_in(CMOS_DATA, &v);
	expect(h, "inb CMOS reads all ones", v, 0xff);
	expect(h, "outb PIC mask dropped", io_out(PIC1_DATA, 0xff, 1),
	       TRAP_NONE);
	expect(h, "outb exit port dropped", io_out(EXIT_PORT, 0x7f, 1),
	       TRAP_NONE);
	expect(h, "outw exit port dropped", io_out(EXIT_PORT, 0x7e7e, 2),
	       TRAP_NONE);
	expect(h, "outl exit port dropped", io_out(EXIT_PORT, 0x7d7d7d7d, 4),
	       TRAP_NONE);
	expect(h, "physdev set_iopl 0", set_iopl(0), 0);
}

static struct ctx iret_ctx;
static uint64_t iret_rflags;

static void __attribute__((noreturn)) iret_landing(void)
{
	uint64_t f;

	__asm__ volatile("pushfq; popq %0" : "=r" (f));
	iret_rflags = f;
	ctx_resume(&iret_ctx, 2);
}

/*
 * The iret hypercall asked for hardware IOPL 3: the rflags we land with,
 * on stack page s (a static one would cost dom0 a boot-mapped page).
 */
static uint64_t iret_with_iopl3(uint8_t *s)
{
	if (ctx_save(&iret_ctx))
		return iret_rflags;
	recover_ctx = &iret_ctx;
	/* An RPL-0 CS: back to kernel mode (RPL 3 would mean user mode). */
	iret_to((uint64_t)iret_landing, FLAT_KERNEL_CS & ~3UL,
		RFLAGS_IOPL | 0x2,
		(uint64_t)s + PAGE_SIZE - 8, FLAT_KERNEL_SS);
}

static void attack_iopl(struct hd *h)
{
	uint8_t v;

	expect(h, "iret cannot raise the hardware IOPL",
	       iret_with_iopl3(h->scratch) & RFLAGS_IOPL, 0);
	recover_ctx = NULL;
	expect(h, "inb after that iret still raises #GP",
	       io_in(PIC1_DATA, &v), GP_VECTOR);
}

/* ---- grant tables ---- */

/* Nobody granted us anything; no table but ours may be sized. */
static void attack_grants(struct hd *h)
{
	struct gnttab_setup_table s = { .dom = 0, .nr_frames = 1 };
	struct gnttab_query_size q = { .dom = h->other };
	struct gnttab_copy op = { .len = 64, .flags = GNTCOPY_dest_gref };
	struct gnttab_map_grant_ref m = {
		.host_addr = (uint64_t)h->scratch, .flags = GNTMAP_host_map,
		.ref = 8, .dom = 0,
	};
	struct gnttab_unmap_grant_ref u = {
		.host_addr = (uint64_t)h->scratch, .handle = 0,
	};

	expect(h, "grow dom0's grant table: permission_denied",
	       hypercall_grant_table_op(GNTTABOP_setup_table, &s, 1) ?:
	       s.status, GNTST_permission_denied);
	expect(h, "size the other domU's table: permission_denied",
	       hypercall_grant_table_op(GNTTABOP_query_size, &q, 1) ?:
	       q.status, GNTST_permission_denied);
	/* Neither has a table yet: no ref is in range. */
	expect(h, "copy out of dom0's ref 8: bad_gntref",
	       gnttab_copy_page(0, 8, h->scratch, 64, false),
	       GNTST_bad_gntref);
	expect(h, "copy into the other domU's ref 0: bad_gntref",
	       gnttab_copy_page(h->other, 0, h->scratch, 64, true),
	       GNTST_bad_gntref);
	op.source.u.gmfn = h->dom0_mfn;
	op.source.domid = DOMID_SELF;
	op.dest.u.ref = 8;
	op.dest.domid = 0;
	expect(h, "copy from dom0's frame as if ours: bad_page",
	       gnttab_copy1(&op), GNTST_bad_page);
	expect(h, "map dom0's ref 8: bad_gntref", hypercall_grant_table_op(
	       GNTTABOP_map_grant_ref, &m, 1) ?: m.status, GNTST_bad_gntref);
	expect(h, "unmap a handle never given: bad_handle",
	       hypercall_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1) ?:
	       u.status, GNTST_bad_handle);
}

/* ---- vCPUs ---- */

static void attack_vcpus(struct hd *h)
{
	unsigned int n = 0;

	while (n < 64 && vcpu_op(VCPUOP_is_up, n, NULL) >= 0)
		n++;
	expect(h, "vcpu_op is_up on vCPU 0", vcpu_op(VCPUOP_is_up, 0, NULL),
	       1);
	expect(h, "vcpu_op up beyond our vCPUs", vcpu_op(VCPUOP_up, n, NULL),
	       -XEN_ENOENT);
	expect(h, "vcpu_op initialise beyond our vCPUs",
	       vcpu_op(VCPUOP_initialise, n, NULL), -XEN_ENOENT);
	expect(h, "vcpu_op down on vCPU 4096", vcpu_op(VCPUOP_down, 4096,
	       NULL), -XEN_ENOENT);
	expect(h, "vcpu_op is_up on vCPU ~0", vcpu_op(VCPUOP_is_up, ~0U,
	       NULL), -XEN_ENOENT);
}

/* ---- the verdict ---- */

/* n pages back to the hypervisor: dom0 reads n in our size. */
static void give_back_pages(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		void *va = page_alloc();
		xen_pfn_t mfn;

		if (va == NULL)
			return;
		mfn = virt_to_mfn(va);
		if (mm_set_l1e(va, 0) < 0)
			return;
		p2m[virt_to_pfn(va)] = INVALID_MFN;
		if (reservation(XENMEM_decrease_reservation, DOMID_SELF,
				mfn) != 1)
			return;
	}
}

void hostile_domu_run(void)
{
	struct hd h = { .c = { .prefix = "hostiledomu" } };

	if (start_info->flags & SIF_INITDOMAIN) {
		printk("hostiledomu: for an unprivileged domain only\n");
		return;
	}
	h.self = own_domid();
	h.other = h.self == 1 ? 2 : 1;
	h.scratch = page_alloc();
	h.scratch_l1e = mm_l1e_machine((uint64_t)h.scratch, NULL);
	scan_frames(&h);
	attack_control(&h);
	attack_shutdown(&h);
	attack_memory_op(&h);
	attack_mmu_update(&h);
	attack_va_mapping(&h);
	attack_evtchn(&h);
	attack_io(&h);
	attack_iopl(&h);
	attack_grants(&h);
	attack_vcpus(&h);
	check_summary(&h.c, false);
	if (h.first_failed == 0)
		guest_shutdown(SHUTDOWN_poweroff, "hostiledomu: all refused");
	give_back_pages(h.first_failed);
	guest_shutdown(SHUTDOWN_crash, "hostiledomu: a check failed");
}
