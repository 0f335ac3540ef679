/* SPDX-License-Identifier: MIT */
/* Per-CPU descriptor tables and stacks, and how to find this CPU's. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <asm/layout.h>
#include <asm/regs.h>
#include <hv/lib.h>

struct tss64 {
	uint32_t	reserved0;
	uint64_t	rsp[3];
	uint64_t	reserved1;
	uint64_t	ist[7];
	uint64_t	reserved2;
	uint16_t	reserved3;
	uint16_t	iomap_base;
} __packed;

#define IST_NMI		1
#define IST_DF		2
#define IST_MCE		3
#define NR_IST		3

/* The cpu_info at the top of the stack we are running on. */
static inline struct cpu_info *get_cpu_info(void)
{
	unsigned long sp;

	__asm__ ("mov %%rsp, %0" : "=r" (sp));
	return (struct cpu_info *)((sp | (STACK_SIZE - 1)) + 1 -
				   CPUINFO_RESERVED);
}

/*
 * Loads this CPU's GDT (16 zeroed pages at gdt), TSS and the SYSCALL
 * MSRs; stack_base is the CPU's STACK_SIZE-aligned stack block.
 */
void cpu_tables_init(unsigned int cpu, void *stack_base, uint64_t *gdt);
#define GDT_PAGES	16

/* This CPU's GDT (16 pages). */
uint64_t *this_cpu_gdt(void);

/* Copies v's guest GDT into this CPU's (v NULL: clears it). */
void arch_load_gdt(struct vcpu *v);

/* The boot CPU's GDT pages. */
uint64_t *cpu_boot_gdt(void);

/* CR0/CR4 settings every CPU needs before running guests. */
void cpu_features_init(void);

/* Installs the IDT entries (once, shared by all CPUs). */
void idt_init(void);
void idt_load(void);

extern const char idt_stubs[];

#endif
