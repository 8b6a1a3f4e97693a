# Whole-tree goals, run from the top of the tree. An app's goals (support/
# build/goals.mk: all, run, menuconfig, ...) given here go to the app A,
# apps/helloworld unless A=apps/<name> names another: `make` at the top
# builds helloworld, `make A=apps/sleep run` boots apps/sleep.
MAKEFLAGS += -rR --no-print-directory
PYTHON := /usr/bin/python3
.DEFAULT_GOAL := all

A ?= apps/helloworld
TS_APP := $(if $(filter /%,$(A)),$(A),$(TS_ROOT)/$(A))
TS_TOP_GOALS := test deps clean distclean mrproper cleancache help
include $(TS_ROOT)/support/build/goals.mk
include $(TS_ROOT)/support/build/upstream.mk
$(call ts_check_goals,$(TS_TOP_GOALS) $(TS_APP_GOALS))
TS_GIVEN := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)

ifneq ($(filter-out $(TS_TOP_GOALS),$(TS_GIVEN)),)
ifeq ($(wildcard $(TS_APP)/Makefile),)
$(error A=$(A) is not an app (no Makefile there); apps: $(patsubst $(TS_ROOT)/%/Makefile,%,$(wildcard $(TS_ROOT)/apps/*/Makefile)))
endif
endif

ifeq ($(filter $(TS_TOP_GOALS),$(TS_GIVEN)),)
# Only an app's goals: one make of the app, which runs them in order.
$(TS_GIVEN): ts-app ; @:
ts-app:
	@echo "tessera: app $(patsubst $(TS_ROOT)/%,%,$(TS_APP)) (A=apps/<name> picks another)"
	@$(MAKE) -C $(TS_APP) $(TS_GIVEN)
.PHONY: ts-app
else ifneq ($(word 2,$(TS_GIVEN)),)
# Whole-tree and other goals (make clean all): one after another, in the
# order given. FRAGMENT= is for the configuration goals only, as in an app.
$(TS_GIVEN): ts-sequential ; @:
ts-sequential:
	@set -e; $(foreach g,$(TS_GIVEN),$(MAKE) -C $(TS_ROOT) $(g) \
		$(if $(filter $(TS_CONFIG_GOALS) %_defconfig,$(g)),,FRAGMENT=);)
.PHONY: ts-sequential
else

# The test suite: installs missing dependencies first (or says how).
test: deps
	@$(PYTHON) $(TS_ROOT)/tests/run $(if $(T),--only '$(T)')

deps:
	@$(TS_ROOT)/support/scripts/install-deps

# Every build folder of the tree (build/ holds the link to the last
# compile_commands.json) except the caches of upstream sources and their
# objects, build/cache (make cleancache empties them).
clean distclean mrproper:
	rm -rf $(filter-out $(TS_ROOT)/build/cache,$(wildcard $(TS_ROOT)/build/*)) \
		$(TS_ROOT)/apps/*/build $(TS_ROOT)/tests/image/apps/*/build

help:
	@echo 'Tessera. Build and boot an app:  make -C apps/helloworld run'
	@echo 'At the top of the tree:'
	@echo '  test    the whole test suite (T=pattern runs the tests whose name matches)'
	@echo '  deps    install what this machine lacks (Debian packages, as root)'
	@echo '  clean distclean mrproper   remove every build folder (the caches stay)'
	@echo '  cleancache  empty the download cache of upstream sources ($(TS_UPSTREAM_CACHE))'
	@echo '              and the cache of their objects ($(TS_OBJ_CACHE))'
	@echo '  any goal of an app below: it goes to A=$(A) (A=apps/<name> picks another;'
	@echo '                    `make` alone builds it, `make menuconfig` configures it)'
	@echo
	@$(MAKE) -C $(TS_APP) help

.PHONY: test deps clean distclean mrproper cleancache help
endif
