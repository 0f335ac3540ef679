/* SPDX-License-Identifier: MIT */
/*
 * Included first in every hypervisor file (-include): all symbols are
 * hidden, so the position-independent code reaches them RIP-relative and
 * never through a GOT.
 */
#pragma GCC visibility push(hidden)
