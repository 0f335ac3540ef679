# SPDX-License-Identifier: MIT
# Test rules; each kind of test has its own fragment.
-include tests/interop/headers/build.mk
include tests/boot/build.mk
-include tests/unit/build.mk
-include tests/fuzz/build.mk
