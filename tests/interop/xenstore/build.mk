# SPDX-License-Identifier: MIT
# Interop and durability tests of our xenstored: Debian's xenstore-utils,
# a program linked with Debian's libxenstore, restart and kill -9.

XS_IT_DIR := $(TOP)/tests/interop/xenstore
XS_IT_OUT := $(O)/tests/interop/xenstore
XS_CLIENT_DEB := $(XS_IT_OUT)/xs_client_test.debian

XS_CLIENT_OURS := $(XS_IT_OUT)/xs_client_test.shoji

INTEROP_TESTS += xenstore-interop-tools xenstore-interop-libxs \
	xenstore-interop-ourlib xenstore-durability xenstore-hostile \
	xenstore-domains
.PHONY: xenstore-interop-tools xenstore-interop-libxs \
	xenstore-interop-ourlib xenstore-durability xenstore-hostile \
	xenstore-domains

$(XS_CLIENT_DEB): $(XS_IT_DIR)/xs_client_test.c
	$(call quiet,CC,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(HOST_CFLAGS) -o $@ $< -lxenstore

# The same source against our library (our xenstore.h comes first).
$(XS_CLIENT_OURS): $(XS_IT_DIR)/xs_client_test.c $(XS_LIB)
	$(call quiet,CC,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(HOST_CFLAGS) $(XS_LIB_CFLAGS) -o $@ $< \
		$(XS_LIB) -pthread

xenstore-interop-ourlib: $(O)/host/xenstored $(XS_CLIENT_DEB) \
		$(XS_CLIENT_OURS)
	$(Q)sh $(XS_IT_DIR)/compare.sh $(O)/host/xenstored \
		$(XS_IT_OUT)/compare $(XS_CLIENT_DEB) $(XS_CLIENT_OURS)

xenstore-interop-tools: $(O)/host/xenstored
	$(Q)sh $(XS_IT_DIR)/tools.sh $(O)/host/xenstored $(XS_IT_OUT)/tools

xenstore-interop-libxs: $(O)/host/xenstored $(XS_CLIENT_DEB)
	$(Q)sh $(XS_IT_DIR)/libxs.sh $(O)/host/xenstored \
		$(XS_IT_OUT)/libxs-debian $(XS_CLIENT_DEB) "Debian libxenstore"

xenstore-durability: $(O)/host/xenstored $(XS_CLIENT_DEB)
	$(Q)sh $(XS_IT_DIR)/durability.sh $(O)/host/xenstored \
		$(XS_IT_OUT)/durability $(XS_CLIENT_DEB)

xenstore-hostile: $(O)/host/xenstored
	$(Q)sh $(XS_IT_DIR)/hostile.sh $(O)/host/xenstored \
		$(XS_IT_OUT)/hostile

xenstore-domains: $(O)/host/xenstored
	$(Q)sh $(XS_IT_DIR)/domains.sh $(O)/host/xenstored \
		$(XS_IT_OUT)/domains
