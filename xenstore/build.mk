# SPDX-License-Identifier: MIT
# xenstore: the store core, the Linux daemon, its tests, fuzzer and bench.

XS_DIR := $(TOP)/xenstore
XS_OUT := $(O)/xenstore
XS_CORE := xs_hash xs_tree xs_perms xs_access xs_txn xs_watch xs_conn \
	xs_ops xs_store xs_domain xs_ring xs_control xs_journal
XS_CORE_SRC := $(XS_CORE:%=$(XS_DIR)/%.c)
XS_CORE_OBJ := $(XS_CORE:%=$(XS_OUT)/%.o)
XS_CORE_SAN := $(XS_CORE:%=$(XS_OUT)/san/%.o)

ALL += $(O)/host/xenstored

$(XS_OUT)/%.o: $(XS_DIR)/%.c
	$(call quiet,CC,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(HOST_CFLAGS) -I$(XS_DIR) -I$(TOP)/include -c -o $@ $<

$(XS_OUT)/san/%.o: $(XS_DIR)/%.c
	$(call quiet,CC,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(TEST_CFLAGS) -I$(XS_DIR) -I$(TOP)/include -c -o $@ $<

$(O)/host/xenstored: $(XS_CORE_OBJ) $(XS_OUT)/xenstored_linux.o \
		$(XS_OUT)/xenstored_state.o
	$(call quiet,LD,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(HOST_CFLAGS) -o $@ $^

.PHONY: xenstore
xenstore: $(O)/host/xenstored


# The client library: libxenstore's API (xenstore/libxs/include/xenstore.h).
XS_LIB_DIR := $(XS_DIR)/libxs
XS_LIB := $(XS_OUT)/libxs/libxenstore.a
XS_LIB_OBJ := $(XS_OUT)/libxs/xs_client.o $(XS_OUT)/libxs/xs_client_ops.o
XS_LIB_CFLAGS := -I$(XS_LIB_DIR)/include -I$(TOP)/include -I$(XS_DIR)
ALL += $(XS_LIB)

$(XS_OUT)/libxs/%.o: $(XS_LIB_DIR)/%.c
	$(call quiet,CC,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(HOST_CFLAGS) $(XS_LIB_CFLAGS) -pthread -c -o $@ $<

$(XS_LIB): $(XS_LIB_OBJ)
	$(call quiet,AR,$@)rm -f $@ && ar rcs $@ $^

# Tests and bench come last: their rules name the variables above.
-include $(TOP)/tests/unit/xenstore/build.mk
-include $(TOP)/tests/interop/xenstore/build.mk
-include $(TOP)/tests/golden/xenstore/build.mk
-include $(TOP)/tests/fuzz/xenstore/build.mk
-include $(TOP)/bench/xenstore/build.mk
