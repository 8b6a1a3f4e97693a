#!/bin/sh
# mkimage.sh DBG IMAGE: turn the linked virt-arm64 ELF into the bootable
# image, a raw arm64 Linux Image: the memory image from the first loaded
# byte to the end of .data, with the Image header (arch/arm64/entry.S) as
# its first 64 bytes. Checks what loaders rely on: the magic, the header
# at the ELF's entry point, and an image_size that covers the file.
set -eu

dbg=$1
out=$2
OBJCOPY=${OBJCOPY:-objcopy}
READELF=${READELF:-readelf}
me="mkimage.sh"

fail() {
	echo "$me: $out: $*" >&2
	rm -f "$out"
	exit 1
}

"$OBJCOPY" -O binary "$dbg" "$out"

size=$(wc -c <"$out")
[ "$size" -ge 64 ] || fail "shorter than an Image header"

# Little-endian 64-bit field at a byte offset of the file.
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

image_size=$(le64 16)
[ "$image_size" -ge "$size" ] ||
	fail "the header's image_size $image_size is smaller than the file ($size bytes)"
exit 0
