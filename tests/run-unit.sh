#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs each unit-test executable given, then prints "N passed, N failed"
# over the executables; exits non-zero if any failed.
pass=0 failed=0 failures=""
for t in "$@"; do
	if "$t"; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1))
		failures="$failures $(basename "$t")"
	fi
done
[ -n "$failures" ] && echo "unit: failed:$failures"
echo "unit: $pass passed, $failed failed"
# make test adds every suite's counts into one closing line.
[ -n "${TEST_SUMMARY:-}" ] && echo "$pass $failed" >> "$TEST_SUMMARY"
[ "$failed" = 0 ]
