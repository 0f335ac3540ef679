/* SPDX-License-Identifier: MIT */
/*
 * Guest debug registers (set_debugreg 8, get_debugreg 9). Breakpoint
 * addresses must be guest addresses, so no breakpoint can trap the
 * hypervisor's own code or data; DR7 may not set general detect or I/O
 * breakpoints. The values are loaded into the hardware at once (one vCPU
 * per CPU today; context switches will reload them).
 */
#include <asm/traps.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>

#define DR7_GD		(1UL << 13)
#define DR6_RESERVED	0xffff0ff0UL
#define DR7_RESERVED	0x400UL

static void write_dr(unsigned int reg, uint64_t v)
{
	switch (reg) {
	case 0:
		__asm__ __volatile__("mov %0, %%db0" : : "r" (v));
		break;
	case 1:
		__asm__ __volatile__("mov %0, %%db1" : : "r" (v));
		break;
	case 2:
		__asm__ __volatile__("mov %0, %%db2" : : "r" (v));
		break;
	case 3:
		__asm__ __volatile__("mov %0, %%db3" : : "r" (v));
		break;
	case 6:
		__asm__ __volatile__("mov %0, %%db6" : : "r" (v));
		break;
	case 7:
		__asm__ __volatile__("mov %0, %%db7" : : "r" (v));
		break;
	default:
		break;
	}
}

/* Each enabled breakpoint's R/W field (bits 16+4i) must not be 10 (I/O). */
static bool dr7_ok(uint64_t v)
{
	if (v & DR7_GD || v >> 32)
		return false;
	for (unsigned int i = 0; i < 4; i++)
		if ((v & (3UL << (2 * i))) && ((v >> (16 + 4 * i)) & 3) == 2)
			return false;
	return true;
}

long do_set_debugreg(unsigned int reg, uint64_t value)
{
	struct arch_vcpu *a = &current_vcpu()->arch;

	switch (reg) {
	case 0: case 1: case 2: case 3:
		if (!guest_range_ok(value, 8))
			return -EPERM;
		break;
	case 6:
		value = (value & ~DR6_RESERVED) | DR6_RESERVED;
		break;
	case 7:
		if (!dr7_ok(value))
			return -EPERM;
		value |= DR7_RESERVED;
		break;
	case 4:
	case 5:
		return -EINVAL;
	default:
		return -ENODEV;		/* as Xen, for DR8 and beyond */
	}
	a->dr[reg] = value;
	write_dr(reg, value);
	return 0;
}

void arch_load_debugregs(struct vcpu *v)
{
	static const unsigned int regs[] = { 0, 1, 2, 3, 6, 7 };

	for (unsigned int i = 0; i < ARRAY_SIZE(regs); i++)
		write_dr(regs[i], v->arch.dr[regs[i]] ? v->arch.dr[regs[i]] :
			 regs[i] == 6 ? DR6_RESERVED :
			 regs[i] == 7 ? DR7_RESERVED : 0);
}

long do_get_debugreg(unsigned int reg)
{
	struct arch_vcpu *a = &current_vcpu()->arch;

	if (reg > 7)
		return -ENODEV;
	if (reg == 4 || reg == 5)
		return -EINVAL;
	return (long)a->dr[reg];
}
