"""lib/initrd on every target: a folder made here (a file with known
contents, nested folders with their own permissions, a symlink) packed
by support/scripts/tscpio.py, as `make run ROOTFS=` packs one, and handed
over as QEMU's -initrd: the first Multiboot module (and PVH module) on
kvm-x86_64, /chosen's linux,initrd-start and -end in the device tree on
virt-arm64 and the Pis (which tsqemu boots with a device tree then, as
the firmware does). The image lists what it found (initrd.list=1) and
runs lib/initrd's suite in tests/image/apps/vfstest, the one image of the
file layer's suites: the platform reserved the initrd's memory, and the
files, folders and the symlink are in the root file system with their
contents and permission bits, read through the system calls. A corrupt archive
gives one line naming the byte and the problem, and the boot goes on;
with initrd.strict=1 it is a panic instead."""
import os
import re
import subprocess
import sys

from cases import Boot, Case, End

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "support", "scripts"))
import tscpio  # noqa: E402

VFSTEST = "tests/image/apps/vfstest"
HELLO = b"hello from the initrd\n"
# 5000 bytes: more than a page, none of them zero, none alike in a row.
DATA = bytes((i * 7 + 1) % 251 + 1 for i in range(5000))


def rootfs(tmp):
    """The folder: etc/hello.txt (0640), etc/link -> hello.txt, etc/deep
    (0750) holding er/data.bin (0664: the group's write bit, which the
    umask 022 would take away, must survive)."""
    top = os.path.join(tmp, "rootfs")
    os.makedirs(os.path.join(top, "etc", "deep", "er"))
    with open(os.path.join(top, "etc", "hello.txt"), "wb") as f:
        f.write(HELLO)
    with open(os.path.join(top, "etc", "deep", "er", "data.bin"), "wb") as f:
        f.write(DATA)
    os.symlink("hello.txt", os.path.join(top, "etc", "link"))
    for path, mode in (("etc", 0o755), ("etc/deep", 0o750), ("etc/deep/er", 0o755),
                       ("etc/hello.txt", 0o640), ("etc/deep/er/data.bin", 0o664)):
        os.chmod(os.path.join(top, path), mode)
    return top


def packed(tmp):
    path = os.path.join(tmp, "rootfs.cpio")
    tscpio.write(rootfs(tmp), path)
    return path


def gnu_cpio(tmp):
    """The same folder packed by GNU cpio as a user would (find . | cpio
    -o -H newc): names start with "./", the first entry is "." itself,
    the archive is padded with zeros to 512 bytes."""
    top = rootfs(tmp)
    path = os.path.join(tmp, "gnu.cpio")
    names = subprocess.run(["find", "."], cwd=top, capture_output=True, check=True).stdout
    with open(path, "wb") as f:
        subprocess.run(["cpio", "-o", "-H", "newc", "--quiet"], cwd=top, input=names,
                       stdout=f, check=True)
    return path


# A corrupt archive: two good entries, then a header whose magic is
# wrong at a byte known here.
GOOD = (tscpio.entry("etc", 0o40755, ino=1, nlink=2)
        + tscpio.entry("etc/hello.txt", 0o100640, HELLO, ino=2))
BAD_AT = len(GOOD)
CORRUPT = GOOD + b"070799" + tscpio.entry("etc/lost", 0o100644, b"lost\n", ino=3)[6:] \
    + tscpio.trailer()


def corrupt(tmp):
    path = os.path.join(tmp, "corrupt.cpio")
    with open(path, "wb") as f:
        f.write(CORRUPT)
    return path


LISTED = [r"^initrd: drwxr-xr-x        0 etc$",
          r"^initrd: drwxr-x---        0 etc/deep$",
          r"^initrd: -rw-r-----       22 etc/hello.txt$",
          r"^initrd: lrwxrwxrwx        9 etc/link -> hello.txt$",
          r"^initrd: drwxr-xr-x        0 etc/deep/er$",
          r"^initrd: -rw-rw-r--     5000 etc/deep/er/data.bin$"]


def all_listed(r):
    """Every entry listed, in any order (find's is the file system's)."""
    for pat in LISTED:
        if not re.search(pat, r.output, re.M):
            raise AssertionError(f"no line matching /{pat}/")


# lib/initrd's suite (lib/initrd/tests_initrd*.c), in the runner's order.
SUITE = ["directories_keep_their_modes", "file_contents_and_mode", "memory_reserved",
         "nested_file_of_several_pages", "nothing_else_at_the_top", "symlink_and_its_target"]


def listing(source, ordered=True):
    """initrd.list's lines (in tscpio's order when ordered), the summary,
    the suite's results."""
    return (LISTED if ordered else []) + [
            rf"^initrd: 6 entries from the {source} \(\d+ bytes\): 2 files \(5022 bytes\), "
            r"3 directories, 1 symlinks$"] + [
            rf"^test: PASS initrd\.{t}$" for t in SUITE] + [
            rf"^test: {len(SUITE)} passed, 0 failed, 0 skipped$"]


CORRUPT_LINE = (rf"^initrd: corrupt initrd \(Multiboot module, {len(CORRUPT)} bytes\): at byte "
                rf"{BAD_AT}: bad magic \"070799\" \(not 070701 or 070702\); kept the 2 entries "
                r"before it, ignored the rest \(initrd\.strict=1 would stop the boot\)$")


# What the corrupt archive's two good entries let the suite check.
CORRUPT_TESTS = ":".join(f"initrd.{t}" for t in ("file_contents_and_mode", "memory_reserved",
                                                  "nothing_else_at_the_top"))


def one_initrd_line(r):
    """The corrupt archive costs one line, not one per entry."""
    lines = [l for l in r.output.splitlines() if l.startswith("initrd:")]
    if len(lines) != 1:
        raise AssertionError(f"{len(lines)} lines from lib/initrd, expected 1: {lines}")


CASES = [
    Case("initrd", VFSTEST, args="initrd.*", kargs="initrd.list=1", initrd=packed,
         expect_by_arch={"x86_64": listing("Multiboot module"),
                         "arm64": listing("device tree")},
         absent=[r"corrupt", r"not in its RAM", r"ignored"]),
    # An archive of GNU cpio's ("./" names, "." first, padded to 512).
    Case("initrd-gnu-cpio", VFSTEST, args="initrd.*", kargs="initrd.list=1",
         initrd=gnu_cpio, targets=["kvm-x86_64"], verify=all_listed,
         expect=listing("Multiboot module", ordered=False),
         absent=[r"^initrd: .* \.$", r"^initrd: .* \./", r"others skipped",
                 r"leads out of"]),
    Case("initrd-pvh", VFSTEST, args="initrd.*", kargs="initrd.list=1", initrd=packed,
         targets=["kvm-x86_64"], boot=Boot.PVH, expect=listing("PVH module")),
    # The boot goes on with what came before the bad header, and
    # nothing of what came after.
    Case("initrd-corrupt", VFSTEST, args=CORRUPT_TESTS, initrd=corrupt,
         targets=["kvm-x86_64"], verify=one_initrd_line,
         expect=[CORRUPT_LINE, r"^test: PASS initrd\.file_contents_and_mode$",
                 r"^test: PASS initrd\.memory_reserved$",
                 r"^test: PASS initrd\.nothing_else_at_the_top$",
                 r"^test: 3 passed, 0 failed, 0 skipped$"]),
    Case("initrd-corrupt-strict", VFSTEST, args="initrd.*", kargs="initrd.strict=1",
         initrd=corrupt, targets=["kvm-x86_64"], end=End.CRASHED,
         expect=[rf"^\*\*\* PANIC: corrupt initrd \(Multiboot module, {len(CORRUPT)} bytes\): "
                 rf"at byte {BAD_AT}: bad magic \"070799\""],
         absent=[r"^test: "]),
]
