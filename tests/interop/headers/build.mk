# SPDX-License-Identifier: MIT
# tests/interop/headers: include/public/ against Debian's libxen-dev headers.
#
#   alone.ok    every header compiles alone (C99, C++11, freestanding, asm)
#   compare.ok  a generated program prints every size, offset, field size,
#               signedness and constant of our headers; built once against
#               ours and once against /usr/include/xen, the outputs match

HDRT_SRC := tests/interop/headers
HDRT_O := $(O)/tests/interop/headers
HDRT_PUBLIC := $(shell find $(TOP)/include/public -name '*.h' | sort)
# -Wno-type-limits: "(T)-1 < 0" is how the program tells signed from unsigned.
HDRT_CFLAGS := -std=gnu11 -O0 -Wall -Wextra -Werror -Wno-type-limits \
	-I$(TOP)/$(HDRT_SRC)

INTEROP_TESTS += test-headers
.PHONY: test-headers
test-headers: $(HDRT_O)/alone.ok $(HDRT_O)/compare.ok

$(HDRT_O)/alone.ok: $(HDRT_PUBLIC) $(HDRT_SRC)/check-alone.sh
	$(call quiet,HDRCHK,$@)sh $(TOP)/$(HDRT_SRC)/check-alone.sh \
		$(TOP)/include $(HDRT_O)/alone
	$(Q)touch $@

$(HDRT_O)/compare.c: $(HDRT_PUBLIC) $(HDRT_SRC)/gen-compare.py
	$(call quiet,GEN,$@)mkdir -p $(HDRT_O) && \
		python3 $(TOP)/$(HDRT_SRC)/gen-compare.py $(TOP)/include \
		$(HOST_CC) > $@.tmp 2>$(HDRT_O)/gen.log && mv $@.tmp $@

$(HDRT_O)/compare-shoji: $(HDRT_O)/compare.c $(HDRT_SRC)/compare-helpers.h \
		$(HDRT_PUBLIC)
	$(call quiet,CC,$@)$(HOST_CC) $(HDRT_CFLAGS) -DSHOJI \
		-I$(TOP)/include $< -o $@

# __XEN_TOOLS__ selects Xen's current interface, which is the one we have.
$(HDRT_O)/compare-debian: $(HDRT_O)/compare.c $(HDRT_SRC)/compare-helpers.h
	$(call quiet,CC,$@)$(HOST_CC) $(HDRT_CFLAGS) -D__XEN_TOOLS__ \
		-I/usr/include $< -o $@

$(HDRT_O)/compare.ok: $(HDRT_O)/compare-shoji $(HDRT_O)/compare-debian
	$(call quiet,DIFF,$@)$(HDRT_O)/compare-debian > $(HDRT_O)/debian.txt
	$(Q)$(HDRT_O)/compare-shoji > $(HDRT_O)/shoji.txt
	$(Q)diff -u $(HDRT_O)/debian.txt $(HDRT_O)/shoji.txt >&2 || \
		{ echo "test-headers: include/public differs from" \
			"/usr/include/xen (- Debian, + ours)" >&2; exit 1; }
	$(Q)test $$(wc -l < $(HDRT_O)/shoji.txt) -gt 3000 || \
		{ echo "test-headers: too few lines compared" >&2; exit 1; }
	$(Q)echo "test-headers: $$(wc -l < $(HDRT_O)/shoji.txt) lines match" \
		"Debian's headers ($$(cat $(HDRT_O)/gen.log | sed 's/^gen-compare: //'))"
	$(Q)touch $@
