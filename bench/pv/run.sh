#!/bin/bash
# SPDX-License-Identifier: MIT
# PV path benchmark: the guest's `bench` command (guest/bench.c,
# guest/bench_smp.c) run as dom0 on Shoji and on Xen 4.17 in the same
# QEMU: a null hypercall, one mmu_update, a batch of 512, a page-fault
# bounce, a user-mode syscall round trip, an event to oneself, event
# round trips between vCPUs on two CPUs and on one, a vCPU switch by
# yield and how late a 100 us one-shot timer wakes its vCPU, in guest TSC
# cycles per operation (median of 9 runs of N). Under -icount shift=0,sleep=off the TSC counts
# instructions, so those figures are exact and repeatable; the "wall"
# mode (no icount) gives host TSC cycles, which move with the load.
# Prints a table per mode and writes them to $O/bench/pv.txt.
#
#   O=build N=1000 MODES="icount wall" bench/pv/run.sh
#
# Never pass/fail on time. Exits 0 when every boot ran the bench to the
# end, 1 (naming the boot and its log) when one did not.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-$top/build}
N=${N:-1000}
MODES=${MODES:-icount wall}
SMP=${SMP:-4}
TIMEOUT=${TIMEOUT:-300}
QEMU=${QEMU:-qemu-system-x86_64}
out=$O/bench/pv
shoji=$O/shoji.gz
xen=$O/pkgs/xen-hypervisor-4.17-amd64/boot/xen-4.17-amd64.gz
guest=$O/guest/guest
metrics="null_hypercall mmu_update mmu_update_batch512
	mmu_update_batch512_entry page_fault user_syscall grant_copy_4k
	grant_map_unmap evtchn_self
	evtchn_rtt_2cpu evtchn_rtt_1cpu vcpu_switch_yield timer_wakeup_100us"
failed=()

for f in "$shoji" "$xen" "$guest"; do
	[ -f "$f" ] || { echo "bench-pv: missing $f (run make)" >&2; exit 1; }
done
mkdir -p "$out"

# Same dom0 image, memory and module string on both; Xen halts rather
# than powers off on a dom0 poweroff, so its script ends with reboot.
printf 'mm\nbench %s\npoweroff\n' "$N" > "$out/test.sh"
printf 'mm\nbench %s\nreboot\n' "$N" > "$out/test-xen.sh"
hvargs="console=com1 com1=115200,8n1 dom0_mem=64M,max:64M"
sh "$top/guest/mkinitrd.sh" "$out/initrd" "$out/test.sh=test.sh" &&
sh "$top/guest/mkinitrd.sh" "$out/initrd-xen" "$out/test-xen.sh=test.sh" &&
sh "$top/scripts/mkiso.sh" "$out/shoji.iso" "$shoji" "$hvargs" "$guest" \
	"placeholder script=/test.sh" "$out/initrd" &&
sh "$top/scripts/mkiso.sh" "$out/xen.iso" "$xen" "$hvargs" "$guest" \
	"placeholder script=/test.sh" "$out/initrd-xen" ||
	{ echo "bench-pv: cannot build the initrds or ISOs" >&2; exit 1; }

# boot HV MODE EXIT: one boot; the serial log in $out/HV-MODE.log.
# Records a failure (and prints why) unless the bench ran to its end.
boot() {
	local hv=$1 mode=$2 want=$3 log=$out/$1-$2.log status why=
	local icount=()

	[ "$mode" = icount ] && icount=(-icount shift=0,sleep=off)
	timeout "$TIMEOUT" "$QEMU" -cpu max,-smap -m 1024 -smp "$SMP" \
		"${icount[@]}" -display none -no-reboot -monitor none \
		-serial stdio -device isa-debug-exit,iobase=0xf4,iosize=4 \
		-cdrom "$out/$hv.iso" -boot d < /dev/null 2> "$log.err" |
		tr -d '\r' > "$log"
	status=${PIPESTATUS[0]}
	if [ "$status" = 124 ]; then
		why="timed out after ${TIMEOUT}s"
	elif grep -Eq '^bench: .*(failed|not freed)|^guest: fatal' "$log"; then
		why="$(grep -Em1 '^bench: .*(failed|not freed)|^guest: fatal' "$log")"
	elif ! grep -q '^bench: done' "$log"; then
		why="no 'bench: done' line (QEMU exit $status)"
	elif [ "$status" != "$want" ]; then
		why="QEMU exit status $status, expected $want"
	fi
	[ -z "$why" ] && return 0
	failed+=("$hv ($mode): $why; log $log")
	echo "bench-pv: $hv ($mode) boot failed: $why" >&2
	tail -n 15 "$log" | sed 's/^/| /' >&2
}

# value LOG KEY [METRIC]: KEY=value on METRIC's bench line (or tsc_khz's).
value() {
	local re='^bench: tsc_khz='

	[ -n "${3:-}" ] && re="^bench: $3 "
	grep -Em1 "$re" "$1" 2>/dev/null | tr ' ' '\n' |
		sed -n "s/^$2=//p"
}

# table MODE: one row per metric, cycles (ns) on each and the ratio.
table() {
	local mode=$1 sl=$out/shoji-$1.log xl=$out/xen-$1.log m
	local sk xk

	sk=$(value "$sl" tsc_khz) xk=$(value "$xl" tsc_khz)
	echo "mode $mode: TSC $sk kHz on Shoji, $xk kHz on Xen"
	printf '%-26s %22s %22s %9s\n' metric "Shoji cycles (ns)" \
		"Xen 4.17 cycles (ns)" Xen/Shoji
	for m in $metrics; do
		awk -v m="$m" -v s="$(value "$sl" cycles "$m")" \
			-v x="$(value "$xl" cycles "$m")" \
			-v sk="$sk" -v xk="$xk" '
		function cell(c, k) {
			if (c == "") return "-"
			if (k + 0 <= 0) return c
			return sprintf("%s (%.1f)", c, c * 1e6 / k)
		}
		BEGIN {
			r = (s > 0 && x > 0) ? sprintf("%.2fx", x / s) : "-"
			printf "%-26s %22s %22s %9s\n", m, cell(s, sk),
				cell(x, xk), r
		}'
	done
}

for mode in $MODES; do
	case $mode in
	icount|wall) ;;
	*) echo "bench-pv: unknown mode '$mode' (icount, wall)" >&2; exit 2 ;;
	esac
	boot shoji "$mode" 33
	boot xen "$mode" 0
done

{
	qv=$("$QEMU" --version | head -1 | awk '{ print $4 }')
	echo "PV path costs under QEMU $qv (TCG, $SMP CPU, dom0 64 MiB):"
	echo "guest TSC cycles per operation (ns), median of 9 runs of $N"
	echo "operations (batch: N/64 calls of 512 entries); the same dom0"
	echo "image on both."
	echo "icount: -icount shift=0,sleep=off, TSC = instructions (exact);"
	echo "wall: no icount, host TSC (moves with the machine's load)."
	for mode in $MODES; do
		echo
		table "$mode"
	done
	echo
	echo "page_fault includes the guest's #PF handler and its iretq;"
	echo "user_syscall includes the guest's 4-instruction callback."
	echo "evtchn_*: send, upcall, handler and iret hypercall; rtt = two"
	echo "events and two wake-ups from SCHEDOP_block (vCPUs 1 and 2, on"
	echo "CPUs 1 and 2, or both on CPU 1 for 1cpu); vcpu_switch_yield: per"
	echo "switch, two vCPUs yielding to each other on one CPU;"
	echo "timer_wakeup_100us: lateness of the VIRQ_TIMER handler after a"
	echo "one-shot timer 100 us ahead (n/10 timers per run). '-': not"
	echo "measured there (1cpu needs XEN_DOMCTL_setvcpuaffinity)."
	for hv in shoji xen; do
		grep -h '^bench: .*\(pinned\|cannot pin\|skipped\)' \
			"$out/$hv-${MODES%% *}.log" | sed "s/^bench:/  $hv:/"
	done
	xsched=$(grep -m1 -o 'Using scheduler: .*' "$out/xen-${MODES%% *}.log" 2>/dev/null)
	[ -n "$xsched" ] && echo "Xen: $xsched"
	xpti=$(grep -m1 -o 'XPTI.*' "$out/xen-${MODES%% *}.log" 2>/dev/null)
	[ -n "$xpti" ] && echo "Xen: $xpti"
} | tee "$O/bench/pv.txt"

if [ ${#failed[@]} -gt 0 ]; then
	echo
	printf 'bench-pv: FAILED: %s\n' "${failed[@]}"
	exit 1
fi >&2
exit 0
