/* SPDX-License-Identifier: MIT */
/*
 * The `bench` command: what the basic PV paths cost, as the guest's TSC
 * sees them. Each metric is timed with rdtsc over BENCH_RUNS runs of n
 * operations, after one warm-up run; we print the median run divided by
 * the operations it made, to a tenth of a cycle, and the fastest and the
 * slowest run the same way:
 *
 *	bench: <metric> cycles=C min=A max=B ops=N runs=9
 *
 *  null_hypercall	xen_version(XENVER_version, NULL) through the
 *			hypercall page: entry, dispatch, exit.
 *  mmu_update		one MMU_NORMAL_PT_UPDATE of the L1 entry of a
 *			scratch page, which maps in turn its own frame and
 *			another scratch frame (both read-write).
 *  mmu_update_batch512	the same for 512 scratch pages in one call; also
 *			per entry (mmu_update_batch512_entry).
 *  page_fault		a read of unmapped 0x1000, bounced to our #PF
 *			handler, which finds the EXTABLE fixup and returns
 *			with iretq (traps.c): the guest's handler counts.
 *  user_syscall	`syscall` in a guest user program, bounced to a
 *			syscall callback of ours that goes straight back
 *			with the iret hypercall (VGCF_in_syscall), as
 *			Linux does. The user program times itself.
 *  grant_*		grant copy and map/unmap (bench_gnttab.c).
 *  evtchn_*, timer_*, vcpu_switch_*	events, timers and vCPU switches
 *			between vCPUs (bench_smp.c).
 *
 * and "bench: tsc_khz=K ..." from vcpu_time_info, so that cycles convert
 * to time (ns = cycles * 10^6 / K). Under QEMU's -icount shift=0 the TSC
 * counts instructions: the figures are exact path lengths, the same on
 * every run. The loop and rdtsc add a few instructions to each figure.
 *
 * For the user program we build an address space of our own (as user.c
 * does, but for two pages and no kernel hook) and, for its duration,
 * register bench_syscall_callback in place of the kernel's
 * syscall_callback, whose C path and printing we do not want to time.
 */
#include <stdlib.h>
#include <string.h>
#include <public/callback.h>
#include <public/errno.h>
#include <public/version.h>
#include <guest/bench.h>
#include <guest/gnttab.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/traps.h>
#include <guest/user.h>

#define BENCH_DEFAULT_N	1000
#define BENCH_BATCH	512
/* One batch does BENCH_BATCH updates: fewer calls per run. */
#define BENCH_BATCH_DIV	64
#define BENCH_FAULT_VA	((const volatile void *)0x1000UL)
#define PF_VECTOR	14

/* The user program's address space: code, then data (stack at its top). */
#define BENCH_USER_CODE		0x400000
#define BENCH_USER_DATA		0x401000
#define BENCH_USER_STACK	0x402000
#define BENCH_USER_PAGES	2
#define BENCH_KSTACK_SIZE	8192
/* System calls of the user program (rax). */
#define BENCH_SYS_NOP	0
#define BENCH_SYS_DONE	1

#define STR(x)		#x
#define XSTR(x)		STR(x)

/*
 * The user program: data[0] operations per run, data[1] runs; for each
 * run, data[2 + run] gets the TSC cycles of its data[0] syscalls. Then
 * BENCH_SYS_DONE. Position-independent (copied to BENCH_USER_CODE).
 *
 * The syscall callback: a nop returns at once with the iret hypercall
 * (flags VGCF_in_syscall: rcx and r11 need not be restored, the return
 * may use sysret); BENCH_SYS_DONE leaves the user program through
 * user_return() (entry.S), which makes user_run() return.
 */
__asm__(
	"	.pushsection .text\n"
	"	.balign 16\n"
	"	.globl bench_user_start, bench_user_end\n"
	"bench_user_start:\n"
	"	movq	" XSTR(BENCH_USER_DATA) ", %r8\n"
	"	movq	" XSTR(BENCH_USER_DATA) " + 8, %r9\n"
	"	movl	$" XSTR(BENCH_USER_DATA) " + 16, %r10d\n"
	"1:	rdtsc\n"
	"	shlq	$32, %rdx\n"
	"	orq	%rax, %rdx\n"
	"	movq	%rdx, %r12\n"
	"	movq	%r8, %rbx\n"
	"2:	movl	$" XSTR(BENCH_SYS_NOP) ", %eax\n"
	"	syscall\n"
	"	decq	%rbx\n"
	"	jnz	2b\n"
	"	rdtsc\n"
	"	shlq	$32, %rdx\n"
	"	orq	%rdx, %rax\n"
	"	subq	%r12, %rax\n"
	"	movq	%rax, (%r10)\n"
	"	addq	$8, %r10\n"
	"	decq	%r9\n"
	"	jnz	1b\n"
	"	movl	$" XSTR(BENCH_SYS_DONE) ", %eax\n"
	"	xorl	%edi, %edi\n"
	"	syscall\n"
	"	ud2\n"
	"bench_user_end:\n"
	"\n"
	"	.balign 16\n"
	"	.globl bench_syscall_callback\n"
	"bench_syscall_callback:\n"
	"	cmpl	$" XSTR(BENCH_SYS_DONE) ", %eax\n"
	"	je	1f\n"
	"	popq	%rcx\n"
	"	popq	%r11\n"
	"	pushq	$" XSTR(VGCF_in_syscall) "\n"
	"	jmp	hypercall_page + " XSTR(__HYPERVISOR_iret) " * 32\n"
	"1:	jmp	user_return\n"
	"	.popsection\n");

extern const char bench_user_start[], bench_user_end[];
void bench_syscall_callback(void);

static uint8_t bench_kstack[BENCH_KSTACK_SIZE] __attribute__((aligned(16)));
uint64_t bench_tsc_khz_value;

/* Scratch pages: [0, BENCH_BATCH) for the batch, BENCH_BATCH alone. */
static void *scratch[BENCH_BATCH + 1];
static void *scratch_other;		/* the frame each entry maps in turn */
/* The two values of each scratch page's L1 entry: own frame, other. */
static struct mmu_update scratch_req[2][BENCH_BATCH + 1];
static unsigned int batch_state, single_state;	/* which value is in */

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a" (lo), "=d" (hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

/* One run of each kernel metric: cycles for n operations, or -XEN_E*. */
static long run_null_hypercall(unsigned long n)
{
	uint64_t t0 = rdtsc();
	long rc;

	for (unsigned long i = 0; i < n; i++) {
		rc = hypercall_xen_version(XENVER_version, NULL);
		if (rc < 0)
			return rc;
	}
	return rdtsc() - t0;
}

static long run_mmu_update(unsigned long n)
{
	const unsigned int k = BENCH_BATCH;	/* the lone scratch page */
	uint64_t t0 = rdtsc();
	long rc;

	for (unsigned long i = 0; i < n; i++) {
		single_state ^= 1;
		rc = hypercall_mmu_update(&scratch_req[single_state][k], 1,
					  NULL, DOMID_SELF);
		if (rc < 0)
			return rc;
	}
	return rdtsc() - t0;
}

static long run_mmu_update_batch(unsigned long n)
{
	uint64_t t0 = rdtsc();
	long rc;

	for (unsigned long i = 0; i < n; i++) {
		batch_state ^= 1;
		rc = hypercall_mmu_update(scratch_req[batch_state], BENCH_BATCH,
					  NULL, DOMID_SELF);
		if (rc < 0)
			return rc;
	}
	return rdtsc() - t0;
}

static long run_page_fault(unsigned long n)
{
	uint64_t t0 = rdtsc(), v;
	int vec;

	for (unsigned long i = 0; i < n; i++) {
		vec = probe_read64(BENCH_FAULT_VA, &v);
		if (vec != PF_VECTOR) {
			printk("bench: page_fault: read of %p gave vector %d, not a page fault\n",
			       BENCH_FAULT_VA, vec);
			return -XEN_EFAULT;
		}
	}
	return rdtsc() - t0;
}

/* Prints cycles / ops to a tenth: "123.4". */
static void print_ratio(const char *key, uint64_t cycles, uint64_t ops)
{
	uint64_t tenths = (cycles * 10 + ops / 2) / ops;

	printk(" %s=%lu.%lu", key, tenths / 10, tenths % 10);
}

/* Sorts runs[] and prints the line of one metric. */
void bench_report(const char *name, uint64_t *runs, uint64_t ops)
{
	for (unsigned int i = 1; i < BENCH_RUNS; i++)
		for (unsigned int j = i; j > 0 && runs[j - 1] > runs[j]; j--) {
			uint64_t t = runs[j];

			runs[j] = runs[j - 1];
			runs[j - 1] = t;
		}
	printk("bench: %s", name);
	print_ratio("cycles", runs[BENCH_RUNS / 2], ops);
	print_ratio("min", runs[0], ops);
	print_ratio("max", runs[BENCH_RUNS - 1], ops);
	printk(" ops=%lu runs=%u\n", ops, BENCH_RUNS);
}

/* A warm-up run, then BENCH_RUNS runs into runs[]; 0 or -XEN_E*. */
static long bench_repeat(const char *name, long (*run)(unsigned long),
			 unsigned long n, uint64_t *runs)
{
	long c = run(n);

	for (unsigned int r = 0; r < BENCH_RUNS && c >= 0; r++) {
		c = run(n);
		runs[r] = c;
	}
	if (c < 0) {
		printk("bench: %s failed: %ld (%s)\n", name, c,
		       xen_strerror(c));
		return c;
	}
	return 0;
}

static void bench_one(const char *name, long (*run)(unsigned long),
		      unsigned long n)
{
	uint64_t runs[BENCH_RUNS];

	if (bench_repeat(name, run, n, runs) == 0)
		bench_report(name, runs, n);
}

static void scratch_free(void)
{
	for (unsigned int i = 0; i <= BENCH_BATCH; i++) {
		if (scratch[i])
			page_free(scratch[i]);
		scratch[i] = NULL;
	}
	if (scratch_other)
		page_free(scratch_other);
	scratch_other = NULL;
}

/* Allocates the scratch pages and fills both values of their entries. */
static long scratch_alloc(void)
{
	uint64_t other_pte;

	scratch_other = page_alloc();
	if (!scratch_other)
		return -XEN_ENOMEM;
	other_pte = pte_make(virt_to_mfn(scratch_other), PTE_KERNEL_RW);
	for (unsigned int i = 0; i <= BENCH_BATCH; i++) {
		scratch[i] = page_alloc();
		if (!scratch[i])
			return -XEN_ENOMEM;
		scratch_req[0][i].ptr = mm_l1e_machine((uint64_t)scratch[i],
						       NULL) |
					MMU_NORMAL_PT_UPDATE;
		scratch_req[0][i].val = pte_make(virt_to_mfn(scratch[i]),
						 PTE_KERNEL_RW);
		scratch_req[1][i].ptr = scratch_req[0][i].ptr;
		scratch_req[1][i].val = other_pte;
	}
	batch_state = single_state = 0;
	return 0;
}

/* Each scratch page maps its own frame again; then they are freed. */
static void scratch_release(void)
{
	long rc = hypercall_mmu_update(scratch_req[0], BENCH_BATCH + 1, NULL,
				       DOMID_SELF);

	if (rc == 0)
		rc = mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0);
	if (rc < 0) {
		printk("bench: restoring the scratch mappings failed: %ld (%s); pages kept\n",
		       rc, xen_strerror(rc));
		return;
	}
	scratch_free();
}

static void bench_mmu(unsigned long n)
{
	unsigned long nb = n / BENCH_BATCH_DIV ? n / BENCH_BATCH_DIV : 1;
	uint64_t runs[BENCH_RUNS];
	long rc = scratch_alloc();

	if (rc < 0) {
		printk("bench: mmu_update: %u scratch pages: %ld (%s)\n",
		       BENCH_BATCH + 2, rc, xen_strerror(rc));
		scratch_free();
		return;
	}
	bench_one("mmu_update", run_mmu_update, n);
	if (bench_repeat("mmu_update_batch512", run_mmu_update_batch, nb,
			 runs) == 0) {
		bench_report("mmu_update_batch512", runs, nb);
		bench_report("mmu_update_batch512_entry", runs,
			     nb * BENCH_BATCH);
	}
	scratch_release();
}

/* The user program's frames: L4, L3, L2, L1, then code and data. */
struct bench_user {
	uint64_t	*table[4];
	uint8_t		*page[BENCH_USER_PAGES];
};

static void bench_user_free(struct bench_user *bu)
{
	for (unsigned int i = 0; i < 4; i++)
		if (bu->table[i] && mm_make_rw(bu->table[i]) == 0)
			page_free(bu->table[i]);
	for (unsigned int i = 0; i < BENCH_USER_PAGES; i++)
		if (bu->page[i])
			page_free(bu->page[i]);
}

static long bench_user_alloc(struct bench_user *bu, unsigned long n)
{
	uint64_t *data, va = BENCH_USER_CODE;

	memset(bu, 0, sizeof(*bu));
	for (unsigned int i = 0; i < 4; i++)
		if (!(bu->table[i] = page_alloc()))
			return -XEN_ENOMEM;
	for (unsigned int i = 0; i < BENCH_USER_PAGES; i++)
		if (!(bu->page[i] = page_alloc()))
			return -XEN_ENOMEM;
	memcpy(bu->page[0], bench_user_start,
	       bench_user_end - bench_user_start);
	data = (uint64_t *)bu->page[1];
	data[0] = n;
	data[1] = BENCH_RUNS + 1;		/* the first one warms up */
	bu->table[3][pt_index(va, 1)] = pte_make(virt_to_mfn(bu->page[0]),
						 PTE_P | PTE_US | PTE_A);
	bu->table[3][pt_index(va, 1) + 1] = pte_make(virt_to_mfn(data),
			PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D);
	for (unsigned int l = 2; l <= 4; l++)
		bu->table[4 - l][pt_index(va, l)] =
			pte_make(virt_to_mfn(bu->table[5 - l]), PTE_TABLE);
	return 0;
}

static long callback_syscall(void (*fn)(void))
{
	struct callback_register cb = {
		.type = CALLBACKTYPE_syscall,
		.address = (uint64_t)fn,
	};

	return hypercall_callback_op(CALLBACKOP_register, &cb);
}

/* Tables read-only, user L4 pinned and loaded, our stack and callback. */
static long bench_user_load(struct bench_user *bu)
{
	long rc = 0;

	for (unsigned int i = 0; i < 4 && rc == 0; i++)
		rc = mm_make_ro(bu->table[i]);
	if (rc == 0)
		rc = mmuext1(MMUEXT_PIN_L4_TABLE, virt_to_mfn(bu->table[0]));
	if (rc == 0)
		rc = mmuext1(MMUEXT_NEW_USER_BASEPTR,
			     virt_to_mfn(bu->table[0]));
	if (rc == 0)
		rc = hypercall_stack_switch(FLAT_KERNEL_SS,
				(uint64_t)bench_kstack + BENCH_KSTACK_SIZE);
	if (rc == 0)
		rc = callback_syscall(bench_syscall_callback);
	return rc;
}

/* Undoes bench_user_load(); an undo that fails is printed. */
static void bench_user_unload(struct bench_user *bu)
{
	long rc[4];

	rc[0] = callback_syscall(syscall_callback);
	rc[1] = mmuext1(MMUEXT_NEW_USER_BASEPTR, 0);
	rc[2] = mmuext1(MMUEXT_UNPIN_TABLE, virt_to_mfn(bu->table[0]));
	rc[3] = mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0);
	for (unsigned int i = 0; i < 4; i++)
		if (rc[i] < 0)
			printk("bench: user_syscall: undo step %u failed: %ld (%s)\n",
			       i, rc[i], xen_strerror(rc[i]));
}

static void bench_user(unsigned long n)
{
	struct bench_user bu;
	uint64_t runs[BENCH_RUNS];
	long rc = bench_user_alloc(&bu, n);
	bool loaded = rc == 0;

	if (loaded)
		rc = bench_user_load(&bu);
	if (rc == 0) {
		user_run(BENCH_USER_CODE, BENCH_USER_STACK);
		/* data[2] is the warm-up run. */
		memcpy(runs, (uint64_t *)bu.page[1] + 3, sizeof(runs));
	}
	if (loaded)
		bench_user_unload(&bu);
	bench_user_free(&bu);
	if (rc < 0)
		printk("bench: user_syscall failed: %ld (%s)\n", rc,
		       xen_strerror(rc));
	else
		bench_report("user_syscall", runs, n);
}

/*
 * TSC frequency from vcpu_time_info: ns = ((tsc << shift) * mul) >> 32
 * (a right shift for a negative shift), so kHz = 10^6 * 2^32 / mul
 * >> shift.
 */
static uint64_t bench_tsc_khz(void)
{
	const volatile struct vcpu_time_info *t =
		&shared_info->vcpu_info[0].time;
	uint32_t version, mul;
	int shift;
	uint64_t khz;

	do {
		version = t->version;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
	} while ((version & 1) || version != t->version);
	if (mul == 0) {
		printk("bench: tsc_khz unknown: vcpu_time_info has no tsc_to_system_mul\n");
		return 0;
	}
	khz = (1000000UL << 32) / mul;
	khz = shift >= 0 ? khz >> shift : khz << -shift;
	printk("bench: tsc_khz=%lu tsc_to_system_mul=%#x tsc_shift=%d\n", khz,
	       mul, shift);
	return khz;
}

void bench_run(const char *args)
{
	unsigned long n = strtoul(args, NULL, 0);
	bool verbose = trap_verbose;
	unsigned long free_before;
	int rc = mm_setup();

	if (rc < 0) {
		printk("bench: mm: setup failed: %d (%s)\n", rc,
		       xen_strerror(rc));
		return;
	}
	if (n == 0)
		n = BENCH_DEFAULT_N;
	/* vCPU stacks, event tables and the grant table's pages stay
	 * allocated: before the count. */
	bench_smp_setup();
	gnttab_setup();
	free_before = page_free_count();
	printk("bench: %lu operations per run (batches: %lu), median of %u runs\n",
	       n, n / BENCH_BATCH_DIV ? n / BENCH_BATCH_DIV : 1, BENCH_RUNS);
	bench_tsc_khz_value = bench_tsc_khz();
	bench_one("null_hypercall", run_null_hypercall, n);
	bench_mmu(n);
	trap_verbose = false;
	bench_one("page_fault", run_page_fault, n);
	trap_verbose = verbose;
	bench_user(n);
	bench_gnttab_run(n);
	bench_smp_run(n);
	if (page_free_count() != free_before)
		printk("bench: %ld pages not freed\n",
		       (long)(free_before - page_free_count()));
	printk("bench: done\n");
}
