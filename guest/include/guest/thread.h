/* SPDX-License-Identifier: MIT */
/*
 * Cooperative kernel threads (thread.c): each runs on its own one-page
 * stack until it yields or returns; threads_run() round-robins them.
 */
#ifndef GUEST_THREAD_H
#define GUEST_THREAD_H

#include <stdint.h>

/* Returns 0, or -XEN_ENOMEM if no slot or stack is left. */
int thread_create(const char *name, void (*fn)(void *), void *arg);
void thread_yield(void);
void thread_exit(void) __attribute__((noreturn));
/* Runs every created thread until all have returned. */
void threads_run(void);
/* Name and stack bounds of the running thread. */
const char *thread_name(void);
void thread_stack(uint64_t *lo, uint64_t *hi);

/* switch.S */
void thread_switch(uint64_t *save, uint64_t next_rsp);
void thread_entry(void);

/* The `threads` command. */
void threads_demo(void);

#endif
