#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every boot scenario (or those named), then prints the totals as
# "N passed, N failed"; exits non-zero if any failed.
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 failed=0 failures=""
if [ $# -eq 0 ]; then
	set -- $(ls "$top"/tests/boot/*.scn | sed 's|.*/||; s|\.scn$||')
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
