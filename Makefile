# Tessera. An app's Makefile sets TS_APP_DIR and includes this file to build
# that app (support/build/app.mk); at the top level it runs the test suite
# and other whole-tree tasks (support/build/top.mk).
TS_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

ifneq ($(TS_APP_DIR),)
include $(TS_ROOT)/support/build/app.mk
else
include $(TS_ROOT)/support/build/top.mk
endif
