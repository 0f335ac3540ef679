/* SPDX-License-Identifier: MIT */
/*
 * The local APIC in xAPIC mode, through the direct map of its MMIO page.
 * The timer is calibrated against the (already calibrated) TSC, then
 * proved by arming one one-shot interrupt and waiting for it. It drives
 * nothing yet; the scheduler will use it.
 */
#include <asm/apic.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <hv/console.h>
#include <hv/time.h>
#include <hv/timer.h>

#define APIC_ID		0x020
#define APIC_ICR_LO	0x300
#define APIC_ICR_HI	0x310
#define ICR_BUSY	(1U << 12)
#define APIC_EOI	0x0b0
#define APIC_SVR	0x0f0
#define APIC_LVT_TIMER	0x320
#define APIC_TIMER_INIT	0x380
#define APIC_TIMER_CUR	0x390
#define APIC_TIMER_DIV	0x3e0
#define APIC_LVT_MASKED	(1U << 16)
#define APIC_BASE_ENABLE (1UL << 11)
#define CAL_US		10000

volatile uint64_t apic_timer_ticks;	/* all CPUs together */
uint64_t apic_timer_khz;
static volatile uint32_t *apic_regs;

static uint32_t apic_read(unsigned int reg)
{
	return apic_regs[reg / 4];
}

static void apic_write(unsigned int reg, uint32_t v)
{
	apic_regs[reg / 4] = v;
}

void apic_timer_oneshot(uint64_t ns)
{
	uint64_t count = ns * apic_timer_khz / 1000000;

	if (ns == 0) {
		apic_write(APIC_TIMER_INIT, 0);
		return;
	}
	apic_write(APIC_LVT_TIMER, APIC_TIMER_VECTOR);
	apic_write(APIC_TIMER_INIT, count ? MIN(count, 0xffffffffUL) : 1);
}

static void apic_timer_calibrate(void)
{
	uint32_t left;

	apic_write(APIC_TIMER_DIV, 0x3);	/* divide by 16 */
	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | APIC_TIMER_VECTOR);
	apic_write(APIC_TIMER_INIT, 0xffffffff);
	udelay(CAL_US);
	left = apic_read(APIC_TIMER_CUR);
	apic_write(APIC_TIMER_INIT, 0);
	apic_timer_khz = (0xffffffffUL - left) / (CAL_US / 1000);
}

/*
 * The legacy 8259 PICs: moved off the exception vectors (the BIOS leaves
 * IRQ0 on vector 8, the double-fault vector) to 0x20-0x2f, and masked.
 */
static void pic_disable(void)
{
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, 0x20);
	outb(0xa1, 0x28);
	outb(0x21, 0x04);
	outb(0xa1, 0x02);
	outb(0x21, 0x01);
	outb(0xa1, 0x01);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void apic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	uint64_t t0;

	pic_disable();
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	apic_regs = maddr_to_virt(base & PADDR_MASK);
	mm_set_hypervisor_iomem((base & PADDR_MASK) >> PAGE_SHIFT);
	apic_write(APIC_SVR, 0x100 | APIC_SPURIOUS_VECTOR);
	apic_timer_calibrate();

	/* Prove the interrupt path: one 1 ms shot, waited for <= 100 ms. */
	t0 = get_s_time();
	apic_timer_oneshot(1000000);
	local_irq_enable();
	while (apic_timer_ticks == 0 && get_s_time() - t0 < 100000000)
		cpu_relax();
	local_irq_disable();
	printk("apic: id %u, timer %lu kHz, one-shot %s after %lu us\n",
	       apic_read(APIC_ID) >> 24, apic_timer_khz,
	       apic_timer_ticks ? "fired" : "DID NOT FIRE",
	       (get_s_time() - t0) / 1000);
}

void apic_interrupt(unsigned int vec)
{
	if (vec == APIC_SPURIOUS_VECTOR)
		return;
	apic_write(APIC_EOI, 0);
	if (vec == APIC_TIMER_VECTOR) {
		apic_timer_ticks++;
		timer_interrupt();
	} else {
		smp_handle_ipi(vec);
	}
}

void arch_timer_program(uint64_t deadline)
{
	uint64_t now = get_s_time();

	if (deadline == 0)
		apic_timer_oneshot(0);
	else
		apic_timer_oneshot(deadline > now ? deadline - now : 1);
}

uint32_t apic_id(void)
{
	return apic_read(APIC_ID) >> 24;
}

/* Writes the ICR: destination APIC id, then the command. */
void apic_send(uint32_t dest, uint32_t cmd)
{
	unsigned long flags;

	__asm__ __volatile__("pushf; pop %0; cli" : "=r" (flags) : : "memory");
	while (apic_read(APIC_ICR_LO) & ICR_BUSY)
		cpu_relax();
	apic_write(APIC_ICR_HI, dest << 24);
	apic_write(APIC_ICR_LO, cmd);
	while (apic_read(APIC_ICR_LO) & ICR_BUSY)
		cpu_relax();
	__asm__ __volatile__("push %0; popf" : : "r" (flags) : "memory", "cc");
}

/* An AP's local APIC: enabled, timer divider as the boot CPU's. */
void apic_init_secondary(void)
{
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_ENABLE);
	apic_write(APIC_SVR, 0x100 | APIC_SPURIOUS_VECTOR);
	apic_write(APIC_TIMER_DIV, 0x3);
	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | APIC_TIMER_VECTOR);
}
