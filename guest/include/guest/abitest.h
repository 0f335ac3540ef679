/* SPDX-License-Identifier: MIT */
/* The parts of the `abitest` command (abitest.c) kept in other files. */
#ifndef GUEST_ABITEST_H
#define GUEST_ABITEST_H

#include <guest/check.h>

/* vcpu_op beyond bring-up and timers, and NMIs (abivcpu.c). */
void abivcpu_run(struct check *c);

#endif
