/* SPDX-License-Identifier: MIT */
/*
 * The IDT and the C side of every trap. A trap from the hypervisor
 * itself is fatal unless the faulting instruction has an exception-table
 * fixup (guest memory access): then it resumes at the fixup. A fatal
 * trap prints the CPU, the registers, the faulting address and a stack
 * trace with symbol names, then stops the CPU. A trap from a guest goes
 * to the guest's domain: without a trap table it crashes that domain
 * alone. External interrupts go to their handlers.
 */
#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/processor.h>
#include <hv/console.h>
#include <hv/domain.h>
#include <hv/machine.h>
#include <hv/sched.h>
#include <hv/smp.h>
#include <hv/symbols.h>

struct idt_entry {
	uint16_t	offset_lo;
	uint16_t	selector;
	uint8_t		ist;
	uint8_t		type;
	uint16_t	offset_mid;
	uint32_t	offset_hi;
	uint32_t	reserved;
} __packed;

struct extable_entry {
	int32_t		insn;		/* relative to the field */
	int32_t		fixup;
};

extern const struct extable_entry __start_ex_table[], __stop_ex_table[];

static struct idt_entry idt[256] __aligned(16);

static const char *const trap_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode",
	"#NM device not available", "#DF double fault",
	"coprocessor overrun", "#TS invalid TSS", "#NP segment not present",
	"#SS stack fault", "#GP general protection", "#PF page fault",
	"reserved", "#MF x87 error", "#AC alignment check",
	"#MC machine check", "#XM SIMD error", "#VE virtualisation",
	"#CP control protection",
};

BUILD_BUG_ON(sizeof(struct idt_entry) != 16);
BUILD_BUG_ON(offsetof(struct trap_frame, r11) != UREGS_r11);
BUILD_BUG_ON(offsetof(struct trap_frame, rax) != UREGS_rax);
BUILD_BUG_ON(offsetof(struct trap_frame, rcx) != UREGS_rcx);
BUILD_BUG_ON(offsetof(struct trap_frame, entry_vector) !=
	     UREGS_entry_vector);
BUILD_BUG_ON(offsetof(struct trap_frame, error_code) !=
	     UREGS_error_code);
BUILD_BUG_ON(offsetof(struct trap_frame, rip) != UREGS_rip);
BUILD_BUG_ON(offsetof(struct trap_frame, ss) != UREGS_ss);
BUILD_BUG_ON(sizeof(struct trap_frame) != UREGS_size);
BUILD_BUG_ON(offsetof(struct cpu_info, syscall_rsp) != CPUINFO_syscall_rsp);
BUILD_BUG_ON(offsetof(struct cpu_info, stack_top) != CPUINFO_stack_top);
BUILD_BUG_ON(sizeof(struct cpu_info) != CPUINFO_size);
BUILD_BUG_ON(sizeof(struct cpu_info) > CPUINFO_RESERVED);

static void set_gate(unsigned int vec, unsigned int ist, unsigned int dpl)
{
	uint64_t addr = (uint64_t)idt_stubs + vec * 16;

	idt[vec] = (struct idt_entry){
		.offset_lo = addr & 0xffff,
		.selector = HV_CS,
		.ist = ist,
		.type = 0x8e | (dpl << 5),	/* present interrupt gate */
		.offset_mid = (addr >> 16) & 0xffff,
		.offset_hi = addr >> 32,
	};
}

void idt_init(void)
{
	for (unsigned int v = 0; v < 256; v++)
		set_gate(v, 0, 0);
	/* int3 and into from guests arrive as #BP and #OF themselves. */
	set_gate(3, 0, 3);
	set_gate(4, 0, 3);
	set_gate(2, IST_NMI, 0);
	set_gate(8, IST_DF, 0);
	set_gate(18, IST_MCE, 0);
}

void idt_load(void)
{
	struct __packed {
		uint16_t	limit;
		uint64_t	base;
	} ptr = { sizeof(idt) - 1, (uint64_t)idt };

	__asm__ __volatile__("lidt %0" : : "m" (ptr));
}

static bool fixup_exception(struct trap_frame *regs)
{
	for (const struct extable_entry *e = __start_ex_table;
	     e < __stop_ex_table; e++) {
		uint64_t insn = (uint64_t)&e->insn + e->insn;

		if (insn == regs->rip) {
			regs->rip = (uint64_t)&e->fixup + e->fixup;
			return true;
		}
	}
	return false;
}

static void print_symbol(const char *prefix, uint64_t addr)
{
	uint64_t off;
	const char *name = symbols_lookup(addr, &off);

	if (name)
		printk(KERN_ERR "%s%016lx <%s+0x%lx>\n", prefix, addr, name,
		       off);
	else
		printk(KERN_ERR "%s%016lx\n", prefix, addr);
}

/* Walks the frame-pointer chain while it stays inside this CPU's stack. */
static void show_stack_trace(const struct trap_frame *regs)
{
	uint64_t top = (uint64_t)get_cpu_info() + CPUINFO_RESERVED;
	uint64_t bottom = top - STACK_SIZE;
	uint64_t fp = regs->rbp;

	printk(KERN_ERR "Stack trace:\n");
	print_symbol("  ", regs->rip);
	for (unsigned int depth = 0; depth < 32; depth++) {
		uint64_t *frame = (uint64_t *)fp;

		if (fp < bottom || fp > top - 16 || !IS_ALIGNED(fp, 8))
			break;
		if (frame[1] == 0)
			break;
		print_symbol("  ", frame[1]);
		if (frame[0] <= fp)
			break;
		fp = frame[0];
	}
}

static void show_registers(const struct trap_frame *r)
{
	printk(KERN_ERR "RIP: %04lx:%016lx  RFLAGS: %016lx\n", r->cs, r->rip,
	       r->rflags);
	printk(KERN_ERR "RAX: %016lx  RBX: %016lx  RCX: %016lx\n", r->rax,
	       r->rbx, r->rcx);
	printk(KERN_ERR "RDX: %016lx  RSI: %016lx  RDI: %016lx\n", r->rdx,
	       r->rsi, r->rdi);
	printk(KERN_ERR "RBP: %016lx  RSP: %016lx  SS: %04lx\n", r->rbp,
	       r->rsp, r->ss);
	printk(KERN_ERR "R8:  %016lx  R9:  %016lx  R10: %016lx\n", r->r8,
	       r->r9, r->r10);
	printk(KERN_ERR "R11: %016lx  R12: %016lx  R13: %016lx\n", r->r11,
	       r->r12, r->r13);
	printk(KERN_ERR "R14: %016lx  R15: %016lx\n", r->r14, r->r15);
	printk(KERN_ERR "CR0: %016lx  CR3: %016lx  CR4: %016lx\n",
	       read_cr0(), read_cr3(), read_cr4());
}

static __noreturn void fatal_trap(struct trap_frame *regs)
{
	unsigned int vec = regs->entry_vector;

	console_force_unlock();
	printk(KERN_ERR "FATAL TRAP on CPU%u: vector %u (%s), error code "
	       "0x%lx\n", smp_processor_id(), vec,
	       vec < 32 && trap_names[vec] ? trap_names[vec] : "?",
	       regs->error_code);
	if (vec == 14)
		printk(KERN_ERR "Faulting address (CR2): %016lx\n",
		       read_cr2());
	show_registers(regs);
	show_stack_trace(regs);
	cpu_stop("fatal trap");
}

extern const char iret_insn[], iret_fault_fixup[];

/*
 * The return to a guest faulted on its iretq: the guest frame is the one
 * at the faulting rsp. Copy the guest's registers (which the fault frame
 * saved) back over it, since the CPU's push of this fault frame went
 * over part of it, and resume at the fixup, which hands it to the guest.
 */
static bool guest_iret_fault(struct trap_frame *regs)
{
	struct trap_frame *g = &get_cpu_info()->guest_regs;

	if (regs->rip != (uint64_t)iret_insn ||
	    regs->rsp != (uint64_t)&g->rip || (g->cs & 3) != 3)
		return false;
	memcpy(g, regs, offsetof(struct trap_frame, entry_vector));
	regs->rip = (uint64_t)iret_fault_fixup;
	return true;
}

void do_trap(struct trap_frame *regs);
void do_trap(struct trap_frame *regs)
{
	unsigned int vec = regs->entry_vector;
	bool from_guest = (regs->cs & 3) != 0;

	if (vec >= 32) {
		apic_interrupt(vec);
		if (from_guest)
			exit_to_guest();
		return;
	}
	if (from_guest) {
		uint64_t cr2 = vec == 14 ? read_cr2() : 0;

		guest_trap(current_vcpu(), regs, vec, cr2);
		exit_to_guest();
		return;
	}
	if ((vec == 14 || vec == 13) && fixup_exception(regs))
		return;
	if (guest_iret_fault(regs))
		return;
	/* A guest's data breakpoint hit by our copy of its memory. */
	if (vec == 1) {
		__asm__ __volatile__("mov %0, %%db6" : : "r" (0xffff0ff0UL));
		return;
	}
	fatal_trap(regs);
}

const char *trap_name(unsigned int vec)
{
	return vec < 32 && trap_names[vec] ? trap_names[vec] : "interrupt";
}
