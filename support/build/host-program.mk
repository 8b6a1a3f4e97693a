# The tail every native benchmark Makefile shares (bench/*-native): the
# program PROGRAM is the folder's shim.c (host headers, HOST_CFLAGS: the
# host's main() and what the tree code takes from a platform) linked with
# the host trees named in PROGRAM_TREES (each made by host_tree from
# host.mk, which must be included first), PROGRAM_OBJS and PROGRAM_LDLIBS.
#
#   PROGRAM := sched-native
#   PROGRAM_TREES := bench
#   include $(TS_ROOT)/support/build/host-program.mk

$(O)/shim.o: $(HERE)/shim.c
	$(call say,HOSTCC,shim.c)
	$(Q)mkdir -p $(@D) && $(CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(O)/$(PROGRAM): $(O)/shim.o $(foreach t,$(PROGRAM_TREES),$($(t)_TREE)) $(PROGRAM_OBJS)
	$(call say,HOSTLD,$(PROGRAM))
	$(Q)$(CC) -o $@ $(call host_link,$^) $(PROGRAM_LDLIBS)

all: $(O)/$(PROGRAM)
clean:
	rm -rf $(O)

-include $(O)/shim.d
.DEFAULT_GOAL := all
.PHONY: all clean
.DELETE_ON_ERROR:
