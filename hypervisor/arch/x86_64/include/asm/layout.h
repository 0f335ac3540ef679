/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's virtual layout (DESIGN.md section 3), shared by C and
 * assembly. Everything the hypervisor maps lives in L4 slots 256-271,
 * 0xffff800000000000-0xffff87ffffffffff, which it owns in every guest L4.
 *
 *   0xffff800000000000  read-only M2P for guests (256 GiB, slot 256)
 *   0xffff804000000000  read-write alias of the M2P for the hypervisor
 *   0xffff82d040000000  the hypervisor image: VA = PA + HV_IMAGE_OFFSET
 *   0xffff830000000000  direct map of all RAM (and the first 4 GiB of
 *                       physical address space, for MMIO), up to the end
 *                       of the range
 */
#ifndef ASM_LAYOUT_H
#define ASM_LAYOUT_H

#ifdef __ASSEMBLER__
#define _AC(x, y)	x
#else
#define _AC(x, y)	x ## y
#endif

#define HV_VIRT_START		_AC(0xffff800000000000, UL)
#define HV_VIRT_END		_AC(0xffff880000000000, UL)
#define HV_L4_FIRST		256
#define HV_L4_LAST		271

#define M2P_RO_VIRT_START	_AC(0xffff800000000000, UL)
#define M2P_RO_VIRT_END		_AC(0xffff804000000000, UL)
#define M2P_RW_VIRT_START	_AC(0xffff804000000000, UL)

/* The image is linked at HV_IMAGE_OFFSET + its physical load address. */
#define HV_IMAGE_OFFSET		_AC(0xffff82d040000000, UL)
#define HV_LOAD_PADDR		_AC(0x200000, UL)
#define HV_IMAGE_L4_SLOT	261
#define HV_IMAGE_L3_SLOT	321

#define DIRECTMAP_VIRT_START	_AC(0xffff830000000000, UL)
#define DIRECTMAP_VIRT_END	HV_VIRT_END
#define DIRECTMAP_L4_SLOT	262

#define PAGE_SHIFT		12
#define PAGE_SIZE		(_AC(1, UL) << PAGE_SHIFT)

/* Per-CPU hypervisor stacks: aligned to their size, cpu_info at the top. */
#define STACK_ORDER		3
#define STACK_SIZE		(PAGE_SIZE << STACK_ORDER)
#define IST_STACK_SIZE		PAGE_SIZE

/* Xen's hypervisor selectors (the reserved GDT area starts at 0xe000). */
#define HV_CS			0xe008
#define HV_DS			0xe010
#define FLAT_RING3_CS32_SEL	0xe023
#define FLAT_RING3_DS_SEL	0xe02b
#define FLAT_RING3_CS64_SEL	0xe033
#define HV_TSS_SEL		0xe040
#define GDT_FIRST_RESERVED	7168	/* entry of selector 0xe000 */
#define GDT_ENTRIES		(GDT_FIRST_RESERVED + 16)

#endif
