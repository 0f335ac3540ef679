#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every boot scenario (or those named), then prints the totals as
# "N passed, N failed"; exits non-zero if any failed.
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 failed=0 failures=""
# With no names: every scenario, then again with each CPU count its
# SMP_ALSO line names (NAME@smpN, see run.sh).
if [ $# -eq 0 ]; then
	for f in "$top"/tests/boot/*.scn; do
		t=$(basename "$f" .scn)
		set -- "$@" "$t"
		for n in $(sed -n 's/^SMP_ALSO="\(.*\)"$/\1/p' "$f"); do
			set -- "$@" "$t@smp$n"
		done
	done
fi
for t in "$@"; do
	if bash "$top/tests/boot/run.sh" "$t"; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1))
		failures="$failures $t"
	fi
done
[ -n "$failures" ] && echo "boot: failed:$failures"
echo "boot: $pass passed, $failed failed"
# make test adds every suite's counts into one closing line.
[ -n "${TEST_SUMMARY:-}" ] && echo "$pass $failed" >> "$TEST_SUMMARY"
[ "$failed" = 0 ]
