# Composing the image from the selected libraries (doc/architecture.md,
# "The library contract" and "The build"; doc/build.md).
#
# Each library's Makefile.uk registers itself with
#     $(call ts_lib,NAME,KCONFIG_SYMBOL)      (apps: $(call ts_app,NAME))
# and lists sources in LIB<NAME>_SRCS-y (relative to its folder). Each
# selected library is compiled into its own object folder and partially
# linked into $(O)/libs/NAME.o; with an exportsyms.uk only the symbols named
# there stay global. The final link puts them together with the platform's
# linker script and section garbage collection.

# ts_lib, ts_app and ts_include_uk: support/build/libs.mk.

# Flags every architecture/platform may add to (their Makefile.uk).
TS_ARCH_CFLAGS-y :=
TS_ARCH_ASFLAGS-y :=
TS_ARCH_LDFLAGS-y :=
TS_ARCH_LIBGCC-y :=
TS_CROSS_COMPILE-y :=
TS_PLAT_LDS-y :=
TS_PLAT_IMAGE_CMD-y :=
TS_PLAT_SDCARD_CMD-y :=
TS_PLAT_RUN_NOTE-y :=
# Include folders on every library's path whether or not their library is
# selected: headers that compile to nothing when it is off (tracepoints).
TS_ALWAYS_INCLUDES :=
# The C library's standard headers when it is not lib/nolibc (lib/musl):
# searched as system headers, before the compiler's own.
TS_LIBC_INCLUDES :=
# Files made before any object is compiled (generated headers).
TS_OBJ_PREREQS :=
# TS_OBJ_MEMO=folder (make test's builds, tests/lib/tstest.py): compiles
# go through support/build/objmemo.c, which keeps each object there by a
# hash of its preprocessed source and flags, for every build folder that
# would compile the same bytes. The command (shown, saved) is the same.
OBJMEMO := $(O)/tools/objmemo
ifneq ($(TS_OBJ_MEMO),)
run_cc = $(OBJMEMO) $(abspath $(TS_OBJ_MEMO)) $(O) --
run_as = $(run_cc)
TS_OBJ_PREREQS += $(OBJMEMO)
endif

$(foreach d,$(TS_ALL_DIRS),$(eval $(call ts_include_uk,$(d))))

# Every library as NAME:DIR:SYMBOL:y|n, for the explainers of a failed
# compile or link (support/build/explain-*): which library has a header or
# a function, and whether this configuration selects it.
TS_LIB_TABLE := $(foreach l,$(TS_LIBS),$(l):$(LIB$(call uc,$(l))_DIR):$(LIB$(call uc,$(l))_SYMBOL):$(if $(filter $(l),$(TS_LIBS_ON)),y,n))

# --- toolchain and flags -----------------------------------------------------
CROSS_COMPILE ?= $(strip $(TS_CROSS_COMPILE-y))
CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
AR := $(CROSS_COMPILE)ar
NM := $(CROSS_COMPILE)nm
STRIP := $(CROSS_COMPILE)strip
ifeq ($(shell command -v $(CC) 2>/dev/null),)
$(error $(CC) not found: run 'sudo $(TS_ROOT)/support/scripts/install-deps')
endif
TS_GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
TS_LIBGCC := $(if $(filter y,$(TS_ARCH_LIBGCC-y)),$(shell $(CC) -print-libgcc-file-name))

TS_OPT := $(if $(CONFIG_OPTIMIZE_SIZE),-Os,$(if $(CONFIG_OPTIMIZE_NONE),-Og,-O2))
# No unwind tables (.eh_frame, which the link discards): with -g, GCC then
# writes its call-frame information to .debug_frame, which GDB unwinds
# with. aarch64's GCC makes unwind tables by default, so without
# -fno-unwind-tables an arm64 .dbg had no CFI at all.
TS_COMMON_FLAGS := -ffreestanding -nostdinc \
	$(addprefix -isystem ,$(TS_LIBC_INCLUDES)) -isystem $(TS_GCC_INCLUDE) \
	-fno-pic -fno-pie -fno-stack-protector -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-ffunction-sections -fdata-sections \
	$(if $(CONFIG_DEBUG_SYMBOLS),-g) \
	-fmacro-prefix-map=$(TS_ROOT)/= -ffile-prefix-map=$(O)=build \
	-include $(TS_INCLUDE)/ts/config.h -I$(TS_INCLUDE) -I$(TS_ROOT)/plat/include -I$(TS_ROOT)/arch/include \
	$(foreach l,$(TS_LIBS_ON),$(addprefix -I,$(wildcard $(LIB$(call uc,$(l))_DIR)/include))) \
	$(addprefix -I,$(filter-out $(foreach l,$(TS_LIBS_ON),$(LIB$(call uc,$(l))_DIR)/include),$(TS_ALWAYS_INCLUDES)))
TS_CFLAGS := -std=gnu11 $(TS_OPT) -Wall -Wextra -Werror $(TS_COMMON_FLAGS)
TS_ASFLAGS := -D__ASSEMBLY__ $(TS_COMMON_FLAGS)

# Per-library values, looked up through the target-specific variable L
# (the upper-case library prefix) when a recipe runs.
# TS_LIB_NAME: the library's name, which lib/debug's messages start with.
lib_cflags = $(TS_ARCH_CFLAGS-y) $(TS_CFLAGS) -DTS_LIB_NAME='"$(LIB$(L)_NAME)"' \
	$(LIB$(L)_CFLAGS-y) $(addprefix -I$(LIB$(L)_DIR)/,$(LIB$(L)_INCLUDES-y))
lib_asflags = $(TS_ARCH_CFLAGS-y) $(TS_ARCH_ASFLAGS-y) $(TS_ASFLAGS) $(LIB$(L)_ASFLAGS-y) \
	$(addprefix -I$(LIB$(L)_DIR)/,$(LIB$(L)_INCLUDES-y))

# GCC writes no dependency file for plain assembly (.s, upstream code's):
# one naming the source alone, for fixdep.
quiet_cmd_cc = CC      $(call disp,$@)
      cmd_cc = $(CC) $(lib_cflags) -MMD -MP -MF $(depfile) -c -o $@ $<$(if $(filter %.s,$<), \
	&& echo '$@: $<' > $(depfile))
quiet_cmd_as = AS      $(call disp,$@)
      cmd_as = $(CC) $(lib_asflags) -MMD -MP -MF $(depfile) -c -o $@ $<
# After a failed compile: a header that is missing because its library is
# not selected is named with the select that brings it in.
ts_explain_compile = $(PYTHON) $(TS_ROOT)/support/build/explain-compile-error \
	$(TS_ROOT) $(TS_LIB_TABLE) -- $(CC) $(1) -E -o /dev/null $<
fail_cc = $(call ts_explain_compile,$(lib_cflags))
fail_as = $(call ts_explain_compile,$(lib_asflags))

# --- objects -----------------------------------------------------------------
FIXDEP := $(O)/tools/fixdep
$(FIXDEP): $(TS_ROOT)/support/build/fixdep.c
	@mkdir -p $(dir $@)
	@echo '  HOSTCC  $(call disp,$@)'
	$(Q)$(HOSTCC) -O2 -Wall -Wextra -o $@ $<
$(OBJMEMO): $(TS_ROOT)/support/build/objmemo.c
	@mkdir -p $(dir $@)
	@echo '  HOSTCC  $(call disp,$@)'
	$(Q)$(HOSTCC) -O2 -Wall -Wextra -o $@ $<

# lib_objdir: support/build/libs.mk. Sources under the library's
# upstream folder are not compiled here but once into the object cache
# (ts_own_srcs, ts_upstream_srcs: support/build/upstream.mk).
lib_src = $(if $(filter /%,$(2)),$(2),$(LIB$(1)_DIR)/$(2))
lib_obj = $(call lib_objdir,$(1))/$(basename $(if $(filter /%,$(2)),$(notdir $(2)),$(2))).o

TS_ALL_OBJS :=
define ts_object
$(call lib_obj,$(1),$(2)): L := $(1)
$(call lib_obj,$(1),$(2)): $(call lib_src,$(1),$(2)) $(FIXDEP) FORCE | $(TS_OBJ_PREREQS)
	@mkdir -p $$(dir $$@)
	$$(call if_changed_dep,$(if $(filter %.S,$(2)),as,cc))
TS_ALL_OBJS += $(call lib_obj,$(1),$(2))
endef

# The objects are named in a file (ld's @file): musl's thousand paths
# are more than one shell command may hold. The file is rewritten only
# when the list changes, and is a prerequisite, so that a changed list
# relinks.
quiet_cmd_ld_lib = LD      $(call disp,$@)
      cmd_ld_lib = $(LD) -r -o $@ @$@.objs \
	$(if $(EXPORTS),&& $(OBJCOPY) --keep-global-symbols=$(EXPORTS) $@)

ts_write_if_changed = $(if $(filter-out $(file <$(1)),$(2))$(filter-out $(2),$(file <$(1))),\
	$(shell mkdir -p $(dir $(1)))$(file >$(1),$(2)))

define ts_library
$(foreach s,$(call ts_own_srcs,$(1)),$(eval $(call ts_object,$(1),$(s))))
$(call ts_write_if_changed,$(O)/libs/$(LIB$(1)_NAME).o.objs,$(foreach s,$(call ts_own_srcs,$(1)),$(call lib_obj,$(1),$(s))))
$(O)/libs/$(LIB$(1)_NAME).o: EXPORTS := $(wildcard $(LIB$(1)_DIR)/exportsyms.uk)
$(O)/libs/$(LIB$(1)_NAME).o: $(foreach s,$(call ts_own_srcs,$(1)),$(call lib_obj,$(1),$(s))) \
		$(O)/libs/$(LIB$(1)_NAME).o.objs $(wildcard $(LIB$(1)_DIR)/exportsyms.uk) FORCE
	@mkdir -p $$(dir $$@)
	$$(call if_changed,ld_lib)
endef
# A selected library without sources of its own (headers only, or
# upstream code only) adds no object.
TS_LIBOBJS := $(foreach l,$(TS_LIBS_ON),$(if $(call ts_own_srcs,$(call uc,$(l))),$(O)/libs/$(l).o))
$(foreach l,$(TS_LIBS_ON),$(if $(call ts_own_srcs,$(call uc,$(l))),$(eval $(call ts_library,$(call uc,$(l))))))

# Upstream sources of the selected libraries (support/build/upstream.mk):
# their unpack, and the archives of their objects (TS_UPSTREAM_ARCHIVES).
$(eval $(ts_upstream_rules))

# --- the image ---------------------------------------------------------------
TS_LDS := $(strip $(TS_PLAT_LDS-y))
TS_IMAGE_BASE := $(O)/$(APP)_$(CONFIG_PLAT_NAME)-$(CONFIG_ARCH_NAME)
TS_IMAGE := $(TS_IMAGE_BASE)
TS_DBG := $(TS_IMAGE_BASE).dbg
TS_MAP := $(TS_IMAGE_BASE).map

# Said when the image is linked, not while make reads this file: after a
# tree update an existing build folder's old auto.conf can name no linker
# script (a platform's script moved to a library it did not know), and
# make reads every makefile before it remakes auto.conf and starts again.
ifeq ($(TS_LDS),)
TS_LDS := ts-no-lds
ts-no-lds:
	@echo "tessera: the configuration selects no platform linker script (PLAT_* without TS_PLAT_LDS)" >&2
	@exit 2
PHONY += ts-no-lds
endif

# LINK_OBJS and LINK_MAP are set per target: lib/debug's symbol table
# links the image twice (support/build/debug.mk).
quiet_cmd_link = LD      $(call disp,$@)
      cmd_link = $(LD) -nostdlib -static --gc-sections -z noexecstack \
	-z max-page-size=0x1000 $(TS_ARCH_LDFLAGS-y) \
	-L $(TS_ROOT)/plat/common -T $(TS_LDS) -Map $(LINK_MAP) -o $@ $(LINK_OBJS) \
	$(ts_upstream_link) $(TS_LIBGCC) \
	2> $(O)/.link.err || { $(PYTHON) $(TS_ROOT)/support/build/explain-link-error \
	$(O)/.link.err $(NM) $(HOSTCC) $(TS_ROOT) $(TS_LIB_TABLE) -- $(TS_LIBOBJS); rm -f $@; exit 1; }; \
	cat $(O)/.link.err >&2

# Objects made from the configuration and the first link pass (the
# embedded .config, the symbol table): TS_DEBUG_OBJS, TS_DEBUG_CHECK.
include $(TS_ROOT)/support/build/debug.mk
# Both link passes take the upstream archives (cmd_link: ts_upstream_link).
$(TS_PASS1) $(TS_DBG): $(TS_UPSTREAM_ARCHIVES)

quiet_cmd_link_image = $(quiet_cmd_link)
      cmd_link_image = $(cmd_link)$(TS_DEBUG_CHECK)

$(TS_DBG): LINK_OBJS = $(TS_LIBOBJS) $(TS_DEBUG_OBJS)
$(TS_DBG): LINK_MAP = $(TS_MAP)
$(TS_DBG): $(TS_LIBOBJS) $(TS_DEBUG_OBJS) $(TS_LDS) FORCE
	$(call if_changed,link_image)

quiet_cmd_image = IMAGE   $(call disp,$@)
      cmd_image = $(call TS_PLAT_IMAGE_CMD-y,$<,$@)

$(TS_IMAGE): $(TS_DBG) FORCE
	$(call if_changed,image)

# The configuration used, beside the image (doc/architecture.md, "The build":
# the outputs of a build).
$(TS_IMAGE_BASE).config: $(TS_CONFIG)
	$(Q)cp $< $@

# GDB loads <objfile>-gdb.py with an objfile (auto-load): this one puts
# Tessera's helpers (support/gdb: ts threads, heap, config, trace) beside
# the image's symbols. Its command names the tree, so moving the tree
# rewrites it.
quiet_cmd_gdbpy = GEN     $(call disp,$@)
      cmd_gdbpy = printf '%s\n' '\# Written by the build: the Tessera GDB helpers for these symbols.' \
	'import sys' 'sys.path.insert(0, "$(TS_ROOT)/support/gdb")' 'import tessera' > $@

$(TS_DBG)-gdb.py: FORCE
	$(call if_changed,gdbpy)

all: $(TS_IMAGE) $(TS_IMAGE_BASE).config $(TS_DBG)-gdb.py
	@echo "tessera: built $(call disp,$(TS_IMAGE)) ($(shell stat -c %s $(TS_IMAGE) 2>/dev/null) bytes)"

size: all
	$(Q)$(PYTHON) $(TS_ROOT)/support/scripts/size-report $(TS_MAP) $(TS_DBG)

# ARGS and KARGS reach the script through the environment: they hold
# quotes of their own that no make-level quoting survives. TRACE=out.json
# (or .svg, .html): the trace dumped at exit, decoded by tstrace.
# SHARE=folder: the host folder over virtio-9p (doc/sharing.md).
# PORTS="8080:80 ...", PCAP=file: the network card's forwarded ports and
# frames (doc/networking.md); PORTS goes through the environment too.
run: export PORTS := $(PORTS)
run: export ARGS := $(ARGS)
run: export KARGS := $(KARGS)
run: export MACHINE_OPTS := $(MACHINE_OPTS)
run: export MEM := $(MEM)
run: export XEN_LOG := $(XEN_LOG)
run: all
	$(if $(strip $(TS_PLAT_RUN_NOTE-y)),@echo 'tessera: $(strip $(TS_PLAT_RUN_NOTE-y))' >&2)
	$(Q)$(PYTHON) $(TS_ROOT)/support/scripts/run --config $(TS_CONFIG) \
		--image $(TS_IMAGE) $(if $(ACCEL),--accel $(ACCEL)) \
		$(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(BOOT),--boot $(BOOT)) \
		$(if $(TRACE),--trace '$(abspath $(TRACE))') \
		$(if $(SHARE),--share '$(abspath $(SHARE))') \
		$(if $(ROOTFS),--rootfs '$(abspath $(ROOTFS))' --rootfs-archive $(O)/rootfs.cpio) \
		$(if $(INITRD),--initrd '$(abspath $(INITRD))') \
		$(if $(PCAP),--pcap '$(abspath $(PCAP))') \
		$(if $(NET_OUTSIDE),--net-outside)

# QEMU paused at reset with its gdbstub, gdb-multiarch attached with the
# symbols and helpers (support/scripts/gdb). GDB_CMDS='cmd; cmd' or
# GDB_SCRIPT=file run gdb in batch mode instead. GDB_CMDS reaches gdb as
# typed ($(value)): make would otherwise eat gdb's own $pc, $1, $xmm0.
gdb: export ARGS := $(ARGS)
gdb: export KARGS := $(KARGS)
gdb: export MACHINE_OPTS := $(MACHINE_OPTS)
gdb: export MEM := $(MEM)
gdb: export override GDB_CMDS := $(value GDB_CMDS)
gdb: export GDB_SCRIPT := $(GDB_SCRIPT)
gdb: all
	$(Q)$(PYTHON) $(TS_ROOT)/support/scripts/gdb --config $(TS_CONFIG) \
		--image $(TS_IMAGE) $(if $(ACCEL),--accel $(ACCEL)) \
		$(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(BOOT),--boot $(BOOT))

# The image's own GDB stub (lib/gdbstub) instead of QEMU's: QEMU boots it
# with the stub's UART on a local socket and gdb.wait, gdb-multiarch
# attaches with `target remote` (support/scripts/debug). GDB_CMDS and
# GDB_SCRIPT as for make gdb.
debug: export ARGS := $(ARGS)
debug: export KARGS := $(KARGS)
debug: export MACHINE_OPTS := $(MACHINE_OPTS)
debug: export MEM := $(MEM)
debug: export override GDB_CMDS := $(value GDB_CMDS)
debug: export GDB_SCRIPT := $(GDB_SCRIPT)
debug: all
	$(Q)$(PYTHON) $(TS_ROOT)/support/scripts/debug --config $(TS_CONFIG) \
		--image $(TS_IMAGE) $(if $(ACCEL),--accel $(ACCEL)) \
		$(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(BOOT),--boot $(BOOT))

# A boot folder for a real board's SD card in $(O)/sdcard, made by the
# platform's command ($(1) the image, $(2) the folder, $(3) the initrd
# packed from ROOTFS= or empty), like TS_PLAT_IMAGE_CMD-y.
sdcard: all
ifneq ($(strip $(TS_PLAT_SDCARD_CMD-y)),)
ifneq ($(ROOTFS),)
	$(Q)$(if $(CONFIG_LIB_INITRD),,echo 'tessera: sdcard: ROOTFS= needs lib/initrd in the image: CONFIG_LIB_INITRD=y' >&2; exit 1;) \
	$(PYTHON) $(TS_ROOT)/support/scripts/tscpio.py '$(abspath $(ROOTFS))' $(O)/rootfs.cpio
endif
	$(Q)$(call TS_PLAT_SDCARD_CMD-y,$(TS_IMAGE),$(O)/sdcard,$(if $(ROOTFS),$(O)/rootfs.cpio))
else
	@echo 'tessera: sdcard: platform $(CONFIG_PLAT_NAME) does not boot from an SD card' >&2; exit 1
endif

# An xl domain configuration for a real Xen host (xen-arm64, xen-x86_64):
# $(O)/$(APP).xl, the command line as make run composes it (ARGS, KARGS),
# MEM, the initrd from ROOTFS= or INITRD= (doc/targets.md, "Xen").
xl-config: export ARGS := $(ARGS)
xl-config: export KARGS := $(KARGS)
xl-config: all
ifneq ($(ROOTFS),)
	$(Q)$(PYTHON) $(TS_ROOT)/support/scripts/tscpio.py '$(abspath $(ROOTFS))' $(O)/rootfs.cpio
endif
	$(Q)$(PYTHON) $(TS_ROOT)/support/scripts/xlconfig --config $(TS_CONFIG) \
		--image $(TS_IMAGE) --name $(APP) --out $(O)/$(APP).xl $(if $(MEM),--mem '$(MEM)') \
		$(if $(ROOTFS),--initrd $(O)/rootfs.cpio) $(if $(INITRD),--initrd '$(abspath $(INITRD))')

PHONY += all size run gdb debug sdcard xl-config

# xen-arm64 runs under Debian's Xen, fetched into the upstream cache
# (support/scripts/tsxen.py): make fetch brings it in too.
ifeq ($(CONFIG_PLAT_XEN)$(CONFIG_ARCH_ARM64),yy)
fetch: ts-fetch-xen
ts-fetch-xen:
	$(Q)$(PYTHON) $(TS_ROOT)/support/scripts/tsxen.py fetch
PHONY += ts-fetch-xen
endif

# The saved commands and per-symbol dependencies of earlier builds.
-include $(foreach f,$(TS_ALL_OBJS) $(TS_LIBOBJS) $(TS_DBG) $(TS_IMAGE) $(TS_DBG)-gdb.py,$(wildcard $(dir $(f)).$(notdir $(f)).cmd))

include $(TS_ROOT)/support/build/compdb.mk
