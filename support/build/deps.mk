# Stop early with one clear line when the host lacks a tool, or install it
# when we are root (support/scripts/install-deps does the apt work). Cheap
# file tests only: this runs on every make.
ts_missing := $(if $(wildcard /usr/lib/python3/dist-packages/kconfiglib.py),,python3-kconfiglib) \
	$(if $(wildcard /usr/bin/gcc),,gcc) \
	$(if $(wildcard /usr/bin/aarch64-linux-gnu-gcc),,gcc-aarch64-linux-gnu) \
	$(if $(wildcard /usr/bin/qemu-system-x86_64),,qemu-system-x86) \
	$(if $(wildcard /usr/bin/qemu-system-aarch64),,qemu-system-arm)
ifneq ($(strip $(ts_missing)),)
ifeq ($(shell id -u),0)
$(info tessera: missing $(strip $(ts_missing)); running support/scripts/install-deps)
$(if $(shell $(TS_ROOT)/support/scripts/install-deps >&2 && echo ok),,$(error install-deps failed))
else
$(error missing $(strip $(ts_missing)): run 'sudo $(TS_ROOT)/support/scripts/install-deps')
endif
endif
