/* SPDX-License-Identifier: MIT */
/*
 * Power off, reboot and halt. Under QEMU each exit writes its code to the
 * isa-debug-exit port (0xf4) so tests can tell the causes apart; if the
 * device is absent the write does nothing and we fall back to the real
 * thing: reset through the 0xcf9 reset control and the keyboard
 * controller, or a halt (ACPI power-off needs the AML \_S5 object, which
 * Shoji does not interpret yet).
 */
#include <asm/processor.h>
#include <hv/console.h>
#include <asm/smp.h>
#include <hv/machine.h>
#include <hv/smp.h>

#define DEBUG_EXIT_PORT	0xf4

bool running_under_qemu(void)
{
	uint32_t a, b, c, d;
	char sig[13];

	cpuid(1, &a, &b, &c, &d);
	if (!(c & (1U << 31)))		/* no hypervisor present bit */
		return false;
	cpuid(0x40000000, &a, &b, &c, &d);
	memcpy(sig, &b, 4);
	memcpy(sig + 4, &c, 4);
	memcpy(sig + 8, &d, 4);
	sig[12] = '\0';
	return strcmp(sig, "TCGTCGTCGTCG") == 0 ||
	       memcmp(sig, "KVMKVMKVM", 9) == 0;
}

static __noreturn void halt_forever(void)
{
	for (;;) {
		local_irq_disable();
		halt();
	}
}

static void reset_machine(void)
{
	outb(0xcf9, 0x02);
	outb(0xcf9, 0x06);
	for (unsigned int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
		cpu_relax();
	outb(0x64, 0xfe);
}

__noreturn void machine_exit(enum machine_exit_code code)
{
	local_irq_disable();
	smp_stop_others();
	if (running_under_qemu())
		outl(DEBUG_EXIT_PORT, code);
	if (code == EXIT_REBOOT)
		reset_machine();
	printk(KERN_ERR "System halted.\n");
	halt_forever();
}

__noreturn void cpu_stop(const char *why)
{
	printk(KERN_ERR "CPU%u stopped: %s\n", smp_processor_id(), why);
	/* Nothing runs without the CPU that failed: stop the machine. */
	machine_exit(EXIT_PANIC);
}

__noreturn void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	local_irq_disable();
	console_force_unlock();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_ERR "PANIC on CPU%u: %s\n", smp_processor_id(), buf);
	cpu_stop("panic");
}
