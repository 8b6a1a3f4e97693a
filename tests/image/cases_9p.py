"""virtio and 9P in images: lib/9p's suite 9p (tests.c) against a host
folder QEMU shares over virtio-9p (virtio-pci on kvm-x86_64, virtio-mmio
on virt-arm64), one boot per target. The folder is filled here with a
text that changes each run; afterwards the files the image wrote are
checked here, on the host."""
import os
import secrets

from cases import Case

SELFTEST = "tests/image/apps/selftest"
VIRTIO_9P = ["CONFIG_DRIVER_VIRTIO=y", "CONFIG_DRIVER_VIRTIO_9P=y", "CONFIG_LIB_9P=y"]
TESTS = ["big_file_in_many_messages", "directories", "errors_are_the_hosts",
         "malformed_replies_are_eio", "read_host_file_and_write_one", "truncate"]


def fill(folder):
    """What tests.c reads: a text it cannot know beforehand, a folder of
    two files, a file to truncate."""
    with open(os.path.join(folder, "hello.txt"), "w") as f:
        f.write(f"9p-test: {secrets.token_hex(8)} from the host\n")
    os.mkdir(os.path.join(folder, "sub"))
    for name in ("a", "b"):
        open(os.path.join(folder, "sub", name), "w").close()
    with open(os.path.join(folder, "trunc.txt"), "w") as f:
        f.write("0123456789")


def read(folder, name, mode="r"):
    path = os.path.join(folder, name)
    if not os.path.isfile(path):
        raise AssertionError(f"the image did not leave {name}")
    with open(path, mode) as f:
        return f.read()


def written(folder):
    """What tests.c wrote, as the host sees it."""
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


CASES = [
    Case("virtio-9p", SELFTEST, args="9p.*", config=VIRTIO_9P,
         targets=["kvm-x86_64", "virt-arm64"], share=fill, share_verify=written,
         expect=[rf"^test: PASS 9p\.{t}$" for t in TESTS]
         + [rf"^test: {len(TESTS)} passed, 0 failed, 0 skipped$"],
         absent=[r"^virtio: "]),
]
