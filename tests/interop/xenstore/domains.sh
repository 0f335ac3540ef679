#!/bin/sh
# SPDX-License-Identifier: MIT
# Domain death on the Linux host: --domains FILE says which domains are
# gone, SIGUSR1 stands in for VIRQ_DOM_EXC. Nodes a dead domain owned go,
# permission entries naming it are revoked (and stay revoked across a
# restart), SET_PERMS refuses a dead owner and ignores a dead reader.
# usage: domains.sh XENSTORED WORKDIR
XSD=$1 WORK=$2
. "$(dirname "$0")/lib.sh"
setup_work
DOMS=$WORK/domains
: > "$DOMS"
start_daemon --domains "$DOMS" --state "$WORK/state"

# dom_exc LINE...: write the domain table and raise the "VIRQ".
dom_exc() {
	printf '%s\n' "$@" > "$DOMS"
	kill -USR1 "$daemon_pid"
	i=0
	until grep -q "domain exception: $# domain" "$WORK/xenstored.log"; do
		i=$((i + 1))
		[ $i -gt 100 ] && break
		sleep 0.02
	done
}

xenstore-write /local/domain/5/name guest5 /local/domain/5/data/x 1
xenstore-chmod -r /local/domain/5 n5
xenstore-write /local/domain/5/data/kept 2
xenstore-chmod /local/domain/5/data/kept n0
xenstore-write /shared/a 1 /shared/b 2
xenstore-chmod /shared/a n0 r5 r7
xenstore-chmod /shared/b n7 r5
xenstore-chmod @releaseDomain n5 r7
expect "perms before" "n0,r5,r7" "$(xs_get_perms /shared/a)"

dom_exc "7 dying"
expect "a dying, never introduced domain keeps its nodes" "n7,r5" \
	"$(xs_get_perms /shared/b)"

dom_exc "5 gone" "7 dying"
xenstore-exists /local/domain/5/name 2>/dev/null &&
	fail "nodes owned by a dead domain are removed" ||
	pass "nodes owned by a dead domain are removed"
xenstore-exists /local/domain/5/data/kept 2>/dev/null &&
	fail "the whole subtree goes, dom0's nodes in it too (as Xen)" ||
	pass "the whole subtree goes, dom0's nodes in it too (as Xen)"
expect "the parent it did not own stays" "n0" \
	"$(xs_get_perms /local/domain)"
expect "its permission entries are revoked" "n0,r7" \
	"$(xs_get_perms /shared/a)"
expect "other domains' nodes keep it revoked too" "n7" \
	"$(xs_get_perms /shared/b)"
expect "a special node it owned goes to dom0" "n0,r7" \
	"$(xs_get_perms @releaseDomain)"
grep -q "domain 5 is gone" "$WORK/xenstored.log" &&
	pass "log names the dead domain" || fail "log names the dead domain"

xenstore-chmod /shared/a n0 r5 r7
expect "SET_PERMS ignores a dead reader" "n0,r7" "$(xs_get_perms /shared/a)"
xenstore-chmod /shared/a n5 2>/dev/null &&
	fail "SET_PERMS refuses a dead owner" ||
	pass "SET_PERMS refuses a dead owner"

stop_daemon
: > "$DOMS"
start_daemon --domains "$DOMS" --state "$WORK/state"
expect "revocation survives a restart (domain 5 reborn)" "n0,r7" \
	"$(xs_get_perms /shared/a)"
expect "special node permissions survive a restart" "n0,r7" \
	"$(xs_get_perms @releaseDomain)"

finish "xenstore domain death"
