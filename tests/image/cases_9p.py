"""virtio and 9P in images: lib/9p's suite 9p and lib/9pfs's suite 9pfs
against a host folder QEMU shares over virtio-9p (virtio-pci on
kvm-x86_64, virtio-mmio on virt-arm64), one boot per target, in the file
layer's test image (vfstest). The folder is filled here with a
text that changes each run; afterwards the files the image wrote are
checked here, on the host."""
import os
import secrets

from cases import Case

APP = "tests/image/apps/vfstest"
# virtio-net too: tests/build/test_net_run.py boots the same image (its
# suite net), so that one build per target serves both.
VIRTIO_9P = ["CONFIG_DRIVER_VIRTIO=y", "CONFIG_DRIVER_VIRTIO_9P=y", "CONFIG_LIB_9P=y",
             "CONFIG_LIB_9PFS=y", "CONFIG_DRIVER_VIRTIO_NET=y"]
TESTS = [f"9p.{t}" for t in ["big_file_in_many_messages", "directories", "errors_are_the_hosts",
                              "malformed_replies_are_eio", "one_client_per_channel",
                              "read_host_file_and_write_one", "truncate"]] \
    + [f"9pfs.{t}" for t in ["errors", "getdents", "mkdir_rename_unlink_truncate",
                             "read_and_write_files"]] \
    + [f"9pfs_paths.{t}" for t in ["errors", "getdents_mkdir_rename_truncate",
                                   "read_write_stat"]]
ARGS = "9p.*:9pfs.*:9pfs_paths.*"
PATHS_TESTS = [t for t in TESTS if t.startswith("9pfs_paths.")]
# The share mounted as make run SHARE= mounts it.
KARGS = "vfs.mount=9p:share:/share"


def fill(folder):
    """What tests.c reads: a text it cannot know beforehand, a folder of
    two files, a file to truncate."""
    with open(os.path.join(folder, "hello.txt"), "w") as f:
        f.write(f"9p-test: {secrets.token_hex(8)} from the host\n")
    os.mkdir(os.path.join(folder, "sub"))
    for name in ("a", "b"):
        open(os.path.join(folder, "sub", name), "w").close()
    for name in ("trunc.txt", "fs-trunc.txt", "fs-empty.txt", "path-trunc.txt"):
        with open(os.path.join(folder, name), "w") as f:
            f.write("0123456789")


def read(folder, name, mode="r"):
    path = os.path.join(folder, name)
    if not os.path.isfile(path):
        raise AssertionError(f"the image did not leave {name}")
    with open(path, mode) as f:
        return f.read()


def written(folder):
    """What the three suites wrote, as the host sees it."""
    written_by_clients(folder)
    written_by_paths(folder)


def written_by_clients(folder):
    """What suites 9p and 9pfs wrote."""
    hello = read(folder, "hello.txt")
    want = hello.replace("9p-test:", "9p-image:", 1)
    got = read(folder, "from-image.txt")
    if got != want:
        raise AssertionError(f"from-image.txt holds {got!r}, not {want!r}")
    big = read(folder, "big.bin", "rb")
    pattern = bytes((i * 7 + i // 251) & 0xff for i in range(40000))
    if big != pattern:
        raise AssertionError(f"big.bin: {len(big)} bytes, not the 40000 of the pattern")
    if read(folder, "trunc.txt") != "012":
        raise AssertionError("trunc.txt was not truncated to 3 bytes")
    if not os.path.isdir(os.path.join(folder, "made-dir")):
        raise AssertionError("made-dir was not made")
    if not os.path.isfile(os.path.join(folder, "made-dir", "new-name")) or \
            os.path.exists(os.path.join(folder, "old-name")):
        raise AssertionError("old-name was not renamed to made-dir/new-name")
    if os.path.exists(os.path.join(folder, "gone")):
        raise AssertionError("gone was not unlinked")
    # lib/9pfs's.
    want = hello.replace("9p-test:", "9pfs:", 1)
    got = read(folder, "fs-new.txt")
    if got != want:
        raise AssertionError(f"fs-new.txt holds {got!r}, not {want!r}")
    if read(folder, "fs-trunc.txt") != "0123" or read(folder, "fs-empty.txt") != "":
        raise AssertionError("fs-trunc.txt or fs-empty.txt was not truncated")
    if not os.path.isfile(os.path.join(folder, "fs-dir", "fs-moved")) or \
            os.path.exists(os.path.join(folder, "fs-old")) or \
            os.path.exists(os.path.join(folder, "fs-gone")):
        raise AssertionError("fs-dir/fs-moved, fs-old or fs-gone is not as the image left it")


def written_by_paths(folder):
    """What suite 9pfs_paths wrote through the system calls."""
    want = read(folder, "hello.txt").replace("9p-test:", "9p-path:", 1)
    got = read(folder, "path-new.txt")
    if got != want:
        raise AssertionError(f"path-new.txt holds {got!r}, not {want!r}")
    if read(folder, "path-trunc.txt") != "01":
        raise AssertionError("path-trunc.txt was not truncated to 5, then 2 bytes")
    if not os.path.isfile(os.path.join(folder, "path-dir", "path-moved")) or \
            os.path.exists(os.path.join(folder, "path-old")):
        raise AssertionError("path-old was not renamed to path-dir/path-moved")


CASES = [
    # Three devices on one folder: a 9P channel has one client at a time
    # (the boot's mount at /share, lib/9p's suite, lib/9pfs's suite).
    Case("virtio-9p", APP, args=ARGS, kargs=KARGS, config=VIRTIO_9P,
         share_tags=["share", "test-9p", "test-9pfs"],
         targets=["kvm-x86_64", "virt-arm64"], share=fill, share_verify=written,
         expect=[rf"^test: PASS {t.replace('.', '[.]')}$" for t in TESTS]
         + [rf"^test: {len(TESTS)} passed, 0 failed, 0 skipped$"],
         absent=[r"^virtio: ", r"vfs.mount: "]),
]
