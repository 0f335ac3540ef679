# SPDX-License-Identifier: MIT
# cmocka tests of the credit scheduler policy: each rule on its own
# (test_sched_credit.c, and the yield rules in test_sched_yield.c, both
# on tests/unit/sched/credit_fixture.c), and a discrete-event simulation
# of CPUs and vCPUs on a simulated clock (test_sched_sim.c). Included
# from build.mk.

UT_SRC_sched_sim := hypervisor/common/sched_credit.c \
	hypervisor/common/sched_credit_acct.c
UT_SRC_sched_credit := $(UT_SRC_sched_sim) tests/unit/sched/credit_fixture.c
UT_SRC_sched_yield := $(UT_SRC_sched_credit)
UNIT_TESTS += $(UT_OUT)/test_sched_credit $(UT_OUT)/test_sched_yield \
	$(UT_OUT)/test_sched_sim
$(eval $(call UT_LINK,sched_credit))
$(eval $(call UT_LINK,sched_yield))
$(eval $(call UT_LINK,sched_sim))
