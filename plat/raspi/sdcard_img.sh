#!/bin/sh
# sdcard_img.sh DIR IMG: one flashable SD card image of the boot folder DIR
# (`make sdcard`, after sdcard.sh): an MBR partition table with one FAT32
# partition (type 0x0c, bootable, from 1 MiB on) holding DIR's files. For
# dd or Raspberry Pi Imager ("Use custom"); doc/targets.md.
#
# Made without root and without loop devices: sfdisk writes the partition
# table into the file, mkfs.fat formats the partition inside it at its
# offset, mtools copies the files in through the same offset.
set -eu

dir=$1
img=$2
me="tessera: sdcard"

# mkfs.fat and sfdisk live in sbin, which a user's PATH may lack.
PATH=$PATH:/usr/sbin:/sbin

missing=""
need() {
	command -v "$1" >/dev/null 2>&1 || missing="$missing $1 (Debian package $2)"
}
need sfdisk fdisk
need mkfs.fat dosfstools
need mcopy mtools
need mdir mtools
if [ -n "$missing" ]; then
	echo "$me: cannot write $img: missing$missing;" \
		"run as root: sudo support/scripts/install-deps" \
		"(or apt-get install fdisk dosfstools mtools)" >&2
	exit 1
fi

[ -d "$dir" ] || { echo "$me: no boot folder $dir" >&2; exit 1; }

# Partition size: what the files need, plus room for the file system's
# own tables and for the user's edits of config.txt and cmdline.txt, and
# at least 64 MiB, so that the volume has the 65,525 clusters FAT32 needs
# (mkfs.fat picks 512-byte clusters for it).
kib=$(du -sk "$dir" | awk '{ print $1 }')
mib=$(( (kib * 5 / 4) / 1024 + 8 ))
[ "$mib" -ge 64 ] || mib=64
start=2048				# sectors: 1 MiB, where SD cards align
sectors=$((mib * 2048))

tmp=$img.tmp
rm -f "$tmp"
# A sparse file: the unused space costs no disk here (dd writes zeros).
truncate -s $(( (start + sectors) * 512 )) "$tmp"
# Fixed disk and volume identifiers (sfdisk and mkfs.fat pick random
# ones), so that the same files give the same image.
printf 'label: dos\nlabel-id: 0x54455353\nunit: sectors\nstart=%d, size=%d, type=c, bootable\n' \
	"$start" "$sectors" | sfdisk --quiet "$tmp" >/dev/null
mkfs.fat -F 32 -n TESSERA -i 54455353 --offset "$start" "$tmp" \
	$((sectors / 2)) >/dev/null
export MTOOLS_SKIP_CHECK=1
# -m: the files keep their modification times.
(cd "$dir" && mcopy -i "$tmp@@$((start * 512))" -s -m -- * ::/)
mv "$tmp" "$img"

echo "$me: SD card image $img ($((start / 2048 + mib)) MiB, one FAT32 partition):" \
	"write it with dd or Raspberry Pi Imager (doc/targets.md)" >&2
