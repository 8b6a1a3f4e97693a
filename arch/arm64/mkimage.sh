#!/bin/sh
# mkimage.sh DBG IMAGE [LOAD]: turn a linked arm64 ELF into the raw arm64
# Linux Image every arm64 platform boots (QEMU virt, Xen, the Pi firmware's
# kernel8.img): the memory image from the first loaded byte to the end of
# .data, with the Image header (entry.S) as its first 64 bytes. Checks what
# loaders rely on: the magic, the header at the ELF's entry point, an
# image_size that covers the file and, when the platform names one, the
# fixed load address (the Pi firmware loads kernel8.img at 0x80000).
set -eu

dbg=$1
out=$2
OBJCOPY=${OBJCOPY:-objcopy}
READELF=${READELF:-readelf}
load=${3:-}
me="mkimage.sh"

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
if [ -n "$load" ]; then
	[ $((first)) = $((load)) ] ||
		fail "linked at $first, but the platform's loader puts it at $load"
	[ "$(le64 8)" = $((load)) ] ||
		fail "the header's text_offset is not $load"
fi

image_size=$(le64 16)
[ "$image_size" -ge "$size" ] ||
	fail "the header's image_size $image_size is smaller than the file ($size bytes)"
exit 0
