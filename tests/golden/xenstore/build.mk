# SPDX-License-Identifier: MIT
# Golden output of xenstore-ls -fp for standard trees.

XS_GD_DIR := $(TOP)/tests/golden/xenstore
GOLDEN_TESTS += xenstore-golden
.PHONY: xenstore-golden

xenstore-golden: $(O)/host/xenstored
	$(Q)sh $(XS_GD_DIR)/golden.sh $(O)/host/xenstored \
		$(O)/tests/golden/xenstore $(XS_GD_DIR)/standard
