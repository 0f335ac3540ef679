#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes the assembly for the image's symbol table from `nm -n` output on
# stdin: text symbols only, sorted by address, duplicates dropped.
echo '	.section .rodata.symbols, "a"'
awk 'BEGIN { n = 0 }
$2 ~ /^[tTwW]$/ && $3 !~ /^\.L/ && $3 !~ /^\$/ {
	if ($1 == last) next
	last = $1; addr[n] = $1; name[n] = $3; n++
}
END {
	printf "\t.balign 8\n\t.globl symbols_nr\nsymbols_nr:\n\t.long %d\n", n
	printf "\t.balign 8\n\t.globl symbols_addr\nsymbols_addr:\n"
	for (i = 0; i < n; i++) printf "\t.quad 0x%s\n", addr[i]
	printf "\t.globl symbols_name_off\nsymbols_name_off:\n"
	off = 0
	for (i = 0; i < n; i++) {
		printf "\t.long %d\n", off
		off += length(name[i]) + 1
	}
	printf "\t.globl symbols_names\nsymbols_names:\n"
	for (i = 0; i < n; i++) printf "\t.asciz \"%s\"\n", name[i]
}'
