/* SPDX-License-Identifier: MIT */
/* The `bench` command: cycle costs of the basic PV paths (bench.c). */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H

/*
 * The shell command `bench [N]`: runs the PV setup (mm_setup()) if it
 * has not run yet, then times each path BENCH_RUNS times over N
 * operations (default 1000) and prints one "bench: ..." line
 * per metric. Failures are printed; the kernel goes on.
 */
void bench_run(const char *args);

#endif
