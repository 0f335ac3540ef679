#!/bin/sh
# SPDX-License-Identifier: MIT
# Install what deps/packages lists and is missing; unpack the reference
# packages (Xen 4.17) under $O/pkgs. Run as root it installs; otherwise it
# prints the exact command to run and fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
list=$top/deps/packages

missing=""
for p in $(awk '$1 == "install" { print $2 }' "$list"); do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "deps: missing packages:$missing" >&2
		echo "deps: run as root: apt-get update &&" \
		    "apt-get install --no-install-recommends -y$missing" >&2
		exit 1
	fi
	echo "deps: installing$missing"
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive \
	    apt-get install --no-install-recommends -y -q $missing
fi

# Reference packages: downloaded once into $O/pkgs and unpacked beside.
mkdir -p "$O/pkgs"
for p in $(awk '$1 == "unpack" { print $2 }' "$list"); do
	[ -f "$O/pkgs/$p.stamp" ] && continue
	rm -rf "$O/pkgs/$p" "$O/pkgs/$p"_*.deb
	if ! (cd "$O/pkgs" && apt-get download "$p" >/dev/null 2>&1); then
		if [ "$(id -u)" = 0 ]; then
			apt-get update -q >/dev/null
		fi
		(cd "$O/pkgs" && apt-get download "$p") || {
			echo "deps: cannot download $p;" \
			    "run: apt-get update" >&2
			exit 1
		}
	fi
	dpkg-deb -x "$O/pkgs/$p"_*.deb "$O/pkgs/$p"
	touch "$O/pkgs/$p.stamp"
	echo "deps: unpacked $p into $O/pkgs/$p"
done
