/* SPDX-License-Identifier: MIT */
/*
 * Entry point, Xen ELF notes and hypercall page of the PV guest kernel.
 *
 * The domain builder (Xen's or ours) reads the notes, loads the image at
 * VIRT_BASE + p_paddr, fills the hypercall page and enters _start in
 * guest kernel mode (ring 3) with events masked, %rsi = start_info VA
 * and %rsp on a one-page boot stack it allocated. We move to our own
 * stack in .bss at once and call C.
 */
#include <public/elfnote.h>
#include <public/features.h>

#define VIRT_BASE	0xffffffff80000000

/* One note: name "Xen", type, then the descriptor (desc_op desc). */
#define ELFNOTE(type, desc_op, desc)			\
	.pushsection .note.Xen, "a", @note;		\
	.balign 4;					\
	.long 2f - 1f;					\
	.long 4f - 3f;					\
	.long type;					\
1:	.asciz "Xen";					\
2:	.balign 4;					\
3:	desc_op desc;					\
4:	.balign 4;					\
	.popsection

	ELFNOTE(XEN_ELFNOTE_XEN_VERSION,   .asciz, "xen-3.0")
	ELFNOTE(XEN_ELFNOTE_GUEST_OS,      .asciz, "Shoji")
	ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz, GUEST_VERSION)
	ELFNOTE(XEN_ELFNOTE_LOADER,        .asciz, "generic")
	ELFNOTE(XEN_ELFNOTE_VIRT_BASE,     .quad,  VIRT_BASE)
	ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET,  .quad,  0)
	ELFNOTE(XEN_ELFNOTE_ENTRY,         .quad,  _start)
	ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad, hypercall_page)
	/*
	 * Xen refuses a dom0 kernel whose SUPPORTED_FEATURES note lacks
	 * XENFEAT_dom0 (and checks nothing without the note): declare it.
	 */
	ELFNOTE(XEN_ELFNOTE_SUPPORTED_FEATURES, .long, (1 << XENFEAT_dom0))

	.section .text.head, "ax", @progbits
	.code64
	.globl _start
_start:
	cld
	/* What the builder gave us, for abitest to check. */
	movq	%rsp, entry_rsp(%rip)
	movw	%cs, entry_cs(%rip)
	movw	%ss, entry_ss(%rip)
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	movq	%rsi, %rdi
	call	guest_start
	/* guest_start() does not return; a fault here crashes the domain. */
	ud2

	/*
	 * Filled by the hypervisor before we start: slot N (32 bytes) makes
	 * hypercall N. Until then, int3 everywhere.
	 */
	.balign 4096
	.globl hypercall_page
hypercall_page:
	.fill 4096, 1, 0xcc
	.size hypercall_page, 4096
	.type hypercall_page, @object

	.section .bss, "aw", @nobits
	.balign 8
	.globl entry_rsp, entry_cs, entry_ss
entry_rsp:	.quad 0
entry_cs:	.short 0
entry_ss:	.short 0

	.section .bss.stack, "aw", @nobits
	.balign 16
boot_stack:
	.skip 32768
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
