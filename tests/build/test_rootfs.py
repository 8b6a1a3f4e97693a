"""ROOTFS=folder outside QEMU. make run ROOTFS= (booted by the image
tests, tests/image/cases_initrd.py) refuses an image without lib/initrd
and a missing folder in one line each. make sdcard ROOTFS=folder on the
Raspberry Pi targets: the folder
packed as rootfs.cpio on the card (the same bytes support/scripts/tscpio.py
makes, which the image tests boot), config.txt's "initramfs" line naming
it at an address past the image and its .bss; without ROOTFS= neither;
ROOTFS= for an image without lib/initrd, or a folder that does not exist,
is one clear error."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, build_case, check, make  # noqa: E402
import tscpio  # noqa: E402  (support/scripts, on the path through tstest)

VFSTEST = os.path.join(ROOT, "tests", "image", "apps", "vfstest")


def firmware(tmp):
    """Stand-ins for the firmware files (TS_RASPI_FIRMWARE): no download."""
    fw = os.path.join(tmp, "firmware")
    os.mkdir(fw)
    for name in ("bootcode.bin", "start.elf", "fixup.dat", "start4.elf", "fixup4.dat"):
        with open(os.path.join(fw, name), "wb") as f:
            f.write(name.encode())
    return fw


def image_end(image):
    out = subprocess.run(["nm", image + ".dbg"], capture_output=True, text=True,
                         check=True).stdout
    return int(re.search(r"^([0-9a-f]+) \S _ts_image_end$", out, re.M).group(1), 16)


def test_sdcard_rootfs_on_the_card():
    odir, image, _ = build_case("tests/image/apps/vfstest", "raspi3b")
    with tempfile.TemporaryDirectory(prefix="tessera-sdcard-") as tmp:
        top = os.path.join(tmp, "rootfs")
        os.makedirs(os.path.join(top, "etc"))
        with open(os.path.join(top, "etc", "motd"), "w") as f:
            f.write("on the card\n")
        os.symlink("motd", os.path.join(top, "etc", "issue"))
        env = {"TS_RASPI_FIRMWARE": firmware(tmp)}
        make(VFSTEST, "sdcard", "ROOTFS=" + top, odir=odir, env=env)
        folder = os.path.join(odir, "sdcard")
        with open(os.path.join(folder, "rootfs.cpio"), "rb") as f:
            check(f.read() == tscpio.pack(top), "rootfs.cpio on the card is not the folder packed")
        with open(os.path.join(folder, "config.txt")) as f:
            config = f.read()
        m = re.search(r"^initramfs rootfs\.cpio (0x[0-9a-f]+)$", config, re.M)
        check(m, f"no initramfs line in config.txt:\n{config}")
        addr, end = int(m.group(1), 16), image_end(image)
        check(addr % (2 << 20) == 0 and addr >= end + (1 << 20),
              f"initramfs at {addr:#x}: not 2 MiB aligned 1 MiB past the image's end {end:#x}")

        # Without ROOTFS=, no initrd is left on the card.
        make(VFSTEST, "sdcard", odir=odir, env=env)
        check(not os.path.exists(os.path.join(folder, "rootfs.cpio")),
              "rootfs.cpio left on the card without ROOTFS=")
        with open(os.path.join(folder, "config.txt")) as f:
            check("initramfs" not in f.read(), "initramfs line without ROOTFS=")

        p = make(VFSTEST, "sdcard", "ROOTFS=" + os.path.join(tmp, "nothing"), odir=odir,
                 env=env, check_rc=False)
        check(p.returncode != 0 and "ROOTFS: " + os.path.join(tmp, "nothing") +
              ": no such folder" in p.stdout + p.stderr,
              f"a missing ROOTFS folder: {p.stdout}{p.stderr}")


def test_sdcard_rootfs_needs_lib_initrd():
    odir, _, _ = build_case("apps/helloworld", "raspi3b")
    with tempfile.TemporaryDirectory(prefix="tessera-sdcard-") as tmp:
        p = make(os.path.join(ROOT, "apps", "helloworld"), "sdcard", "ROOTFS=" + tmp,
                 odir=odir, env={"TS_RASPI_FIRMWARE": firmware(tmp)}, check_rc=False)
        check(p.returncode != 0 and "ROOTFS= needs lib/initrd in the image: "
              "CONFIG_LIB_INITRD=y" in p.stdout + p.stderr,
              f"ROOTFS= without lib/initrd: {p.stdout}{p.stderr}")


def run_script(config, image, *args):
    """support/scripts/run as make run calls it (the errors come before
    QEMU starts)."""
    return subprocess.run([sys.executable, os.path.join(ROOT, "support", "scripts", "run"),
                           "--config", config, "--image", image] + list(args),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


def test_run_rootfs_errors():
    """Before QEMU starts: the image lacks lib/initrd; the folder is not
    there (the packer's error, through make run ROOTFS=); ROOTFS= and
    INITRD= both."""
    _, image, config = build_case("apps/helloworld", "kvm-x86_64")
    with tempfile.TemporaryDirectory(prefix="tessera-rootfs-") as tmp:
        p = run_script(config, image, "--rootfs", tmp, "--rootfs-archive",
                       os.path.join(tmp, "a.cpio"))
        check(p.returncode != 0 and "tessera: run: ROOTFS=" + tmp + " needs lib/initrd in the "
              "image: CONFIG_LIB_INITRD=y" in p.stderr, f"without lib/initrd: {p.stderr}")
    odir, image, config = build_case("tests/image/apps/vfstest", "kvm-x86_64")
    with tempfile.TemporaryDirectory(prefix="tessera-rootfs-") as tmp:
        missing = os.path.join(tmp, "nothing")
        p = make(VFSTEST, "run", "ROOTFS=" + missing, odir=odir, check_rc=False)
        check(p.returncode != 0 and f"tessera: run: ROOTFS: {missing}: no such folder" in p.stderr,
              f"a missing folder: {p.stderr}")
        p = run_script(config, image, "--rootfs", tmp, "--rootfs-archive",
                       os.path.join(tmp, "a.cpio"), "--initrd", missing)
        check(p.returncode != 0 and "ROOTFS= and INITRD= both given" in p.stderr,
              f"ROOTFS= and INITRD=: {p.stderr}")
        p = run_script(config, image, "--initrd", missing)
        check(p.returncode != 0 and f"INITRD={missing}: no such file" in p.stderr,
              f"a missing INITRD= file: {p.stderr}")


def test_tscpio_archive_reads_back_with_gnu_cpio():
    """The packer's archive is what GNU cpio reads as newc: extracted by
    `cpio -i`, the folder comes back with contents, modes and links. (The
    other way round, an archive of GNU cpio's in the image: the image
    test initrd-gnu-cpio.)"""
    if not shutil.which("cpio"):
        print("SKIP: no cpio on this machine (Debian's cpio package)")
        return
    with tempfile.TemporaryDirectory(prefix="tessera-tscpio-") as tmp:
        top = os.path.join(tmp, "in")
        os.makedirs(os.path.join(top, "a", "b"))
        with open(os.path.join(top, "a", "b", "f"), "wb") as f:
            f.write(bytes(range(256)) * 3)
        with open(os.path.join(top, "x"), "w") as f:
            f.write("x")
        os.chmod(os.path.join(top, "x"), 0o751)
        os.chmod(os.path.join(top, "a"), 0o700)
        os.symlink("a/b/f", os.path.join(top, "ln"))
        archive = os.path.join(tmp, "a.cpio")
        tscpio.write(top, archive)
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        with open(archive, "rb") as f:
            p = subprocess.run(["cpio", "-i", "-d", "--quiet"], stdin=f, cwd=out,
                               capture_output=True, text=True)
        check(p.returncode == 0, f"cpio -i: {p.stderr}")
        for rel in ("a", "a/b", "a/b/f", "x", "ln"):
            a, b = os.path.join(top, rel), os.path.join(out, rel)
            sa, sb = os.lstat(a), os.lstat(b)
            check(sa.st_mode == sb.st_mode, f"{rel}: mode {sb.st_mode:o}, packed {sa.st_mode:o}")
            if os.path.islink(a):
                check(os.readlink(b) == os.readlink(a), f"{rel}: link target differs")
            elif os.path.isfile(a):
                with open(a, "rb") as fa, open(b, "rb") as fb:
                    check(fa.read() == fb.read(), f"{rel}: contents differ")
        # Packing twice gives the same bytes.
        check(tscpio.pack(top) == tscpio.pack(top), "two packings of one folder differ")
