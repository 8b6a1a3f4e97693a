# Upstream code from Debian source packages (doc/build.md, "Upstream
# sources"). A library's Makefile.uk names one with
#     LIBFOO_UPSTREAM_PACKAGE := musl
#     LIBFOO_UPSTREAM_VERSION := 1.2.3-1
#     LIBFOO_UPSTREAM_SHA256  := <sha256 of the original tarball>
# and lists sources under $(LIBFOO_UPSTREAM_DIR) (set by ts_lib: the
# library's build folder, /upstream), compiled with LIBFOO_UPSTREAM_CFLAGS.
# support/build/fetch-upstream downloads into the cache below, shared by
# every build and app and kept by clean and distclean, checks the
# checksum, and unpacks with Debian's patches and the library's
# patches/*.patch applied. support/build/upstream-cache compiles the
# upstream sources once per (library, architecture, flags) into the
# object cache, which the image links as an archive.

# Included by app.mk and top.mk (cleancache), the rules by image.mk.
TS_UPSTREAM_CACHE ?= $(TS_ROOT)/build/cache/upstream
override TS_UPSTREAM_CACHE := $(abspath $(TS_UPSTREAM_CACHE))
export TS_UPSTREAM_CACHE
TS_OBJ_CACHE ?= $(TS_ROOT)/build/cache/objs
override TS_OBJ_CACHE := $(abspath $(TS_OBJ_CACHE))
export TS_OBJ_CACHE

cleancache:
	rm -rf $(TS_UPSTREAM_CACHE) $(TS_OBJ_CACHE)

ts_upstream_args = --lib $(LIB$(1)_NAME) --var LIB$(1) --makefile $(LIB$(1)_DIR)/Makefile.uk \
	--package '$(LIB$(1)_UPSTREAM_PACKAGE)' --version '$(LIB$(1)_UPSTREAM_VERSION)' \
	--sha256 '$(LIB$(1)_UPSTREAM_SHA256)'

# What upstream files are compiled with, besides the library's
# LIB<NAME>_UPSTREAM_CFLAGS: the architecture's code generation, the
# configuration's optimisation level and debug information, one section
# per function (--gc-sections), never the host's headers (-nostdinc).
# Not the kernel's: no <ts/config.h>, no include paths of the kernel's
# libraries, no -Werror (upstream's warnings are upstream's business).
TS_UPSTREAM_BASE_CFLAGS = $(TS_ARCH_CFLAGS-y) $(TS_OPT) -nostdinc \
	-fno-pic -fno-pie -fno-stack-protector -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-ffunction-sections -fdata-sections $(if $(CONFIG_DEBUG_SYMBOLS),-g)
ts_upstream_cflags = $(strip $(TS_UPSTREAM_BASE_CFLAGS) $(LIB$(1)_UPSTREAM_CFLAGS))
ts_upstream_srcs = $(sort $(filter $(LIB$(1)_UPSTREAM_DIR)/%,$(LIB$(1)_SRCS-y)))
ts_own_srcs = $(sort $(filter-out $(LIB$(1)_UPSTREAM_DIR)/%,$(LIB$(1)_SRCS-y)))
# One line per upstream source for upstream-cache: its path under the
# tree, then LIB<NAME>_UPSTREAM_CFLAGS_<that path>, flags of that file
# alone (musl's memcpy.c: -fno-tree-loop-distribute-patterns).
define ts_nl


endef
ts_upstream_rel = $(patsubst $(LIB$(1)_UPSTREAM_DIR)/%,%,$(2))
ts_upstream_list = $(foreach s,$(call ts_upstream_srcs,$(1)),$(call ts_upstream_rel,$(1),$(s)) \
	$(strip $(LIB$(1)_UPSTREAM_CFLAGS_$(call ts_upstream_rel,$(1),$(s))))$(ts_nl))
# The file naming the archive of the library's upstream objects in the
# object cache (written by upstream-cache when that changes).
ts_upstream_archive = $(call lib_objdir,$(1))/upstream.archive

# Per library with an upstream: the unpack, and the archive of its
# upstream objects. $(LIBFOO_UPSTREAM_DIR).mk is an included makefile:
# when it is missing or older than the Makefile.uk, a patch or the script,
# make unpacks (the script does nothing when its record matches), writes
# it, and reads every Makefile.uk again, so that a source list made with
# $(wildcard $(LIBFOO_UPSTREAM_DIR)/src/*.c) sees the files on a first
# build too.
define ts_upstream
$(if $(and $(LIB$(1)_UPSTREAM_VERSION),$(LIB$(1)_UPSTREAM_SHA256)),,$(error \
	$(LIB$(1)_DIR)/Makefile.uk: LIB$(1)_UPSTREAM_PACKAGE needs LIB$(1)_UPSTREAM_VERSION and LIB$(1)_UPSTREAM_SHA256))
$(LIB$(1)_UPSTREAM_DIR).mk: $(LIB$(1)_DIR)/Makefile.uk $(wildcard $(LIB$(1)_DIR)/patches/*.patch) \
		$(TS_ROOT)/support/build/fetch-upstream $(if $(wildcard $(LIB$(1)_UPSTREAM_DIR)/.),,FORCE)
	$(Q)$(PYTHON) $(TS_ROOT)/support/build/fetch-upstream $(call ts_upstream_args,$(1)) \
		--patches $(LIB$(1)_DIR)/patches --dest $(LIB$(1)_UPSTREAM_DIR)
	$(Q)echo '# $(LIB$(1)_NAME): $(LIB$(1)_UPSTREAM_PACKAGE)=$(LIB$(1)_UPSTREAM_VERSION) is unpacked (support/build/upstream.mk)' > $$@
$(LIB$(1)_UPSTREAM_DIR)/%: | $(LIB$(1)_UPSTREAM_DIR).mk ;
$(LIB$(1)_UPSTREAM_DIR).stamp: | $(LIB$(1)_UPSTREAM_DIR).mk ;
# The library's own sources may include upstream headers.
$(foreach s,$(call ts_own_srcs,$(1)),$(call lib_obj,$(1),$(s))): | $(LIB$(1)_UPSTREAM_DIR).mk
# Before any library is linked: a failed fetch stops the build early.
all $(TS_LIBOBJS): | $(LIB$(1)_UPSTREAM_DIR).mk
ts-fetch-$(LIB$(1)_NAME):
	$(Q)$(PYTHON) $(TS_ROOT)/support/build/fetch-upstream $(call ts_upstream_args,$(1))
fetch: ts-fetch-$(LIB$(1)_NAME)
PHONY += ts-fetch-$(LIB$(1)_NAME)
ifneq ($(call ts_upstream_srcs,$(1)),)
TS_UPSTREAM_ARCHIVES += $(call ts_upstream_archive,$(1))
# Run on every build (FORCE): it looks up the cache, compiles only when
# the entry is missing, and rewrites the file only when the entry
# changes. LIB<NAME>_UPSTREAM_DEPS: what the library's rules make that
# upstream code needs first (generated headers). '+': the compiles share
# make's -j (jobserver).
$(call ts_upstream_archive,$(1)): $(LIB$(1)_UPSTREAM_DIR).mk $(LIB$(1)_UPSTREAM_DEPS) FORCE \
		| $(TS_OBJ_PREREQS)
	$$(file >$$@.srcs,$$(call ts_upstream_list,$(1)))
	+$(Q)$(PYTHON) $(TS_ROOT)/support/build/upstream-cache --lib $(LIB$(1)_NAME) --var LIB$(1) \
		--makefile $(LIB$(1)_DIR)/Makefile.uk --dir $(LIB$(1)_UPSTREAM_DIR) --objdir $(O) \
		--arch $(CONFIG_ARCH_NAME) --cc $(CC) --ar $(AR) \
		--cflags '$(call escsq,$(call ts_upstream_cflags,$(1)))' \
		--srcs $$@.srcs --cache $(TS_OBJ_CACHE) --out $$@ --make $(MAKE) --verbose $(V)
endif
endef
ts_upstream_libs = $(strip $(foreach l,$(TS_LIBS_ON),$(if $(LIB$(call uc,$(l))_UPSTREAM_PACKAGE),$(call uc,$(l)))))
# Sources listed under the upstream folder of a library that names no
# package: nothing would ever unpack them.
ts_upstream_orphans = $(strip $(foreach l,$(TS_LIBS_ON),$(if $(LIB$(call uc,$(l))_UPSTREAM_PACKAGE),,\
	$(if $(call ts_upstream_srcs,$(call uc,$(l))),$(l)))))

# The archives the image links, after the libraries' objects: only the
# members something uses are linked. One group, so that upstream code of
# one library may use another's (a port on musl) in any order.
ts_upstream_link = $(if $(TS_UPSTREAM_ARCHIVES),--start-group \
	$(foreach f,$(TS_UPSTREAM_ARCHIVES),$(firstword $(file <$(f)))) --end-group)

# Called by image.mk once the libraries are registered. make fetch alone
# downloads and checks, without unpacking: the unpack makefiles are
# included for every other goal.
TS_UPSTREAM_ARCHIVES :=
define ts_upstream_rules
$(if $(ts_upstream_orphans),$(error $(foreach l,$(ts_upstream_orphans),$(LIB$(call uc,$(l))_DIR)/Makefile.uk) \
	lists sources under LIB<NAME>_UPSTREAM_DIR but names no LIB<NAME>_UPSTREAM_PACKAGE))
$(foreach l,$(ts_upstream_libs),$(eval $(call ts_upstream,$(l))))
fetch:
	@echo 'tessera: upstream sources of this configuration: $(if $(ts_upstream_libs),$(foreach l,$(ts_upstream_libs),$(LIB$(l)_UPSTREAM_PACKAGE)=$(LIB$(l)_UPSTREAM_VERSION)) in $(TS_UPSTREAM_CACHE),none)'
PHONY += fetch
ifneq ($(filter-out fetch,$(GOALS)),)
include $(foreach l,$(ts_upstream_libs),$(LIB$(l)_UPSTREAM_DIR).mk)
endif
endef

PHONY += cleancache
