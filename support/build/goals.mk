# The goals of an app build, in one list that the app's Makefile
# (support/build/app.mk) and the top of the tree (support/build/top.mk, which
# passes them to the default app) share, and the check that turns a
# mistyped goal into the nearest known ones instead of make's "No rule to
# make target". `make help` lists each (tests/build/test_goals.py).

# Goals that write or read the configuration only.
TS_CONFIG_GOALS := menuconfig oldconfig olddefconfig savedefconfig defconfig \
	allyesconfig allnoconfig listnewconfig
# Goals that need no configuration.
TS_NOCONFIG_GOALS := clean distclean mrproper cleancache help
# Goals that build (and some then run QEMU, TS_QEMU_GOALS).
TS_BUILD_GOALS := all run gdb debug size sdcard fetch compile_commands.json xl-config
TS_QEMU_GOALS := run gdb debug
TS_APP_GOALS := $(TS_CONFIG_GOALS) $(TS_NOCONFIG_GOALS) $(TS_BUILD_GOALS)

# ts_check_goals KNOWN: stop with the nearest known goals when a goal on the
# command line is none of KNOWN, a *_defconfig (which says itself which
# targets exist) or a file path.
ts_unknown_goals = $(filter-out $(1) %_defconfig,$(foreach g,$(MAKECMDGOALS),$(if $(findstring /,$(g)),,$(g))))
ts_check_goals = $(if $(call ts_unknown_goals,$(1)),\
	$(shell $(PYTHON) $(TS_ROOT)/support/build/nearest-goal $(call ts_unknown_goals,$(1)) -- $(1) >&2)\
	$(error make help lists every goal))
