# SPDX-License-Identifier: MIT
# The PV guest kernel (dom0 image): $(O)/guest/guest. Included by the
# top-level Makefile, which provides O, TOP, Q, quiet and the flags.

GUEST_SRCS := \
	guest/arch/x86_64/head.S \
	guest/arch/x86_64/entry.S \
	guest/arch/x86_64/switch.S \
	guest/arch/x86_64/user_prog.S \
	guest/main.c \
	guest/abitest.c \
	guest/abivcpu.c \
	guest/abimm.c \
	guest/abicpu.c \
	guest/check.c \
	guest/gnttab.c \
	guest/gnttab_map.c \
	guest/gnttab_peer.c \
	guest/gnttab_random.c \
	guest/hostile.c \
	guest/hostile_random.c \
	guest/hostile_domu.c \
	guest/mm.c \
	guest/traps.c \
	guest/thread.c \
	guest/user.c \
	guest/bench.c \
	guest/bench_smp.c \
	guest/bench_gnttab.c \
	guest/events.c \
	guest/smp.c \
	guest/smp_pin.c \
	guest/smpevents.c \
	guest/smpevents_time.c \
	guest/smpevents_sleep.c \
	guest/control.c \
	guest/schedfair.c \
	guest/info.c \
	guest/shell.c \
	guest/shutdown.c \
	guest/console.c \
	guest/cpio.c \
	guest/errno.c \
	guest/lib/printk.c \
	guest/lib/strtoul.c \
	guest/lib/vsnprintf.c

GUEST_OBJS := $(patsubst guest/%,$(O)/guest/%.o,$(basename $(GUEST_SRCS))) \
	$(O)/guest/shared/string.o
GUEST_VERSION := $(SHOJI_VERSION_MAJOR).$(SHOJI_VERSION_MINOR)$(SHOJI_VERSION_EXTRA)

# -mcmodel=kernel: linked in the top 2 GiB (guest.lds).
# -fno-tree-loop-distribute-patterns: keep GCC from turning the loops of
# memset()/memcpy() into calls to themselves.
GUEST_CFLAGS := $(FREE_CFLAGS) -mcmodel=kernel \
	-fno-tree-loop-distribute-patterns \
	-isystem $(TOP)/include/freestanding \
	-I$(TOP)/guest/include -I$(TOP)/include \
	-DGUEST_VERSION='"$(GUEST_VERSION)"'
GUEST_LDFLAGS := $(FREE_LDFLAGS) -no-pie -T $(TOP)/guest/guest.lds

# The shell's commands share one signature; not all of them take args.
$(O)/guest/shell.o: GUEST_CFLAGS += -Wno-unused-parameter
# So do event handlers and smp_call() jobs.
$(addprefix $(O)/guest/,smp.o smpevents.o smpevents_time.o \
	smpevents_sleep.o bench_smp.o): GUEST_CFLAGS += -Wno-unused-parameter

ALL += $(O)/guest/guest

$(O)/guest/guest: $(GUEST_OBJS) $(TOP)/guest/guest.lds
	$(call quiet,LD,$@)
	$(Q)$(CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -o $@ $(GUEST_OBJS)

$(O)/guest/%.o: $(TOP)/guest/%.c
	$(call quiet,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(GUEST_CFLAGS) -c -o $@ $<

# The string functions are the hypervisor's, built with the guest's flags.
$(O)/guest/shared/string.o: $(TOP)/hypervisor/lib/string.c
	$(call quiet,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(GUEST_CFLAGS) -I$(TOP)/hypervisor/include \
		-c -o $@ $<

$(O)/guest/%.o: $(TOP)/guest/%.S
	$(call quiet,AS,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(GUEST_CFLAGS) -D__ASSEMBLY__ -c -o $@ $<

.PHONY: guest
guest: $(O)/guest/guest
