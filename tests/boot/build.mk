# SPDX-License-Identifier: MIT
# Boot scenarios (tests/boot/*.scn) and the images they boot.
# make test-boot             every scenario
# make test-boot T=name      one scenario

BOOT_IMG := $(O)/tests/boot/images
BAD_IMAGES := $(addprefix $(BOOT_IMG)/,notelf truncated nonotes badversion)

$(BOOT_IMG)/badimage: $(TOP)/tests/boot/images/badimage.c
	$(call quiet,HOSTCC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $<

$(BAD_IMAGES): $(BOOT_IMG)/%: $(BOOT_IMG)/badimage $(O)/guest/guest
	$(Q)$(BOOT_IMG)/badimage $* $(O)/guest/guest $@

# The guest kernel with an extra FEATURES note requiring a feature.
$(BOOT_IMG)/feature-note.o: $(TOP)/tests/boot/images/feature-note.S
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -c -o $@ $<

$(BOOT_IMG)/requires-feature: $(GUEST_OBJS) $(BOOT_IMG)/feature-note.o
	$(call quiet,LD,$@)
	$(Q)$(CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -o $@ $^

BOOT_DEPS := $(O)/shoji.gz $(O)/guest/guest $(BAD_IMAGES) \
	$(BOOT_IMG)/requires-feature

.PHONY: boot-images
boot-images: $(BOOT_DEPS)

test-boot: $(BOOT_DEPS)
	$(Q)O=$(O) sh $(TOP)/tests/boot/run-all.sh $(T)
