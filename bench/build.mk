# SPDX-License-Identifier: MIT
# Benchmarks (make bench): tables printed and written to $(O)/bench/.

$(O)/bench/boot-time/linestamp: $(TOP)/bench/boot/linestamp.c
	$(call quiet,HOSTCC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $<

.PHONY: bench-boot
bench-boot: $(O)/shoji.gz $(O)/guest/guest $(O)/bench/boot-time/linestamp
	$(Q)O=$(O) bash $(TOP)/bench/boot/boot-time.sh

BENCHES += bench-boot

-include bench/pv/build.mk
