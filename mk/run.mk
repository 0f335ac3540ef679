# SPDX-License-Identifier: MIT
# The bootable ISO and `make run`: Shoji with our guest kernel as dom0 and
# a small initrd, booted in QEMU with the serial console on this terminal.

RUN_DIR := $(O)/run
ISO := $(O)/shoji.iso
RUN_HV_ARGS ?= console=com1 com1=115200,8n1 loglvl=info
RUN_DOM0_ARGS ?= dom0
QEMU_RUN := qemu-system-x86_64 -cpu max,-smap -m 1024 -smp 2 \
	-display none -serial mon:stdio -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=4

$(RUN_DIR)/dom0-initrd: $(TOP)/guest/mkinitrd.sh $(TOP)/README.md
	$(Q)mkdir -p $(RUN_DIR)/initrd
	$(Q)printf 'Welcome to Shoji dom0.\n' > $(RUN_DIR)/initrd/motd
	$(Q)sh $(TOP)/guest/mkinitrd.sh $@ $(RUN_DIR)/initrd

$(ISO): $(O)/shoji.gz $(O)/guest/guest $(RUN_DIR)/dom0-initrd \
		$(TOP)/scripts/mkiso.sh
	$(call quiet,ISO,$@)
	$(Q)sh $(TOP)/scripts/mkiso.sh $@ $(O)/shoji.gz "$(RUN_HV_ARGS)" \
		$(O)/guest/guest "$(RUN_DOM0_ARGS)" $(RUN_DIR)/dom0-initrd

iso: $(ISO)

# QEMU's exit status 33 is dom0's poweroff (docs/boot-params.md).
run: deps $(ISO)
	@echo "Booting Shoji in QEMU. Quit: type 'poweroff' at the dom0#"
	@echo "prompt, or press Ctrl-A then X."
	$(Q)$(QEMU_RUN) -cdrom $(ISO) -boot d; rc=$$?; \
		[ $$rc = 0 ] || [ $$rc = 33 ] || [ $$rc = 35 ] || \
		echo "QEMU exited with status $$rc (docs/boot-params.md)"
