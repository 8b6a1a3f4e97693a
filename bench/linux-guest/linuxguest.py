"""The Linux guest the benchmarks compare the image with (bench/syscall,
bench/vfs): Debian's kernel on the image's QEMU command line for the
target (machine, memory, CPU, accelerator), with an initrd this module
writes itself, whose /init is the benchmark's own static program.

- kernel(): Debian's kernel package, downloaded once with `apt-get
  download` into build/cache/bench-linux (its vmlinuz, and the modules
  of MODULE_DIRS for guests that need them: virtio, 9p);
- modules(): the .ko files a set of modules needs, dependencies first
  (from each module's .modinfo: Debian ships no modules.dep);
- build_init(): a static /init from C files, with guest.c and the
  target's ticks-<arch>.c (the counter the image reads);
- initrd(): a "newc" cpio (device nodes without root);
- boot(): runs the guest and returns its console output.

Bench-only needs (make test needs none of them): the kernel package;
musl-gcc from Debian's musl-tools for the x86_64 /init (else gcc -static
with glibc); for arm64 the cross compiler's glibc (libc6-dev-arm64-cross).
"""
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import tstest  # noqa: E402
from tstest import tsqemu  # noqa: E402
import tscpio  # noqa: E402  (support/scripts, on the path through tstest)

CACHE = os.path.join(ROOT, "build", "cache", "bench-linux")

# Per target: Debian's kernel metapackage, the architecture's compiler
# for /init (musl-gcc first where Debian has it for the host), the Linux
# console, and the virtio transport the image uses there (the module
# that finds the devices). x86_64 needs an x86_64 host, as the image
# build does.
LINUX = {
    "kvm-x86_64": {"package": "linux-image-amd64", "compilers": [["musl-gcc"], ["gcc"]],
                   "console": "ttyS0", "arch": "x86_64", "virtio": "virtio_pci"},
    "virt-arm64": {"package": "linux-image-arm64:arm64",
                   "compilers": [["aarch64-linux-gnu-gcc"]], "console": "ttyAMA0",
                   "arch": "arm64", "virtio": "virtio_mmio"},
}

# The modules kept from the package (the rest of its 400 MB is not):
# virtio, 9p (bench/vfs), virtio-net and what it needs (bench/net).
MODULE_DIRS = ("kernel/drivers/virtio/", "kernel/net/9p/", "kernel/fs/9p/",
               "kernel/fs/netfs/", "kernel/fs/fscache/", "kernel/drivers/net/virtio_net.ko",
               "kernel/drivers/net/net_failover.ko", "kernel/net/core/failover.ko")


class BenchError(Exception):
    pass


def parse_runs(output, who, prog, loops, texts=(), ignored=("exit",)):
    """The lines a benchmark program prints ("PROG: hz N", "PROG: LOOP
    COUNT TICKS", "PROG: done", "PROG: error ...") as {"hz": int, LOOP:
    [ticks per unit, ...], TEXT: str}: texts are keys whose line is kept
    as text and must be there ("via"), ignored keys are skipped (the
    image's own "exit" lines). BenchError, naming who, when the run
    failed or a line is malformed."""
    line_re = re.compile(rf"^{re.escape(prog)}: (\S+) ?(.*)$")
    res = {"hz": None, **{t: None for t in texts}}
    done = False
    for line in output.replace("\r", "").splitlines():
        m = line_re.match(line.strip())
        if not m:
            continue
        key, rest = m.groups()
        if key == "error":
            raise BenchError(f"{who}: {rest}")
        if key == "done":
            done = True
        elif key == "hz":
            if not re.fullmatch(r"[1-9]\d*", rest):
                raise BenchError(f"{who}: bad counter frequency line: {line!r}")
            res["hz"] = int(rest)
        elif key in texts:
            res[key] = rest
        elif key in loops:
            f = rest.split()
            if len(f) != 2 or not all(x.isdigit() for x in f) or int(f[0]) < 1:
                raise BenchError(f"{who}: bad loop line: {line!r}")
            res.setdefault(key, []).append(int(f[1]) / int(f[0]))
        elif key not in ignored:
            raise BenchError(f"{who}: unknown line: {line!r}")
    if not done or not res["hz"] or not all(res[t] for t in texts) or "call" not in res:
        raise BenchError(f"{who}: no complete run (no '{prog}: done', hz, "
                         f"{''.join(t + ', ' for t in texts)}or loop lines); "
                         f"its output:\n{tstest.tail(output)}")
    return res


def run(cmd, what, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode:
        raise BenchError(f"{what} failed ({' '.join(cmd)}):\n{(p.stderr or p.stdout).strip()}")
    return p.stdout


def _package(target):
    """(versioned package name, flavour) of the metapackage's kernel."""
    meta = LINUX[target]["package"]
    deps = run(["apt-cache", "depends", meta], f"looking up {meta} (apt-get update?)")
    m = re.search(r"Depends: (linux-image-[^\s:]+)", deps)
    if not m:
        raise BenchError(f"apt-cache depends {meta} names no linux-image package:\n{deps}")
    arch = meta.partition(":")[2]
    return m.group(1) + (":" + arch if arch else ""), m.group(1)[len("linux-image-"):]


def _fetch(pkg, flavour, who):
    """Downloads the package once and keeps its vmlinuz and the modules
    of MODULE_DIRS in CACHE (vmlinuz-FLAVOUR, modules-FLAVOUR/NAME.ko);
    each is renamed into place whole, so an interrupted run leaves none."""
    os.makedirs(CACHE, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        print(f"{who}: apt-get download {pkg} (once, into {os.path.relpath(CACHE, ROOT)})",
              file=sys.stderr)
        p = subprocess.run(["apt-get", "download", pkg], cwd=tmp, capture_output=True, text=True)
        debs = [f for f in os.listdir(tmp) if f.endswith(".deb")]
        if p.returncode or len(debs) != 1:
            raise BenchError(f"apt-get download {pkg} failed (run apt-get update, or give "
                             f"--kernel FILE):\n{p.stderr.strip()}")
        tarball = os.path.join(tmp, "data.tar")
        with open(tarball, "wb") as f:
            subprocess.run(["dpkg-deb", "--fsys-tarfile", os.path.join(tmp, debs[0])],
                           stdout=f, check=True)
        tree = os.path.join(tmp, "tree")
        os.mkdir(tree)
        mods = f"./lib/modules/{flavour}/"
        run(["tar", "-xf", tarball, "-C", tree, "--wildcards", f"./boot/vmlinuz-{flavour}"]
            + [f"{mods}{d}*" for d in MODULE_DIRS], f"unpacking {debs[0]}")
        vmlinuz = os.path.join(tree, "boot", f"vmlinuz-{flavour}")
        if not os.path.getsize(vmlinuz):
            raise BenchError(f"{debs[0]} holds an empty ./boot/vmlinuz-{flavour}")
        flat = os.path.join(tmp, "modules")
        os.mkdir(flat)
        for d, _, files in os.walk(os.path.join(tree, mods)):
            for name in files:
                if name.endswith(".ko"):
                    os.rename(os.path.join(d, name), os.path.join(flat, name))
        dest = os.path.join(CACHE, f"modules-{flavour}")
        if os.path.isdir(dest):
            # A cache from before MODULE_DIRS grew: replaced whole.
            shutil.rmtree(dest)
        os.rename(flat, dest)
        os.rename(vmlinuz, os.path.join(CACHE, f"vmlinuz-{flavour}"))


def kernel(target, who="bench"):
    """Debian's kernel for the target (its vmlinuz), downloaded once into
    CACHE: the metapackage's dependency is the versioned image package."""
    pkg, flavour = _package(target)
    vmlinuz = os.path.join(CACHE, f"vmlinuz-{flavour}")
    if not os.path.exists(vmlinuz):
        _fetch(pkg, flavour, who)
    return vmlinuz


def modinfo_depends(path):
    """The module names in a .ko's .modinfo "depends=" entry."""
    with open(path, "rb") as f:
        elf = f.read()
    if elf[:5] != b"\x7fELF\x02" or elf[5] != 1:
        raise BenchError(f"{path}: not a little-endian 64-bit ELF module")
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3a)

    def section(i):
        name, _, _, _, off, size = struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize)
        return name, elf[off:off + size]

    names = section(shstrndx)[1]
    for i in range(shnum):
        name, data = section(i)
        if names[name:names.index(b"\0", name)] == b".modinfo":
            for entry in data.split(b"\0"):
                if entry.startswith(b"depends="):
                    return [d for d in entry[8:].decode().split(",") if d]
            return []
    raise BenchError(f"{path}: no .modinfo section")


def modules(target, names, who="bench"):
    """The .ko files that load names in the given order, each after the
    modules it depends on (a module built into the kernel is not in the
    package and needs nothing). The package is downloaded again if the
    cache has its vmlinuz only."""
    pkg, flavour = _package(target)
    d = os.path.join(CACHE, f"modules-{flavour}")
    if not os.path.isdir(d):
        _fetch(pkg, flavour, who)
    order = []
    fetched = [False]

    def add(name, chain):
        path = os.path.join(d, name.replace("-", "_") + ".ko")
        if not os.path.exists(path):
            path = os.path.join(d, name.replace("_", "-") + ".ko")
        if not os.path.exists(path) and not fetched[0]:
            # The cache may predate a module MODULE_DIRS now keeps.
            fetched[0] = True
            _fetch(pkg, flavour, who)
            return add(name, chain)
        if not os.path.exists(path):
            raise BenchError(f"{target}: module {name} ({' <- '.join(chain)}) is not in "
                             f"{os.path.relpath(d, ROOT)}")
        if path in order:
            return
        for dep in modinfo_depends(path):
            add(dep, chain + [dep])
        order.append(path)

    for n in names:
        add(n, [n])
    return order


def compiler(target):
    for cc in LINUX[target]["compilers"]:
        if shutil.which(cc[0]):
            return cc
    raise BenchError(f"{target}: no compiler for the Linux guest's /init "
                     f"({' or '.join(c[0] for c in LINUX[target]['compilers'])})")


def build_init(target, out, sources, flags=()):
    """A static /init at out from sources, guest.c and the target's
    counter. Returns (out, the compiler's name)."""
    cc = compiler(target)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    run(cc + ["-static", "-O2", "-std=gnu11", "-Wall", "-Wextra", "-Werror",
              "-I", HERE] + list(flags) + ["-o", out] + list(sources)
        + [os.path.join(HERE, "guest.c"),
           os.path.join(HERE, f"ticks-{LINUX[target]['arch']}.c")],
        f"building the Linux guest's /init with {cc[0]}")
    return out, cc[0]


def initrd(init, path, extra=()):
    """A cpio with /init, the two device nodes it needs (the console,
    which the kernel opens for init's stdio, and /dev/null) and extra
    entries (name, mode, data): folders first, then their files."""
    with open(init, "rb") as f:
        prog = f.read()
    entries = [("dev", 0o040755, b"", (0, 0)),
               ("dev/console", 0o020600, b"", (5, 1)),
               ("dev/null", 0o020666, b"", (1, 3)),
               ("init", 0o100755, prog, (0, 0))]
    entries += [(n, m, d, (0, 0)) for n, m, d in extra]
    # support/scripts/tscpio.py's writer: device nodes need no root.
    blob = b"".join(tscpio.entry(n, m, d, ino=i + 1, rdev=r)
                    for i, (n, m, d, r) in enumerate(entries))
    blob += tscpio.trailer()
    with open(path, "wb") as f:
        f.write(blob + b"\0" * (-len(blob) % 512))
    return path


def qemu_target(target):
    return tsqemu.KvmX86() if target == "kvm-x86_64" else tsqemu.VirtArm64()


def boot(target, vmlinuz, rd, args, accel, kargs="", extra=(), timeout=900, mem=None):
    """Boot the Linux guest with the image's QEMU command line for the
    target plus the initrd and extra QEMU arguments; args go to /init
    (after "--"). Returns its console output as text."""
    tgt = qemu_target(target)
    cmdline = (f"console={LINUX[target]['console']} quiet panic=-1 {kargs} "
               f"-- {args}").replace("  ", " ")
    with tempfile.TemporaryDirectory(prefix="tessera-linux-") as tmp:
        cmd = tgt.command(vmlinuz, cmdline, accel, False, ["-initrd", rd] + list(extra), tmp,
                          mem=mem)
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise BenchError(f"{target} Linux guest: no power-off after {timeout} s:\n"
                             f"{tstest.tail((e.stdout or b'').decode(errors='replace'))}")
    return p.stdout.decode(errors="replace")


def median_range(v):
    return statistics.median(v), min(v), max(v)


def write_doc(doc, name, text, who):
    """The benchmarks' --doc: text replaces what doc holds between the
    markers <!-- NAME: begin --> and <!-- NAME: end -->."""
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    with open(doc) as f:
        old = f.read()
    if old.count(begin) != 1 or old.count(end) != 1 or old.index(begin) > old.index(end):
        sys.exit(f"{who}: {doc} must hold the markers {begin} and {end} once each, in that order")
    head, rest = old.split(begin)
    _, tail = rest.split(end)
    with open(doc, "w") as f:
        f.write(head + begin + "\n" + text + "\n" + end + tail)
    print("wrote the figures in", os.path.relpath(doc, ROOT))
