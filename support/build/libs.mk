# The libraries: where they are found and how each one's Makefile.uk
# registers it. Shared by the image build (app.mk, image.mk) and the host
# builds (host.mk), which read the same Makefile.uk files.

# A library is any folder with a Makefile.uk under these roots (an app
# adds the folders it names in LIBS, and itself). Order matters for the
# final link: arch, platform, drivers, libraries.
ts_find = $(sort $(patsubst %/Makefile.uk,%,$(wildcard $(addprefix $(TS_ROOT)/,$(1)))))
TS_CORE_DIRS := $(call ts_find,arch/*/Makefile.uk) \
		$(call ts_find,plat/*/Makefile.uk) \
		$(call ts_find,drivers/*/Makefile.uk drivers/*/*/Makefile.uk) \
		$(call ts_find,lib/*/Makefile.uk)

TS_LIBS :=
TS_LIBS_ON :=

# ts_lib NAME,SYMBOL: called from a Makefile.uk while make reads it, so the
# last word of MAKEFILE_LIST is that file and tells the library's folder.
define ts_lib_register
$(if $(filter $(1),$(TS_LIBS)),$(error library name '$(1)' is registered twice: \
	$(LIB$(call uc,$(1))_DIR) and $(2)))
TS_LIBS += $(1)
LIB$(call uc,$(1))_DIR := $(2)
LIB$(call uc,$(1))_NAME := $(1)
LIB$(call uc,$(1))_SYMBOL := $(4)
LIB$(call uc,$(1))_UPSTREAM_DIR := $$(call lib_objdir,$(call uc,$(1)))/upstream
TS_LIBS_ON += $(if $(filter y,$(3)),$(1))
endef
ts_lib = $(eval $(call ts_lib_register,$(1),$(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST)))),$(CONFIG_$(2)),$(2)))
ts_app = $(eval $(call ts_lib_register,$(1),$(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST)))),y,app))

define ts_include_uk
TS_NLIBS_BEFORE := $$(words $$(TS_LIBS))
include $(1)/Makefile.uk
$$(if $$(filter $$(TS_NLIBS_BEFORE),$$(words $$(TS_LIBS))),$$(error $(1)/Makefile.uk \
	registers no library: it must start with $$$$(call ts_lib,NAME,SYMBOL)))
endef

# In-tree libraries build under the same relative path in $(O); external
# ones and out-of-tree apps under $(O)/ext/NAME.
lib_objdir = $(if $(filter $(TS_ROOT)/%,$(LIB$(1)_DIR)),$(O)/$(patsubst $(TS_ROOT)/%,%,$(LIB$(1)_DIR)),$(O)/ext/$(LIB$(1)_NAME))

# Upper case for variable prefixes: libfoo -> LIBFOO (no shell needed).
uc = $(strip $(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,$(subst f,F,\
     $(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,$(subst l,L,\
     $(subst m,M,$(subst n,N,$(subst o,O,$(subst p,P,$(subst q,Q,$(subst r,R,\
     $(subst s,S,$(subst t,T,$(subst u,U,$(subst v,V,$(subst w,W,$(subst x,X,\
     $(subst y,Y,$(subst z,Z,$(subst -,_,$(1)))))))))))))))))))))))))))))
