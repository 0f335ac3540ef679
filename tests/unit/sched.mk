# SPDX-License-Identifier: MIT
# cmocka tests of the credit scheduler policy (test_sched_credit.c): each
# rule on its own, and a discrete-event simulation of CPUs and vCPUs on
# a simulated clock. Included from build.mk.

UT_SRC_sched_credit := hypervisor/common/sched_credit.c \
	hypervisor/common/sched_credit_acct.c
UNIT_TESTS += $(UT_OUT)/test_sched_credit
$(eval $(call UT_LINK,sched_credit))
