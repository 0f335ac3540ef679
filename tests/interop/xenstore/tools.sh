#!/bin/sh
# SPDX-License-Identifier: MIT
# Debian's xenstore-utils, unchanged, against our xenstored.
# usage: tools.sh XENSTORED WORKDIR
XSD=$1 WORK=$2
. "$(dirname "$0")/lib.sh"
setup_work
start_daemon

xenstore-write /vm/a 1 /vm/b "two words"
expect "xenstore-write, xenstore-read" "1" "$(xenstore-read /vm/a)"
expect "value with spaces" "two words" "$(xenstore-read /vm/b)"
expect "xenstore-list" "a b" "$(xenstore-list /vm | tr '\n' ' ' | sed 's/ $//')"
xenstore-exists /vm/a && pass "xenstore-exists (present)" ||
	fail "xenstore-exists (present)"
xenstore-exists /vm/zz 2>/dev/null && fail "xenstore-exists (absent)" ||
	pass "xenstore-exists (absent)"
xenstore-chmod /vm/a n0 r5
expect "xenstore-chmod, xenstore-ls -p" '/vm/a = "1"   (n0,r5)' \
	"$(xenstore-ls -fp /vm | grep '^/vm/a ')"
xenstore-chmod -r /vm b7
expect "xenstore-chmod -r" '/vm/b = "two words"   (b7)' \
	"$(xenstore-ls -fp /vm | grep '^/vm/b ')"
xenstore-rm /vm/a
xenstore-read /vm/a 2>/dev/null && fail "xenstore-rm" || pass "xenstore-rm"
xenstore-read /nope 2>/dev/null && fail "read missing fails" ||
	pass "read missing fails"
xenstore-write "/bad key" x 2>/dev/null && fail "bad path refused" ||
	pass "bad path refused"
xenstore-write /local/domain/0/name Domain-0
expect "relative path (dom0 home)" "Domain-0" "$(xenstore-read name)"

# Watches: the initial event, then one per change.
xenstore-watch -n 3 /w > "$WORK/watch.out" &
wpid=$!
i=0
until [ -s "$WORK/watch.out" ] || [ $i -gt 100 ]; do
	sleep 0.02; i=$((i + 1)); done
xenstore-write /w/x 1
xenstore-rm /w
i=0
while kill -0 $wpid 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.02; i=$((i + 1)); done
kill $wpid 2>/dev/null
expect "xenstore-watch" "/w /w/x /w" "$(tr '\n' ' ' < "$WORK/watch.out" |
	sed 's/ $//')"

# The read-only socket reads but never writes.
expect "read-only socket reads" "two words" \
	"$(XENSTORED_PATH=$WORK/sock_ro xenstore-read /vm/b)"
XENSTORED_PATH=$WORK/sock_ro xenstore-write /vm/c 3 2>/dev/null &&
	fail "read-only socket refuses writes" ||
	pass "read-only socket refuses writes"
grep -q "WRITE /vm/c: refused EROFS" "$WORK/xenstored.log" &&
	pass "log says why it refused" || fail "log says why it refused"

finish "xenstore interop: Debian xenstore-utils"
