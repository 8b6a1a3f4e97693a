#!/bin/sh
# sdcard.sh IMAGE DIR CONFIG CACHE [INITRD]: the boot folder of a Raspberry
# Pi 3B/3B+/4B SD card (`make sdcard`): kernel8.img, config.txt, cmdline.txt,
# the initrd INITRD as rootfs.cpio with its "initramfs" line when given
# (make sdcard ROOTFS=folder),
# and the firmware from Debian's packages, downloaded into CACHE (never
# installed): raspi-firmware (bootcode.bin, start*.elf, fixup*.dat) and
# the Pis' device trees from the arm64 Linux kernel package. Without
# them, config.txt and kernel8.img are still written, and the message
# says where to copy the firmware from. TS_RASPI_FIRMWARE=folder takes
# the firmware files from that folder instead of Debian's packages.
set -eu

image=$1
dir=$2
config=$3
cache=$4
initrd=${5:-}
me="tessera: sdcard"

FIRMWARE="bootcode.bin start.elf fixup.dat start4.elf fixup4.dat"
# Upstream Linux names (config.txt's upstream_kernel=1 makes the firmware
# look for these first, then for its own names bcm2710-rpi-3-b.dtb,
# bcm2710-rpi-3-b-plus.dtb, bcm2711-rpi-4-b.dtb).
DTBS="bcm2837-rpi-3-b.dtb bcm2837-rpi-3-b-plus.dtb bcm2711-rpi-4-b.dtb"

conf() {
	sed -n "s/^CONFIG_$1=//p" "$config" | tr -d '"'
}

mkdir -p "$dir"
cp "$image" "$dir/kernel8.img"
rm -f "$dir/rootfs.cpio"

# The initrd's address: the first 2 MiB boundary at least 1 MiB past the
# image's end with its .bss (_ts_image_end), which the boot clears, so
# not "followkernel", which puts it right after kernel8.img's last byte.
initrd_addr=""
if [ -n "$initrd" ]; then
	end=$(nm "$image.dbg" 2>/dev/null | awk '$3 == "_ts_image_end" { print $1 }')
	if [ -z "$end" ]; then
		echo "$me: no _ts_image_end in $image.dbg: cannot place the initrd" >&2
		exit 1
	fi
	initrd_addr=$(printf '0x%x' $(( (0x$end + 0x100000 + 0x1fffff) & ~0x1fffff )))
	cp "$initrd" "$dir/rootfs.cpio"
fi

pl011=$(conf PLAT_RASPI_CONSOLE_PL011)
baud=$(conf PLAT_RASPI_CONSOLE_BAUD)
{
	echo "# Raspberry Pi 3B, 3B+, 4B boot configuration, written by Tessera's"
	echo "# make sdcard. Every line is explained in doc/targets.md."
	echo
	echo "# Start the cores in AArch64: kernel8.img is a 64-bit image."
	echo "arm_64bit=1"
	echo "# The image, loaded where it is linked (newer firmware would put"
	echo "# a 64-bit kernel at 0x200000)."
	echo "kernel=kernel8.img"
	echo "kernel_address=0x80000"
	echo "# Serial console on header pins 8 (TXD) and 10 (RXD). This also"
	echo "# holds the VPU core clock fixed, which the mini UART divides."
	echo "enable_uart=1"
	if [ "$pl011" = y ]; then
		echo "# The PL011 (UART0) to the header pins instead of Bluetooth:"
		echo "# this image's console is the PL011 (PLAT_RASPI_CONSOLE_PL011)."
		echo "dtoverlay=disable-bt"
	fi
	echo "# Device trees under their upstream Linux names (Debian's)."
	echo "upstream_kernel=1"
	echo "# Pi 4: interrupts through the GIC-400, which Tessera drives"
	echo "# (the default; 0 would route them to the legacy controller)."
	echo "enable_gic=1"
	if [ -n "$initrd" ]; then
		echo "# The initrd (make sdcard ROOTFS=folder), a cpio archive that"
		echo "# lib/initrd unpacks at boot. The firmware loads it at this"
		echo "# address, past the image and its .bss, and names it in the"
		echo "# device tree's /chosen (linux,initrd-start, linux,initrd-end)."
		echo "initramfs rootfs.cpio $initrd_addr"
	fi
} >"$dir/config.txt"

# The firmware puts its own Linux parameters in front of this line;
# Tessera drops everything before the word "tessera". Kernel parameters
# and, after "--", the application's arguments may follow it.
echo "tessera" >"$dir/cmdline.txt"

problems=""

fetch_firmware() {
	if [ -n "${TS_RASPI_FIRMWARE:-}" ]; then
		for f in $FIRMWARE; do
			if ! cp "$TS_RASPI_FIRMWARE/$f" "$dir/" 2>/dev/null; then
				problems="no $f in $TS_RASPI_FIRMWARE"
				return 1
			fi
		done
		for f in $DTBS; do
			[ -f "$TS_RASPI_FIRMWARE/$f" ] && cp "$TS_RASPI_FIRMWARE/$f" "$dir/"
		done
		return 0
	fi
	command -v apt-get >/dev/null || { problems="no apt-get"; return 1; }
	mkdir -p "$cache"
	if ! ls "$cache"/raspi-firmware_*.deb >/dev/null 2>&1; then
		echo "$me: downloading Debian's raspi-firmware into $cache" >&2
		(cd "$cache" && apt-get download -q=2 raspi-firmware 2>&1 |
			grep -v "unsandboxed" >&2) || true
	fi
	deb=$(ls "$cache"/raspi-firmware_*.deb 2>/dev/null | tail -n1)
	if [ -z "$deb" ]; then
		problems="apt-get download raspi-firmware failed: is Debian's"
		problems="$problems non-free-firmware component enabled?"
		problems="$problems (support/scripts/install-deps enables it)"
		return 1
	fi
	rm -rf "$cache/raspi-firmware"
	dpkg-deb -x "$deb" "$cache/raspi-firmware"
	for f in $FIRMWARE; do
		cp "$cache/raspi-firmware/usr/lib/raspi-firmware/$f" "$dir/"
	done
	cp "$cache/raspi-firmware/usr/share/doc/raspi-firmware/copyright" \
		"$dir/firmware-copyright.txt"
	echo "$me: firmware from $(basename "$deb")" >&2
}

fetch_dtbs() {
	[ -z "${TS_RASPI_FIRMWARE:-}" ] || return 0
	mkdir -p "$cache/dtb"
	have=1
	for f in $DTBS; do
		[ -f "$cache/dtb/$f" ] || have=0
	done
	if [ "$have" = 0 ]; then
		pkg=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
			awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
		if [ -z "$pkg" ]; then
			problems="no arm64 Linux kernel package in apt"
			return 1
		fi
		echo "$me: downloading $pkg for the device trees" \
			"(about 60 MB, once)" >&2
		rm -f "$cache"/linux-image-*.deb
		(cd "$cache" && apt-get download -q=2 "$pkg" 2>&1 |
			grep -v "unsandboxed" >&2) || true
		deb=$(ls "$cache"/linux-image-*.deb 2>/dev/null | tail -n1)
		if [ -z "$deb" ]; then
			problems="apt-get download $pkg failed"
			return 1
		fi
		rm -rf "$cache/dtb.tmp"
		mkdir -p "$cache/dtb.tmp"
		# shellcheck disable=SC2046 # one pattern per tree
		dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$cache/dtb.tmp" \
			--wildcards $(for f in $DTBS; do echo "*/broadcom/$f"; done)
		find "$cache/dtb.tmp" -name '*.dtb' -exec mv {} "$cache/dtb/" \;
		# Only the three trees are kept.
		rm -rf "$cache/dtb.tmp" "$deb"
	fi
	for f in $DTBS; do
		cp "$cache/dtb/$f" "$dir/"
	done
}

fetch_firmware || true
if [ -f "$dir/start.elf" ]; then
	fetch_dtbs || true
fi

echo "$me: boot folder $dir:" >&2
(cd "$dir" && ls -1 | sed 's/^/    /') >&2
if [ ! -f "$dir/start.elf" ] || [ ! -f "$dir/start4.elf" ]; then
	cat >&2 <<MSG
$me: the firmware is missing ($problems).
    Copy these files from the Raspberry Pi firmware repository's boot/
    folder (github.com/raspberrypi/firmware, branch master, folder boot)
    into $dir:
        bootcode.bin start.elf fixup.dat       (Pi 3)
        start4.elf fixup4.dat                  (Pi 4)
        bcm2710-rpi-3-b.dtb bcm2710-rpi-3-b-plus.dtb bcm2711-rpi-4-b.dtb
    or rerun with TS_RASPI_FIRMWARE=<folder holding them>.
MSG
elif [ -n "$problems" ]; then
	cat >&2 <<MSG
$me: no device trees ($problems). Tessera runs without them (memory and
    command line come from the firmware's mailbox), but the firmware
    prefers to have them: copy bcm2710-rpi-3-b.dtb,
    bcm2710-rpi-3-b-plus.dtb and bcm2711-rpi-4-b.dtb from the Raspberry
    Pi firmware repository's boot/ folder into $dir.
MSG
fi
cat >&2 <<MSG
$me: copy the folder's files to the first (FAT32) partition of an SD
    card. Serial console: $baud 8N1, 3.3 V, header pins 6 (GND), 8 (TXD),
    10 (RXD); see doc/targets.md.
MSG
if [ "$(conf PLAT_RASPI_QEMU_EXIT)" = y ]; then
	cat >&2 <<MSG
$me: note: this image ends with a QEMU semihosting call
    (PLAT_RASPI_QEMU_EXIT=y), which on a Pi prints an exception report
    before the board halts. For a clean halt, turn it off in menuconfig
    (Platform) and run make sdcard again.
MSG
fi
exit 0
