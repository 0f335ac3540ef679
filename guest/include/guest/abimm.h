/* SPDX-License-Identifier: MIT */
/* Shared by the `abimm` (abimm.c, abicpu.c) and `hostile` tests. */
#ifndef GUEST_ABIMM_H
#define GUEST_ABIMM_H

#include <stdint.h>
#include <guest/check.h>

/* Descriptors: 64-bit code DPL 3 and 0, a TSS, call gates. */
#define DESC_CODE3	0x00affa000000ffffUL
#define DESC_CODE0	0x00af9a000000ffffUL
#define DESC_TSS	0x0000890000000067UL
#define DESC_GATE(sel, dpl)	\
	((uint64_t)(sel) << 16 | 0xcUL << 40 | (uint64_t)(dpl) << 45 |	\
	 1UL << 47)

/* Frames that are not ours, found by abimm_find_foreign(). */
extern uint64_t xen_mfn;		/* first M2P frame: Xen's */
extern uint64_t beyond_ram_mfn;		/* maximum_ram_page + 0x100 */
void abimm_find_foreign(void);

/* abicpu.c: traps, callbacks, iret, descriptors, emulated instructions. */
void abicpu_run(struct check *c);

/* hostile_random.c: the random run of the `hostile` command. */
void hostile_random_run(struct check *c);

#endif
