#!/bin/sh
# SPDX-License-Identifier: MIT
# Durability: a clean restart keeps the tree, permissions and quotas;
# after kill -9 at a random moment under load (with frequent compaction),
# every acknowledged write and transaction is back, and no transaction
# is half there.
# usage: durability.sh XENSTORED WORKDIR CLIENT
XSD=$1 WORK=$2 CLIENT=$3
. "$(dirname "$0")/lib.sh"
setup_work
STATE=$WORK/state
start_daemon --state "$STATE"

xenstore-write /local/domain/3/name guest /local/domain/3/memory/target 524288
xenstore-chmod -r /local/domain/3 n0 r3
xenstore-write /vm/uuid-1/name guest /empty ""
xenstore-rm /vm/uuid-1/name
xenstore-chmod @introduceDomain n0 r3
xenstore-chmod @releaseDomain n0 r3 r4
"$CLIENT" control quota set nodes 77 >/dev/null
xenstore-ls -fp > "$WORK/before"
"$CLIENT" control quota > "$WORK/quota.before"
stop_daemon
start_daemon --state "$STATE"
xenstore-ls -fp > "$WORK/after"
"$CLIENT" control quota > "$WORK/quota.after"
cmp -s "$WORK/before" "$WORK/after" &&
	pass "restart keeps the tree and permissions" ||
	{ fail "restart keeps the tree"; diff -u "$WORK/before" "$WORK/after"; }
cmp -s "$WORK/quota.before" "$WORK/quota.after" &&
	grep -q "nodes  *77" "$WORK/quota.after" &&
	pass "restart keeps quotas" || fail "restart keeps quotas"
expect "restart keeps @introduceDomain's permissions" "n0,r3" \
	"$(xs_get_perms @introduceDomain)"
expect "restart keeps @releaseDomain's permissions" "n0,r3,r4" \
	"$(xs_get_perms @releaseDomain)"
grep -q "replayed" "$WORK/xenstored.log" && pass "log reports the replay" ||
	fail "log reports the replay"
stop_daemon

for round in 1 2 3; do
	start_daemon --state "$STATE" --journal-max 65536
	"$CLIENT" writer 1000000 > "$WORK/acked.$round" 2>/dev/null &
	wpid=$!
	sleep "0.$((3 + round * 2))"
	stop_daemon KILL
	wait $wpid 2>/dev/null
	n=$(wc -l < "$WORK/acked.$round")
	start_daemon --state "$STATE"
	out=$("$CLIENT" verify "$WORK/acked.$round")
	case $out in
	PASS*) pass "kill -9 round $round: $n acknowledged steps survive";;
	*) fail "kill -9 round $round: $out";;
	esac
	expect "kill -9 round $round: older state intact" "guest" \
		"$(xenstore-read /local/domain/3/name)"
	xenstore-rm /dur
	stop_daemon
done

finish "xenstore durability"
