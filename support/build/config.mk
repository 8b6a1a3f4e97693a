# Configuration goals (Kbuild names) and the goals that need no .config.

$(addsuffix _defconfig,$(TS_TARGETS)): %_defconfig:
	$(Q)$(call ts_defconfig,$*)

%_defconfig:
	@echo "tessera: unknown target '$*'; targets: $(TS_TARGETS)" >&2; exit 1

defconfig: $(TS_DEFAULT_TARGET)_defconfig

olddefconfig:
	$(Q)$(TSKCONFIG) olddefconfig

# oldconfig asks for each option the .config has no value for yet (new
# in some Config.uk); listnewconfig only lists them.
oldconfig:
	$(Q)$(TSKCONFIG) oldconfig

listnewconfig:
	$(Q)$(TSKCONFIG) listnewconfig

# Every bool option on (off) that the dependencies allow, for the target
# of the .config there is (else the default one): the arch, platform and
# every other choice keep their member. app.config and FRAGMENT= go over
# it. allyesconfig builds every library at once: a compile test.
allyesconfig allnoconfig:
	$(Q)$(TSKCONFIG) $@ $(TS_CONFIGS_DIR)/$(TS_DEFAULT_TARGET)_defconfig $(subst :, ,$(FRAGMENT))

menuconfig:
	$(Q)$(TSKCONFIG) menuconfig

# Written into the build dir, as Kbuild does; copy it to a target's
# defconfig or an app.config by hand.
savedefconfig:
	$(Q)$(if $(wildcard $(TS_CONFIG)),,echo "tessera: no $(TS_CONFIG); run a *_defconfig first" >&2; exit 1;) \
	$(TSKCONFIG) savedefconfig $(O)/defconfig

# clean keeps the configuration; distclean removes the whole build dir.
clean:
	$(Q)$(if $(wildcard $(O)),find $(O) -mindepth 1 -maxdepth 1 ! -name .config ! -name kconfig ! -name include -exec rm -rf {} +)

distclean mrproper:
	$(Q)rm -rf $(O)

help:
	@echo 'Tessera app $(APP): build $(call disp,$(O))'
	@echo '  all (default)     build $(APP)_<plat>-<arch> and its .dbg ELF'
	@echo '  run               boot the image in QEMU (ARGS=app args, KARGS=kernel params,'
	@echo '                    ACCEL=kvm|tcg to force the accelerator, BOOT=pvh for the PVH entry,'
	@echo '                    TIMEOUT=seconds, MACHINE_OPTS=key=value,... for QEMU -M,'
	@echo '                    MEM=guest RAM as QEMU -m takes it, e.g. 1280K; 128M by default,'
	@echo '                    TRACE=out.json|out.svg|out.html: the trace at exit, decoded,'
	@echo '                    SHARE=folder: a host folder over virtio-9p, mounted at /share,'
	@echo '                    ROOTFS=folder: packed as the initrd (CONFIG_LIB_INITRD), or'
	@echo '                    INITRD=archive.cpio as it is,'
	@echo '                    PORTS="8080:80 ...": host ports on 127.0.0.1 forwarded to the guest,'
	@echo '                    PCAP=out.pcap: the network card'"'"'s frames (CONFIG_DRIVER_VIRTIO_NET),'
	@echo '                    NET_OUTSIDE=1: the guest may reach beyond QEMU'"'"'s own addresses,'
	@echo '                    XEN_LOG=1: Xen'"'"'s own console lines too, on xen-arm64)'
	@echo '  gdb               boot paused in QEMU, attach gdb-multiarch with symbols and the ts'
	@echo '                    helpers (ts help); GDB_CMDS="cmd; cmd" or GDB_SCRIPT=file: batch mode'
	@echo '  debug             boot with the in-image GDB stub (CONFIG_LIB_GDBSTUB) on a socket,'
	@echo '                    gdb-multiarch attached over it; GDB_CMDS, GDB_SCRIPT as for gdb'
	@echo '  size              per-library text/data/bss of the final image'
	@echo '  xl-config         O/<app>.xl: an xl domain configuration for a real Xen host'
	@echo '                    (xen-arm64, xen-x86_64; ARGS, KARGS, MEM, ROOTFS or INITRD as for run)'
	@echo '  sdcard            boot folder O/sdcard and SD card image O/sdcard.img for a real board (raspi targets);'
	@echo '                    ROOTFS=folder puts it on the card as the initrd (config.txt initramfs)'
	@echo '  <target>_defconfig  select a target: $(TS_TARGETS); .config from the'
	@echo '                    target defconfig, then app.config, then FRAGMENT=f[:f...]'
	@echo '                    (later wins; a line that cannot take effect is an error)'
	@echo '  defconfig         the default target ($(TS_DEFAULT_TARGET))'
	@echo '  menuconfig olddefconfig savedefconfig'
	@echo '                    (olddefconfig accepts hand edits of .config that'
	@echo '                    cannot take effect, which make refuses)'
	@echo '  oldconfig         olddefconfig asking for each new option; listnewconfig lists them'
	@echo '  allyesconfig allnoconfig  every bool option on/off, the target kept'
	@echo '                    (that of .config, else $(TS_DEFAULT_TARGET)); then app.config, FRAGMENT='
	@echo '  fetch             download and verify the upstream sources the selected libraries'
	@echo '                    name (into $(TS_UPSTREAM_CACHE), which clean keeps)'
	@echo '  cleancache        empty that download cache and the cache of upstream objects'
	@echo '                    ($(TS_OBJ_CACHE), compiled once per library, arch and flags)'
	@echo '  compile_commands.json  every compiled file with its flags, for clangd and editors'
	@echo '  clean             objects and images (the .config stays)'
	@echo '  distclean mrproper  the whole build folder (not the caches)'
	@echo '  O=dir  build in dir;  V=1  show full commands;  FRAGMENT=f  config fragments'
	@echo '                    for *_defconfig, or applied over an existing .config'
	@echo 'Goals run in the order given: make clean all, make virt-arm64_defconfig run.'

PHONY += defconfig olddefconfig oldconfig listnewconfig allyesconfig allnoconfig \
	menuconfig savedefconfig clean distclean mrproper help
