"""`make run SHARE=folder`: QEMU shares a host folder with the image over
virtio-9p (support/scripts/run, tsqemu.share_args). A missing folder, a
file instead of one, or an image without the virtio-9p driver is one
clear line before QEMU starts; a good folder reaches the image mounted
at /share, where a program reads and writes it (suite 9pfs_paths, as in
tests/image/cases_9p.py)."""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, build_case, check, make, tail  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "tests", "image"))
import cases  # noqa: E402
# cases imports every cases_*.py itself (importing cases_9p first would
# be circular): take the one it loaded.
cases_9p = sys.modules[cases.__name__ + "_9p"]

TARGET = "kvm-x86_64"


def folder(name):
    d = os.path.join(BUILD, "share-run", name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def run(odir, *extra):
    return make(os.path.join(ROOT, cases_9p.APP), "run", odir=odir,
                extra=["TIMEOUT=120"] + list(extra), check_rc=False)


def refused(p, want, what):
    check(p.returncode != 0, f"{what}: make run succeeded:\n{tail(p.stdout)}")
    check(want in p.stderr, f"{what}: no line {want!r}:\n{tail(p.stderr)}")
    check("accel" not in p.stderr and "test:" not in p.stdout,
          f"{what}: QEMU was started:\n{tail(p.stderr)}\n{tail(p.stdout)}")


def test_make_run_share_refuses_bad_folders_before_qemu():
    odir, _, _ = build_case(cases_9p.APP, TARGET, cases_9p.VIRTIO_9P)
    d = folder("bad")
    missing = os.path.join(d, "missing")
    refused(run(odir, "SHARE=" + missing), f"tessera: SHARE={missing}: no such folder",
            "a missing folder")
    path = os.path.join(d, "file")
    open(path, "w").close()
    refused(run(odir, "SHARE=" + path), f"tessera: SHARE={path}: not a folder", "a file")


def test_make_run_share_refuses_an_image_without_virtio_9p():
    odir, _, _ = build_case(cases_9p.APP, TARGET)
    d = folder("nodriver")
    refused(run(odir, "SHARE=" + d), "needs the virtio-9p driver in the image",
            "an image without the driver")


def test_make_run_share_reaches_the_image():
    odir, _, _ = build_case(cases_9p.APP, TARGET, cases_9p.VIRTIO_9P)
    d = folder("good")
    cases_9p.fill(d)
    # Relative to the app's folder, as a user types it there.
    rel = os.path.relpath(d, os.path.join(ROOT, cases_9p.APP))
    # The programs' view: the share mounted at /share (make run passes
    # vfs.mount=9p:share:/share).
    p = run(odir, "SHARE=" + rel, "ARGS=9pfs_paths.*")
    check(p.returncode == 0, f"make run SHARE= exited {p.returncode}:\n{tail(p.stdout)}\n"
                             f"{tail(p.stderr)}")
    check(f"test: {len(cases_9p.PATHS_TESTS)} passed, 0 failed, 0 skipped" in p.stdout,
          f"the suite did not pass:\n{tail(p.stdout)}")
    try:
        cases_9p.written_by_paths(d)
    except AssertionError as e:
        check(False, f"the shared folder after make run: {e}")
