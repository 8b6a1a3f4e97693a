#!/bin/sh
# mkimage.sh DBG IMAGE: strip the linked kvm-x86_64 or xen-x86_64 ELF into
# the bootable image and check its layout. With MULTIBOOT=y (kvm), the one
# the Multiboot a.out kludge relies on: the loader copies the file
# linearly from the Multiboot header on, so every PT_LOAD must keep the
# same file-offset-to-address distance, and the header must lie in the
# first 8 KiB. With MULTIBOOT=n (xen) there must be no Multiboot header.
# A PVH note must be present in both.
set -eu

dbg=$1
out=$2
OBJCOPY=${OBJCOPY:-objcopy}
READELF=${READELF:-readelf}
MULTIBOOT=${MULTIBOOT:-y}
me="mkimage.sh"

fail() {
	echo "$me: $out: $*" >&2
	rm -f "$out"
	exit 1
}

"$OBJCOPY" --strip-all --remove-section=.comment "$dbg" "$out"

# PT_LOAD lines of readelf -lW: Type Offset VirtAddr PhysAddr FileSiz ...
delta=
loads=$("$READELF" -lW "$out" | awk '$1 == "LOAD" { print $2, $3, $4 }')
[ -n "$loads" ] || fail "no PT_LOAD segment"
while read -r off vaddr paddr; do
	[ "$vaddr" = "$paddr" ] ||
		fail "segment at $vaddr has physical address $paddr; link.lds must load at the virtual address"
	d=$((off - vaddr))
	if [ -z "$delta" ]; then
		delta=$d
	elif [ "$d" != "$delta" ]; then
		fail "segment at $vaddr is at file offset $off, not in step with the first segment (offset - address differs); the Multiboot loader copies the file linearly. Are all section boundaries in link.lds page-aligned, and the linker's max-page-size 4 KiB?"
	fi
done <<EOT
$loads
EOT

first_off=$(printf '%s\n' "$loads" | awk 'NR == 1 { print $1 }')
[ $((first_off)) -lt 8192 ] ||
	fail "the first segment starts at file offset $first_off, but the Multiboot header must lie in the first 8 KiB: link with -z max-page-size=0x1000"

if [ "$MULTIBOOT" = n ]; then
	"$READELF" -SW "$out" | grep -q '\.multiboot' &&
		fail "a .multiboot section, but this platform boots through PVH only"
	"$READELF" -nW "$out" | grep -q "^ *Xen .*0x00000012\|PHYS32_ENTRY" ||
		fail "no PVH note (Xen, XEN_ELFNOTE_PHYS32_ENTRY) in a PT_NOTE segment"
	exit 0
fi

# The Multiboot header: magic 0x1BADB002 at a 4-byte aligned offset in
# the first 8 KiB, with a valid checksum.
found=$(od -An -tu4 -v -N 8192 "$out" | awk '
	{ for (i = 1; i <= NF; i++) w[n++] = $i }
	END {
		for (i = 0; i + 2 < n; i++)
			if (w[i] == 464367618 &&
			    (w[i] + w[i + 1] + w[i + 2]) % 4294967296 == 0) {
				print i * 4, w[i + 3], w[i + 4], w[i + 5]
				exit
			}
	}')
[ -n "$found" ] || fail "no Multiboot header in the first 8 KiB of the file (.multiboot must come first in link.lds)"
read -r hdr_off hdr_addr load_addr load_end <<EOT
$found
EOT
[ $((hdr_off - hdr_addr)) = "$delta" ] ||
	fail "Multiboot header_addr $hdr_addr does not match its file offset $hdr_off"
[ "$load_addr" -le "$hdr_addr" ] ||
	fail "Multiboot load_addr $load_addr lies above the header"
size=$(wc -c <"$out")
[ $((hdr_off - (hdr_addr - load_addr) + (load_end - load_addr))) -le "$size" ] ||
	fail "Multiboot load_end_addr $load_end lies beyond the end of the file"

"$READELF" -nW "$out" | grep -q "^ *Xen .*0x00000012\|PHYS32_ENTRY" ||
	fail "no PVH note (Xen, XEN_ELFNOTE_PHYS32_ENTRY) in a PT_NOTE segment"
exit 0
