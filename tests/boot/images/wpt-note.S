/* SPDX-License-Identifier: MIT */
/*
 * An extra ELF note linked into a copy of the guest kernel: FEATURES
 * "!writable_page_tables", which Shoji does not provide yet, so the
 * builder must refuse the image and say why.
 */
	.section .note.Xen, "a", @note
	.balign	4
	.long	4, 2f - 1f, 10
	.asciz	"Xen"
1:	.asciz	"!writable_page_tables"
2:	.balign	4
