# The compiles of one entry of the upstream object cache, run by
# support/build/upstream-cache in the entry's temporary folder with the
# jobserver of the make that runs it. objs.mk, written there, sets the
# compiler, the flags, the objects, and each object's source under src/
# (the copy of the unpacked tree), and TS_UP_EXTRA, the flags of one
# object alone.
MAKEFLAGS += -rR
.SUFFIXES:
.DELETE_ON_ERROR:

all:
include objs.mk
all: $(TS_UP_OBJS)

# V=1: the command itself, as make echoes it.
ifeq ($(V),1)
ts_up_q :=
else
ts_up_q := @
endif

$(TS_UP_OBJS):
	$(if $(ts_up_q),@echo '  CC      [$(TS_UP_LIB)] $(patsubst src/%,%,$<)')
	@mkdir -p $(@D)
	$(ts_up_q)$(TS_UP_CC) $(TS_UP_CFLAGS) $(TS_UP_EXTRA) -c -o $@ $<

.PHONY: all
