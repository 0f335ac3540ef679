# SPDX-License-Identifier: MIT
# cmocka tests of PV memory management (tests/unit/test_mm_*.c) over a
# simulated frame table (tests/unit/mm/mm_shim.c: fake memory for the
# direct map, two domains, flush counters). Included from build.mk.

UT_MM_NAMES := mm_validate mm_random
UT_MM_SRC := hypervisor/arch/x86_64/mm.c hypervisor/arch/x86_64/mm_validate.c \
	hypervisor/arch/x86_64/mmu_update.c hypervisor/arch/x86_64/mmuext.c \
	hypervisor/arch/x86_64/ptwr.c hypervisor/arch/x86_64/mm_memop.c \
	hypervisor/arch/x86_64/guest_access.c hypervisor/common/memory.c \
	hypervisor/common/domain_table.c \
	hypervisor/common/multicall.c hypervisor/common/page_alloc.c \
	tests/unit/mm/mm_shim.c tests/unit/shim/hv_shim.c
UT_SRC_mm_validate := $(UT_MM_SRC) tests/unit/mm/dispatch_shim.c
UT_SRC_mm_random := $(UT_MM_SRC) tests/unit/mm/dispatch_shim.c
UNIT_TESTS += $(UT_MM_NAMES:%=$(UT_OUT)/test_%)

$(UT_MM_NAMES:%=$(UT_OUT)/test_%.o) $(UT_OBJ)/tests/unit/mm/mm_shim.o: \
	$(UT_DIR)/mm/mm_shim.h
$(foreach t,$(UT_MM_NAMES),$(eval $(call UT_LINK,$(t))))
