/* SPDX-License-Identifier: MIT */
/* Kernel-wide state and entry points of the PV guest kernel. */
#ifndef GUEST_GUEST_H
#define GUEST_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <public/xen.h>

/* Set once at entry, read-only afterwards. */
extern const struct start_info *start_info;
/* "dom0" for the initial domain, "domU" otherwise: prefix of our lines. */
extern const char *guest_name;

/* C entry from head.S, on our own stack; never returns. */
void guest_start(struct start_info *si) __attribute__((noreturn));

/* Name of a Xen errno given as a hypercall result (-22 → "EINVAL"). */
const char *xen_strerror(long rc);

/* Copies the value of word key=VALUE in cmdline into buf; false if absent. */
bool cmdline_get(const char *cmdline, const char *key, char *buf,
		 size_t size);

/* Prints start_info, one "start_info: field=value" line per field. */
void start_info_print(const struct start_info *si);
/* Prints what xen_version reports, one "xen_version: ..." line each. */
void xen_info_print(void);

/* Asks the hypervisor to shut us down with SHUTDOWN_*; never returns. */
void guest_shutdown(unsigned int reason, const char *what)
	__attribute__((noreturn));

/* Checks hypercalls' results and errors; prints a line per case. */
void abitest_run(void);
/* The same for the PV memory and CPU interfaces (abimm.c, abicpu.c). */
void abimm_run(void);
/* Hostile requests that the hypervisor must refuse (hostile.c). */
void hostile_run(void);
/*
 * An unprivileged domain's attacks on the control interfaces and the
 * other domains (hostile_domu.c); shuts the domain down (poweroff when
 * all were refused as on Xen) and never returns, except in dom0.
 */
void hostile_domu_run(void);
/* The credit scheduler seen through domctl/sysctl (schedfair.c). */
void schedfair_run(void);
/* A CPU-bound loop for scheduler tests; never returns. */
void spin_forever(void) __attribute__((noreturn));

/* Runs the commands in a script (untrusted text), echoing each one. */
void shell_run_script(const char *text, size_t len);
/* Runs one command line; the line may be modified. */
void shell_run(char *line);
/* Prompts and runs commands read from the console, forever. */
void shell_loop(void) __attribute__((noreturn));

#endif
