#!/bin/sh
# SPDX-License-Identifier: MIT
# A program linked with a libxenstore against our xenstored.
# usage: libxs.sh XENSTORED WORKDIR CLIENT NAME
XSD=$1 WORK=$2 CLIENT=$3
. "$(dirname "$0")/lib.sh"
setup_work
start_daemon
"$CLIENT" api > "$WORK/api.out" 2>&1 || failures=1
cat "$WORK/api.out"
finish "xenstore interop: $4"
