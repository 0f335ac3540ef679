/* SPDX-License-Identifier: MIT */
/*
 * Hypercall wrappers: a call into slot N of the hypercall page, which the
 * hypervisor filled before we started (ELF note HYPERCALL_PAGE). Arguments
 * go in rdi, rsi, rdx, r10, r8; the result comes back in rax, negative
 * for a -XEN_E* error. The hypervisor may clobber the argument registers;
 * the stub saves rcx and r11 around its syscall, but we do not count on it.
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <stdint.h>
#include <public/xen.h>

/* Filled by the hypervisor: 128 slots of 32 bytes, see head.S. */
extern char hypercall_page[4096];

/* nr must be a compile-time constant: it selects the slot. */
static inline __attribute__((always_inline)) long
hypercall5(unsigned int nr, uint64_t a1, uint64_t a2, uint64_t a3,
	   uint64_t a4, uint64_t a5)
{
	register uint64_t r10 __asm__("r10") = a4;
	register uint64_t r8 __asm__("r8") = a5;
	long ret;

	__asm__ volatile("call hypercall_page + %c[slot]"
			 : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
			   "+r" (r10), "+r" (r8)
			 : [slot] "i" (nr * 32)
			 : "memory", "cc", "rcx", "r9", "r11");
	return ret;
}

static inline long hypercall_console_io(int cmd, unsigned int count,
					void *buf)
{
	return hypercall5(__HYPERVISOR_console_io, cmd, count,
			  (uintptr_t)buf, 0, 0);
}

static inline long hypercall_sched_op(int cmd, void *arg)
{
	return hypercall5(__HYPERVISOR_sched_op, cmd, (uintptr_t)arg, 0, 0, 0);
}

static inline long hypercall_xen_version(int cmd, void *arg)
{
	return hypercall5(__HYPERVISOR_xen_version, cmd, (uintptr_t)arg,
			  0, 0, 0);
}

static inline long hypercall_set_trap_table(const void *table)
{
	return hypercall5(__HYPERVISOR_set_trap_table, (uintptr_t)table, 0, 0,
			  0, 0);
}

static inline long hypercall_mmu_update(const void *req, unsigned int count,
					unsigned int *done, unsigned int dom)
{
	return hypercall5(__HYPERVISOR_mmu_update, (uintptr_t)req, count,
			  (uintptr_t)done, dom, 0);
}

static inline long hypercall_set_gdt(const void *frames, unsigned int n)
{
	return hypercall5(__HYPERVISOR_set_gdt, (uintptr_t)frames, n, 0, 0, 0);
}

static inline long hypercall_stack_switch(uint64_t ss, uint64_t sp)
{
	return hypercall5(__HYPERVISOR_stack_switch, ss, sp, 0, 0, 0);
}

static inline long hypercall_set_callbacks(uint64_t event, uint64_t failsafe,
					   uint64_t syscall)
{
	return hypercall5(__HYPERVISOR_set_callbacks, event, failsafe, syscall,
			  0, 0);
}

static inline long hypercall_fpu_taskswitch(int set)
{
	return hypercall5(__HYPERVISOR_fpu_taskswitch, set, 0, 0, 0, 0);
}

static inline long hypercall_set_debugreg(int reg, uint64_t val)
{
	return hypercall5(__HYPERVISOR_set_debugreg, reg, val, 0, 0, 0);
}

static inline long hypercall_get_debugreg(int reg)
{
	return hypercall5(__HYPERVISOR_get_debugreg, reg, 0, 0, 0, 0);
}

static inline long hypercall_update_descriptor(uint64_t ma, uint64_t desc)
{
	return hypercall5(__HYPERVISOR_update_descriptor, ma, desc, 0, 0, 0);
}

static inline long hypercall_memory_op(unsigned int cmd, void *arg)
{
	return hypercall5(__HYPERVISOR_memory_op, cmd, (uintptr_t)arg, 0, 0, 0);
}

static inline long hypercall_multicall(void *calls, unsigned int n)
{
	return hypercall5(__HYPERVISOR_multicall, (uintptr_t)calls, n, 0, 0, 0);
}

static inline long hypercall_update_va_mapping(uint64_t va, uint64_t pte,
					       uint64_t flags)
{
	return hypercall5(__HYPERVISOR_update_va_mapping, va, pte, flags, 0, 0);
}

static inline long hypercall_vm_assist(unsigned int cmd, unsigned int type)
{
	return hypercall5(__HYPERVISOR_vm_assist, cmd, type, 0, 0, 0);
}

static inline long hypercall_update_va_mapping_otherdomain(uint64_t va,
		uint64_t pte, uint64_t flags, unsigned int dom)
{
	return hypercall5(__HYPERVISOR_update_va_mapping_otherdomain, va, pte,
			  flags, dom, 0);
}

static inline long hypercall_set_segment_base(unsigned int which,
					      uint64_t base)
{
	return hypercall5(__HYPERVISOR_set_segment_base, which, base, 0, 0, 0);
}

static inline long hypercall_mmuext_op(const void *ops, unsigned int count,
				       unsigned int *done, unsigned int dom)
{
	return hypercall5(__HYPERVISOR_mmuext_op, (uintptr_t)ops, count,
			  (uintptr_t)done, dom, 0);
}

static inline long hypercall_callback_op(int cmd, const void *arg)
{
	return hypercall5(__HYPERVISOR_callback_op, cmd, (uintptr_t)arg, 0, 0,
			  0);
}

static inline long hypercall_physdev_op(int cmd, void *arg)
{
	return hypercall5(__HYPERVISOR_physdev_op, cmd, (uintptr_t)arg, 0, 0,
			  0);
}

#endif
