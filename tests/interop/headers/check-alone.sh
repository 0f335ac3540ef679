#!/bin/sh
# SPDX-License-Identifier: MIT
# Hygiene checks for include/public/ (STYLE.md sections 1 and 9): every
# header starts with the SPDX line and a one-line purpose comment, includes
# nothing but <stdint.h> and its siblings, and compiles alone - twice in a
# row, so the include guard is tested - as C99 (pedantic, with -Wpadded so
# padding stays explicit), as C++11, and freestanding with -nostdinc. The
# headers that assembly may include are also assembled with __ASSEMBLY__.
#
# Usage: check-alone.sh <TOP>/include <workdir>
set -eu

inc=$1
work=$2
CC=${CC:-gcc}
CXX=${CXX:-g++}
mkdir -p "$work"
gccinc=$($CC -print-file-name=include)
asm_ok="xen.h arch-x86/xen.h arch-x86/xen-x86_64.h errno.h elfnote.h features.h"
fail=0
n=0

bad() {
	echo "check-alone: $1: $2" >&2
	fail=1
}

for path in $(cd "$inc/public" && find . -name '*.h' | sed 's|^\./||' | sort); do
	n=$((n + 1))
	f=$inc/public/$path
	tag=$(echo "$path" | tr '/.-' '___')

	[ "$(sed -n 1p "$f")" = "/* SPDX-License-Identifier: MIT */" ] ||
		bad "$path" "line 1 is not the SPDX line"
	sed -n 2p "$f" | grep -Eq '^/\* [^ ].*\. \*/$' ||
		bad "$path" "line 2 is not a one-sentence /* comment */"
	if grep -E '^[[:space:]]*#[[:space:]]*include' "$f" | grep -Evq \
	    '#[[:space:]]*include[[:space:]]+(<stdint\.h>|"[a-z0-9_./-]+\.h")'
	then
		bad "$path" "includes something other than <stdint.h> or a sibling"
	fi

	printf '#include "public/%s"\n#include "public/%s"\ntypedef int hdrcheck_%s;\n' \
		"$path" "$path" "$tag" > "$work/$tag.c"
	cp "$work/$tag.c" "$work/$tag.cc"
	$CC -std=c99 -pedantic -Wall -Wextra -Werror -Wpadded -fsyntax-only \
		-I"$inc" "$work/$tag.c" || bad "$path" "not C99-clean"
	$CXX -std=c++11 -Wall -Wextra -Werror -Wpadded -fsyntax-only \
		-I"$inc" "$work/$tag.cc" || bad "$path" "not C++11-clean"
	$CC -std=c99 -Wall -Wextra -Werror -ffreestanding -nostdinc \
		-isystem "$gccinc" -fsyntax-only -I"$inc" "$work/$tag.c" ||
		bad "$path" "needs more than the compiler's <stdint.h>"
	case " $asm_ok " in
	*" $path "*)
		printf '#include "public/%s"\n\tnop\n' "$path" > "$work/$tag.S"
		$CC -D__ASSEMBLY__ -c -I"$inc" "$work/$tag.S" \
			-o "$work/$tag.o" || bad "$path" "not usable from assembly"
		;;
	esac
done

[ "$fail" = 0 ] || exit 1
echo "check-alone: $n headers: C99, C++11, freestanding, guards, licence OK"
