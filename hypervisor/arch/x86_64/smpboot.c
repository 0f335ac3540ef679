/* SPDX-License-Identifier: MIT */
/*
 * Bringing up the application processors and talking to them.
 *
 * The boot CPU copies trampoline.S below 1 MiB and, for each processor
 * the MADT lists, allocates a stack block and a GDT, fills the
 * trampoline's parameters and sends INIT, then two startup IPIs (Intel's
 * universal start-up algorithm). The AP comes up in ap_start64 on its
 * own stack, loads its tables, enables its local APIC and reports in;
 * the boot CPU waits for that before starting the next one, so the
 * trampoline page has one user at a time.
 *
 * IPIs: reschedule (a no-op that makes the CPU pass through the return
 * path), TLB flush and function call (acknowledged through a counter the
 * sender waits on), and halt.
 */
#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <hv/acpi.h>
#include <hv/console.h>
#include <hv/mm.h>
#include <hv/sched.h>
#include <hv/smp.h>
#include <hv/spinlock.h>
#include <hv/time.h>

#define AP_WAIT_US	200000

extern const char trampoline_start[], trampoline_end[], tr_params[];
extern const char ap_start64[], boot_l4[];

unsigned int nr_cpus_online = 1;
static uint32_t apic_ids[NR_CPUS];
static volatile bool online[NR_CPUS] = { true };
static volatile unsigned int ap_booting_cpu;
static void *ap_stack_base[NR_CPUS];
static uint64_t *ap_gdt[NR_CPUS];

/* Function-call IPIs: one at a time, under call_lock. */
static spinlock_t call_lock = SPIN_LOCK_UNLOCKED;
static void (*call_fn)(void *);
static void *call_arg;
static volatile unsigned int call_pending;

bool cpu_is_online(unsigned int cpu)
{
	return cpu < NR_CPUS && online[cpu];
}

uint32_t cpu_apic_id(unsigned int cpu)
{
	return apic_ids[cpu];
}

void smp_send_ipi(unsigned int cpu, unsigned int vector)
{
	if (cpu_is_online(cpu))
		apic_send(apic_ids[cpu], APIC_DM_FIXED | vector);
}

void smp_send_event_check(unsigned int cpu)
{
	if (cpu != smp_processor_id())
		smp_send_ipi(cpu, IPI_RESCHEDULE_VECTOR);
}

static void tlb_flush_fn(void *arg)
{
	(void)arg;
	flush_tlb_local();
}

void smp_call_function(void (*fn)(void *), void *arg)
{
	unsigned int self = smp_processor_id(), n = 0;
	unsigned long flags = spin_lock_irqsave(&call_lock);

	call_fn = fn;
	call_arg = arg;
	for (unsigned int c = 0; c < NR_CPUS; c++)
		if (c != self && cpu_is_online(c))
			n++;
	__atomic_store_n(&call_pending, n, __ATOMIC_RELEASE);
	for (unsigned int c = 0; c < NR_CPUS; c++)
		if (c != self && cpu_is_online(c))
			smp_send_ipi(c, IPI_CALL_VECTOR);
	while (__atomic_load_n(&call_pending, __ATOMIC_ACQUIRE))
		cpu_relax();
	spin_unlock_irqrestore(&call_lock, flags);
}

void flush_tlb_mask(uint64_t mask)
{
	unsigned int self = smp_processor_id();

	if (mask & (1UL << self))
		flush_tlb_local();
	if (mask & ~(1UL << self))
		smp_call_function(tlb_flush_fn, NULL);
}

void smp_stop_others(void)
{
	unsigned int self = smp_processor_id();

	for (unsigned int c = 0; c < NR_CPUS; c++)
		if (c != self && cpu_is_online(c))
			apic_send(apic_ids[c], APIC_DM_FIXED | IPI_HALT_VECTOR);
}

bool smp_handle_ipi(unsigned int vec)
{
	switch (vec) {
	case IPI_RESCHEDULE_VECTOR:
		return true;
	case IPI_TLB_FLUSH_VECTOR:
		flush_tlb_local();
		return true;
	case IPI_CALL_VECTOR:
		call_fn(call_arg);
		__atomic_fetch_sub(&call_pending, 1, __ATOMIC_RELEASE);
		return true;
	case IPI_HALT_VECTOR:
		online[smp_processor_id()] = false;
		for (;;) {
			local_irq_disable();
			halt();
		}
	default:
		return false;
	}
}

/* An AP's C entry, on its own stack (ap_start64 in boot.S). */
__noreturn void start_secondary(void);
__noreturn void start_secondary(void)
{
	unsigned int cpu = ap_booting_cpu;

	cpu_tables_init(cpu, ap_stack_base[cpu], ap_gdt[cpu]);
	idt_load();
	cpu_features_init();
	apic_init_secondary();
	sched_init_cpu(cpu);
	__atomic_store_n(&online[cpu], true, __ATOMIC_RELEASE);
	sched_start_idle();
}

static bool start_one(unsigned int cpu, uint32_t id)
{
	struct tr_params *p = maddr_to_virt(TRAMPOLINE_PA +
					    (tr_params - trampoline_start));
	unsigned long stack = alloc_pages(STACK_ORDER);
	unsigned long gdt = alloc_pages(4);	/* GDT_PAGES */
	uint64_t t0;

	if (stack == PAGE_NONE || gdt == PAGE_NONE)
		return false;
	ap_stack_base[cpu] = mfn_to_virt(stack);
	ap_gdt[cpu] = mfn_to_virt(gdt);
	memset(ap_gdt[cpu], 0, GDT_PAGES * PAGE_SIZE);
	apic_ids[cpu] = id;
	ap_booting_cpu = cpu;
	p->cr3 = virt_to_maddr(boot_l4);
	p->efer = rdmsr(MSR_EFER) & (EFER_LME | EFER_NXE);
	p->entry = (uint64_t)ap_start64;
	p->stack = (uint64_t)ap_stack_base[cpu] + STACK_SIZE - CPUINFO_RESERVED;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	apic_send(id, APIC_DM_INIT | APIC_LEVEL_ASSERT);
	udelay(10000);
	for (unsigned int i = 0; i < 2; i++) {
		apic_send(id, APIC_DM_STARTUP | (TRAMPOLINE_PA >> 12));
		udelay(200);
	}
	t0 = get_s_time();
	while (!__atomic_load_n(&online[cpu], __ATOMIC_ACQUIRE)) {
		if (get_s_time() - t0 > AP_WAIT_US * 1000ULL)
			return false;
		cpu_relax();
	}
	return true;
}

unsigned int smp_boot_cpus(const struct acpi_cpu_info *info)
{
	uint32_t self = apic_id();
	unsigned int cpu = 1;

	apic_ids[0] = self;
	memcpy(maddr_to_virt(TRAMPOLINE_PA), trampoline_start,
	       trampoline_end - trampoline_start);
	for (unsigned int i = 0; i < info->nr_cpus && cpu < NR_CPUS; i++) {
		if (info->lapic_ids[i] == self)
			continue;
		if (!start_one(cpu, info->lapic_ids[i])) {
			printk(KERN_WARN "smp: CPU with APIC id %u did not "
			       "start\n", info->lapic_ids[i]);
			continue;
		}
		cpu++;
	}
	nr_cpus_online = cpu;
	printk("smp: %u CPU(s) online\n", nr_cpus_online);
	return nr_cpus_online;
}
