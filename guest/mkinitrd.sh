#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds a newc cpio archive, the initrd the PV guest kernel reads its boot
# script from (cpio.c). Names are stored without a leading "/" or "./".
#
#   mkinitrd.sh OUT DIR                 the contents of DIR
#   mkinitrd.sh OUT SRC[=NAME] ...      each file (or directory) SRC,
#                                       stored as NAME (default: basename)
#
# e.g. mkinitrd.sh build/dom0-initrd tests/boot/x.sh=test.sh
set -eu

usage() {
	echo "usage: $0 OUT DIR | $0 OUT SRC[=NAME]..." >&2
	exit 2
}

[ $# -ge 2 ] || usage
out=$1
shift

stage=$(mktemp -d "${TMPDIR:-/tmp}/mkinitrd.XXXXXX")
trap 'rm -rf "$stage"' EXIT

if [ $# -eq 1 ] && [ -d "$1" ] && [ "${1#*=}" = "$1" ]; then
	cp -a "$1/." "$stage/"
else
	for spec in "$@"; do
		case $spec in
		*=*)	src=${spec%%=*}; name=${spec#*=} ;;
		*)	src=$spec; name=$(basename "$spec") ;;
		esac
		name=${name#/}
		[ -e "$src" ] || { echo "$0: $src: no such file" >&2; exit 1; }
		mkdir -p "$stage/$(dirname "$name")"
		cp -a "$src" "$stage/$name"
	done
fi

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --reproducible --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
