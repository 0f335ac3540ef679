/* SPDX-License-Identifier: MIT */
/*
 * Guest entries into the hypervisor: hypercalls by SYSCALL, and traps.
 * Guests cannot register trap handlers yet (set_trap_table comes with
 * the memory and CPU virtualisation work), so any exception in a guest
 * crashes its domain, with the trap, the address and the fault address
 * in the log.
 */
#include <asm/cpu.h>
#include <hv/console.h>
#include <hv/hypercall.h>

void do_syscall(struct trap_frame *regs);
void do_syscall(struct trap_frame *regs)
{
	struct vcpu *v = current_vcpu();
	const uint64_t args[5] = {
		regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8,
	};

	if (!v->arch.in_kernel) {
		domain_crash(v->domain, "system call from guest user mode "
			     "without a syscall callback");
		return;
	}
	regs->rax = hypercall_dispatch(v, regs->rax, args);
}

void guest_trap(struct vcpu *v, struct trap_frame *regs, unsigned int vec,
		uint64_t cr2)
{
	char why[160];

	snprintf(why, sizeof(why), "unhandled %s in guest at %04lx:%lx, "
		 "error code %#lx, cr2 %#lx (no trap table)", trap_name(vec),
		 regs->cs, regs->rip, regs->error_code, cr2);
	domain_crash(v->domain, why);
}
