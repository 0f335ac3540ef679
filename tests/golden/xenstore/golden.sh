#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden test: build a tree with Debian's tools, compare xenstore-ls -fp.
# usage: golden.sh XENSTORED WORKDIR CASE (CASE.tree -> CASE.ok)
XSD=$1 WORK=$2 CASE=$3
. "$(dirname "$0")/../../interop/xenstore/lib.sh"
setup_work
start_daemon
grep -v '^#' "$CASE.tree" | while IFS= read -r cmd; do
	eval "$cmd" || echo "command failed: $cmd"
done > "$WORK/commands.out" 2>&1
cat "$WORK/commands.out"
xenstore-ls -fp > "$WORK/$(basename "$CASE").out"
if diff -u "$CASE.ok" "$WORK/$(basename "$CASE").out" &&
    [ ! -s "$WORK/commands.out" ]; then
	pass "golden $(basename "$CASE")"
else
	fail "golden $(basename "$CASE")"
fi
finish "xenstore golden: xenstore-ls -fp"
