"""make sdcard on the Raspberry Pi targets: besides the boot folder, one
flashable image (sdcard.img) with an MBR partition table and one FAT32
partition (type 0x0c) that holds exactly the folder's files, made without
root or loop devices (plat/raspi/sdcard_img.sh). Read back with the same
tools a user has: sfdisk and mtools."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, build_case, check, make  # noqa: E402

SBIN = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
SCRIPT = os.path.join(ROOT, "plat", "raspi", "sdcard_img.sh")
# Stand-ins for the firmware (TS_RASPI_FIRMWARE), so that the test needs
# no download; distinct contents, one bigger than a FAT cluster chain of
# a few clusters.
FIRMWARE = {"bootcode.bin": 3000, "start.elf": 70001, "fixup.dat": 17, "start4.elf": 5,
            "fixup4.dat": 4096, "bcm2711-rpi-4-b.dtb": 999}


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True,
                          env=dict(os.environ, PATH=SBIN, MTOOLS_SKIP_CHECK="1"), **kw)


def test_sdcard_image_holds_the_boot_folder():
    odir, _, _ = build_case("apps/helloworld", "raspi3b")
    with tempfile.TemporaryDirectory(prefix="tessera-sdcard-") as tmp:
        fw = os.path.join(tmp, "firmware")
        os.mkdir(fw)
        for i, (name, size) in enumerate(sorted(FIRMWARE.items())):
            with open(os.path.join(fw, name), "wb") as f:
                f.write(bytes((i * 37 + n * 11) & 0xff for n in range(size)))
        make(os.path.join(ROOT, "apps", "helloworld"), "sdcard", odir=odir,
             env={"TS_RASPI_FIRMWARE": fw})
        folder, img = os.path.join(odir, "sdcard"), os.path.join(odir, "sdcard.img")
        check(os.path.isfile(img), f"make sdcard wrote no {img}")

        p = run(["sfdisk", "-J", img])
        check(p.returncode == 0, f"sfdisk -J {img}: {p.stderr}")
        table = json.loads(p.stdout)["partitiontable"]
        parts = table["partitions"]
        check(table["label"] == "dos" and len(parts) == 1 and parts[0]["type"] == "c",
              f"not one FAT32 (LBA, type 0x0c) partition in an MBR table: {p.stdout}")
        p = run(["sfdisk", "-d", img])
        check(p.returncode == 0 and "type=c" in p.stdout, f"sfdisk -d: {p.stdout}{p.stderr}")
        offset = parts[0]["start"] * table.get("sectorsize", 512)
        with open(img, "rb") as f:
            f.seek(offset + 0x52)
            fstype = f.read(8)
        check(fstype == b"FAT32   ", f"the partition's boot sector says {fstype!r}, not FAT32")

        where = f"{img}@@{offset}"
        p = run(["mdir", "-b", "-i", where, "::/"])
        check(p.returncode == 0, f"mdir: {p.stderr}")
        listed = sorted(os.path.basename(l.rstrip("/")) for l in p.stdout.split())
        want = sorted(os.listdir(folder))
        check(listed == want, f"the image holds {listed}, the folder {want}")
        for name in ["kernel8.img", "config.txt", "cmdline.txt"] + list(FIRMWARE):
            check(name in want, f"the boot folder has no {name}")
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        for name in want:
            p = run(["mcopy", "-n", "-i", where, "::/" + name, os.path.join(out, name)])
            check(p.returncode == 0, f"mcopy {name}: {p.stderr}")
            with open(os.path.join(folder, name), "rb") as a, \
                    open(os.path.join(out, name), "rb") as b:
                check(a.read() == b.read(), f"{name} in the image differs from the folder's")


def test_sdcard_image_names_missing_tools():
    """Without mtools (a PATH that holds only sbin's sfdisk and mkfs.fat),
    the script stops with the Debian package to install, before writing."""
    with tempfile.TemporaryDirectory(prefix="tessera-sdcard-") as tmp:
        img = os.path.join(tmp, "x.img")
        p = subprocess.run(["/bin/sh", SCRIPT, tmp, img], capture_output=True, text=True,
                           env={"PATH": "/nonexistent"})
        check(p.returncode != 0 and "mcopy (Debian package mtools)" in p.stderr
              and not os.path.exists(img),
              f"no clear error without mtools: {p.returncode} {p.stderr!r}")
