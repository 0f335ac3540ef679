/* SPDX-License-Identifier: MIT */
/* The `bench` command: cycle costs of the basic PV paths (bench.c). */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H

#include <stdint.h>

/*
 * The shell command `bench [N]`: runs the PV setup (mm_setup()) if it
 * has not run yet, then times each path BENCH_RUNS times over N
 * operations (default 1000) and prints one "bench: ..." line
 * per metric. Failures are printed; the kernel goes on.
 */
void bench_run(const char *args);

#define BENCH_RUNS	9

/* Sorts runs[BENCH_RUNS] (cycles) and prints "bench: name cycles=...". */
void bench_report(const char *name, uint64_t *runs, uint64_t ops);
/* The TSC's kHz from vcpu_time_info (0 if unknown), set by bench_run(). */
extern uint64_t bench_tsc_khz_value;
/* The metrics between vCPUs (bench_smp.c), n operations per run. */
void bench_smp_run(unsigned long n);
/* Brings the vCPUs up (smp_init()) ahead of bench_smp_run(). */
void bench_smp_setup(void);
/* Grant copy and map/unmap (bench_gnttab.c), n operations per run. */
void bench_gnttab_run(unsigned long n);

#endif
