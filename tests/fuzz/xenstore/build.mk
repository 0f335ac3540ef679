# SPDX-License-Identifier: MIT
# libFuzzer target of the store core's wire input, run briefly by
# test-fuzz (XS_FUZZ_SECONDS, default 15). The seed corpus is copied to
# $(O) so that nothing is written into the source tree.

XS_FZ_DIR := $(TOP)/tests/fuzz/xenstore
XS_FZ_OUT := $(O)/tests/fuzz/xenstore
XS_FUZZ_SECONDS ?= 15
XS_FUZZ_CC ?= clang
# The fuzzer's own flags; -Wno-error=unused-command-line-argument keeps
# clang quiet about -D_FORTIFY_SOURCE with -O1.
XS_FUZZ_CFLAGS := $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer

FUZZ_TESTS += xenstore-fuzz
.PHONY: xenstore-fuzz

$(XS_FZ_OUT)/fuzz_xs_wire: $(XS_FZ_DIR)/fuzz_xs_wire.c $(XS_CORE_SRC) \
		$(wildcard $(XS_DIR)/*.h)
	$(call quiet,CLANG,$@)mkdir -p $(dir $@) && \
		$(XS_FUZZ_CC) $(XS_FUZZ_CFLAGS) -I$(XS_DIR) -I$(TOP)/include -o $@ \
		$(XS_FZ_DIR)/fuzz_xs_wire.c $(XS_CORE_SRC)

xenstore-fuzz: $(XS_FZ_OUT)/fuzz_xs_wire
	$(Q)rm -rf $(XS_FZ_OUT)/corpus && mkdir -p $(XS_FZ_OUT)/corpus && \
		cp $(XS_FZ_DIR)/corpus/* $(XS_FZ_OUT)/corpus/
	$(Q)if $(XS_FZ_OUT)/fuzz_xs_wire -max_total_time=$(XS_FUZZ_SECONDS) \
		-max_len=16384 -timeout=10 -rss_limit_mb=1024 \
		-artifact_prefix=$(XS_FZ_OUT)/ $(XS_FZ_OUT)/corpus \
		> $(XS_FZ_OUT)/fuzz.log 2>&1; then \
		echo "PASS xenstore fuzz: $$(grep -o '#[0-9]*.*DONE.*' \
			$(XS_FZ_OUT)/fuzz.log | head -1)"; \
	else tail -40 $(XS_FZ_OUT)/fuzz.log; \
		echo "FAIL xenstore fuzz (log: $(XS_FZ_OUT)/fuzz.log)"; \
		exit 1; fi
