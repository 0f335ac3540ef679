/* SPDX-License-Identifier: MIT */
/*
 * The shell: one command per line, from the boot script or the console.
 * Script lines are echoed as "<name># <cmd>", as if typed at the prompt,
 * so a log reads the same either way. Blank lines and lines starting
 * with '#' are skipped.
 */
#include <stdlib.h>
#include <string.h>
#include <public/sched.h>
#include <guest/bench.h>
#include <guest/console.h>
#include <guest/control.h>
#include <guest/events.h>
#include <guest/gnttab.h>
#include <guest/guest.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/smpevents.h>
#include <guest/thread.h>
#include <guest/traps.h>
#include <guest/user.h>

#define LINE_MAX	256

struct command {
	const char	*name;
	const char	*help;
	void		(*run)(const char *args);
};

static void cmd_help(const char *args);

static void cmd_info(const char *args)
{
	start_info_print(start_info);
	xen_info_print();
}

static void cmd_echo(const char *args)
{
	printk("%s\n", args);
}

static void cmd_poweroff(const char *args)
{
	guest_shutdown(SHUTDOWN_poweroff, "poweroff");
}

static void cmd_reboot(const char *args)
{
	guest_shutdown(SHUTDOWN_reboot, "reboot");
}

static void cmd_crash(const char *args)
{
	guest_shutdown(SHUTDOWN_crash, "crash");
}

static void cmd_abitest(const char *args)
{
	abitest_run();
}

/*
 * The commands below need the kernel's own page tables, trap table and
 * callbacks; mm_setup() builds them on first use (not at boot, so that a
 * hypervisor without the PV memory interfaces still runs the others).
 */
static bool mm_ok(void)
{
	int rc = mm_setup();

	if (rc < 0)
		printk("%s: mm: setup failed: %d (%s)\n", guest_name, rc,
		       xen_strerror(rc));
	return rc == 0;
}

static void cmd_mm(const char *args)
{
	if (mm_ok())
		mm_print();
}

static void cmd_pf(const char *args)
{
	if (mm_ok())
		traps_pf_demo();
}

static void cmd_threads(const char *args)
{
	if (mm_ok())
		threads_demo();
}

static void cmd_usermode(const char *args)
{
	if (mm_ok())
		user_demo();
}

static void cmd_abimm(const char *args)
{
	if (mm_ok())
		abimm_run();
}

static void cmd_hostile(const char *args)
{
	if (mm_ok())
		hostile_run();
}

static void cmd_hostiledomu(const char *args)
{
	if (mm_ok())
		hostile_domu_run();
}

static void cmd_schedfair(const char *args)
{
	if (mm_ok())
		schedfair_run();
}

static void cmd_domains(const char *args)
{
	domains_list();
}

static void cmd_sleep(const char *args)
{
	if (mm_ok())
		time_sleep_until(time_now() +
				 strtoul(args, NULL, 10) * 1000000ULL);
}

static void cmd_gnttab(const char *args)
{
	if (mm_ok())
		gnttab_run();
}

static void cmd_grantpeer(const char *args)
{
	if (mm_ok())
		grantpeer_run();
}

static void cmd_grantdomu(const char *args)
{
	if (mm_ok())
		grantdomu_run();
}

static void cmd_spin(const char *args)
{
	spin_forever();
}

static const struct command commands[] = {
	{ "help",	"list the commands",			cmd_help },
	{ "info",	"start_info and xen_version results",	cmd_info },
	{ "echo",	"echo TEXT: print TEXT",		cmd_echo },
	{ "poweroff",	"shut the domain down (poweroff)",	cmd_poweroff },
	{ "reboot",	"shut the domain down (reboot)",	cmd_reboot },
	{ "crash",	"shut the domain down (crash)",		cmd_crash },
	{ "abitest",	"check hypercall results and errors",	cmd_abitest },
	{ "mm",		"own page tables, traps; memory summary", cmd_mm },
	{ "pf",		"take page faults on purpose, recover",	cmd_pf },
	{ "threads",	"run three cooperative threads",	cmd_threads },
	{ "usermode",	"run a program in guest user mode",	cmd_usermode },
	{ "abimm",	"check the PV memory and CPU hypercalls", cmd_abimm },
	{ "hostile",	"attack the hypervisor's memory checks", cmd_hostile },
	{ "hostiledomu", "as a domU: attack dom0 and the control interfaces",
	  cmd_hostiledomu },
	{ "bench",	"time hypercalls, faults, syscalls",	bench_run },
	{ "smpevents",	"check vCPUs, IPIs, timers, block, poll", smpevents_run },
	{ "schedfair",	"check weights, caps, pinning on d1-d4", cmd_schedfair },
	{ "spin",	"loop on the CPU forever",		cmd_spin },
	{ "gnttab",	"check grant setup, query and copy (self)", cmd_gnttab },
	{ "grantpeer",	"copy through d1's grants (with grantdomu)",
	  cmd_grantpeer },
	{ "grantdomu",	"as d1: grant pages to dom0, wait for its copy",
	  cmd_grantdomu },
	{ "domains",	"list the domains (like xl list)",	cmd_domains },
	{ "dmesg",	"dmesg [-c]: the hypervisor's log (like xl dmesg)", dmesg },
	{ "sleep",	"sleep MS: wait MS milliseconds",	cmd_sleep },
};

#define NR_COMMANDS	(sizeof(commands) / sizeof(commands[0]))

static void cmd_help(const char *args)
{
	for (size_t i = 0; i < NR_COMMANDS; i++)
		printk("  %-10s %s\n", commands[i].name, commands[i].help);
}

void shell_run(char *line)
{
	char *args;

	while (*line == ' ' || *line == '\t')
		line++;
	if (*line == '\0' || *line == '#')
		return;
	args = line;
	while (*args && *args != ' ' && *args != '\t')
		args++;
	if (*args)
		*args++ = '\0';
	while (*args == ' ' || *args == '\t')
		args++;

	for (size_t i = 0; i < NR_COMMANDS; i++) {
		if (strcmp(line, commands[i].name) == 0) {
			commands[i].run(args);
			return;
		}
	}
	printk("%s: unknown command '%s'\n", guest_name, line);
}

/* Whether a line holds a command: not blank, not a comment. */
static bool is_command(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	return *line != '\0' && *line != '#';
}

void shell_run_script(const char *text, size_t len)
{
	char line[LINE_MAX];
	size_t pos = 0, n;

	while (pos < len) {
		for (n = 0; pos + n < len && text[pos + n] != '\n'; n++)
			;
		if (n >= sizeof(line)) {
			printk("%s: script line too long (%zu bytes), skipped\n",
			       guest_name, n);
		} else {
			memcpy(line, text + pos, n);
			line[n] = '\0';
			if (n && line[n - 1] == '\r')
				line[n - 1] = '\0';
			if (is_command(line)) {
				printk("%s# %s\n", guest_name, line);
				shell_run(line);
			}
		}
		pos += n + 1;
	}
}

void shell_loop(void)
{
	char line[LINE_MAX];

	/* shared_info mapped: waiting for input can sleep (console.c). */
	mm_setup();
	for (;;) {
		printk("%s# ", guest_name);
		console_readline(line, sizeof(line));
		shell_run(line);
	}
}
