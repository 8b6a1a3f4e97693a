"""bench/syscall works without running it (make test does not time
anything): the image side builds and boots, and the script's parser reads
what it prints; the parser refuses incomplete or malformed output; the
Linux guest's /init builds and its initrd is a cpio that the real cpio
reads back with the device nodes and the program."""
import importlib.machinery
import importlib.util
import os
import re
import stat
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, build_case, check, tsqemu  # noqa: E402


def bench():
    path = os.path.join(ROOT, "bench", "syscall")
    loader = importlib.machinery.SourceFileLoader("bench_syscall", path)
    spec = importlib.util.spec_from_loader("bench_syscall", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def elf_static_x86_64(path):
    """An x86_64 ELF executable with no program interpreter (PT_INTERP):
    the kernel can start it as /init with nothing else in the initrd."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:5] != b"\x7fELF\x02":
        return False
    e_type, e_machine = struct.unpack_from("<HH", data, 16)
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    types = [struct.unpack_from("<I", data, phoff + i * phentsize)[0] for i in range(phnum)]
    return e_type == 2 and e_machine == 62 and 3 not in types


def test_syscall_bench_image_output_parses():
    b = bench()
    _, image, config = build_case(b.APP, "kvm-x86_64")
    r = tsqemu.boot(config, image, args="50 2", timeout=120, quiet=True)
    check(r.kind == tsqemu.EXITED and r.status == 0,
          f"syscallbench: {r.kind} {r.why}\n{r.output}")
    res = b.parse(r.output, "image")
    for loop in ("call", "getpid", "getpid_fn", "write0"):
        check(len(res.get(loop, [])) == 2, f"loop {loop}: not 2 runs in {res}\n{r.output}")
        check(all(v > 0 for v in res[loop]), f"loop {loop}: a run took no time: {res}")
    check("write1" not in res, "the image has no discarding descriptor, yet timed write1")
    check(res["via"] in ("ts_syscall", "musl"), f"calls via {res['via']!r}")
    check(res["hz"] > 1000000, f"counter at {res['hz']} Hz")


def test_syscall_bench_parser_refuses_bad_output():
    b = bench()
    good = ("syscallbench: hz 1000000000\nsyscallbench: via ts_syscall\n"
            "syscallbench: call 10 250\nsyscallbench: getpid 10 5000\nsyscallbench: done\n")
    res = b.parse(good, "x")
    check(res["call"] == [25.0] and res["getpid"] == [500.0], f"parsed {res}")
    bad = {good.replace("syscallbench: done\n", ""): "no complete run",
           good.replace("call 10 250", "call ten 250"): "bad loop line",
           good.replace("call 10 250", "call 0 250"): "bad loop line",
           good.replace("hz 1000000000", "hz 0"): "bad counter frequency",
           good + "syscallbench: getpids 1 2\n": "unknown line",
           good + "syscallbench: error write(1, buf, 0) returned -9\n": "returned -9"}
    for text, why in bad.items():
        try:
            b.parse(text, "x")
        except b.BenchError as e:
            check(why in str(e), f"error {e!r} does not say {why!r}")
        else:
            raise AssertionError(f"parse accepted:\n{text}")


def test_syscall_bench_linux_initrd():
    b = bench()
    odir = os.path.join(BUILD, "bench-build", "syscall-linux")
    init, cc = b.build_init("kvm-x86_64", odir)
    check(elf_static_x86_64(init), f"/init ({cc}) is not a static x86_64 executable")
    rd = b.initrd(init, os.path.join(odir, "initrd.cpio"))
    listing = subprocess.run(["cpio", "-itv", "--quiet"], stdin=open(rd, "rb"),
                             capture_output=True, text=True, check=True).stdout
    check(re.search(r"^crw-------.*\b5,\s*1\b.*dev/console$", listing, re.M) and
          re.search(r"^crw-rw-rw-.*\b1,\s*3\b.*dev/null$", listing, re.M) and
          re.search(r"^-rwxr-xr-x.*\binit$", listing, re.M),
          f"the initrd's listing lacks a node or /init:\n{listing}")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["cpio", "-id", "--quiet", "init"], stdin=open(rd, "rb"), cwd=tmp,
                       check=True)
        got = os.path.join(tmp, "init")
        check(open(got, "rb").read() == open(init, "rb").read(),
              "/init read back from the cpio differs from the program")
        check(os.stat(got).st_mode & stat.S_IXUSR, "/init is not executable")


def test_syscall_bench_native_output_parses():
    b = bench()
    prog = b.native_program()
    for side, loops, via in (("tessera", ("call", "getpid", "getpid_fn", "write0"), "ts_syscall"),
                             ("linux", ("call", "getpid", "write0", "write1"), "linux-glibc")):
        res = b.native(prog, side, 50, 2)
        check(res["via"] == via, f"{side}: calls via {res['via']!r}")
        for loop in loops:
            check(len(res.get(loop, [])) == 2, f"{side}: loop {loop}: not 2 runs in {res}")
    try:
        b.native(prog, "neither", 50, 2)
    except b.BenchError as e:
        check("usage" in str(e), f"a bad side is refused without its usage: {e}")
    else:
        raise AssertionError("syscall-native accepted the side 'neither'")
