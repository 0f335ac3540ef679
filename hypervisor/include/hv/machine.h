/* SPDX-License-Identifier: MIT */
/*
 * Leaving the machine: power off, reboot, halt, or stop one CPU. Under
 * QEMU (detected by its CPUID signature) every exit goes out through the
 * isa-debug-exit device at port 0xf4, so a test sees one status per
 * cause; QEMU exits with (code << 1) | 1. docs/boot-params.md lists them.
 */
#ifndef HV_MACHINE_H
#define HV_MACHINE_H

#include <hv/lib.h>

enum machine_exit_code {
	EXIT_POWEROFF = 0x10,	/* dom0 powered off: QEMU status 33 */
	EXIT_REBOOT = 0x11,	/* dom0 rebooted: 35 */
	EXIT_DOM0_CRASH = 0x12,	/* dom0 crashed: 37 */
	EXIT_SUSPEND = 0x13,	/* dom0 asked to suspend: 39 */
	EXIT_BOOT_FAILED = 0x1e,	/* no usable dom0: 61 */
	EXIT_PANIC = 0x1f,	/* hypervisor panic or fatal trap: 63 */
};

bool running_under_qemu(void);

/* Powers off, reboots or halts as code says; never returns. */
__noreturn void machine_exit(enum machine_exit_code code);

/* Stops this CPU for good; the whole machine if it is the only one. */
__noreturn void cpu_stop(const char *why);

#endif
