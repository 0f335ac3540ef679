# SPDX-License-Identifier: MIT
# xenstore benchmark (make bench): our xenstored against Xen 4.17's C
# xenstored and oxenstored, which run on this host with a preloaded
# stand-in for the Xen device layer. Table in $(O)/bench/xenstore.txt.

XS_BN_DIR := $(TOP)/bench/xenstore
XS_BN_OUT := $(O)/bench/xenstore
XS_XEN_BIN := $(O)/pkgs/xen-utils-4.17/usr/lib/xen-4.17/bin

BENCHES += xenstore-bench
.PHONY: xenstore-bench

$(XS_BN_OUT)/xs_bench: $(XS_BN_DIR)/xs_bench.c
	$(call quiet,CC,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(HOST_CFLAGS) -o $@ $< -lxenstore -pthread

$(XS_BN_OUT)/xs_bench.ourlib: $(XS_BN_DIR)/xs_bench.c $(XS_LIB)
	$(call quiet,CC,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(HOST_CFLAGS) $(XS_LIB_CFLAGS) -o $@ $< \
		$(XS_LIB) -pthread

$(XS_BN_OUT)/xs_floor: $(XS_BN_DIR)/xs_floor.c
	$(call quiet,CC,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(HOST_CFLAGS) -o $@ $<

# -fPIC -shared: it is preloaded into the daemons.
$(XS_BN_OUT)/xen_standin.so: $(XS_BN_DIR)/xen_standin.c
	$(call quiet,CC,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(HOST_CFLAGS) -fPIC -shared -o $@ $< -ldl

xenstore-bench: $(O)/host/xenstored $(XS_BN_OUT)/xs_bench \
		$(XS_BN_OUT)/xen_standin.so $(XS_BN_OUT)/xs_bench.ourlib \
		$(XS_BN_OUT)/xs_floor
	$(Q)sh $(XS_BN_DIR)/run.sh $(O)/host/xenstored $(XS_BN_OUT)/xs_bench \
		$(XS_BN_OUT)/xen_standin.so $(XS_XEN_BIN) $(XS_BN_OUT)/run \
		$(O)/bench/xenstore.txt $(XS_BN_OUT)/xs_bench.ourlib \
		$(XS_BN_OUT)/xs_floor
