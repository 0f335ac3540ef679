#!/bin/sh
# SPDX-License-Identifier: MIT
# The same libxenstore program built against Debian's library and ours:
# run each against a fresh daemon; their outputs must be identical.
# usage: compare.sh XENSTORED WORKDIR CLIENT_DEBIAN CLIENT_OURS
XSD=$1 WORK=$2
. "$(dirname "$0")/lib.sh"
setup_work
for lib in debian ours; do
	case $lib in debian) client=$3;; ours) client=$4;; esac
	start_daemon
	"$client" api > "$WORK/api.$lib" 2>&1
	echo "exit $?" >> "$WORK/api.$lib"
	stop_daemon
done
if diff -u "$WORK/api.debian" "$WORK/api.ours"; then
	pass "both libraries behave the same ($(grep -c '^PASS' \
		"$WORK/api.ours") checks)"
else
	fail "the libraries differ"
fi
finish "xenstore interop: our libxenstore against Debian's"
