#!/bin/sh
# SPDX-License-Identifier: MIT
# Run the xenstore benchmark against our xenstored, Xen 4.17's C
# xenstored and oxenstored (both with the device-layer stand-in
# preloaded), one after the other, ROUNDS times (default 3), and print a
# table of the medians. Two more columns:
# our daemon without busy polling (--busy-poll 0), and the same program
# built against our client library, on our daemon. Last, the floor: the
# same program against xs_floor, a responder that keeps no store, which
# no daemon can beat with this client on this machine.
# usage: run.sh XENSTORED XS_BENCH STANDIN_SO XEN_BIN_DIR WORKDIR OUT \
#               XS_BENCH_OURLIB XS_FLOOR
XSD=$1 BENCH=$2 STANDIN=$3 XENBIN=$4 WORK=$5 OUT=$6 BENCH_OURS=$7 FLOOR=$8
set -u
rm -rf "$WORK"
mkdir -p "$WORK" "$(dirname "$OUT")"
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null' EXIT INT TERM

wait_socket() {	# SOCKET PIDFILE
	i=0
	until [ -S "$1" ] && [ -s "$2" ]; do
		i=$((i + 1))
		[ $i -gt 250 ] && { echo "bench: $1 never appeared" >&2; return 1; }
		sleep 0.02
	done
	sleep 0.2
	pid=$(cat "$2")
}

run_one() {	# NAME
	d=$WORK/$1
	rm -rf "$d"
	mkdir -p "$d"
	bench=$BENCH
	arg=--pid
	case $1 in
	floor)
		arg=--floor
		"$FLOOR" "$d/socket" &
		echo $! > "$d/pid";;
	shoji-ourlib)
		bench=$BENCH_OURS
		"$XSD" --socket "$d/socket" --pid-file "$d/pid" \
			--log "$d/log" &;;
	shoji)
		"$XSD" --socket "$d/socket" --pid-file "$d/pid" \
			--log "$d/log" &;;
	shoji-nobusy)
		"$XSD" --socket "$d/socket" --pid-file "$d/pid" \
			--log "$d/log" --busy-poll 0 &;;
	xen-c)
		XENSTORED_RUNDIR=$d LD_PRELOAD=$STANDIN \
			"$XENBIN/xenstored" -N -F "$d/pid" > "$d/log" 2>&1 &;;
	oxenstored)
		cat > "$d/conf" <<CONF
pid-file = $d/pid
xenstored-log-file = $d/xenstored.log
access-log-file = $d/access.log
xenstored-kva = /proc/xen/xsd_kva
xenstored-port = /proc/xen/xsd_port
persistent = false
CONF
		XS_STANDIN_RUNDIR=$d LD_PRELOAD=$STANDIN \
			"$XENBIN/oxenstored" --no-fork --config-file \
			"$d/conf" > "$d/log" 2>&1 &;;
	esac
	wait_socket "$d/socket" "$d/pid" || return 1
	echo "bench: round $round of $ROUNDS: $1 (pid $pid)" >&2
	XENSTORED_PATH=$d/socket timeout 600 "$bench" $arg "$pid" \
		>> "$WORK/$1.res" || echo "bench: $1 did not finish" >&2
	kill "$pid" 2>/dev/null
	sleep 0.3
	kill -9 "$pid" 2>/dev/null
	pid=""
}

# The machine's speed drifts over minutes (it is shared): each daemon
# is run once per round, the rounds interleave them, and the table takes
# each metric's median over the rounds.
ROUNDS=${ROUNDS:-3}
round=1
while [ $round -le "$ROUNDS" ]; do
	for n in shoji xen-c oxenstored shoji-nobusy shoji-ourlib floor; do
		run_one $n
	done
	round=$((round + 1))
done

awk -v shoji="$WORK/shoji.res" -v xc="$WORK/xen-c.res" \
    -v ox="$WORK/oxenstored.res" -v ours="$WORK/shoji-ourlib.res" \
    -v nobusy="$WORK/shoji-nobusy.res" -v floor="$WORK/floor.res" '
# The median over the rounds of each metric in file; the value of each
# round, in order, in RAW[file, metric].
function load(file, arr,   k, n, i, j, t, v, cnt, all) {
	while ((getline line < file) > 0) {
		split(line, f, " ")
		all[f[1]] = (f[1] in all) ? all[f[1]] " " f[2] : f[2]
	}
	for (k in all) {
		RAW[file, k] = all[k]
		n = split(all[k], v, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		arr[k] = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
}
# ratio: how many times better shoji is (higher is better for ops).
function ratio(k, other) {
	if (!(k in S) || !(k in other) || other[k] == 0 || S[k] == 0)
		return "-"
	if (k ~ /_ops$/)
		return sprintf("%.2fx", S[k] / other[k])
	return sprintf("%.2fx", other[k] / S[k])
}
function val(arr, k) { return (k in arr) ? arr[k] : "-" }
BEGIN {
	load(shoji, S); load(xc, C); load(ox, X); load(ours, O); load(nobusy, N)
	load(floor, F)
	n = split("rtt_us write_ops read_ops txn_ops " \
		  "txn8_ops mkdir10k_ms list10k_ms " \
		  "rm10k_ms watch_p50_us watch_p99_us clients1_ops " \
		  "clients8_ops clients64_ops peak_kb", keys, " ")
	printf "%-14s %10s %10s %10s %9s %9s %10s %12s %8s\n", "metric", \
	       "shoji", "xen-c", "oxenstored", "vs xen-c", "vs oxen", \
	       "shoji-nobp", "shoji+ourlib", "floor"
	for (i = 1; i <= n; i++) {
		k = keys[i]
		printf "%-14s %10s %10s %10s %9s %9s %10s %12s %8s\n", k, \
		       val(S, k), val(C, k), val(X, k), ratio(k, C), \
		       ratio(k, X), val(N, k), val(O, k), val(F, k)
	}
	if ("rtt_us" in S && "read_ops" in S)
		printf "reads reach %.0f%% of the socket round-trip limit " \
		       "(%.0f/s)\n", 100 * S["read_ops"] * S["rtt_us"] / 1e6, \
		       1e6 / S["rtt_us"]
	if ("rtt_us" in N && "read_ops" in N)
		printf "without busy polling: %.0f%% (%.0f/s)\n", \
		       100 * N["read_ops"] * N["rtt_us"] / 1e6, 1e6 / N["rtt_us"]
	# Against the floor: what share of it shoji reaches, and how far
	# beyond xen-c the floor itself is (for latency, lower is better).
	split("write_ops read_ops txn_ops watch_p50_us", fk, " ")
	for (i = 1; i <= 4; i++) {
		k = fk[i]
		if (!(k in S) || !(k in F) || !(k in C) || C[k] * S[k] == 0)
			continue
		lat = k !~ /_ops$/
		printf "%s: shoji reaches %.0f%% of the floor; the floor is " \
		       "%.2fx xen-c, so no daemon can be more here\n", k, \
		       100 * (lat ? F[k] / S[k] : S[k] / F[k]), \
		       lat ? C[k] / F[k] : F[k] / C[k]
	}
	if ("rtt_us" in O && "read_ops" in O)
		printf "with our libxenstore: %.0f%% of the limit (%.0f/s)\n", \
		       100 * O["read_ops"] * O["rtt_us"] / 1e6, 1e6 / O["rtt_us"]
	split("txn_ops watch_p50_us", rk, " ")
	for (i = 1; i <= 2; i++)
		printf "%s by round: shoji %s; xen-c %s; floor %s\n", rk[i], \
		       RAW[shoji, rk[i]], RAW[xc, rk[i]], RAW[floor, rk[i]]
	print "shoji, xen-c, oxenstored, shoji-nobp (no busy polling), " \
	      "floor (xs_floor: no store, spins): the program linked with " \
	      "Debian\x27s libxenstore; shoji+ourlib: the same source with ours"
	print "ratios: how many times better shoji is (ops/s higher, " \
	      "times and memory lower)"
}' | tee "$OUT"
