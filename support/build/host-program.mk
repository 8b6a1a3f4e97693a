# What every native benchmark Makefile shares (bench/*-native), included
# first: the settings, support/build/host.mk, and host_program, the rules
# of the program (named after the folder) from the folder's shim.c (host
# headers, HOST_CFLAGS: main() and what the tree code takes from a
# platform) linked with the host trees named in PROGRAM_TREES (each made
# by host_tree), PROGRAM_OBJS and PROGRAM_LDLIBS.
#
#   include $(dir $(lastword $(MAKEFILE_LIST)))../../support/build/host-program.mk
#   bench_LIBS := sched time
#   $(call host_tree,bench)
#   PROGRAM_TREES := bench
#   $(eval $(host_program))

HERE := $(patsubst %/,%,$(dir $(abspath $(firstword $(MAKEFILE_LIST)))))
O ?= $(HERE)/build
override O := $(abspath $(O))
CC ?= cc
HOST_OPT := -O2
include $(dir $(lastword $(MAKEFILE_LIST)))host.mk
PROGRAM := $(notdir $(HERE))

define host_program
$(O)/shim.o: $(HERE)/shim.c
	$$(call say,HOSTCC,shim.c)
	$$(Q)mkdir -p $$(@D) && $$(CC) $$(HOST_CFLAGS) -MMD -MP -c $$< -o $$@

$(O)/$(PROGRAM): $(O)/shim.o $(foreach t,$(PROGRAM_TREES),$($(t)_TREE)) $(PROGRAM_OBJS)
	$$(call say,HOSTLD,$(PROGRAM))
	$$(Q)$$(CC) -o $$@ $$(call host_link,$$^) $(PROGRAM_LDLIBS)

all: $(O)/$(PROGRAM)
clean:
	rm -rf $(O)

-include $(O)/shim.d
.DEFAULT_GOAL := all
.PHONY: all clean
.DELETE_ON_ERROR:
endef
