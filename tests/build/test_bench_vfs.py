"""bench/vfs works without running it (make test times nothing): its
parser reads what the loops print and refuses incomplete or malformed
output; the Linux guest's /init builds static and its initrd is a cpio
that the real cpio reads back with the program and the mount points."""
import importlib.machinery
import importlib.util
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check  # noqa: E402


def bench():
    path = os.path.join(ROOT, "bench", "vfs")
    loader = importlib.machinery.SourceFileLoader("bench_vfs", path)
    spec = importlib.util.spec_from_loader("bench_vfs", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


GOOD = ("vfsbench: hz 1000000000\n"
        "vfsbench: call 10 250\n"
        "vfsbench: open_close 10 50000\n"
        "vfsbench: ram_write 4194304 8388608\n"
        "vfsbench: done\n")


def test_vfs_bench_parser_refuses_bad_output():
    b = bench()
    res = b.parse(GOOD, "x")
    check(res["call"] == [25.0] and res["open_close"] == [5000.0] and
          res["ram_write"] == [2.0] and res["hz"] == 10**9, f"parsed {res}")
    bad = {GOOD.replace("vfsbench: done\n", ""): "no complete run",
           GOOD.replace("call 10 250", "call ten 250"): "bad loop line",
           GOOD.replace("call 10 250", "call 0 250"): "bad loop line",
           GOOD.replace("hz 1000000000", "hz 0"): "bad counter frequency",
           GOOD + "vfsbench: opens 1 2\n": "unknown line",
           GOOD + "vfsbench: error stat(/ram/file): errno 2\n": "stat(/ram/file)"}
    for text, why in bad.items():
        try:
            b.parse(text, "x")
        except b.BenchError as e:
            check(why in str(e), f"error {e!r} does not say {why!r}")
        else:
            raise AssertionError(f"parse accepted:\n{text}")


def test_vfs_bench_summary_throughput():
    """MB/s from ticks per byte and the counter; latency ratios."""
    b = bench()
    img = [b.parse(GOOD, "image")]
    lin = [b.parse(GOOD.replace("open_close 10 50000", "open_close 10 150000")
                   .replace("4194304 8388608", "4194304 16777216"), "linux")]
    s = b.summary("t", img, lin)
    check(s["image"]["ram_write"][0] == 500.0 and s["linux"]["ram_write"][0] == 250.0,
          f"MB/s: {s}")
    table = b.table([s])
    check(re.search(r"\| t \| open_close \(ticks\) \| 5,000\.0 .*\| 3\.0x \|$", table, re.M),
          f"open_close's row:\n{table}")
    check(re.search(r"\| t \| ram_write \(MB/s\) \| 500\.0 .*\| 2\.0x \|$", table, re.M),
          f"ram_write's row:\n{table}")
    check(b.goals([s]) == ["t: open_close Linux / Tessera 3.0x (goal >= 2x: met)"],
          f"goals: {b.goals([s])}")


def test_vfs_bench_linux_initrd():
    b = bench()
    odir = os.path.join(BUILD, "bench-build", "vfs-linux")
    rd, cc = b.linux_initrd("kvm-x86_64", odir, False)
    listing = subprocess.run(["cpio", "-itv", "--quiet"], stdin=open(rd, "rb"),
                             capture_output=True, text=True, check=True).stdout
    for name in ("ram", "share"):
        check(re.search(rf"^drwxr-xr-x.* {name}$", listing, re.M),
              f"the initrd has no folder {name}:\n{listing}")
    check(re.search(r"^-rwxr-xr-x.*\binit$", listing, re.M), f"no /init:\n{listing}")
    init = os.path.join(odir, "init")
    head = subprocess.run(["readelf", "-lh", init], capture_output=True, text=True,
                          check=True).stdout
    check("Advanced Micro Devices X86-64" in head and "INTERP" not in head,
          f"/init ({cc}) is not a static x86_64 executable:\n{head}")


def test_vfs_bench_module_dependencies():
    """The 9p modules' load order comes from each module's .modinfo
    "depends=" (Debian ships no modules.dep): read from real ELF objects
    with such a section, as the kernel's modpost writes it."""
    sys.path.insert(0, os.path.join(ROOT, "bench", "linux-guest"))
    import linuxguest
    odir = os.path.join(BUILD, "bench-build", "modinfo")
    os.makedirs(odir, exist_ok=True)
    cases = {"two": ('"license=GPL"', '"depends=virtio,virtio_ring"'),
             "none": ('"license=GPL"', '"depends="'),
             "absent": ('"license=GPL"',)}
    for name, entries in cases.items():
        src = os.path.join(odir, f"{name}.c")
        with open(src, "w") as f:
            for i, e in enumerate(entries):
                f.write(f'__attribute__((section(".modinfo"), used)) '
                        f'static const char e{i}[] = {e};\n')
        subprocess.run(["gcc", "-c", "-o", os.path.join(odir, f"{name}.ko"), src], check=True)
    got = {n: linuxguest.modinfo_depends(os.path.join(odir, f"{n}.ko")) for n in cases}
    check(got == {"two": ["virtio", "virtio_ring"], "none": [], "absent": []},
          f"depends read as {got}")
    subprocess.run(["gcc", "-c", "-o", os.path.join(odir, "plain.ko"), "-x", "c", "/dev/null"],
                   check=True)
    try:
        linuxguest.modinfo_depends(os.path.join(odir, "plain.ko"))
    except linuxguest.BenchError as e:
        check("no .modinfo" in str(e), f"error {e}")
    else:
        raise AssertionError("an object without .modinfo was read as a module")


def test_vfs_bench_image_output_parses():
    """The image side builds (the bench's own configuration, with 9pfs
    where the tree has it), boots with a host folder shared, runs every
    loop once, and leaves in the share what the script checks."""
    import argparse
    import tempfile
    b = bench()
    a = argparse.Namespace(ops=20, reps=1, p9_ops=2)
    with tempfile.TemporaryDirectory(prefix="tessera-vfsbench-") as tmp:
        share = b.share_folder(tmp) if b.image_9p() else None
        res = b.image("kvm-x86_64", a, share)
        if share:
            b.check_share(share, "image")
    loops = b.LATENCY + b.BYTES + (b.P9 if share else ())
    for loop in loops:
        check(len(res.get(loop, [])) == 1 and res[loop][0] > 0,
              f"loop {loop}: not one run that took time: {res}")
    check(res["hz"] > 1000000, f"counter at {res['hz']} Hz")
