# SPDX-License-Identifier: MIT
# Shared by the xenstore interop, golden and durability tests: start our
# xenstored on a private socket, stop it for sure, report PASS/FAIL.
#   XSD    the daemon binary       WORK   a scratch directory (recreated)

set -u
failures=0

pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# expect NAME EXPECTED ACTUAL
expect() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1: expected '$2', got '$3'"; fi
}

daemon_pid=""

start_daemon() {
	rm -f "$WORK/pid"
	"$XSD" --socket "$WORK/sock" --pid-file "$WORK/pid" \
		--log "$WORK/xenstored.log" "$@" &
	daemon_pid=$!
	i=0
	while [ ! -s "$WORK/pid" ]; do
		i=$((i + 1))
		if [ $i -gt 200 ] || ! kill -0 "$daemon_pid" 2>/dev/null; then
			echo "FAIL daemon did not start"; cat "$WORK/xenstored.log"
			exit 1
		fi
		sleep 0.02
	done
	export XENSTORED_PATH="$WORK/sock"
}

stop_daemon() {	# [signal]
	[ -n "$daemon_pid" ] || return 0
	kill "-${1:-TERM}" "$daemon_pid" 2>/dev/null
	wait "$daemon_pid" 2>/dev/null
	daemon_pid=""
}

setup_work() {
	rm -rf "$WORK"
	mkdir -p "$WORK"
	trap 'stop_daemon KILL' EXIT INT TERM
}

finish() {	# NAME
	stop_daemon
	if [ "$failures" -ne 0 ]; then
		echo "FAIL $1: $failures failure(s); log: $WORK/xenstored.log"
		exit 1
	fi
	echo "PASS $1"
}

# xs_get_perms PATH: GET_PERMS over the raw protocol (works for the
# special @ nodes, which xenstore-ls cannot list); "n0,r5" or the error.
xs_get_perms() {
	python3 - "$XENSTORED_PATH" "$1" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
p = sys.argv[2].encode() + b"\0"
s.sendall(struct.pack("<IIII", 3, 1, 0, len(p)) + p)
h = b""
while len(h) < 16:
    h += s.recv(16 - len(h))
t, _, _, n = struct.unpack("<IIII", h)
b = b""
while len(b) < n:
    b += s.recv(n - len(b))
print(",".join(x.decode() for x in b.split(b"\0") if x))
PY
}
