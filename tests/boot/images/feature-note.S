/* SPDX-License-Identifier: MIT */
/*
 * An extra ELF note linked into a copy of the guest kernel: FEATURES
 * "!auto_translated_physmap", which a PV hypervisor never provides, so
 * the builder must refuse the image and say why.
 */
	.section .note.Xen, "a", @note
	.balign	4
	.long	4, 2f - 1f, 10
	.asciz	"Xen"
1:	.asciz	"!auto_translated_physmap"
2:	.balign	4
