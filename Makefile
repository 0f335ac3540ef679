# SPDX-License-Identifier: MIT
# Shoji: the one entry point. Output goes to $(O) (default build/), never
# into the source tree. Each component adds its rules in its own build.mk.
#
#   make            hypervisor, dom0 guest kernel, ISO
#   make run        boot the ISO in QEMU, serial on this terminal
#   make test       every test: unit, interop, fuzz, boot
#   make test-boot T=<scenario>   one boot scenario
#   make bench      benchmarks; tables in $(O)/bench/

O ?= build
override O := $(abspath $(O))
TOP := $(abspath .)

ifneq ($(V),1)
Q := @
quiet = @printf '  %-8s %s\n' '$(1)' '$(patsubst $(O)/%,%,$(2))';
else
Q :=
quiet =
endif

include config.mk
include mk/flags.mk

.DEFAULT_GOAL := all
.PHONY: all iso run test check test-unit test-interop test-golden test-fuzz \
	test-boot bench clean deps fuzz

# Components append to these.
ALL :=
UNIT_TESTS :=
INTEROP_TESTS :=
GOLDEN_TESTS :=
FUZZ_TESTS :=
BENCHES :=

include hypervisor/build.mk
include guest/build.mk
include tests/build.mk
include bench/build.mk
-include xenstore/build.mk
include mk/run.mk

all: $(ALL) iso

# Installs missing packages (root) or says what to run; unpacks Xen 4.17.
deps: $(O)/.deps-stamp
$(O)/.deps-stamp: deps/packages scripts/deps.sh
	$(Q)O=$(O) sh scripts/deps.sh
	$(Q)mkdir -p $(O) && touch $@

# Suites append "passed failed" to $(TEST_SUMMARY); the last line sums.
export TEST_SUMMARY := $(O)/test-summary
test check: deps
	$(Q)rm -f $(TEST_SUMMARY)
	$(Q)$(MAKE) --no-print-directory test-unit test-interop test-golden \
		test-fuzz
	$(Q)$(MAKE) --no-print-directory test-boot
	$(Q)awk '{ p += $$1; f += $$2 } END { printf "make test: %d passed, %d failed\n", p, f; exit f != 0 }' $(TEST_SUMMARY)

test-unit: $(UNIT_TESTS)
	$(Q)sh tests/run-unit.sh $(UNIT_TESTS)

test-interop: $(INTEROP_TESTS)
test-golden: $(GOLDEN_TESTS)
test-fuzz fuzz: $(FUZZ_TESTS)

bench: deps all $(BENCHES)

clean:
	rm -rf $(O)

-include $(shell find $(O) -path $(O)/pkgs -prune -o -name '*.d' -type f -print 2>/dev/null)
