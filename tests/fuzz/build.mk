# SPDX-License-Identifier: MIT
# libFuzzer targets for the parsers of untrusted bytes (STYLE.md section 9,
# docs/testing.md), built with clang from the same sources as the unit
# tests. `make test-fuzz` runs each for FUZZ_TIME seconds from its seed
# corpus tests/fuzz/<target>/; new inputs go to $(O)/tests/fuzz/corpus/,
# a crash leaves $(O)/tests/fuzz/crash-<target>-* and fails the build.
# Longer runs: make test-fuzz FUZZ_TIME=600, or run the binary by hand.

FZ_DIR := $(TOP)/tests/fuzz
FZ_OUT := $(O)/tests/fuzz
FZ_CC ?= clang
FUZZ_TIME ?= 10

# -Wno-redundant-decls: hv/lib.h declares what <string.h> declares.
# -idirafter: only <guest/...> comes from guest/include (see unit tests).
FZ_CFLAGS := $(WARN) -Wno-redundant-decls $(DEPFLAGS) -O1 -g \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -DHV_HOST_TEST \
	-I$(TOP)/hypervisor/include -I$(TOP)/hypervisor/arch/x86_64/include \
	-I$(TOP)/include -idirafter $(TOP)/guest/include -I$(FZ_DIR)

FZ_NAMES := mb2 elf acpi cpio
FZ_SRC_mb2 := hypervisor/lib/mb2.c
FZ_SRC_elf := hypervisor/lib/elf.c
FZ_SRC_acpi := hypervisor/lib/acpi.c
FZ_SRC_cpio := guest/cpio.c

FUZZ_TESTS += $(FZ_NAMES:%=fuzz-run-%)
.PHONY: $(FZ_NAMES:%=fuzz-run-%)

# The objects of the code under test get -fsanitize=fuzzer-no-link: the
# coverage instrumentation without a second main().
$(FZ_OUT)/obj/%.o: $(TOP)/%.c
	$(call quiet,FUZZCC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(FZ_CC) $(subst fuzzer,fuzzer-no-link,$(FZ_CFLAGS)) -c -o $@ $<

$(FZ_OUT)/fuzz_%.o: $(FZ_DIR)/fuzz_%.c $(FZ_DIR)/fuzz.h
	$(call quiet,FUZZCC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(FZ_CC) $(subst fuzzer,fuzzer-no-link,$(FZ_CFLAGS)) -c -o $@ $<

define FZ_TARGET
$(FZ_OUT)/fuzz_$(1): $(FZ_OUT)/fuzz_$(1).o \
		$(patsubst %.c,$(FZ_OUT)/obj/%.o,$(FZ_SRC_$(1)))
	$$(call quiet,FUZZLD,$$@)
	$$(Q)$$(FZ_CC) $$(FZ_CFLAGS) -o $$@ $$^

fuzz-run-$(1): $(FZ_OUT)/fuzz_$(1)
	$$(call quiet,FUZZ,$(1) for $$(FUZZ_TIME) s)
	$$(Q)mkdir -p $(FZ_OUT)/corpus/$(1)
	$$(Q)$(FZ_OUT)/fuzz_$(1) -max_total_time=$$(FUZZ_TIME) \
		-timeout=10 -rss_limit_mb=1024 \
		-artifact_prefix=$(FZ_OUT)/crash-$(1)- \
		$(FZ_OUT)/corpus/$(1) $(FZ_DIR)/$(1) \
		> $(FZ_OUT)/fuzz_$(1).log 2>&1 || \
		{ tail -40 $(FZ_OUT)/fuzz_$(1).log; \
		  echo "fuzz: $(1) failed; log $(FZ_OUT)/fuzz_$(1).log"; \
		  exit 1; }
	$$(Q)grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs)' \
		$(FZ_OUT)/fuzz_$(1).log | tail -1 | sed 's/^/  fuzz $(1): /'
endef
$(foreach t,$(FZ_NAMES),$(eval $(call FZ_TARGET,$(t))))
