# Tree code built for the host: the unit tests (tests/unit), the fuzzers
# (tests/fuzz) and the native benchmarks (bench/*-native) run the
# kernel's own code in a host process.
#
# A host program NAME names the libraries it runs in NAME_LIBS (names as
# their Makefile.uk registers them: nolibc, alloc, platcommon, ...) and
# its configuration in NAME_CONFIG (Kconfig symbols without CONFIG_, SYM
# for y or SYM=value). Each Makefile.uk is read with NAME_CONFIG and every
# library of NAME_LIBS selected. The C code sees only NAME_CONFIG (name
# LIB_TRACE there for tracepoints that record), so that programs with
# other libraries share the objects of a library built alike; for the
# same reason NAME_<lib>_CONFIG and NAME_<lib>_CFLAGS hold the options and
# flags that only library <lib>'s code reads (LIB_ALLOC_TLSF for alloc).
# Each library's sources are the ones its own Makefile.uk lists in
# LIB<NAME>_SRCS-y under that configuration, read again here (the host
# mode of the same registration), less LIB<NAME>_HOST_EXCLUDE, or
# LIB<NAME>_HOST_SRCS-y instead (when set, even empty) where only a few
# of its files can run on a host; the Makefile.uk says why. $(call host_tree,NAME) builds them
# the way the kernel does, freestanding against the tree's own headers
# (so nolibc's <string.h>, not the host's), one archive per library, and
# gives every symbol there the prefix tsh_ (tsh_malloc, tsh_snprintf,
# ...), so that they cannot clash with the host C library the program
# itself runs on. A program links the archives (NAME_TREE, with
# host_link) and so takes only the files it uses, as from any library.
# Programs whose libraries are built with the same flags share the
# objects. The program's own files use HOST_CFLAGS: the host's headers
# plus the tree's public ts/ headers.
#
# Set before including: O (build folder). Optional: HOST_OPT (default
# -O1), SAN (sanitizer flags for both sides, default none), V=1; per
# program NAME_SRCS (its own files built as tree code, from the root:
# never a library's, which come from NAME_LIBS), NAME_CFLAGS (extra
# flags for its tree code), NAME_PREFIX (instead of tsh_, so that one
# program can hold several builds of the same library).
# Provides: TS_ROOT, HOST_TREE_CFLAGS, HOST_CFLAGS, Q, say, host_tree,
# NAME_TREE (what to link, in host_link order) and host_link.

TS_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)

# ?= also covers a make started with -R (no built-in variables).
CC ?= cc
LD ?= ld
OBJCOPY ?= objcopy
AR ?= ar
NM ?= nm
HOST_OPT ?= -O1
SAN ?=

# Every library's public headers but an architecture's (a program that
# runs one names it in NAME_LIBS, which adds them); support/build/host-arch,
# the host's stand-ins for an architecture's CPU services, before them.
HOST_TREE_INCLUDES := $(TS_ROOT)/lib/nolibc/include $(TS_ROOT)/support/build/host-arch \
	$(TS_ROOT)/plat/include \
	$(TS_ROOT)/arch/include \
	$(filter-out $(TS_ROOT)/lib/nolibc/include, \
		$(wildcard $(TS_ROOT)/lib/*/include $(TS_ROOT)/drivers/*/include \
		$(TS_ROOT)/drivers/*/*/include $(TS_ROOT)/plat/*/include))
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

ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = @printf '  %-8s %s\n' $(1) $(2);
endif


# ---- the libraries, as their Makefile.uk registers them ----------------
# Every library's Makefile.uk is read once with no configuration, which
# tells each name's folder and Kconfig symbol; a program's libraries are
# then read again under its configuration, when ts_lib does nothing.
include $(TS_ROOT)/support/build/libs.mk
$(foreach d,$(TS_CORE_DIRS),$(eval $(call ts_include_uk,$(d))))
ts_lib =

# Configuration words: SYM (y) or SYM=value, as make and as C sees them.
host_sym = $(firstword $(subst =, ,$(1)))
host_val = $(if $(findstring =,$(1)),$(patsubst $(call host_sym,$(1))=%,%,$(1)),y)
host_def = $(if $(findstring =,$(1)),'-DCONFIG_$(1)',-DCONFIG_$(1))

define host_config
$(foreach v,$(HOST_CONFIG_VARS),undefine $(v)
)
HOST_CONFIG_VARS := $(foreach w,$(1),CONFIG_$(call host_sym,$(w)))
$(foreach w,$(1),CONFIG_$(call host_sym,$(w)) := $(call host_val,$(w))
)
endef

# $(1) program, $(2) library, $(3) its variable prefix (LIBALLOC). The
# library's own flags but its -m options, which are for the image's
# machine (arm64's -mstrict-align), not the host's.
define host_read_lib
$(3)_SRCS-y :=
$(3)_CFLAGS-y :=
$(3)_INCLUDES-y :=
undefine $(3)_HOST_SRCS-y
$(3)_HOST_EXCLUDE :=
include $($(3)_DIR)/Makefile.uk
$(1)_$(2)_SRCS := $$(filter-out $$($(3)_HOST_EXCLUDE),\
	$$(sort $$(if $$(filter undefined,$$(origin $(3)_HOST_SRCS-y)),\
	$$($(3)_SRCS-y),$$($(3)_HOST_SRCS-y))))
$(1)_$(2)_FLAGS := $$(foreach w,$$($(1)_$(2)_CONFIG),$$(call host_def,$$(w))) \
	$$($(1)_$(2)_CFLAGS) -DTS_LIB_NAME='"$(2)"' $$(filter-out -m%,$$($(3)_CFLAGS-y)) \
	$$(addprefix -I$($(3)_DIR)/,$$($(3)_INCLUDES-y))
endef

# One folder per library and set of flags (a hash of them), so that
# programs whose library is built alike share its objects and archive.
# $(1): the flags of each library of a program (one word each, spaces as
# ~); one shell for all of them.
squote := '
empty :=
space := $(empty) $(empty)
host_hashes = $(shell for f in $(foreach f,$(1),'$(subst $(squote),,$(f))'); do \
	printf '%s' "$$f" | md5sum | cut -c1-12; done)

# $(1) program, $(2) library, $(3) prefix of its symbols, $(4) its place
# in the program's libraries: the rules of the
# library's archive for these flags, once per folder.
define host_lib_rules
$(1)_$(2)_DIR := $(O)/host/$(2)-$(word $(4),$($(1)_HASHES))
$(1)_TREE += $$($(1)_$(2)_DIR)/$(3)$(2).a
ifndef HOST_DONE_$$($(1)_$(2)_DIR)
HOST_DONE_$$($(1)_$(2)_DIR) := y
HOST_FLAGS_$$($(1)_$(2)_DIR) := $$(HOST_TREE_CFLAGS) $$($(1)_TREE_FLAGS) $$($(1)_$(2)_FLAGS)
$$(eval $$(call host_lib_objects,$$($(1)_$(2)_DIR),$(LIB$(call uc,$(2))_DIR),$($(1)_$(2)_SRCS),$(2)))
endif
ifndef HOST_DONE_$$($(1)_$(2)_DIR)/$(3)
HOST_DONE_$$($(1)_$(2)_DIR)/$(3) := y
$$(eval $$(call host_prefixed,$$($(1)_$(2)_DIR)/$(3)$(2).a,$$($(1)_$(2)_DIR)/$(2).a,$(3)))
endif
endef

# $(1) folder (its flags: HOST_FLAGS_<folder>), $(2) library folder,
# $(3) sources, $(4) name.
define host_lib_objects
$(1)/$(4).a: $(addprefix $(1)/,$(addsuffix .o,$(basename $(3))))
	$$(call say,AR,$$(@:$(O)/%=%))
	$$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^
$(1)/%.o: $(2)/%.c
	$$(call say,CC,$$(patsubst $(TS_ROOT)/%,%,$$<))
	$$(Q)mkdir -p $$(@D) && $$(CC) $$(HOST_FLAGS_$(1)) -MMD -MP -c $$< -o $$@
$(1)/%.o: $(2)/%.S
	$$(call say,AS,$$(patsubst $(TS_ROOT)/%,%,$$<))
	$$(Q)mkdir -p $$(@D) && $$(CC) -D__ASSEMBLY__ $$(HOST_FLAGS_$(1)) -MMD -MP -c $$< -o $$@
-include $(addprefix $(1)/,$(addsuffix .d,$(basename $(3))))
endef

# The prefix also renames the sanitizer runtime's entry points (and the
# fuzzer's coverage counters, __sancov_*), which the
# host must provide under their own names, so those are renamed back; so
# are the bounds the host linker makes for sections named like C
# identifiers (__start_ts_trace_points), which exist under no other name.
# $(1) output, $(2) input, $(3) prefix.
define host_prefixed
$(1): $(2)
	$$(call say,PREFIX,$$(@:$(O)/%=%))
	$$(Q)$$(OBJCOPY) --prefix-symbols=$(3) $$< $$@.tsh
	$$(Q)$$(NM) -u $$@.tsh | sed -n \
		's/^ *[Uw] $(3)\(__\(asan\|ubsan\|sanitizer\|sancov\|start\|stop\)_.*\)/$(3)\1 \1/p' \
		| sort -u > $$@.syms
	$$(Q)$$(OBJCOPY) --redefine-syms=$$@.syms $$@.tsh $$@
endef

# $(1) program: reads its libraries under its configuration and makes
# the rules of NAME_TREE: $(O)/NAME/tree.o (its own NAME_SRCS, if any)
# and one prefixed archive per library.
define host_tree_rules
$(foreach l,$($(1)_LIBS),$(if $(LIB$(call uc,$(l))_DIR),,$(error $(1)_LIBS names \
	'$(l)', which no Makefile.uk registers; libraries: $(sort $(TS_LIBS)))))
$(foreach s,$($(1)_SRCS),$(if $(filter $(addsuffix /%,$(foreach l,$(TS_LIBS),\
	$(patsubst $(TS_ROOT)/%,%,$(LIB$(call uc,$(l))_DIR)))),$(s)),$(error $(1)_SRCS \
	names $(s), a library's file: name its library in $(1)_LIBS instead)))
$(1)_CONFIG_ALL := $(foreach l,$($(1)_LIBS),$(LIB$(call uc,$(l))_SYMBOL) $($(1)_$(l)_CONFIG)) \
	$($(1)_CONFIG)
$(1)_TREE_FLAGS := $$(foreach w,$$($(1)_CONFIG),$$(call host_def,$$(w))) $($(1)_CFLAGS) \
	$(addprefix -I,$(filter-out $(HOST_TREE_INCLUDES),$(wildcard \
	$(foreach l,$($(1)_LIBS),$(LIB$(call uc,$(l))_DIR)/include))))
$(1)_TREE :=
$$(eval $$(call host_config,$$($(1)_CONFIG_ALL)))
TS_LIBS_ON := $($(1)_LIBS)
$(foreach l,$($(1)_LIBS),$$(eval $$(call host_read_lib,$(1),$(l),LIB$(call uc,$(l)))))
$(1)_HASHES := $$(call host_hashes,$$(foreach l,$($(1)_LIBS),$$(subst $$(space),~,$$(strip \
	$$(CC) $$(HOST_TREE_CFLAGS) $$($(1)_TREE_FLAGS) $$($(1)_$$(l)_FLAGS) $$($(1)_$$(l)_SRCS)))))
$(foreach l,$($(1)_LIBS),$$(eval $$(call host_lib_rules,$(1),$(l),$(or $($(1)_PREFIX),tsh_),$(words $(call host_upto,$(l),$($(1)_LIBS))))))
$(if $($(1)_SRCS),$$(eval $$(call host_own,$(1),$(or $($(1)_PREFIX),tsh_))))
endef
host_tree = $(eval $(call host_tree_rules,$(1)))
# The words of $(2) up to the first $(1).
host_upto = $(if $(filter $(1),$(firstword $(2))),$(1),$(firstword $(2)) $(call host_upto,$(1),$(wordlist 2,$(words $(2)),$(2))))

define host_own
$(1)_TREE := $(O)/$(1)/tree.o $$($(1)_TREE)
$(1)_OWN_OBJS := $(patsubst %.c,$(O)/$(1)/%.o,$($(1)_SRCS))
$$($(1)_OWN_OBJS): $(O)/$(1)/%.o: $(TS_ROOT)/%.c
	$$(call say,CC,$$*.c)
	$$(Q)mkdir -p $$(@D) && $$(CC) $$(HOST_TREE_CFLAGS) $$($(1)_TREE_FLAGS) \
		-MMD -MP -c $$< -o $$@
$(O)/$(1)/tree.raw.o: $$($(1)_OWN_OBJS)
	$$(call say,LD,$$(@:$(O)/%=%))
	$$(Q)$$(LD) -r -o $$@ $$^
$$(eval $$(call host_prefixed,$(O)/$(1)/tree.o,$(O)/$(1)/tree.raw.o,$(2)))
-include $$($(1)_OWN_OBJS:.o=.d)
endef

# The link line for NAME_TREE and the program's own objects: archives
# last, in a group (libraries call each other both ways).
host_link = $(filter-out %.a,$(1)) -Wl,--start-group $(filter %.a,$(1)) -Wl,--end-group
