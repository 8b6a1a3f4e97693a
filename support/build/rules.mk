# Command helpers in the Kbuild manner: short progress lines unless V=1,
# and rebuilds when either a prerequisite is newer or the command itself
# changed (flags, object lists), recorded in a .<target>.cmd file beside
# each output.

empty :=
space := $(empty) $(empty)
space_escape := _-_SPACE_-_
comma := ,
squote := '
pound := \#

ifeq ($(V),1)
  quiet :=
  Q :=
else
  quiet := quiet_
  Q := @
endif

# Escape single quotes for use inside '...' in the shell.
escsq = $(subst $(squote),'\$(squote)',$1)

# The progress line: "  CC      lib/boot/init.o", or the command with V=1.
ifeq ($(V),1)
echo-cmd = echo '$(call escsq,$(cmd_$(1)))';
else
echo-cmd = $(if $(quiet_cmd_$(1)),echo '  $(call escsq,$(quiet_cmd_$(1)))';)
endif
# fail_NAME, when a command has one, runs after that command failed (to
# explain the failure); run_NAME, when set, is a program the command runs
# under (support/build/objmemo.c); the saved command is cmd_NAME alone.
cmd = @set -e; $(echo-cmd) $(run_$(1)) $(cmd_$(1))$(if $(fail_$(1)), || { $(fail_$(1)); exit 1; })

# Path shown in progress lines: relative to the build or source tree.
disp = $(patsubst $(TS_ROOT)/%,%,$(patsubst $(O)/%,%,$(1)))

dot-target = $(dir $@).$(notdir $@)
depfile = $(dot-target).d

# The command as it will be stored in the .cmd file ($ and # escaped).
make-cmd = $(call escsq,$(subst $(pound),$$(pound),$(subst $$,$$$$,$(cmd_$(1)))))

# Non-empty when the command differs from the one that built the target.
cmd-check = $(filter-out $(subst $(space),$(space_escape),$(strip $(savedcmd_$@))), \
                         $(subst $(space),$(space_escape),$(strip $(cmd_$1))))

newer-prereqs = $(filter-out FORCE,$?)
if-changed-cond = $(newer-prereqs)$(cmd-check)

cmd_and_savecmd = $(cmd); printf '%s\n' 'savedcmd_$@ := $(make-cmd)' > $(dot-target).cmd

# For compilation: the dependency file is rewritten by fixdep so the
# object depends on single configuration symbols, not on all of config.h.
cmd_and_fixdep = $(cmd); \
	$(FIXDEP) $(depfile) $@ $(TS_INCLUDE)/config > $(dot-target).cmd.tmp; \
	rm -f $(depfile); \
	printf '%s\n' 'savedcmd_$@ := $(make-cmd)' >> $(dot-target).cmd.tmp; \
	mv -f $(dot-target).cmd.tmp $(dot-target).cmd

if_changed = $(if $(if-changed-cond),$(cmd_and_savecmd),@:)
if_changed_dep = $(if $(if-changed-cond),$(cmd_and_fixdep),@:)

PHONY += FORCE
FORCE:
