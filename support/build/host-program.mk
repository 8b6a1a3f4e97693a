# The tail every native benchmark Makefile shares (bench/*-native): the
# program PROGRAM is the folder's main.c (host headers, HOST_CFLAGS)
# linked with the host trees named in PROGRAM_TREES (each built by
# host_tree from host.mk, which must be included first), PROGRAM_OBJS
# and PROGRAM_LDLIBS.
#
#   PROGRAM := sched-native
#   PROGRAM_TREES := bench
#   include $(TS_ROOT)/support/build/host-program.mk

$(O)/main.o: $(HERE)/main.c
	$(call say,HOSTCC,main.c)
	$(Q)mkdir -p $(@D) && $(CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(O)/$(PROGRAM): $(O)/main.o $(foreach t,$(PROGRAM_TREES),$(O)/$(t)/tree.o) $(PROGRAM_OBJS)
	$(call say,HOSTLD,$(PROGRAM))
	$(Q)$(CC) -o $@ $^ $(PROGRAM_LDLIBS)

all: $(O)/$(PROGRAM)
clean:
	rm -rf $(O)

-include $(O)/main.d
.DEFAULT_GOAL := all
.PHONY: all clean
.DELETE_ON_ERROR:
