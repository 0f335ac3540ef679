# SPDX-License-Identifier: MIT
# cmocka unit tests of the store core, built with ASan and UBSan.

XS_UT_DIR := $(TOP)/tests/unit/xenstore
XS_UT_OUT := $(O)/tests/unit/xenstore
XS_UT_NAMES := test_xs_tree test_xs_txn test_xs_watch test_xs_quota \
	test_xs_journal test_xs_domain test_xs_ring_guest
XS_UT_BINS := $(XS_UT_NAMES:%=$(XS_UT_OUT)/%)

UNIT_TESTS += $(XS_UT_BINS)

$(XS_UT_OUT)/%.o: $(XS_UT_DIR)/%.c
	$(call quiet,CC,$@)mkdir -p $(dir $@) && \
		$(HOST_CC) $(TEST_CFLAGS) -I$(XS_DIR) -I$(TOP)/include -I$(XS_UT_DIR) -c -o $@ $<

$(XS_UT_OUT)/test_xs_%: $(XS_UT_OUT)/test_xs_%.o $(XS_UT_OUT)/xs_harness.o \
		$(XS_CORE_SAN)
	$(call quiet,LD,$@)$(HOST_CC) $(TEST_CFLAGS) -o $@ $^ -lcmocka
