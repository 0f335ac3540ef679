# SPDX-License-Identifier: MIT
# cmocka unit tests of single modules (STYLE.md section 9, docs/testing.md).
# Each $(O)/tests/unit/test_<module> links tests/unit/test_<module>.c with
# the module's real source, compiled unchanged for the host with
# -DHV_HOST_TEST (ASSERT -> assert, no cli in spinlocks, <errno.h>) and
# run under AddressSanitizer and UBSan.

UT_DIR := $(TOP)/tests/unit
UT_OUT := $(O)/tests/unit
UT_OBJ := $(UT_OUT)/obj

# -Wno-redundant-decls: hv/lib.h declares the string functions that the
# host's <string.h> and <stdio.h> declare too.
# -idirafter: guest/include holds the guest's own string.h and stdio.h,
# which must not hide the host's; only <guest/...> is taken from it.
UT_CFLAGS := $(TEST_CFLAGS) -Wno-redundant-decls -DHV_HOST_TEST \
	-I$(TOP)/hypervisor/include -I$(TOP)/hypervisor/arch/x86_64/include \
	-I$(TOP)/include -idirafter $(TOP)/guest/include -I$(UT_DIR)

UT_NAMES := mb2 elf pv_layout page_alloc memrange cmdline acpi vsnprintf \
	cpio
UNIT_TESTS += $(UT_NAMES:%=$(UT_OUT)/test_%)

# The sources each test links, relative to $(TOP).
UT_SRC_mb2 := hypervisor/lib/mb2.c
UT_SRC_elf := hypervisor/lib/elf.c
UT_SRC_pv_layout := hypervisor/common/pv_layout.c
UT_SRC_page_alloc := hypervisor/common/page_alloc.c
UT_SRC_memrange := hypervisor/common/memrange.c
UT_SRC_cmdline := hypervisor/common/cmdline.c hypervisor/lib/parse.c \
	tests/unit/shim/shim.c
UT_SRC_acpi := hypervisor/lib/acpi.c
UT_SRC_vsnprintf := hypervisor/lib/vsnprintf.c
UT_SRC_cpio := guest/cpio.c

# Our vsnprintf/snprintf would replace libc's (which ASan and cmocka use):
# rename them in the object under test.
$(UT_OBJ)/hypervisor/lib/vsnprintf.o: UT_CFLAGS += \
	-Dvsnprintf=hv_vsnprintf -Dsnprintf=hv_snprintf
# test_elf also parses the real guest kernel when it has been built.
$(UT_OUT)/test_elf.o: UT_CFLAGS += -DUT_GUEST_ELF='"$(O)/guest/guest"'

$(UT_OBJ)/%.o: $(TOP)/%.c
	$(call quiet,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(UT_CFLAGS) -c -o $@ $<

$(UT_OUT)/test_%.o: $(UT_DIR)/test_%.c $(UT_DIR)/unit.h
	$(call quiet,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(UT_CFLAGS) -c -o $@ $<

define UT_LINK
$(UT_OUT)/test_$(1): $(UT_OUT)/test_$(1).o \
		$(patsubst %.c,$(UT_OBJ)/%.o,$(UT_SRC_$(1)))
	$$(call quiet,LD,$$@)
	$$(Q)$$(HOST_CC) $$(UT_CFLAGS) -o $$@ $$^ -lcmocka
endef
$(foreach t,$(UT_NAMES),$(eval $(call UT_LINK,$(t))))

# PV memory management tests.
-include tests/unit/mm.mk

# Credit scheduler policy tests.
-include tests/unit/sched.mk

# Event channel tests.
-include tests/unit/evtchn.mk
