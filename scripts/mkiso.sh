#!/bin/sh
# SPDX-License-Identifier: MIT
# Makes a GRUB (BIOS) ISO that boots a multiboot2 hypervisor with a dom0
# kernel and initrd, the way a server's GRUB boots Xen:
#
#   mkiso.sh OUT.iso HV.gz "HV ARGS" DOM0|none "DOM0 ARGS" [INITRD|""
#            ["DOMU ARGS"...]]
#
# The hypervisor gets "HV ARGS"; dom0's module string is "DOM0 ARGS".
# Each "DOMU ARGS" adds the dom0 image once more with that module string,
# after the initrd: a boot domU ("domU mem=... -- ...", docs/boot-params.md).
set -eu

[ $# -ge 5 ] || { echo "usage: $0 OUT HV HVARGS DOM0|none DOM0ARGS [INITRD]" >&2; exit 2; }
out=$1 hv=$2 hvargs=$3 dom0=$4 dom0args=$5 initrd=${6:-}
shift 5
[ $# -gt 0 ] && shift

tmp=$(mktemp -d "${TMPDIR:-/tmp}/shoji-iso.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The log lives beside the tree grub-mkrescue packs, not in it: xorriso
# refuses a file that grows while it is being written to the image.
stage=$tmp/iso log=$tmp/log
mkdir -p "$stage/boot/grub"
cp "$hv" "$stage/boot/hv.gz"
{
	echo 'set timeout=0'
	echo 'set default=0'
	echo 'menuentry "Shoji" {'
	echo "	multiboot2 /boot/hv.gz $hvargs"
	if [ "$dom0" != none ]; then
		cp "$dom0" "$stage/boot/dom0"
		echo "	module2 /boot/dom0 $dom0args"
		if [ -n "$initrd" ]; then
			cp "$initrd" "$stage/boot/dom0-initrd"
			echo '	module2 /boot/dom0-initrd'
		fi
		for domu in "$@"; do
			echo "	module2 /boot/dom0 $domu"
		done
	fi
	echo '	boot'
	echo '}'
} > "$stage/boot/grub/grub.cfg"
grub-mkrescue -o "$out.tmp" "$stage" >/dev/null 2>"$log" || {
	cat "$log" >&2
	exit 1
}
mv "$out.tmp" "$out"
