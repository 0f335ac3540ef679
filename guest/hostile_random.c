/* SPDX-License-Identifier: MIT */
/*
 * The random run of the `hostile` command: NR_RANDOM hypercalls, each a
 * batch of mmu_update, mmuext_op or one update_va_mapping, built by a
 * fixed-seed PRNG from a small vocabulary of targets:
 *
 *   scratch data pages   (mapped read-write by the kernel; their kernel
 *                         L1 entries are the only live entries we let it
 *                         rewrite, through update_va_mapping)
 *   scratch table pages  (mapped read-only: may become L1..L4 tables)
 *   Xen's frames         (the M2P), frames beyond RAM,
 *   our L4               (only where Xen always refuses: its own slots,
 *                         pins, copies onto it; never unpinned; the only
 *                         valid NEW_BASEPTR the run may name)
 *
 * and random flags, commands and counts. The kernel's own tables, text
 * and data are never named, so whatever the hypervisor allows, we go on.
 * Each result must be 0 or one of the errors Xen uses; how many of each
 * came back is printed per hypercall, and with a fixed seed those lines
 * are the same on every run (and must be the same on Shoji as on Xen).
 * Afterwards everything is unpinned and cleared, and every scratch frame
 * must be a plain page again.
 */
#include <stdio.h>
#include <string.h>
#include <public/errno.h>
#include <guest/abimm.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/traps.h>

#define NR_RANDOM	20000
#define SEED		0x5eed0fb0a710ad5UL
#define NR_DATA		8
#define NR_TABLE	4
#define NR_FRAMES	(NR_DATA + NR_TABLE)
#define MAX_BATCH	4
#define MAX_RESULTS	16
#define HV_VA		0xffff830000000000UL
#define NONCANONICAL	0x800000000000UL

static uint64_t rng;
static uint8_t *frames[NR_FRAMES];	/* data pages, then table pages */
static unsigned long vcpu_mask = 1;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t rnd_below(uint64_t n)
{
	return rnd() % n;
}

/* How often each result came back from one hypercall. */
struct tally {
	const char	*name;
	unsigned long	calls, bad;
	long		rc[MAX_RESULTS];
	unsigned long	count[MAX_RESULTS];
	unsigned int	n;
};

static bool is_xen_error(long rc)
{
	static const long ok[] = {
		0, -XEN_EPERM, -XEN_ENOENT, -XEN_ESRCH, -XEN_ENOMEM,
		-XEN_EFAULT, -XEN_EBUSY, -XEN_EEXIST, -XEN_EINVAL,
		-XEN_ENOSYS, -XEN_EOPNOTSUPP, -XEN_EACCES, -XEN_E2BIG,
		-XEN_ERANGE,
	};

	for (unsigned int i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (rc == ok[i])
			return true;
	return false;
}

static void tally_add(struct tally *t, long rc)
{
	unsigned int i;

	t->calls++;
	if (!is_xen_error(rc)) {
		if (t->bad++ < 5)
			printk("hostile: random %s: unexpected result %ld\n",
			       t->name, rc);
		return;
	}
	for (i = 0; i < t->n && t->rc[i] != rc; i++)
		;
	if (i == t->n && t->n < MAX_RESULTS)
		t->rc[t->n++] = rc;
	if (i < t->n)
		t->count[i]++;
}

static void tally_print(struct check *c, const struct tally *t)
{
	char line[256];
	size_t len = 0;

	/* In the order 0, -1, -2, ...: the same line for the same counts. */
	for (long want = 0; want >= -128; want--)
		for (unsigned int i = 0; i < t->n; i++)
			if (t->rc[i] == want && len < sizeof(line) - 32)
				len += snprintf(line + len, sizeof(line) - len,
						" %s=%lu", want ? xen_strerror(want)
						: "OK", t->count[i]);
	line[len] = '\0';
	printk("hostile: random %s: %lu calls:%s\n", t->name, t->calls, line);
	check_eqf(c, t->bad, 0, "random %s: every result is a Xen errno",
		  t->name);
}

static uint64_t frame_mfn(unsigned int i)
{
	return virt_to_mfn(frames[i]);
}

/* A frame: scratch, Xen's, beyond RAM, or (if allowed) our L4. */
static uint64_t pick_mfn(bool our_l4, bool tables)
{
	switch (rnd_below(our_l4 ? 5 : 4)) {
	case 0:
		return frame_mfn(rnd_below(NR_DATA));
	case 1:
		return tables ? frame_mfn(NR_DATA + rnd_below(NR_TABLE)) :
				frame_mfn(rnd_below(NR_DATA));
	case 2:
		return xen_mfn + rnd_below(4);
	case 3:
		return beyond_ram_mfn + rnd_below(64);
	default:
		return mm_kernel_l4_mfn();
	}
}

static uint64_t pick_pte(void)
{
	static const uint64_t flags = PTE_RW | PTE_US | PTE_PWT | PTE_PCD |
		PTE_A | PTE_D | PTE_PSE | PTE_G | 0xe00UL | 1UL << 52 |
		1UL << 62 | PTE_NX;
	uint64_t f = rnd() & rnd() & flags;

	if (rnd_below(8) == 0)
		return 0;
	if (rnd_below(4))
		f |= PTE_P;
	return pte_make(pick_mfn(true, true), f);
}

/* Machine address of an entry the run may write. */
static uint64_t pick_ptr(void)
{
	uint64_t slot = rnd_below(PT_ENTRIES) * 8;

	switch (rnd_below(5)) {
	case 0:
	case 1:
		return (frame_mfn(NR_DATA + rnd_below(NR_TABLE)) <<
			PAGE_SHIFT) + slot;
	case 2:
		return (frame_mfn(rnd_below(NR_DATA)) << PAGE_SHIFT) + slot;
	case 3:
		return (pick_mfn(false, false) << PAGE_SHIFT) + slot;
	default:	/* Xen's slots of our L4: always refused */
		return (mm_kernel_l4_mfn() << PAGE_SHIFT) +
		       (256 + rnd_below(16)) * 8;
	}
}

static long random_mmu_update(void)
{
	struct mmu_update req[MAX_BATCH];
	unsigned int n = 1 + rnd_below(MAX_BATCH), done = ~0U;
	uint64_t r;
	long rc;

	for (unsigned int i = 0; i < n; i++) {
		r = rnd_below(10);
		if (r < 6) {
			req[i].ptr = pick_ptr() | (r < 4 ? MMU_NORMAL_PT_UPDATE
						   : MMU_PT_UPDATE_PRESERVE_AD);
			req[i].val = pick_pte();
		} else if (r < 8) {
			req[i].ptr = pick_mfn(false, true) << PAGE_SHIFT |
				     MMU_MACHPHYS_UPDATE;
			req[i].val = rnd_below(2 * nr_pages);
		} else {
			req[i].ptr = pick_ptr() | (3 + rnd_below(5));
			req[i].val = pick_pte();
		}
	}
	rc = hypercall_mmu_update(req, n, &done, DOMID_SELF);
	if ((rc == 0 && done != n) || (rc < 0 && done >= n))
		return 1;	/* an impossible done count: counted as bad */
	return rc;
}

static uint64_t pick_linear(void)
{
	static const uint64_t bad[] = { HV_VA, NONCANONICAL, 0x1000, 0 };

	if (rnd_below(2))
		return (uint64_t)frames[rnd_below(NR_DATA)] +
		       (rnd_below(4) ? 0 : 8);
	return bad[rnd_below(4)];
}

static uint64_t pick_mask(void)
{
	static const uint64_t bad[] = { HV_VA, 0, NONCANONICAL };

	return rnd_below(2) ? (uint64_t)&vcpu_mask : bad[rnd_below(3)];
}

static void random_mmuext_one(struct mmuext_op *op)
{
	memset(op, 0, sizeof(*op));
	op->cmd = rnd_below(22);
	switch (op->cmd) {
	case MMUEXT_PIN_L1_TABLE ... MMUEXT_PIN_L4_TABLE:
		op->arg1.mfn = pick_mfn(true, true);
		break;
	case MMUEXT_UNPIN_TABLE:
	case MMUEXT_NEW_USER_BASEPTR:
		op->arg1.mfn = rnd_below(8) ? pick_mfn(false, true) : 0;
		break;
	case MMUEXT_NEW_BASEPTR:
		/*
		 * Never a scratch frame: one whose kernel mapping the run
		 * has moved away can become a valid, empty L4.
		 */
		op->arg1.mfn = rnd_below(2) ? mm_kernel_l4_mfn() :
			       pick_mfn(false, false) & 1 ? xen_mfn :
			       beyond_ram_mfn;
		break;
	case MMUEXT_INVLPG_LOCAL:
	case MMUEXT_INVLPG_ALL:
		op->arg1.linear_addr = pick_linear();
		break;
	case MMUEXT_TLB_FLUSH_MULTI:
	case MMUEXT_INVLPG_MULTI:
		op->arg1.linear_addr = pick_linear();
		op->arg2.vcpumask.q = pick_mask();
		break;
	case MMUEXT_SET_LDT:
		op->arg1.linear_addr = pick_linear();
		op->arg2.nr_ents = rnd_below(9000);
		break;
	case MMUEXT_CLEAR_PAGE:
	case MMUEXT_COPY_PAGE:
		op->arg1.mfn = pick_mfn(true, true);
		op->arg2.src_mfn = pick_mfn(true, true);
		break;
	default:
		op->arg1.mfn = pick_mfn(true, true);
		break;
	}
}

static long random_mmuext(void)
{
	struct mmuext_op ops[MAX_BATCH];
	unsigned int n = 1 + rnd_below(MAX_BATCH), done = ~0U;
	long rc;

	for (unsigned int i = 0; i < n; i++)
		random_mmuext_one(&ops[i]);
	rc = hypercall_mmuext_op(ops, n, &done, DOMID_SELF);
	if ((rc == 0 && done != n) || (rc < 0 && done >= n))
		return 1;
	return rc;
}

static long random_update_va(void)
{
	static const uint64_t flags[] = {
		UVMF_NONE, UVMF_INVLPG, UVMF_TLB_FLUSH, UVMF_INVLPG | UVMF_ALL,
		UVMF_TLB_FLUSH | UVMF_ALL, UVMF_INVLPG | HV_VA,
	};
	uint64_t va, f = flags[rnd_below(6)];

	va = rnd_below(4) ? (uint64_t)frames[rnd_below(NR_DATA)] :
			    pick_linear();
	if (rnd_below(6) == 0)
		f = UVMF_INVLPG | (uint64_t)&vcpu_mask;
	return hypercall_update_va_mapping(va, pick_pte(), f);
}

/* Zeroes all entries of frame mfn, whatever its type is now. */
static void frame_zero(uint64_t mfn)
{
	struct mmu_update req[64];

	for (unsigned int j = 0; j < PT_ENTRIES; j += 64) {
		for (unsigned int k = 0; k < 64; k++) {
			req[k].ptr = (mfn << PAGE_SHIFT) + (j + k) * 8;
			req[k].val = 0;
		}
		hypercall_mmu_update(req, 64, NULL, DOMID_SELF);
	}
}

/* Unpins and clears every scratch frame, twice: tables may hold tables. */
static void scratch_clear(void)
{
	struct mmuext_op ext = { .cmd = MMUEXT_SET_LDT };

	hypercall_mmuext_op(&ext, 1, NULL, DOMID_SELF);
	mmuext1(MMUEXT_NEW_USER_BASEPTR, 0);
	for (unsigned int round = 0; round < 2; round++) {
		for (unsigned int i = 0; i < NR_FRAMES; i++)
			mmuext1(MMUEXT_UNPIN_TABLE, frame_mfn(i));
		for (unsigned int i = 0; i < NR_FRAMES; i++)
			frame_zero(frame_mfn(i));
	}
	mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0);
}

static void scratch_release(struct check *c)
{
	unsigned int bad_map = 0, bad_m2p = 0;

	scratch_clear();
	for (unsigned int i = 0; i < NR_FRAMES; i++) {
		if (mm_update1(frame_mfn(i) << PAGE_SHIFT | MMU_MACHPHYS_UPDATE,
			       virt_to_pfn(frames[i])) < 0)
			bad_m2p++;
		if (mm_make_rw(frames[i]) < 0)
			bad_map++;
		else
			page_free(frames[i]);
	}
	check_eq(c, "random: M2P of scratch frames restored", bad_m2p, 0);
	check_eq(c, "random: every scratch frame a plain page again",
		 bad_map, 0);
}

void hostile_random_run(struct check *c)
{
	struct tally t[3] = {
		{ .name = "mmu_update" }, { .name = "mmuext_op" },
		{ .name = "update_va_mapping" },
	};
	uint64_t op;

	for (unsigned int i = 0; i < NR_FRAMES; i++) {
		frames[i] = page_alloc();
		if (i >= NR_DATA)
			mm_make_ro(frames[i]);
	}
	rng = SEED;
	trap_verbose = false;
	for (unsigned int i = 0; i < NR_RANDOM; i++) {
		op = rnd_below(3);
		if (op == 0)
			tally_add(&t[0], random_mmu_update());
		else if (op == 1)
			tally_add(&t[1], random_mmuext());
		else
			tally_add(&t[2], random_update_va());
	}
	trap_verbose = true;
	for (unsigned int i = 0; i < 3; i++)
		tally_print(c, &t[i]);
	scratch_release(c);
}
