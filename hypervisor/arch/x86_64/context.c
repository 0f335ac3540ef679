/* SPDX-License-Identifier: MIT */
/*
 * Switching a CPU between vCPUs. A running vCPU's registers live in the
 * CPU's cpu_info.guest_regs (every guest entry saves them there); on a
 * switch they move to the vCPU's arch.regs and the next vCPU's come in,
 * with its page table, FS/GS bases, FPU/SSE state (FXSAVE, always saved
 * and restored), virtual CR0.TS, debug registers, and a fresh
 * vcpu_time_info. The stack is then reset to the top and the CPU either
 * resumes the guest through the exit path or runs the idle loop: nothing
 * of the old stack survives a switch.
 */
#include <asm/cpu.h>
#include <asm/mm.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <hv/domain.h>
#include <hv/sched.h>
#include <hv/time.h>
#include <hv/vcpu.h>
#include <public/xen.h>


extern uint64_t idle_cr3;
extern void resume_guest(struct trap_frame *regs) __noreturn;
static uint8_t fpu_init_state[512] __aligned(16);

static void fxsave(void *area)
{
	__asm__ __volatile__("fxsaveq (%0)" : : "r" (area) : "memory");
}

static void fxrstor(const void *area)
{
	__asm__ __volatile__("fxrstorq (%0)" : : "r" (area) : "memory");
}

/* The state a new vCPU's FPU starts in: after fninit, default MXCSR. */
void fpu_init_template(void)
{
	uint32_t mxcsr = 0x1f80;

	write_cr0(read_cr0() & ~X86_CR0_TS);
	__asm__ __volatile__("fninit; ldmxcsr %0" : : "m" (mxcsr));
	fxsave(fpu_init_state);
}

void arch_vcpu_fpu_init(struct vcpu *v)
{
	memcpy(v->arch.fpu, fpu_init_state, sizeof(v->arch.fpu));
}

void arch_update_vcpu_time(struct vcpu *v)
{
	struct vcpu_time_info *t = &vcpu_info(v)->time;
	uint64_t tsc = rdtsc();

	WRITE_ONCE(t->version, t->version | 1);	/* odd: updating */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	t->tsc_timestamp = tsc;
	t->system_time = tsc_to_ns(tsc);
	t->tsc_to_system_mul = tsc_to_system_mul;
	t->tsc_shift = tsc_shift;
	t->flags = XEN_PVCLOCK_TSC_STABLE_BIT;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	WRITE_ONCE(t->version, t->version + 1);		/* even: stable */
	pv_time_area_update(v, t);
}

static void save_vcpu(struct vcpu *v, struct cpu_info *ci)
{
	struct arch_vcpu *a = &v->arch;

	a->regs = ci->guest_regs;
	a->fs_base = rdmsr(MSR_FS_BASE);
	if (a->in_kernel)
		a->gs_base_kernel = rdmsr(MSR_GS_BASE);
	else
		a->gs_base_user = rdmsr(MSR_GS_BASE);
	write_cr0(read_cr0() & ~X86_CR0_TS);
	fxsave(a->fpu);
}

static void load_vcpu(struct vcpu *v, struct cpu_info *ci)
{
	struct arch_vcpu *a = &v->arch;

	ci->guest_regs = a->regs;
	/* A full flush: guest user entries are global. */
	write_cr3(a->in_kernel ? a->cr3 : a->cr3_user);
	mm_flush_tlb_local();
	wrmsr(MSR_FS_BASE, a->fs_base);
	wrmsr(MSR_GS_BASE, a->in_kernel ? a->gs_base_kernel :
			   a->gs_base_user);
	write_cr0(read_cr0() & ~X86_CR0_TS);
	fxrstor(a->fpu);
	if (a->virt_ts)
		write_cr0(read_cr0() | X86_CR0_TS);
	arch_load_debugregs(v);
	arch_load_gdt(v);
	arch_update_vcpu_time(v);
}

void arch_context_switch(struct vcpu *prev, struct vcpu *next)
{
	struct cpu_info *ci = get_cpu_info();

	/* Each runstate copy goes through its own vCPU's page table. */
	if (!is_idle_vcpu(prev)) {
		save_vcpu(prev, ci);
		prev->arch.runstate_retry = !vcpu_runstate_area_update(prev) &&
					    !prev->arch.in_kernel;
	}
	if (!is_idle_vcpu(next)) {
		load_vcpu(next, ci);
		next->arch.runstate_retry = !vcpu_runstate_area_update(next) &&
					    !next->arch.in_kernel;
	} else
		write_cr3(idle_cr3);
	if (is_idle_vcpu(next))
		arch_load_gdt(NULL);
	if (is_idle_vcpu(next) && !is_idle_vcpu(prev))
		mm_flush_tlb_local();
	ci->current = next;
}

/* Runs the exit path for the vCPU now loaded, then enters it. */
static __noreturn void guest_resume(void)
{
	exit_to_guest();
	resume_guest(&get_cpu_info()->guest_regs);
}

__noreturn void arch_continue_running(struct vcpu *next)
{
	struct cpu_info *ci = get_cpu_info();
	void (*fn)(void) = is_idle_vcpu(next) ? sched_start_idle :
			   guest_resume;

	/* Reset the stack to just below cpu_info and start afresh. */
	__asm__ __volatile__("movq %0, %%rsp\n\t"
			     "call *%1\n\t"
			     "ud2"
			     : : "r" (&ci->guest_regs), "r" (fn) : "memory");
	__builtin_unreachable();
}

void arch_idle_wait(void)
{
	__asm__ __volatile__("sti; hlt; cli" ::: "memory");
}

bool arch_deliver_upcall(struct vcpu *v)
{
	struct vcpu_info *vi;
	const struct pv_callback *cb;

	if (v == NULL || is_idle_vcpu(v))
		return false;
	/* Checked here: a call on every exit would cost the hypercall path. */
	if (__builtin_expect(READ_ONCE(v->arch.nmi_pending), 0))
		pv_deliver_nmi(v, &get_cpu_info()->guest_regs);
	vi = vcpu_info(v);
	cb = &v->arch.event_cb;
	if (!READ_ONCE(vi->evtchn_upcall_pending) ||
	    READ_ONCE(vi->evtchn_upcall_mask) || cb->address == 0)
		return false;
	return pv_bounce(v, &get_cpu_info()->guest_regs, cb->address,
			 TRAP_NO_ERROR, true) == 0;
}
