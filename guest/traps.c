/* SPDX-License-Identifier: MIT */
/*
 * Exceptions and callbacks. The trap table sends vectors 0-31 to the
 * stubs of arch/x86_64/entry.S and vector 0x80 (DPL 3) to a stub for
 * system calls by int $0x80 from guest user mode; set_callbacks names
 * the event and failsafe callbacks, callback_op the syscall one.
 *
 * A fault at an instruction listed with EXTABLE() is expected: the
 * handler records it in trap_last and resumes at the listed fixup. A
 * fault in guest user mode ends the user program (user.c). Any other
 * fault is a kernel bug: we print it and crash the domain.
 *
 * Events go to events_upcall() (events.c) on the vCPU they came to; the
 * event callback returns through the iret hypercall (entry.S).
 */
#include <string.h>
#include <public/callback.h>
#include <public/sched.h>
#include <guest/events.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/smp.h>
#include <guest/traps.h>
#include <guest/user.h>

#define NR_EXCEPTIONS	32
#define EVENT_VECTOR	256		/* entry.S */
#define PF_VECTOR	14

struct extable_entry {
	uint64_t	insn;
	uint64_t	fixup;
};
extern const struct extable_entry __extable_start[], __extable_end[];
extern char trap_entry_int80[];
extern char _text[];

volatile struct trap_record trap_last = { .vector = TRAP_NONE };
bool trap_verbose = true;
struct ctx *recover_ctx;
static unsigned long nr_events;

/* Vectors 0-31 and 0x80, then the terminating entry (address 0). */
static struct trap_info trap_table[NR_EXCEPTIONS + 2];

static const char *const trap_names[NR_EXCEPTIONS] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range", "invalid opcode", "device not available",
	"double fault", "coprocessor overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 error", "alignment check",
	"machine check", "SIMD error", "virtualization", "control protection",
};

static const char *trap_name(uint64_t vector)
{
	if (vector < NR_EXCEPTIONS && trap_names[vector])
		return trap_names[vector];
	return "trap";
}

int traps_init(void)
{
	struct callback_register cb = {
		.type = CALLBACKTYPE_syscall,
		.address = (uint64_t)syscall_callback,
	};
	unsigned int i;
	long rc;

	for (i = 0; i < NR_EXCEPTIONS; i++) {
		trap_table[i].vector = i;
		/* int3 and into may be raised by guest user mode. */
		trap_table[i].flags = (i == 3 || i == 4) ? 3 : 0;
		trap_table[i].cs = FLAT_KERNEL_CS;
		trap_table[i].address = (uint64_t)trap_entry_table +
					i * TRAP_STUB_SIZE;
	}
	trap_table[i].vector = 0x80;
	trap_table[i].flags = 3;
	trap_table[i].cs = FLAT_KERNEL_CS;
	trap_table[i].address = (uint64_t)trap_entry_int80;
	memset(&trap_table[i + 1], 0, sizeof(trap_table[i + 1]));

	rc = hypercall_set_trap_table(trap_table);
	if (rc < 0)
		goto fail_trap_table;
	rc = hypercall_set_callbacks((uint64_t)event_callback,
				     (uint64_t)failsafe_callback, 0);
	if (rc < 0)
		goto fail_callbacks;
	rc = hypercall_callback_op(CALLBACKOP_register, &cb);
	if (rc < 0)
		goto fail_syscall;
	return 0;

fail_syscall:
	printk("%s: callback_op(register syscall) failed: %ld (%s)\n",
	       guest_name, rc, xen_strerror(rc));
	return rc;
fail_callbacks:
	printk("%s: set_callbacks failed: %ld (%s)\n", guest_name, rc,
	       xen_strerror(rc));
	return rc;
fail_trap_table:
	printk("%s: set_trap_table failed: %ld (%s)\n", guest_name, rc,
	       xen_strerror(rc));
	return rc;
}

static uint64_t extable_fixup(uint64_t rip)
{
	for (const struct extable_entry *e = __extable_start;
	     e < __extable_end; e++)
		if (e->insn == rip)
			return e->fixup;
	return 0;
}

static void trap_print(const char *who, const struct trap_frame *f,
		       uint64_t cr2)
{
	if (f->vector == PF_VECTOR)
		printk("%s: page fault at %#lx rip %#lx error %#lx\n", who,
		       cr2, f->rip, f->error);
	else
		printk("%s: %s (vector %lu) rip %#lx error %#lx\n", who,
		       trap_name(f->vector), f->vector, f->rip, f->error);
}

static void __attribute__((noreturn)) trap_fatal(const struct trap_frame *f,
						  uint64_t cr2)
{
	trap_print("guest: fatal", f, cr2);
	printk("guest: rax %#lx rbx %#lx rcx %#lx rdx %#lx rsi %#lx rdi %#lx\n",
	       f->rax, f->rbx, f->rcx, f->rdx, f->rsi, f->rdi);
	printk("guest: rsp %#lx rbp %#lx cs %#lx ss %#lx rflags %#lx\n",
	       f->rsp, f->rbp, f->cs, f->ss, f->rflags);
	guest_shutdown(SHUTDOWN_crash, "crash");
}

/* Ports without a handler are acknowledged (events.c). */
static void event_handle(void)
{
	nr_events++;
	events_upcall();
}

void traps_fill_context(struct vcpu_guest_context *c)
{
	for (const struct trap_info *t = trap_table; t->address; t++)
		c->trap_ctxt[t->vector] = *t;
	c->event_callback_eip = (uint64_t)event_callback;
	c->failsafe_callback_eip = (uint64_t)failsafe_callback;
	c->syscall_callback_eip = (uint64_t)syscall_callback;
}

void trap_handle(struct trap_frame *f)
{
	uint64_t cr2 = 0, fixup;
	struct ctx *resume;

	if (f->vector == EVENT_VECTOR) {
		event_handle();
		return;
	}
	if (f->vector == PF_VECTOR)
		cr2 = smp_vcpu_info(smp_id())->arch.cr2;
	if ((f->cs & 3) == 3) {
		user_trap(f, cr2);	/* does not return */
		trap_fatal(f, cr2);
	}
	fixup = extable_fixup(f->rip);
	if (!fixup && !recover_ctx)
		trap_fatal(f, cr2);
	trap_last.error = f->error;
	trap_last.rip = f->rip;
	trap_last.cr2 = cr2;
	trap_last.vector = f->vector;
	if (trap_verbose)
		trap_print("guest", f, cr2);
	if (fixup) {
		f->rip = fixup;
		return;
	}
	resume = recover_ctx;
	recover_ctx = NULL;
	ctx_resume(resume, RECOVER_TRAP | f->vector);
}

/* The frame holds ds, es, fs, gs before rip (entry.S). */
void failsafe_handle(const uint64_t *frame)
{
	struct ctx *resume = recover_ctx;

	printk("guest: failsafe callback: rip %#lx cs %#lx ds %#lx es %#lx fs %#lx gs %#lx\n",
	       frame[6], frame[7], frame[2], frame[3], frame[4], frame[5]);
	if (resume) {
		recover_ctx = NULL;
		ctx_resume(resume, 1);
	}
	guest_shutdown(SHUTDOWN_crash, "crash");
}

int probe_read64(const volatile void *p, uint64_t *val)
{
	uint64_t v = 0;

	trap_clear();
	__asm__ volatile("1: movq (%1), %0\n2:\n\t" EXTABLE(1b, 2b)
			 : "+r" (v) : "r" (p) : "memory");
	*val = v;
	return trap_vector();
}

int probe_write64(volatile void *p, uint64_t val)
{
	trap_clear();
	__asm__ volatile("1: movq %1, (%0)\n2:\n\t" EXTABLE(1b, 2b)
			 : : "r" (p), "r" (val) : "memory");
	return trap_vector();
}

/* One fault of the `pf` command: prints what the handler reported. */
static void pf_try(const char *what, volatile void *p, bool write)
{
	uint64_t v;
	int vec = write ? probe_write64(p, 0x5a5a) : probe_read64(p, &v);

	if (vec == PF_VECTOR)
		printk("%s: pf: %s: recovered, cr2 %#lx error %#lx\n",
		       guest_name, what, trap_last.cr2, trap_last.error);
	else
		printk("%s: pf: %s: no page fault (vector %d)\n", guest_name,
		       what, vec);
}

void traps_pf_demo(void)
{
	pf_try("read of unmapped 0x1000", (void *)0x1000UL, false);
	pf_try("write past the end of RAM",
	       pfn_to_virt(nr_pages + 16), true);
	pf_try("write to read-only text", _text + 64, true);
	pf_try("read of unmapped user address 0x7ffffffff000",
	       (void *)0x7ffffffff000UL, false);
}
