# Tree sources built for the host: the unit tests (tests/unit) and the
# native benchmarks (bench/) run the kernel's own code in a host process.
#
# A program NAME lists the tree sources it needs in NAME_SRCS (paths from
# the repository root). $(eval $(call host_tree,NAME)) compiles them the
# way the kernel does, freestanding against the tree's own headers (so
# nolibc's <string.h>, not the host's), into $(O)/NAME/, partially links
# them into $(O)/NAME/tree.o and gives every symbol there the prefix tsh_
# (tsh_malloc, tsh_snprintf, ...), so that they cannot clash with the host
# C library the program itself runs on. The program's own files use
# HOST_CFLAGS: the host's headers plus the tree's public ts/ headers.
#
# Set before including: O (build folder). Optional: HOST_OPT (default
# -O1), SAN (sanitizer flags for both sides, default none), NAME_CFLAGS
# (extra flags for NAME's tree sources, e.g. -DCONFIG_LIB_ALLOC_TLSF),
# NAME_PREFIX (instead of tsh_, so that one program can hold several
# builds of the same sources), V=1.
# Provides: TS_ROOT, HOST_TREE_CFLAGS, HOST_CFLAGS, Q, say, and the
# source sets below, which more than one host program builds.

TS_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)

# ?= also covers a make started with -R (no built-in variables).
CC ?= cc
LD ?= ld
OBJCOPY ?= objcopy
NM ?= nm
HOST_OPT ?= -O1
SAN ?=

HOST_TREE_INCLUDES := $(TS_ROOT)/lib/nolibc/include $(TS_ROOT)/plat/include \
	$(TS_ROOT)/arch/include \
	$(filter-out $(TS_ROOT)/lib/nolibc/include, \
		$(wildcard $(TS_ROOT)/lib/*/include $(TS_ROOT)/drivers/*/include))
HOST_TREE_CFLAGS := -std=gnu11 -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) \
	$(addprefix -I,$(HOST_TREE_INCLUDES)) -DTS_HOST_TEST \
	-g $(HOST_OPT) -Wall -Wextra -Werror -fno-stack-protector $(SAN)
# The program's side sees the tree's public ts/ headers, but never
# nolibc's standard headers, which would shadow the host's.
HOST_CFLAGS := -std=gnu11 -g $(HOST_OPT) -Wall -Wextra -Werror $(SAN) \
	-I$(TS_ROOT)/plat/include -I$(TS_ROOT)/arch/include \
	$(addprefix -I,$(filter-out $(TS_ROOT)/lib/nolibc/include, \
		$(wildcard $(TS_ROOT)/lib/*/include))) \
	$(addprefix -I,$(wildcard $(TS_ROOT)/drivers/*/include))

# ---- source sets ------------------------------------------------------
HOST_NOLIBC_FORMAT := $(addprefix lib/nolibc/,format.c format_float.c \
	ldouble.c snprintf.c string.c ctype.c errno.c)
# lib/debug's leveled messages, which libraries print with.
HOST_DEBUG_LOG_SRCS := lib/debug/log.c lib/debug/log_levels.c \
	plat/common/printable.c
# lib/alloc with each backend (pass -DCONFIG_LIB_ALLOC_<BACKEND> too).
HOST_ALLOC_SRCS := $(HOST_NOLIBC_FORMAT) plat/common/printk.c \
	plat/common/memregion.c $(HOST_DEBUG_LOG_SRCS) \
	$(addprefix lib/alloc/,init.c stats.c pages.c malloc.c)
HOST_ALLOC_TLSF_SRCS := $(HOST_ALLOC_SRCS) lib/alloc/buddy.c lib/alloc/tlsf.c
HOST_ALLOC_BUDDY_SRCS := $(HOST_ALLOC_SRCS) lib/alloc/buddy.c \
	lib/alloc/buddy_heap.c
HOST_ALLOC_REGION_SRCS := $(HOST_ALLOC_SRCS) lib/alloc/region.c
# -----------------------------------------------------------------------

ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = @printf '  %-8s %s\n' $(1) $(2);
endif

# The prefix also renames the sanitizer runtime's entry points (and the
# fuzzer's coverage counters, __sancov_*), which the
# host must provide under their own names, so those are renamed back; so
# are the bounds the host linker makes for sections named like C
# identifiers (__start_ts_trace_points), which exist under no other name.
define host_tree
$(1)_OBJS := $(patsubst %.c,$(O)/$(1)/%.o,$($(1)_SRCS))

$$($(1)_OBJS): $(O)/$(1)/%.o: $(TS_ROOT)/%.c
	$$(call say,CC,$$*.c)
	$$(Q)mkdir -p $$(@D) && $$(CC) $$(HOST_TREE_CFLAGS) $$($(1)_CFLAGS) \
		-MMD -MP -c $$< -o $$@

$(O)/$(1)/tree.o: P := $(or $($(1)_PREFIX),tsh_)
$(O)/$(1)/tree.o: $$($(1)_OBJS)
	$$(call say,LD,$$(@:$(O)/%=%))
	$$(Q)$$(LD) -r -o $$@.raw $$^
	$$(Q)$$(OBJCOPY) --prefix-symbols=$$(P) $$@.raw $$@.tsh
	$$(Q)$$(NM) -u $$@.tsh | sed -n \
		's/^ *[Uw] $$(P)\(__\(asan\|ubsan\|sanitizer\|sancov\|start\|stop\)_.*\)/$$(P)\1 \1/p' \
		> $$@.syms
	$$(Q)$$(OBJCOPY) --redefine-syms=$$@.syms $$@.tsh $$@

-include $$($(1)_OBJS:.o=.d)
endef
