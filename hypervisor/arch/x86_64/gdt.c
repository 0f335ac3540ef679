/* SPDX-License-Identifier: MIT */
/*
 * Each CPU's GDT and TSS, with the SYSCALL MSRs. The GDT is laid out as
 * Xen's: entries 0-7167 (14 pages) are the guest's (empty until set_gdt
 * exists), and from entry 7168 (selector 0xe000) come the hypervisor's:
 * ring-0 code and data at 0xe008/0xe010, the flat ring-3 segments PV
 * guests use at 0xe023 (32-bit code), 0xe02b (data) and 0xe033 (64-bit
 * code), and the TSS at 0xe040. The TSS gives RSP0 = the guest frame in
 * cpu_info and three IST stacks, for NMI, double fault and machine check,
 * which are the lowest three pages of the CPU's stack block so that
 * get_cpu_info() works on them too.
 */
#include <asm/cpu.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <hv/domain.h>
#include <hv/smp.h>


/* Descriptor words: base 0, limit 4 GiB; G, L/D, P, DPL, type. */
#define DESC_HV_CODE64	0x00af9b000000ffffUL
#define DESC_HV_DATA	0x00cf93000000ffffUL
#define DESC_R3_CODE32	0x00cffb000000ffffUL
#define DESC_R3_DATA	0x00cff3000000ffffUL
#define DESC_R3_CODE64	0x00affb000000ffffUL

/* The boot CPU's GDT; the others' come from the heap (smpboot.c). */
static uint64_t boot_gdt[GDT_PAGES * 512] __aligned(PAGE_SIZE);
static struct tss64 tss_table[NR_CPUS] __aligned(64);
static uint64_t *cpu_gdt[NR_CPUS];

extern const char syscall_entry[];

static void tss_descriptor(uint64_t *slot, const struct tss64 *tss)
{
	uint64_t base = (uint64_t)tss, limit = sizeof(*tss) - 1;

	slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		  (0x89UL << 40) | (((limit >> 16) & 0xf) << 48) |
		  (((base >> 24) & 0xff) << 56);
	slot[1] = base >> 32;
}

static void gdt_load(uint64_t *gdt)
{
	struct __packed {
		uint16_t	limit;
		uint64_t	base;
	} ptr = { GDT_PAGES * PAGE_SIZE - 1, (uint64_t)gdt };

	/* Reload CS with a far return, the data selectors with null. */
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"xorl %%eax, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		: : "m" (ptr), "i" (HV_CS) : "rax", "memory");
	__asm__ __volatile__("ltr %w0" : : "r" (HV_TSS_SEL));
}

void cpu_tables_init(unsigned int cpu, void *stack_base, uint64_t *gdt)
{
	struct tss64 *tss = &tss_table[cpu];

	cpu_gdt[cpu] = gdt;
	struct cpu_info *ci = (void *)((char *)stack_base + STACK_SIZE -
				       CPUINFO_RESERVED);

	BUILD_BUG_ON(sizeof(struct tss64) != 104);
	gdt[HV_CS >> 3] = DESC_HV_CODE64;
	gdt[HV_DS >> 3] = DESC_HV_DATA;
	gdt[FLAT_RING3_CS32_SEL >> 3] = DESC_R3_CODE32;
	gdt[FLAT_RING3_DS_SEL >> 3] = DESC_R3_DATA;
	gdt[FLAT_RING3_CS64_SEL >> 3] = DESC_R3_CODE64;
	tss_descriptor(&gdt[HV_TSS_SEL >> 3], tss);

	memset(tss, 0, sizeof(*tss));
	tss->rsp[0] = (uint64_t)&ci->guest_regs + UREGS_size;
	/* IST stacks are the lowest pages of this CPU's stack block. */
	for (unsigned int i = 0; i < NR_IST; i++)
		tss->ist[i] = (uint64_t)stack_base + (i + 1) * PAGE_SIZE;
	tss->iomap_base = sizeof(*tss);	/* no I/O bitmap: all ports trap */

	ci->cpu = cpu;
	ci->stack_top = (uint64_t)&ci->guest_regs + UREGS_size;
	gdt_load(gdt);

	/* SYSCALL enters at HV_CS; SYSRET would use 0xe023-based ones. */
	wrmsr(MSR_STAR, ((uint64_t)FLAT_RING3_CS32_SEL << 48) |
			((uint64_t)HV_CS << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_CSTAR, 0);
	/* Clear TF, IF, DF, IOPL, NT and AC on entry. */
	wrmsr(MSR_SFMASK, 0x47700);
	wrmsr(MSR_SHADOW_GS_BASE, (uint64_t)ci);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

struct vcpu *current_vcpu(void)
{
	return get_cpu_info()->current;
}

void set_current_vcpu(struct vcpu *v)
{
	get_cpu_info()->current = v;
}

uint64_t *this_cpu_gdt(void)
{
	return cpu_gdt[smp_processor_id()];
}

uint64_t *cpu_boot_gdt(void)
{
	return boot_gdt;
}

unsigned int smp_processor_id(void)
{
	return get_cpu_info()->cpu;
}
