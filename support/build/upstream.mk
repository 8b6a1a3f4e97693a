# Upstream code from Debian source packages (doc/build.md, "Upstream
# sources"). A library's Makefile.uk names one with
#     LIBFOO_UPSTREAM_PACKAGE := musl
#     LIBFOO_UPSTREAM_VERSION := 1.2.3-1
#     LIBFOO_UPSTREAM_SHA256  := <sha256 of the original tarball>
# and lists sources under $(LIBFOO_UPSTREAM_DIR) (set by ts_lib: the
# library's build folder, /upstream). support/build/fetch-upstream
# downloads into the cache below, shared by every build and app and kept
# by clean and distclean, checks the checksum, and unpacks with Debian's
# patches and the library's patches/*.patch applied.

# Included by app.mk and top.mk (cleancache), the rules by image.mk.
TS_UPSTREAM_CACHE ?= $(TS_ROOT)/build/cache/upstream
override TS_UPSTREAM_CACHE := $(abspath $(TS_UPSTREAM_CACHE))
export TS_UPSTREAM_CACHE

cleancache:
	rm -rf $(TS_UPSTREAM_CACHE)

ts_upstream_args = --lib $(LIB$(1)_NAME) --var LIB$(1) --makefile $(LIB$(1)_DIR)/Makefile.uk \
	--package '$(LIB$(1)_UPSTREAM_PACKAGE)' --version '$(LIB$(1)_UPSTREAM_VERSION)' \
	--sha256 '$(LIB$(1)_UPSTREAM_SHA256)'

# Per library with an upstream: the stamp (redone when the Makefile.uk or a
# patch changes; the script does nothing when its record matches), and
# every file under the unpacked folder made by it.
define ts_upstream
$(if $(and $(LIB$(1)_UPSTREAM_VERSION),$(LIB$(1)_UPSTREAM_SHA256)),,$(error \
	$(LIB$(1)_DIR)/Makefile.uk: LIB$(1)_UPSTREAM_PACKAGE needs LIB$(1)_UPSTREAM_VERSION and LIB$(1)_UPSTREAM_SHA256))
$(LIB$(1)_UPSTREAM_DIR).stamp: $(LIB$(1)_DIR)/Makefile.uk $(wildcard $(LIB$(1)_DIR)/patches/*.patch) \
		$(TS_ROOT)/support/build/fetch-upstream
	$(Q)$(PYTHON) $(TS_ROOT)/support/build/fetch-upstream $(call ts_upstream_args,$(1)) \
		--patches $(LIB$(1)_DIR)/patches --dest $(LIB$(1)_UPSTREAM_DIR)
$(LIB$(1)_UPSTREAM_DIR)/%: | $(LIB$(1)_UPSTREAM_DIR).stamp ;
# The library's own sources may include upstream headers.
$(foreach s,$(sort $(LIB$(1)_SRCS-y)),$(call lib_obj,$(1),$(s))): | $(LIB$(1)_UPSTREAM_DIR).stamp
# Before any library is linked: a failed fetch stops the build early.
all $(TS_LIBOBJS): | $(LIB$(1)_UPSTREAM_DIR).stamp
ts-fetch-$(LIB$(1)_NAME):
	$(Q)$(PYTHON) $(TS_ROOT)/support/build/fetch-upstream $(call ts_upstream_args,$(1))
fetch: ts-fetch-$(LIB$(1)_NAME)
PHONY += ts-fetch-$(LIB$(1)_NAME)
endef
ts_upstream_libs = $(strip $(foreach l,$(TS_LIBS_ON),$(if $(LIB$(call uc,$(l))_UPSTREAM_PACKAGE),$(call uc,$(l)))))

# Called by image.mk once the libraries are registered.
define ts_upstream_rules
$(foreach l,$(ts_upstream_libs),$(eval $(call ts_upstream,$(l))))
fetch:
	@echo 'tessera: upstream sources of this configuration: $(if $(ts_upstream_libs),$(foreach l,$(ts_upstream_libs),$(LIB$(l)_UPSTREAM_PACKAGE)=$(LIB$(l)_UPSTREAM_VERSION)) in $(TS_UPSTREAM_CACHE),none)'
PHONY += fetch
endef

PHONY += cleancache
