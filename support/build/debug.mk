# lib/debug's data made by the build (doc/architecture.md, "Debugging"): the .config
# embedded in the image (LIB_DEBUG_CONFIG) and the table of function
# names (LIB_DEBUG_SYMBOLS). Included by image.mk. Sets TS_DEBUG_OBJS,
# objects the final link adds, and TS_DEBUG_CHECK, a command that runs
# after it.
#
# The symbol table needs the final addresses of every function, so the
# image is linked twice: pass 1 with an empty table, then the table made
# from pass 1's symbols, then pass 2 with it. The table goes last in the
# read-only data (plat/common/tables.lds), after all code, so no function
# moves between the passes; the check after pass 2 proves it.

TS_DEBUG_DIR := $(O)/debug
TS_DEBUG_OBJS :=
TS_DEBUG_CHECK :=
TS_DEBUG_TARGETS :=

# Generated assembly has no debug information, so no build path ends up
# in the objects (byte-identical images from any O=).
ts_debug_as = $(CC) $(TS_ARCH_CFLAGS-y) -c -o $(1) $(2)

ifeq ($(CONFIG_LIB_DEBUG_CONFIG),y)
TS_DEBUG_CONFIG_PY := $(TS_ROOT)/support/build/debug-config
TS_DEBUG_CONFIG_OBJ := $(TS_DEBUG_DIR)/debug_config.o
quiet_cmd_debug_config = GEN     $(call disp,$@)
      cmd_debug_config = $(PYTHON) $(TS_DEBUG_CONFIG_PY) $(TS_CONFIG) $(@:.o=.s) \
	&& $(call ts_debug_as,$@,$(@:.o=.s))
$(TS_DEBUG_CONFIG_OBJ): $(TS_CONFIG) $(TS_DEBUG_CONFIG_PY) FORCE
	@mkdir -p $(dir $@)
	$(call if_changed,debug_config)
TS_DEBUG_OBJS += $(TS_DEBUG_CONFIG_OBJ)
TS_DEBUG_TARGETS += $(TS_DEBUG_CONFIG_OBJ)
endif

ifeq ($(CONFIG_LIB_DEBUG_SYMBOLS),y)
TS_SYMTAB_PY := $(TS_ROOT)/support/build/symtab.py
TS_PASS1 := $(TS_DEBUG_DIR)/pass1.elf
TS_SYMTAB_EMPTY := $(TS_DEBUG_DIR)/symtab_empty.o
TS_SYMTAB_OBJ := $(TS_DEBUG_DIR)/debug_symbols.o

quiet_cmd_symtab_empty = GEN     $(call disp,$@)
      cmd_symtab_empty = $(PYTHON) $(TS_SYMTAB_PY) empty $(@:.o=.s) \
	&& $(call ts_debug_as,$@,$(@:.o=.s))
$(TS_SYMTAB_EMPTY): $(TS_SYMTAB_PY) FORCE
	@mkdir -p $(dir $@)
	$(call if_changed,symtab_empty)

$(TS_PASS1): LINK_OBJS = $(TS_LIBOBJS) $(TS_DEBUG_CONFIG_OBJ) $(TS_SYMTAB_EMPTY)
$(TS_PASS1): LINK_MAP = $(TS_DEBUG_DIR)/pass1.map
$(TS_PASS1): $(TS_LIBOBJS) $(TS_DEBUG_CONFIG_OBJ) $(TS_SYMTAB_EMPTY) $(TS_LDS) FORCE
	$(call if_changed,link)

quiet_cmd_symtab = GEN     $(call disp,$@)
      cmd_symtab = $(PYTHON) $(TS_SYMTAB_PY) gen --nm $(NM) $(TS_PASS1) $(@:.o=.s) \
	&& $(call ts_debug_as,$@,$(@:.o=.s))
$(TS_SYMTAB_OBJ): $(TS_PASS1) $(TS_SYMTAB_PY) FORCE
	$(call if_changed,symtab)

TS_DEBUG_OBJS += $(TS_SYMTAB_OBJ)
TS_DEBUG_CHECK = ; $(PYTHON) $(TS_SYMTAB_PY) verify --nm $(NM) $(TS_PASS1) $@ \
	|| { rm -f $@; exit 1; }
TS_DEBUG_TARGETS += $(TS_SYMTAB_EMPTY) $(TS_PASS1) $(TS_SYMTAB_OBJ)
endif

-include $(foreach f,$(TS_DEBUG_TARGETS),$(wildcard $(dir $(f)).$(notdir $(f)).cmd))
