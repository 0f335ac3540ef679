# SPDX-License-Identifier: MIT
# Compiler flags shared by every part of the tree (STYLE.md section 10).

WARN := -std=gnu11 -Werror -Wall -Wextra -Wstrict-prototypes \
	-Wmissing-prototypes -Wmissing-declarations -Wnested-externs \
	-Wshadow -Wundef -Wpointer-arith -Wcast-align -Wwrite-strings \
	-Wredundant-decls -Wvla -Wformat=2 -Wimplicit-fallthrough

DEPFLAGS := -MMD -MP

# Freestanding code: the hypervisor and the PV guest kernels.
# -mno-red-zone: interrupts and traps push onto the current stack.
# -fno-common: one definition per object, as the linker script expects.
FREE_CFLAGS := $(WARN) $(DEPFLAGS) -O2 -g -ffreestanding -nostdinc \
	-fno-builtin -fno-common -fno-stack-protector -mno-red-zone \
	-mno-mmx -mno-sse -mno-sse2 -mno-avx \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-fno-omit-frame-pointer -fno-pic -fcf-protection=none
FREE_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 \
	-Wl,--build-id=none -z noexecstack

# Host code: tools, xenstore, tests.
HOST_CC ?= gcc
HOST_CFLAGS := $(WARN) $(DEPFLAGS) -O2 -g -fstack-protector-strong \
	-D_FORTIFY_SOURCE=2
# Unit tests run the real sources under AddressSanitizer and UBSan.
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
TEST_CFLAGS := $(WARN) $(DEPFLAGS) -O1 -g $(SAN_FLAGS)
