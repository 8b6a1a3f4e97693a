# Building one application image. Included by the top-level Makefile when an
# app's Makefile set TS_APP_DIR. Reading order: settings, discovery of
# libraries, configuration, then (only when a .config exists) the library
# registrations and the rules of support/build/image.mk.

MAKEFLAGS += -rR --no-print-directory
.SUFFIXES:
.DELETE_ON_ERROR:
.DEFAULT_GOAL := all

TS_APP_DIR := $(patsubst %/,%,$(abspath $(TS_APP_DIR)))
APP ?= $(notdir $(TS_APP_DIR))
O ?= $(TS_APP_DIR)/build
override O := $(abspath $(O))
V ?= 0
TS_DEFAULT_TARGET ?= kvm-x86_64
PYTHON := /usr/bin/python3
HOSTCC ?= gcc

include $(TS_ROOT)/support/build/rules.mk
include $(TS_ROOT)/support/build/goals.mk
include $(TS_ROOT)/support/build/upstream.mk
# Before anything is written or installed (*_defconfig are checked below).
$(call ts_check_goals,$(TS_APP_GOALS))
include $(TS_ROOT)/support/build/deps.mk

# --- discovery -------------------------------------------------------------
# The core libraries (support/build/libs.mk), plus the folders the app
# names in LIBS (colon-separated) and the app itself.
include $(TS_ROOT)/support/build/libs.mk
TS_EXT_DIRS := $(foreach d,$(subst :, ,$(LIBS)),$(patsubst %/,%,$(abspath $(d))))
$(foreach d,$(TS_EXT_DIRS),$(if $(wildcard $(d)/Makefile.uk),,\
	$(error LIBS names $(d), which has no Makefile.uk)))
$(if $(wildcard $(TS_APP_DIR)/Makefile.uk),,\
	$(error $(TS_APP_DIR) has no Makefile.uk: an app lists its sources there))
TS_ALL_DIRS := $(TS_CORE_DIRS) $(TS_EXT_DIRS) $(TS_APP_DIR)

# --- configuration -----------------------------------------------------------
TS_KCONFIG := $(O)/kconfig
TS_INCLUDE := $(O)/include
TS_CONFIG := $(O)/.config
TS_AUTOCONF := $(TS_INCLUDE)/config/auto.conf
TS_CONFIGS_DIR := $(TS_ROOT)/support/configs
TS_TARGETS := $(patsubst %_defconfig,%,$(notdir $(wildcard $(TS_CONFIGS_DIR)/*_defconfig)))

# Rewritten only when the set of library folders changes, so adding or
# removing a library re-runs the configuration step.
TS_DIRLIST := $(TS_KCONFIG)/libdirs
$(shell mkdir -p $(TS_KCONFIG))
ifneq ($(file <$(TS_DIRLIST)),$(TS_ALL_DIRS))
$(file >$(TS_DIRLIST),$(TS_ALL_DIRS))
endif

KCONFIG_ENV := TS_ROOT='$(TS_ROOT)' TS_KCONFIG='$(TS_KCONFIG)' \
	TS_LIBDIRS='$(TS_ALL_DIRS)' TS_APP_DIR='$(TS_APP_DIR)' \
	KCONFIG_CONFIG='$(TS_CONFIG)' TS_INCLUDE='$(TS_INCLUDE)'
TSKCONFIG := $(KCONFIG_ENV) $(PYTHON) $(TS_ROOT)/support/kconfig/tskconfig.py
TS_KCONFIG_FILES := $(TS_ROOT)/Config.uk $(wildcard $(addsuffix /Config.uk,$(TS_ALL_DIRS))) \
	$(TS_DIRLIST) $(wildcard $(TS_ROOT)/support/kconfig/*.py)

# Fragments merged over a target's defconfig: the app's own app.config
# (options it needs everywhere) and FRAGMENT=file[:file...] from the caller.
TS_FRAGMENTS := $(wildcard $(TS_APP_DIR)/app.config) $(subst :, ,$(FRAGMENT))
ts_defconfig = $(TSKCONFIG) defconfig $(TS_CONFIGS_DIR)/$(1)_defconfig $(TS_FRAGMENTS)

CONFIG_GOALS := $(TS_CONFIG_GOALS) $(addsuffix _defconfig,$(TS_TARGETS))
NOCONFIG_GOALS := $(TS_NOCONFIG_GOALS)
GOALS := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)

ifneq ($(and $(filter $(CONFIG_GOALS) %_defconfig $(NOCONFIG_GOALS),$(GOALS)),$(word 2,$(GOALS))),)
# Several goals mixing configuration or cleaning with building (make
# x_defconfig all, make clean run): run them one after another, in the
# order given, each in a fresh make that sees what the one before did.
$(GOALS): ts-sequential ; @:
# FRAGMENT= is for the configuration goals among them only.
ts-sequential:
	$(Q)set -e; $(foreach g,$(GOALS),$(MAKE) -C $(TS_APP_DIR) $(g) \
		$(if $(filter $(CONFIG_GOALS) %_defconfig,$(g)),,FRAGMENT=);)
else
include $(TS_ROOT)/support/build/config.mk
ifeq ($(filter $(CONFIG_GOALS) %_defconfig $(NOCONFIG_GOALS),$(GOALS)),)
# Building: bring the configuration up to date first (make re-reads this
# file after remaking auto.conf), then read every library's Makefile.uk.
# FRAGMENT= on a build with a .config: its lines are applied over that
# .config (later wins, as over a defconfig; the rest stays), so the
# Kconfig step must run. Not again after make restarts for the new
# auto.conf: the fragment is in the .config by then.
ifneq ($(and $(FRAGMENT),$(wildcard $(TS_CONFIG))),)
ifeq ($(MAKE_RESTARTS),)
$(TS_AUTOCONF): ts-fragment
ts-fragment: ;
PHONY += ts-fragment
endif
endif
$(TS_CONFIG):
	@echo "tessera: no $(call disp,$(TS_CONFIG)) yet, using $(TS_DEFAULT_TARGET)_defconfig"
	$(Q)$(call ts_defconfig,$(TS_DEFAULT_TARGET))
# A changed app.config reaches an existing .config here (tskconfig.py
# applies the lines that changed over the user's other choices).
$(TS_AUTOCONF): $(TS_CONFIG) $(TS_KCONFIG_FILES) $(wildcard $(TS_APP_DIR)/app.config)
	@echo "  KCONFIG $(call disp,$(TS_CONFIG))"
	$(Q)$(TSKCONFIG) syncconfig $(subst :, ,$(FRAGMENT))
# Not -include: make then ignores a failed remake and builds with the old
# auto.conf and config.h while embedding the new .config. A Kconfig
# failure must stop the build (exit status 2), and auto.conf, written
# last, stays older than its inputs, so the next make tries again.
include $(TS_AUTOCONF)
ifneq ($(wildcard $(TS_AUTOCONF)),)
include $(TS_ROOT)/support/build/image.mk
endif
endif
endif

.PHONY: $(PHONY)
