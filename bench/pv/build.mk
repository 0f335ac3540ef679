# SPDX-License-Identifier: MIT
# PV path benchmark (make bench-pv): the guest's `bench` command on Shoji
# and on Xen 4.17 in the same QEMU. Table in $(O)/bench/pv.txt.

.PHONY: bench-pv
bench-pv: $(O)/shoji.gz $(O)/guest/guest
	$(Q)O=$(O) bash $(TOP)/bench/pv/run.sh

BENCHES += bench-pv
