/* SPDX-License-Identifier: MIT */
/*
 * Hypercall handlers, one do_<name>() per Xen hypercall, called with the
 * guest's arguments as Xen passes them (rdi, rsi, rdx, r10, r8). Each
 * returns >= 0 or a negative Xen errno; docs/hypercalls.md lists them.
 * Arguments are guest-controlled.
 */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H

#include <hv/domain.h>

long do_console_io(unsigned int cmd, unsigned int count, uint64_t buf);
long do_xen_version(unsigned int cmd, uint64_t arg);
long do_sched_op(unsigned int cmd, uint64_t arg);
long do_mmu_update(uint64_t ureqs, unsigned int count, uint64_t pdone,
		   unsigned int foreigndom);
long do_mmuext_op(uint64_t uops, unsigned int count, uint64_t pdone,
		  unsigned int foreigndom);
long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags);
long do_update_va_mapping_otherdomain(uint64_t va, uint64_t val,
				      uint64_t flags, unsigned int domid);
long do_memory_op(uint64_t cmd, uint64_t arg);
long do_multicall(uint64_t call_list, unsigned int nr_calls);
long do_set_trap_table(uint64_t traps);
long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall);
long do_callback_op(unsigned int cmd, uint64_t arg);
long do_stack_switch(uint64_t ss, uint64_t sp);
long do_set_segment_base(unsigned int which, uint64_t base);
long do_fpu_taskswitch(int set);
long do_set_debugreg(unsigned int reg, uint64_t value);
long do_get_debugreg(unsigned int reg);
long do_vm_assist(unsigned int cmd, unsigned int type);
long do_iret(void);
long do_set_gdt(uint64_t frame_list, unsigned int entries);
long do_update_descriptor(uint64_t ma, uint64_t desc);
long do_physdev_op(unsigned int cmd, uint64_t arg);
long do_vcpu_op(unsigned int cmd, unsigned int vcpuid, uint64_t arg);
long do_set_timer_op(uint64_t timeout);

/* VCPUOP_initialise: the arch part (vcpu_context.c). */
long arch_vcpu_initialise(struct vcpu *v, uint64_t arg);
long do_event_channel_op(unsigned int cmd, uint64_t arg);
long do_domctl(uint64_t arg);

/*
 * -ENOSYS for sub-op op of hypercall hc ("domctl"), logged once per op
 * below nr (a bit each in logged, nr / 64 words; a race only logs twice),
 * rate-limited above.
 */
long subop_enosys(const char *hc, uint64_t *logged, unsigned int nr,
		  uint32_t op);
long do_sysctl(uint64_t arg);

/*
 * Dispatches hypercall nr for v with args[0..4]: the only place a number
 * becomes a call. Unknown or unimplemented numbers give -ENOSYS, logged
 * once per domain and number.
 */
long hypercall_dispatch(struct vcpu *v, uint64_t nr, const uint64_t args[5]);

/* Xen's version numbers that Shoji reports: its ABI is 4.17's. */
#define SHOJI_XEN_MAJOR		4
#define SHOJI_XEN_MINOR		17

#endif
