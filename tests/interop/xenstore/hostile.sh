#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile clients (hostile.py) against our xenstored.
# usage: hostile.sh XENSTORED WORKDIR
XSD=$1 WORK=$2
. "$(dirname "$0")/lib.sh"
setup_work
start_daemon
python3 "$(dirname "$0")/hostile.py" "$daemon_pid" || failures=1
kill -0 "$daemon_pid" 2>/dev/null && pass "daemon still running" ||
	fail "daemon died"
finish "xenstore interop: hostile clients"
