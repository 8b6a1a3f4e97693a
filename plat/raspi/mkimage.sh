#!/bin/sh
# mkimage.sh DBG IMAGE: turn the linked raspi-arm64 ELF into kernel8.img,
# a raw arm64 Linux Image: the memory image from the first loaded byte to
# the end of .data, with the Image header (arch/arm64/entry.S) as its
# first 64 bytes. Checks what the firmware and QEMU rely on: the magic,
# the header at the ELF's entry point, an image_size that covers the
# file, and the load address 0x80000 that config.txt names.
set -eu

dbg=$1
out=$2
OBJCOPY=${OBJCOPY:-objcopy}
READELF=${READELF:-readelf}
me="mkimage.sh"
LOAD=0x80000

fail() {
	echo "$me: $out: $*" >&2
	rm -f "$out"
	exit 1
}

"$OBJCOPY" -O binary "$dbg" "$out"

size=$(wc -c <"$out")
[ "$size" -ge 64 ] || fail "shorter than an Image header"

le64() {
	od -An -tu8 -j "$1" -N 8 "$out" | tr -d ' '
}

magic=$(od -An -c -j 56 -N 4 "$out" | tr -d ' ')
[ "$magic" = "ARMd" ] ||
	fail "no arm64 Image magic (\"ARM\\x64\" at offset 0x38): .text.ts_image_header must come first in link.lds"

entry=$("$READELF" -hW "$dbg" | awk '/Entry point address/ { print $4 }')
first=$("$READELF" -lW "$dbg" | awk '$1 == "LOAD" { print $3; exit }')
[ $((entry)) = $((first)) ] ||
	fail "the ELF entry point $entry is not the first loaded byte $first"
[ $((first)) = $((LOAD)) ] ||
	fail "linked at $first, but config.txt loads kernel8.img at $LOAD"
[ "$(le64 8)" = $((LOAD)) ] ||
	fail "the header's text_offset is not $LOAD"

image_size=$(le64 16)
[ "$image_size" -ge "$size" ] ||
	fail "the header's image_size $image_size is smaller than the file ($size bytes)"
exit 0
