#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs one boot scenario: builds its initrd and GRUB ISO, boots it in QEMU
# (software emulation) with the serial port in a log, and checks the
# exit status and the required and forbidden lines.
#
#   tests/boot/run.sh SCENARIO      (a name in tests/boot/ or a .scn path)
#   tests/boot/run.sh SCENARIO@smpN (the same with N CPUs, see SMP_ALSO)
#
# A scenario is a bash file setting:
#   HV          shoji (default) or xen (Debian's Xen 4.17, for comparison)
#   SMP, MEM    CPUs and MiB of RAM (default 2, 1024); under @smpN, SMP
#               is N already when the scenario is read, and stays N
#   SMP_ALSO    other CPU counts the scenario also runs with, as
#               SCENARIO@smpN, in a full run (run-all.sh); e.g. "1 4"
#   TIMEOUT     seconds before QEMU is killed (default 60)
#   HV_ARGS     hypervisor options after "console=com1 com1=115200,8n1"
#   DOM0        dom0 image: "guest" (default), "none", or a path under $O
#   DOM0_ARGS   dom0's module string (default "dom0 script=/test.sh")
#   DOMUS=()    module strings of boot domUs, each another copy of the
#               guest image ("domU mem=16M -- cmd=spin")
#   SCRIPT      text of /test.sh in dom0's initrd (default: none)
#   INPUT       bytes typed on the serial console (printf format)
#   EXIT        expected QEMU exit status (isa-debug-exit: docs/boot-params.md)
#   REQUIRE=()  extended regexes that must each match a log line
#   ONCE=()     extended regexes that must each match exactly one line
#   SAME=()     extended regexes with one (group): at least two lines
#               match, all with the same captured value
#   FORBID=()   extended regexes that must match no line; PANIC, FATAL TRAP
#               and ASSERT are always forbidden
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-$top/build}
QEMU=${QEMU:-qemu-system-x86_64}
QEMU_CPU=${QEMU_CPU:-max,-smap}

scn=${1%@smp*} smp_force=
case $1 in
*@smp*)	smp_force=${1##*@smp} ;;
esac
[ -f "$scn" ] || scn=$top/tests/boot/$scn.scn
[ -f "$scn" ] || { echo "run.sh: no scenario '$1'" >&2; exit 2; }
name=$(basename "$scn" .scn)${smp_force:+@smp$smp_force}

HV=shoji SMP=${smp_force:-2} MEM=1024 TIMEOUT=60 HV_ARGS="" DOM0=guest
DOM0_ARGS="dom0 script=/test.sh" SCRIPT="" INPUT="" EXIT=0
REQUIRE=() ONCE=() SAME=() FORBID=() DOMUS=()
# shellcheck source=/dev/null
. "$scn"
[ -n "$smp_force" ] && SMP=$smp_force
FORBID+=('PANIC' 'FATAL TRAP' 'ASSERT')

dir=$O/tests/boot/$name
rm -rf "$dir"
mkdir -p "$dir/initrd"
log=$dir/serial.log

fail() {
	echo "TEST $name: FAIL: $*"
	echo "---- last lines of $log"
	tail -n 25 "$log" 2>/dev/null | tr -d '\r' | sed 's/^/| /'
	exit 1
}

case $HV in
shoji)	hv=$O/shoji.gz ;;
xen)	hv=$O/pkgs/xen-hypervisor-4.17-amd64/boot/xen-4.17-amd64.gz ;;
*)	fail "unknown HV '$HV'" ;;
esac
[ -f "$hv" ] || fail "missing $hv (run make)"

case $DOM0 in
guest)	dom0=$O/guest/guest ;;
none)	dom0=none ;;
*)	dom0=$O/$DOM0 ;;
esac
[ "$dom0" = none ] || [ -f "$dom0" ] || fail "missing dom0 image $dom0"

printf '%s' "$SCRIPT" > "$dir/initrd/test.sh"
printf 'Shoji dom0 initrd\n' > "$dir/initrd/motd"
sh "$top/guest/mkinitrd.sh" "$dir/dom0-initrd" "$dir/initrd" ||
	fail "cannot make the initrd"
sh "$top/scripts/mkiso.sh" "$dir/boot.iso" "$hv" \
	"console=com1 com1=115200,8n1 $HV_ARGS" "$dom0" "$DOM0_ARGS" \
	"$dir/dom0-initrd" "${DOMUS[@]}" || fail "cannot make the ISO"

qemu=("$QEMU" -cpu "$QEMU_CPU" -m "$MEM" -smp "$SMP" -display none
	-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4
	-cdrom "$dir/boot.iso" -boot d -monitor none)
start=$(date +%s.%N)
if [ -n "$INPUT" ]; then
	# Typed input: serial on stdio, fed from a pipe.
	printf "$INPUT" | timeout "$TIMEOUT" "${qemu[@]}" -serial stdio \
		> "$log" 2>"$dir/qemu.err"
	status=$?
else
	timeout "$TIMEOUT" "${qemu[@]}" -serial "file:$log" \
		2>"$dir/qemu.err" < /dev/null
	status=$?
fi
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

tr -d '\r' < "$log" > "$dir/serial.txt"
[ "$status" = 124 ] && fail "timed out after ${TIMEOUT}s"
[ "$status" = "$EXIT" ] || fail "QEMU exit status $status, expected $EXIT"
for re in "${REQUIRE[@]}"; do
	grep -Eq -- "$re" "$dir/serial.txt" || fail "required line missing: $re"
done
for re in "${ONCE[@]}"; do
	n=$(grep -Ec -- "$re" "$dir/serial.txt")
	[ "$n" = 1 ] || fail "expected exactly one line matching $re, got $n"
done
for re in "${SAME[@]}"; do
	vals=$(sed -nE "s/${re//\//\\/}.*/\1/p" "$dir/serial.txt")
	n=$(printf '%s\n' "$vals" | grep -c .)
	u=$(printf '%s\n' "$vals" | grep . | sort -u | wc -l)
	[ "$n" -ge 2 ] && [ "$u" = 1 ] ||
		fail "lines matching $re differ or are fewer than two:" $vals
done
for re in "${FORBID[@]}"; do
	if grep -Eq -- "$re" "$dir/serial.txt"; then
		fail "forbidden line present: $(grep -Em1 -- "$re" \
			"$dir/serial.txt")"
	fi
done
echo "TEST $name: PASS (${secs}s, exit $status)"
