#!/bin/bash
# SPDX-License-Identifier: MIT
# Boot-time benchmark: seconds from QEMU's start to the hypervisor's
# banner, to dom0's first line and to the end (QEMU exit), as medians
# of RUNS boots, for Shoji and for Xen 4.17 booting the same dom0 in the
# same QEMU; and the size of each hypervisor image. Prints the table and
# writes it to $O/bench/boot-time.txt. Never pass/fail on time.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-$top/build}
RUNS=${RUNS:-5}
out=$O/bench/boot-time
mkdir -p "$out"
stamp=$out/linestamp
xen=$O/pkgs/xen-hypervisor-4.17-amd64/boot/xen-4.17-amd64.gz

printf 'echo bench\npoweroff\n' > "$out/test.sh"
printf 'echo bench\nreboot\n' > "$out/test-xen.sh"
sh "$top/guest/mkinitrd.sh" "$out/initrd" "$out/test.sh=test.sh"
sh "$top/guest/mkinitrd.sh" "$out/initrd-xen" "$out/test-xen.sh=test.sh"
sh "$top/scripts/mkiso.sh" "$out/shoji.iso" "$O/shoji.gz" \
	"console=com1 com1=115200,8n1" "$O/guest/guest" \
	"dom0 script=/test.sh" "$out/initrd"
# Xen: same dom0 and memory; dom0 ends with reboot (Xen halts on poweroff).
sh "$top/scripts/mkiso.sh" "$out/xen.iso" "$xen" \
	"console=com1 com1=115200,8n1 dom0_mem=951M" "$O/guest/guest" \
	"dom0 script=/test.sh" "$out/initrd-xen"

# One boot: prints "banner dom0 end" in seconds ("-" if never seen).
boot_once() {
	local iso=$1 banner=$2 log=$out/log.$$ t0
	t0=$(date +%s%N)
	timeout 60 qemu-system-x86_64 -cpu max,-smap -m 1024 -smp 2 \
		-display none -no-reboot -monitor none -serial stdio \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-cdrom "$iso" -boot d < /dev/null 2>/dev/null |
		"$stamp" "$t0" > "$log"
	local end
	end=$(awk -v a="$t0" -v b="$(date +%s%N)" \
		'BEGIN { printf "%.3f", (b - a) / 1e9 }')
	awk -v re="$banner" -v end="$end" '
		!b && $0 ~ re { b = $1 }
		!d && /Shoji PV guest .* starting/ { d = $1 }
		END { print (b ? b : "-"), (d ? d : "-"), end }' "$log"
	rm -f "$log"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "-"; exit }
		print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

measure() {
	local iso=$1 banner=$2 name=$3 f=$out/$3.runs
	: > "$f"
	for _ in $(seq "$RUNS"); do
		boot_once "$iso" "$banner" >> "$f"
	done
	printf '%s %s %s %s\n' "$name" \
		"$(awk '{ print $1 }' "$f" | median)" \
		"$(awk '{ print $2 }' "$f" | median)" \
		"$(awk '{ print $3 }' "$f" | median)"
}

shoji=$(measure "$out/shoji.iso" 'Shoji .*, a Xen-compatible' shoji)
xenr=$(measure "$out/xen.iso" '\(XEN\) Xen version' xen)
size() { stat -c %s "$1"; }
{
	echo "Boot time under QEMU $(qemu-system-x86_64 --version | head -1 |
		awk '{ print $4 }') (TCG, 2 CPUs, 1 GiB), median of $RUNS runs, seconds from QEMU start"
	echo
	printf '%-22s %10s %10s %8s\n' "" "Shoji" "Xen 4.17" "Xen/Shoji"
	set -- $shoji; s1=$2 s2=$3 s3=$4
	set -- $xenr; x1=$2 x2=$3 x3=$4
	for row in "hypervisor banner:$s1:$x1" "dom0 first line:$s2:$x2" \
		"machine off (exit):$s3:$x3"; do
		IFS=: read -r label a b <<< "$row"
		awk -v l="$label" -v a="$a" -v b="$b" 'BEGIN {
			r = (a > 0 && b > 0) ? sprintf("%.2fx", b / a) : "-"
			printf "%-22s %10s %10s %8s\n", l, a, b, r }'
	done
	echo
	echo "Hypervisor image size, bytes"
	printf '%-22s %10s %10s\n' "" "Shoji" "Xen 4.17"
	printf '%-22s %10s %10s\n' "compressed (.gz)" "$(size "$O/shoji.gz")" \
		"$(size "$xen")"
	printf '%-22s %10s %10s\n' "uncompressed" "$(size "$O/shoji")" \
		"$(zcat "$xen" | wc -c)"
	echo
	echo "Xen's dom0 ends with reboot (it halts, not powers off, on a dom0"
	echo "poweroff); dom0_mem matches what Shoji gives dom0 by default."
} | tee "$O/bench/boot-time.txt"
