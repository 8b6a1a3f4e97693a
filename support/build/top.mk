# Whole-tree goals, run from the top of the tree.
MAKEFLAGS += -rR --no-print-directory
PYTHON := /usr/bin/python3
.DEFAULT_GOAL := help

# The test suite: installs missing dependencies first (or says how).
test: deps
	@$(PYTHON) $(TS_ROOT)/tests/run $(if $(T),--only '$(T)')

deps:
	@$(TS_ROOT)/support/scripts/install-deps

clean:
	rm -rf $(TS_ROOT)/build $(TS_ROOT)/apps/*/build $(TS_ROOT)/tests/image/apps/*/build

help:
	@echo 'Tessera. Build and boot an app:  make -C apps/helloworld run'
	@echo '  test    the whole test suite (T=pattern runs the tests whose name matches)'
	@echo '  deps    install what this machine lacks (Debian packages, as root)'
	@echo '  clean   remove every build folder'

.PHONY: test deps clean help
