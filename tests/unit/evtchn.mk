# SPDX-License-Identifier: MIT
# cmocka tests of the event channel state machine (test_evtchn.c and,
# for the randomized sequence, test_evtchn_random.c): every
# operation and error of event_channel_op, teardown of either end,
# delivery through the 2-level bitmaps, and a randomized sequence checked
# against the invariants, over three simulated domains
# (tests/unit/evtchn/evtchn_shim.c). Included from build.mk.

UT_SRC_evtchn := hypervisor/common/evtchn.c hypervisor/common/evtchn_2l.c \
	tests/unit/evtchn/evtchn_shim.c tests/unit/shim/hv_shim.c
UT_SRC_evtchn_random := $(UT_SRC_evtchn)
UNIT_TESTS += $(UT_OUT)/test_evtchn $(UT_OUT)/test_evtchn_random

$(UT_OUT)/test_evtchn.o $(UT_OUT)/test_evtchn_random.o \
		$(UT_OBJ)/tests/unit/evtchn/evtchn_shim.o: \
	$(UT_DIR)/evtchn/evtchn_shim.h $(UT_DIR)/evtchn/evtchn_ops.h
$(eval $(call UT_LINK,evtchn))
$(eval $(call UT_LINK,evtchn_random))
