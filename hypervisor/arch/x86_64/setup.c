/* SPDX-License-Identifier: MIT */
/*
 * The boot CPU's path from boot.S to dom0: parse the multiboot2
 * information and the command line, bring up the console, set up memory
 * (final page tables, frame table, M2P, heap), the CPU tables, ACPI, time
 * and the local APIC, then build dom0 from module 1 (with module 2 as
 * its initrd) and run it. If dom0 cannot be built the machine halts
 * cleanly after saying why.
 */
#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <hv/acpi.h>
#include <hv/arch_pv.h>
#include <hv/cmdline.h>
#include <hv/console.h>
#include <hv/dom0_build.h>
#include <hv/machine.h>
#include <hv/mb2.h>
#include <hv/mm.h>
#include <hv/sched.h>
#include <hv/smp.h>
#include <hv/time.h>
#include <hv/timer.h>
#include <hv/version.h>

#define LOW_RESERVED	(1UL << 20)	/* BIOS, real-mode structures */
#define MBI_MAX		(16UL << 20)

extern const char _start[], _end[], boot_stack[];
void start_shoji(uint64_t mbi_pa);

unsigned int nr_cpus_found = 1;
const char *hv_cmdline = "";
static struct boot_info bi;
static struct boot_params params;
static struct memrange_set free_ram;
/* dom0 gets a vCPU per online CPU (at most 32, the shared_info slots). */
static struct vcpu dom0_vcpus[32];
static bool cpuid_faulting_on;
static struct domain dom0 = {
	.domain_id = 0, .is_privileged = true,
	.shutdown_code = DOMAIN_SHUTDOWN_NONE,
};

static void warn_option(const char *msg, const char *opt)
{
	printk(KERN_WARN "cmdline: '%s': %s\n", opt, msg);
}

static void ignore_option(const char *msg, const char *opt)
{
	(void)msg;
	(void)opt;
}

static __noreturn void boot_failed(const char *why)
{
	printk(KERN_ERR "Shoji: cannot start dom0: %s\n", why);
	printk(KERN_ERR "Shoji: boot failed, halting the machine\n");
	machine_exit(EXIT_BOOT_FAILED);
}

static void parse_boot_info(uint64_t mbi_pa)
{
	const void *mbi = maddr_to_virt(mbi_pa);
	uint32_t size = mb2_total_size(mbi);
	const char *why;

	if (mb2_parse(mbi, MIN((uint64_t)size, MBI_MAX), &bi, &why)) {
		/* No console configuration yet: use the defaults. */
		cmdline_parse("", &params, ignore_option);
		serial_init(&params.com1);
		panic("multiboot2 information unusable: %s", why);
	}
	hv_cmdline = bi.cmdline;
	cmdline_parse(bi.cmdline, &params, ignore_option);
	if (params.console_com1)
		serial_init(&params.com1);
	console_set_loglevel(params.loglvl);
	printk("Shoji %s, a Xen-compatible PV hypervisor (x86-64)\n",
	       shoji_version);
	printk("Command line: %s\n", bi.cmdline);
	cmdline_parse(bi.cmdline, &params, warn_option);
	printk("Boot loader: %s; %u module(s)\n", bi.loader_name,
	       bi.nr_modules);
	if (bi.nr_ignored)
		printk(KERN_WARN "mb2: %u module(s) or memory map entries "
		       "over the limits ignored\n", bi.nr_ignored);
	for (unsigned int i = 0; i < bi.nr_modules; i++)
		printk("  module %u: %#010lx-%#010lx '%s'\n", i,
		       bi.modules[i].start, bi.modules[i].end,
		       bi.modules[i].string);
	/* The mbi itself must survive until dom0 is built. */
	memrange_remove(&free_ram, mbi_pa, mbi_pa + size);
}

/* The memory map as XENMEM_machine_memory_map reports it. */
static void record_machine_map(void)
{
	static struct e820_entry e820[MB2_MAX_MMAP];

	for (unsigned int i = 0; i < bi.nr_mmap; i++)
		e820[i] = (struct e820_entry){ bi.mmap[i].addr, bi.mmap[i].len,
					       bi.mmap[i].type };
	mm_set_machine_map(e820, bi.nr_mmap);
}

static uint64_t memory_init(uint64_t mbi_pa)
{
	uint64_t max_addr = 0, mbi_size = mb2_total_size(maddr_to_virt(mbi_pa));

	printk("Memory map:\n");
	for (unsigned int i = 0; i < bi.nr_mmap; i++) {
		const struct mb2_mmap_entry *e = &bi.mmap[i];

		printk("  %016lx-%016lx type %u\n", e->addr, e->addr + e->len,
		       e->type);
		if (e->type != MB2_MEM_AVAILABLE || e->len == 0)
			continue;
		memrange_add(&free_ram, e->addr, e->addr + e->len);
		max_addr = MAX(max_addr, e->addr + e->len);
	}
	if (max_addr == 0)
		panic("no usable RAM in the multiboot2 memory map");
	memrange_remove(&free_ram, 0, LOW_RESERVED);
	memrange_remove(&free_ram, virt_to_maddr(_start),
			virt_to_maddr(_end));
	memrange_remove(&free_ram, mbi_pa, mbi_pa + mbi_size);
	for (unsigned int i = 0; i < bi.nr_modules; i++)
		memrange_remove(&free_ram, ROUNDDOWN(bi.modules[i].start,
						     PAGE_SIZE),
				ROUNDUP(bi.modules[i].end, PAGE_SIZE));
	mm_init(&free_ram, ROUNDDOWN(max_addr, PAGE_SIZE));
	mm_set_low_iomem(LOW_RESERVED >> PAGE_SHIFT);
	record_machine_map();
	return max_addr;
}

static const void *acpi_map(uint64_t pa, size_t len)
{
	if (pa + len < pa || pa + len > (4ULL << 30))
		return NULL;
	return maddr_to_virt(pa);
}

static struct acpi_cpu_info cpu_info_acpi;

static void cpus_init(void)
{
	struct acpi_cpu_info *info = &cpu_info_acpi;
	const void *rsdp = bi.rsdp;
	size_t len = bi.rsdp_len;

	if (rsdp == NULL) {
		rsdp = acpi_scan_rsdp(maddr_to_virt(0xe0000), 0x20000);
		len = 36;
	}
	if (acpi_find_cpus(rsdp, len, acpi_map, info) == 0) {
		nr_cpus_found = info->nr_cpus;
		printk("acpi: MADT lists %u CPU(s), %u I/O APIC(s)\n",
		       info->nr_cpus, info->nr_ioapics);
	} else {
		printk(KERN_WARN "acpi: no usable MADT; assuming 1 CPU\n");
		info->nr_cpus = 0;
	}
}

/* vCPU n of dom0 lives on CPU n; all but vCPU0 start down. */
static void dom0_vcpus_init(struct domain *d)
{
	d->max_vcpus = MIN(nr_cpus_online, ARRAY_SIZE(dom0_vcpus));
	sched_add_domain(d);
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		struct vcpu *v = &dom0_vcpus[i];

		v->vcpu_id = i;
		v->domain = d;
		d->vcpus[i] = v;
		sched_add_vcpu(v, i);
		vcpu_timers_init(v);
	}
	d->vcpu0 = d->vcpus[0];
}

/*
 * dom0 drives the machine's devices: it gets every I/O port but those the
 * hypervisor itself uses (PICs, PIT, the speaker/PIT gate, the console
 * UART, the QEMU exit port).
 */
static void dom0_io_init(struct domain *d)
{
	pv_io_grant(d, 0, 0xffff);
	pv_io_deny(d, 0x20, 0x21);
	pv_io_deny(d, 0xa0, 0xa1);
	pv_io_deny(d, 0x40, 0x43);
	pv_io_deny(d, 0x61, 0x61);
	pv_io_deny(d, 0xf4, 0xf7);
	if (params.console_com1)
		pv_io_deny(d, params.com1.port, params.com1.port + 7);
}

void cpu_features_init(void)
{
	/* FPU/SSE usable by guests; no SMAP/SMEP games yet. */
	write_cr0((read_cr0() | X86_CR0_MP | X86_CR0_NE | X86_CR0_WP) &
		  ~(X86_CR0_EM | X86_CR0_TS));
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	cpuid_faulting_on = cpuid_faulting_enable();
}

/* dom0 has its copies: the modules' frames go back to the heap. */
static void reclaim_modules(void)
{
	unsigned long before = heap_free_frames();

	/*
	 * Whole pages only (the mbi may share a module's last page); the
	 * heap skips frames it already has, should modules overlap.
	 */
	for (unsigned int i = 0; i < bi.nr_modules; i++) {
		uint64_t s = ROUNDUP(bi.modules[i].start, PAGE_SIZE);
		uint64_t e = ROUNDDOWN(bi.modules[i].end, PAGE_SIZE);

		if (s >= LOW_RESERVED && e > s)
			heap_add_range(s >> PAGE_SHIFT, e >> PAGE_SHIFT);
	}
	printk("Reclaimed %lu KiB of module memory\n",
	       (heap_free_frames() - before) * 4);
}

/* Module 1 is dom0's initrd unless it is a boot domU. */
static const struct mb2_module *dom0_initrd(void)
{
	if (bi.nr_modules > 1 && !boot_domu_module(&bi.modules[1]))
		return &bi.modules[1];
	return NULL;
}

/* Builds the boot domUs (ids 1, 2, ...); returns the last id given. */
static unsigned int build_boot_domus(void)
{
	unsigned int domid = 0;

	for (unsigned int i = 1; i < bi.nr_modules; i++)
		if (boot_domu_module(&bi.modules[i]))
			boot_domu_create(++domid, &bi.modules[i]);
	return domid;
}

void start_shoji(uint64_t mbi_pa)
{
	uint64_t max_addr;
	unsigned int nr_domus;

	parse_boot_info(mbi_pa);
	max_addr = memory_init(mbi_pa);
	cpu_tables_init(0, (void *)boot_stack, cpu_boot_gdt());
	idt_init();
	idt_load();
	cpu_features_init();
	printk("cpuid: faulting %s\n", cpuid_faulting_on ?
	       "on: guests see the PV CPUID policy" :
	       "not available: only forced-emulation cpuid is filtered");
	fpu_init_template();
	cpus_init();
	time_init();
	apic_init();
	timers_init();
	sched_init();
	sched_init_cpu(0);
	console_input_init();
	smp_boot_cpus(&cpu_info_acpi);
	printk("Shoji %s: %lu MiB of RAM (highest address %#lx), %u CPU(s) "
	       "found, %u online, %lu MiB free\n", shoji_version,
	       total_ram_frames >> 8, max_addr, nr_cpus_found,
	       nr_cpus_online, heap_free_frames() >> 8);

	if (bi.nr_modules == 0)
		boot_failed("no dom0 kernel: GRUB passed no module2");
	nr_domus = build_boot_domus();
	dom0_vcpus_init(&dom0);
	if (evtchn_domain_init(&dom0, EVTCHN_MAX_PORT_UNLIMITED))
		boot_failed("no memory for dom0's event channels");
	dom0_io_init(&dom0);
	if (dom0_build(&dom0, &bi.modules[0], dom0_initrd(), &params))
		boot_failed("the dom0 kernel could not be loaded");
	reclaim_modules();
	printk("heap: %lu frames free\n", heap_free_frames());
	printk("Starting dom0 with %u vCPU(s), vCPU0 up\n", dom0.max_vcpus);
	domain_start(&dom0);
	for (domid_t id = 1; id <= nr_domus; id++)
		if (domain_lookup(id))
			domain_start(domain_lookup(id));
	sched_start_idle();
}
