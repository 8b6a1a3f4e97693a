# make compile_commands.json: the compile command of every object of the
# selected libraries, for clangd and editors, read from the .cmd files the
# build writes beside each object (rules.mk), so it holds exactly the
# commands that ran. Included by image.mk.
#
# Written to $(O)/compile_commands.json and linked from build/ at the top
# of the tree: clangd looks in each parent folder of a file and in its
# build/ subfolder, so it finds the link for every file of the tree (the
# last app that made it wins), and the app's own build/ for the app.
TS_COMPDB := $(O)/compile_commands.json

# Rewritten every time (cheap): the objects' commands may have changed
# without any object being newer.
# Upstream files: the database of the cache entry each archive is in.
compile_commands.json: $(TS_ALL_OBJS) $(TS_UPSTREAM_ARCHIVES)
	$(Q)$(PYTHON) $(TS_ROOT)/support/build/gen-compile-commands $(TS_COMPDB) $(CURDIR) \
		$(TS_ALL_OBJS) $(foreach f,$(TS_UPSTREAM_ARCHIVES),$(dir $(firstword $(file <$(f))))compile_commands.json)
	$(Q)mkdir -p $(TS_ROOT)/build && ln -sfn $(TS_COMPDB) $(TS_ROOT)/build/compile_commands.json
	@echo 'tessera: wrote $(TS_COMPDB) ($(words $(TS_ALL_OBJS)) files), linked from $(TS_ROOT)/build/compile_commands.json'

PHONY += compile_commands.json
