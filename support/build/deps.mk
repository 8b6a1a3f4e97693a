# Stop early with one clear line when the host lacks a tool, or install it
# when we are root (support/scripts/install-deps does the apt work). Cheap
# file tests only: this runs on every make. QEMU only for the goals that
# run it (TS_QEMU_GOALS), looked up as support/scripts/run finds it, in
# PATH: building needs no QEMU.
ts_missing := $(if $(wildcard /usr/lib/python3/dist-packages/kconfiglib.py),,python3-kconfiglib) \
	$(if $(wildcard /usr/bin/gcc),,gcc) \
	$(if $(wildcard /usr/bin/aarch64-linux-gnu-gcc),,gcc-aarch64-linux-gnu)
ifneq ($(filter $(TS_QEMU_GOALS),$(MAKECMDGOALS)),)
ts_missing += $(if $(shell command -v qemu-system-x86_64),,qemu-system-x86) \
	$(if $(shell command -v qemu-system-aarch64),,qemu-system-arm)
endif
ifneq ($(strip $(ts_missing)),)
ifeq ($(shell id -u),0)
$(info tessera: missing $(strip $(ts_missing)); running support/scripts/install-deps)
$(if $(shell $(TS_ROOT)/support/scripts/install-deps >&2 && echo ok),,$(error install-deps failed))
else
$(error missing $(strip $(ts_missing)): run 'sudo $(TS_ROOT)/support/scripts/install-deps')
endif
endif
