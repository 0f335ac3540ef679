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

#endif
