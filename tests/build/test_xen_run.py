"""The xen-arm64 run path (support/scripts/tsxen.py, tsqemu.XenArm64) and
the xl configuration writer (support/scripts/xlconfig, make xl-config):
bad MEM, a missing dtc and a cached Xen package whose checksum does not
match are one line each before Xen boots; a Xen panic (Xen given an
image that is no arm64 Image) ends the run at once as a crash with
Xen's message, not a hang; the xl file written for either architecture
reads back with what was asked, and bad input is one line. A small
guest of its own (fixtures/xenguest/guest.S, independent of plat/xen)
checks the whole path under the real Xen: the guest's lines without
Xen's prefix and none of Xen's, input typed to it through Xen's console
switch, MEM= reaching the domain, the exit status; XEN_LOG=1 shows Xen's
lines. Tessera's own images under Xen are the image tests' (tests/image,
target xen-arm64)."""
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, build_case, check, make, tail  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "support", "scripts"))
import tsqemu  # noqa: E402
import tsxen  # noqa: E402

RUN = os.path.join(ROOT, "support", "scripts", "run")
BOOTCHECK = "tests/image/apps/bootcheck"
XLCONFIG = os.path.join(ROOT, "support", "scripts", "xlconfig")
HERE = os.path.join(BUILD, "xen-run")


def folder(name):
    d = os.path.join(HERE, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def config(d, arch="ARM64", *more):
    """A .config as a xen-arm64 or xen-x86_64 build writes it, as far as
    the run path and the writer read it."""
    path = os.path.join(d, ".config")
    with open(path, "w") as f:
        f.write(f"CONFIG_PLAT_XEN=y\nCONFIG_PLAT_NAME=\"xen\"\nCONFIG_ARCH_{arch}=y\n"
                f"CONFIG_ARCH_NAME=\"{arch.lower()}\"\n" + "".join(l + "\n" for l in more))
    return path


def image(d, data=b"\0" * 4096):
    path = os.path.join(d, "image")
    with open(path, "wb") as f:
        f.write(data)
    return path


def run(d, *args, env=None, timeout=120, img=None):
    e = dict(os.environ, **(env or {}))
    for k in ("MEM", "XEN_LOG"):
        if k not in (env or {}):
            e.pop(k, None)
    return subprocess.run([RUN, "--config", config(d), "--image", img or image(d), "--timeout",
                           "60"] + list(args), capture_output=True, text=True, env=e,
                          timeout=timeout)


def guest(d):
    """fixtures/xenguest/guest.S as a raw Image."""
    src = os.path.join(ROOT, "tests", "build", "fixtures", "xenguest", "guest.S")
    elf, raw = os.path.join(d, "guest.elf"), os.path.join(d, "guest")
    subprocess.run(["aarch64-linux-gnu-gcc", "-nostdlib", "-static", "-Wl,-Ttext=0x40000000",
                    "-o", elf, src], check=True)
    subprocess.run(["aarch64-linux-gnu-objcopy", "-O", "binary", "-j", ".text", elf, raw],
                   check=True)
    return raw


# What the guest writes after the digit it read (fixtures/xenguest).
DIGITS = "0123456789" * 14


def test_xen_run_a_guest_end_to_end():
    d = folder("guest")
    img = guest(d)
    r = tsqemu.boot(config(d), img, quiet=True, timeout=30, mem="16M", feed=(b"digit> ", b"7"))
    check(r.kind == tsqemu.EXITED and r.status == 7,
          f"{r.kind} {r.status} {r.why}, not exited 7:\n{tail(r.output)}\n{tail(r.xen_log)}")
    # Exactly the guest's lines: no Xen prefix, none of Xen's own.
    # The prompt without its newline comes as written (the test types
    # only once it has it), the line longer than Xen's 126 bytes whole.
    check(r.output == f"guest: up\nguest: type a digit> \nguest: read 7 {DIGITS}\n",
          f"output {r.output!r}")
    check("(XEN) Xen version 4.17.7" in r.xen_log, f"no Xen banner in xen_log:\n{tail(r.xen_log)}")
    # MEM=16M: 0x4000 KiB, as Xen says when it builds the domain.
    check("LOADING DOMU cpus=1 memory=4000KB" in r.xen_log, f"MEM=16M not given:\n{r.xen_log}")
    # XEN_LOG=1 (make run XEN_LOG=1): Xen's lines on the console too.
    os.environ["XEN_LOG"] = "1"
    try:
        r = tsqemu.boot(config(d), img, quiet=True, timeout=30, mem="16M", feed=(b"digit> ", b"5"))
    finally:
        del os.environ["XEN_LOG"]
    check(r.status == 5 and "(XEN) Xen version" in r.output and f"guest: read 5 {DIGITS}\n" in r.output,
          f"XEN_LOG=1: {r.kind} {r.status}:\n{tail(r.output)}")


def one_line(p, want, what):
    """Refused with exactly one line of its own (the accelerator line
    aside), which holds want, and Xen never started."""
    lines = [l for l in p.stderr.splitlines() if not l.startswith("tessera: accel")]
    check(p.returncode not in (0, 134), f"{what}: exit status {p.returncode}:\n{tail(p.stderr)}")
    check(len(lines) == 1 and want in lines[0],
          f"{what}: not one line with {want!r}:\n{tail(p.stderr)}")
    check("(XEN)" not in p.stdout + p.stderr, f"{what}: Xen ran:\n{tail(p.stdout)}")


def test_xen_run_refuses_bad_mem():
    d = folder("mem")
    one_line(run(d, env={"MEM": "12X"}), "tessera: MEM=12X: give the guest's RAM", "MEM=12X")
    # A number QEMU takes but Xen cannot give a domain.
    one_line(run(d, env={"MEM": "1026K"}), "MEM=1026K: Xen gives a domain whole 4 KiB pages",
             "MEM=1026K")


def test_xen_run_names_dtc_when_missing():
    d = folder("nodtc")
    bin_ = os.path.join(d, "bin")
    os.makedirs(bin_)
    # Only QEMU on PATH: no dtc.
    os.symlink(shutil.which("qemu-system-aarch64"), os.path.join(bin_, "qemu-system-aarch64"))
    one_line(run(d, env={"PATH": bin_}), "dtc not found: the xen-arm64 target builds Xen's device "
             "tree with it; install Debian's device-tree-compiler", "no dtc")


def test_xen_run_refuses_a_cached_package_with_another_checksum():
    d = folder("checksum")
    cache = os.path.join(d, "cache")
    where = os.path.join(cache, f"{tsxen.XEN_PACKAGE}_{tsxen.XEN_VERSION}_arm64")
    os.makedirs(where)
    deb = os.path.join(where, f"{tsxen.XEN_PACKAGE}_{tsxen.XEN_VERSION}_arm64.deb")
    with open(deb, "wb") as f:
        f.write(b"!<arch>\nnot Debian's package\n")
    p = run(d, env={"TS_UPSTREAM_CACHE": cache})
    one_line(p, f"tessera: xen-arm64: checksum mismatch for {os.path.basename(deb)} (Debian "
             f"package {tsxen.XEN_PACKAGE}:arm64={tsxen.XEN_VERSION}", "a bad .deb in the cache")
    check(f"rm -f '{deb}'" in p.stderr, f"the line does not say how to fix it:\n{p.stderr}")
    check(not os.path.exists(os.path.join(where, "root")), "the bad package was unpacked")


def test_xen_panic_ends_the_run_as_a_crash():
    """Xen cannot build the domain from a file with no Image header and
    panics; it would reboot after five seconds (and QEMU, -no-reboot,
    exit 0): the run stops at the panic and says why."""
    d = folder("panic")
    start = time.monotonic()
    p = run(d)
    took = time.monotonic() - start
    check(p.returncode == 134, f"exit status {p.returncode}, not 134 (crashed):\n{tail(p.stderr)}")
    check("tessera: crashed: Xen panicked: Could not set up domain domU1" in p.stderr,
          f"no crash line with Xen's message:\n{tail(p.stderr)}\n{tail(p.stdout)}")
    # Xen's panic lines reach the user; its boot chatter does not.
    check("(XEN) Panic on CPU" in p.stdout and "(XEN) Xen version" not in p.stdout,
          f"Xen's output is not as documented:\n{tail(p.stdout)}")
    check(took < 30, f"the run took {took:.1f} s: the panic did not end it")


# xl's configuration syntax (xl.cfg(5)): KEY = VALUE lines, VALUE a
# number, a "string" with C escapes, or a [list]; # starts a comment.
XL_LINE = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*("(?:[^"\\]|\\.)*"|-?[0-9]+)\s*$')


def read_xl(path):
    out = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = XL_LINE.match(line.rstrip("\n"))
            check(m, f"{path}:{n}: not xl syntax: {line!r}")
            key, v = m.groups()
            check(key not in out, f"{path}:{n}: {key} set twice")
            out[key] = (re.sub(r"\\(.)", r"\1", v[1:-1]) if v.startswith('"') else int(v))
    return out


def xl(d, arch, *args, env=None, more=()):
    e = dict(os.environ, **(env or {}))
    for k in ("MEM", "ARGS", "KARGS"):
        if k not in (env or {}):
            e.pop(k, None)
    out = os.path.join(d, "app.xl")
    p = subprocess.run([XLCONFIG, "--config", config(d, arch, *more), "--image", image(d),
                        "--name", "app", "--out", out] + list(args),
                       capture_output=True, text=True, env=e)
    return p, out


def test_xl_config_for_both_arches_reads_back():
    d = folder("xl")
    rd = os.path.join(d, "rd.cpio")
    open(rd, "wb").close()
    kargs, args = 'log.level=debug vfs.mount="a b"', 'one "two three" \\x'
    p, out = xl(d, "ARM64", "--initrd", rd, env={"MEM": "64M", "KARGS": kargs, "ARGS": args},
                more=["CONFIG_LIB_INITRD=y"])
    check(p.returncode == 0, f"xlconfig failed:\n{p.stderr}")
    c = read_xl(out)
    want = {"name": "app", "kernel": image(d), "memory": 64, "vcpus": 1, "vuart": "sbsa_uart",
            "cmdline": f"{kargs} -- {args}", "ramdisk": rd}
    for k, v in want.items():
        check(c.get(k) == v, f"arm64: {k} is {c.get(k)!r}, not {v!r}")
    check("type" not in c, f"arm64: type {c.get('type')!r} (xl on arm64 has PVH only)")
    p, out = xl(d, "X86_64", env={"MEM": "1G"})
    check(p.returncode == 0, f"xlconfig failed:\n{p.stderr}")
    c = read_xl(out)
    want = {"type": "pvh", "kernel": image(d), "memory": 1024, "cmdline": ""}
    for k, v in want.items():
        check(c.get(k) == v, f"x86_64: {k} is {c.get(k)!r}, not {v!r}")
    check("ramdisk" not in c and "vuart" not in c, f"x86_64: {c}")


def test_xl_config_refuses_bad_input():
    d = folder("xlbad")
    cases = [
        (dict(env={"MEM": "1280K"}), "MEM=1280K: xl gives a domain whole MiB"),
        (dict(env={"MEM": "lots"}), "tessera: MEM=lots: give the guest's RAM"),
        (dict(env={"ARGS": "a\nb"}), "a control character (a newline?) cannot be"),
        (dict(args=["--initrd", os.path.join(d, "rd")]), "needs lib/initrd in the image"),
        (dict(args=["--initrd", os.path.join(d, "none")], more=["CONFIG_LIB_INITRD=y"]),
         "no such file"),
    ]
    for kw, want in cases:
        p, out = xl(d, "ARM64", *kw.get("args", ()), env=kw.get("env"), more=kw.get("more", ()))
        check(p.returncode == 1 and len(p.stderr.splitlines()) == 1 and want in p.stderr,
              f"{kw}: not one line with {want!r} (status {p.returncode}):\n{p.stderr}")
        check(not os.path.exists(out), f"{kw}: {out} written")
    with open(os.path.join(d, ".virt"), "w") as f:
        f.write('CONFIG_PLAT_VIRT=y\nCONFIG_PLAT_NAME="virt"\nCONFIG_ARCH_ARM64=y\n'
                'CONFIG_ARCH_NAME="arm64"\n')
    p = subprocess.run([XLCONFIG, "--config", os.path.join(d, ".virt"), "--image", image(d),
                        "--name", "app", "--out", os.path.join(d, "v.xl")],
                       capture_output=True, text=True)
    check(p.returncode == 1 and "is for virt-arm64, not Xen: make xen-arm64_defconfig" in p.stderr,
          f"a virt-arm64 build: {p.stderr}")


def test_make_run_and_xl_config_on_xen_arm64():
    """make run on a xen-arm64 build: the app's output, arguments and
    exit status through Xen (bootcheck's "exit 42"); make xl-config
    writes build/<app>.xl for the same build with the same command line;
    make fetch brings Xen in."""
    odir, img, _ = build_case(BOOTCHECK, "xen-arm64")
    app = os.path.join(ROOT, BOOTCHECK)
    p = make(app, "run", odir=odir, extra=["ARGS=exit 42", "MEM=16M", "TIMEOUT=60"],
             check_rc=False)
    check(p.returncode == 2 and "tessera: exit status 42" in p.stderr,
          f"make run ARGS='exit 42': status {p.returncode}:\n{tail(p.stderr)}\n{tail(p.stdout)}")
    check("(XEN)" not in p.stdout and "DOM1:" not in p.stdout,
          f"Xen's lines in the output:\n{tail(p.stdout)}")
    # The script make runs exits with the status itself.
    r = subprocess.run([RUN, "--config", os.path.join(odir, ".config"), "--image", img,
                        "--args", "exit 42", "--timeout", "60"], capture_output=True, text=True,
                       timeout=120, env=dict(os.environ, MEM="16M"))
    check(r.returncode == 42, f"support/scripts/run: status {r.returncode}:\n{tail(r.stderr)}")
    p = make(app, "xl-config", odir=odir, extra=["ARGS=exit 42", "KARGS=boot.quiet", "MEM=32M"])
    c = read_xl(os.path.join(odir, f"{os.path.basename(BOOTCHECK)}.xl"))
    check(c.get("kernel") == img and c.get("memory") == 32 and c.get("vuart") == "sbsa_uart"
          and c.get("cmdline") == "boot.quiet -- exit 42", f"xl-config wrote {c}")
    p = make(app, "fetch", odir=odir)
    check(f"FETCH   {tsxen.XEN_PACKAGE}:arm64={tsxen.XEN_VERSION} (sha256 ok)" in p.stdout,
          f"make fetch did not fetch Xen:\n{tail(p.stdout)}")


def test_make_run_ends_at_the_domain_shutdown_without_qemu_exit():
    """An image built for a real Xen host (PLAT_XEN_QEMU_EXIT off) ends
    with SCHEDOP_shutdown only, after which Xen prints nothing and QEMU
    goes on: make run used to wait for its timeout. The image's last line
    ("xen: shutdown: poweroff, exit status 42", plat/xen/shutdown.c) now
    ends the run with the app's status; a crash ends it as a crash."""
    odir, _, _ = build_case(BOOTCHECK, "xen-arm64", ["# CONFIG_PLAT_XEN_QEMU_EXIT is not set"])
    app = os.path.join(ROOT, BOOTCHECK)
    start = time.monotonic()
    p = make(app, "run", odir=odir, extra=["ARGS=exit 42", "MEM=16M", "TIMEOUT=60"],
             check_rc=False)
    took = time.monotonic() - start
    check(p.returncode == 2 and "tessera: exit status 42" in p.stderr,
          f"make run ARGS='exit 42': status {p.returncode}:\n{tail(p.stderr)}\n{tail(p.stdout)}")
    check("xen: shutdown: poweroff, exit status 42" in p.stdout,
          f"no shutdown line:\n{tail(p.stdout)}")
    check(took < 50, f"the run took {took:.0f} s: it waited for its timeout")
    p = make(app, "run", odir=odir, extra=["ARGS=null", "MEM=16M", "TIMEOUT=60"],
             check_rc=False)
    check(p.returncode == 2 and "the domain shut down as a crash" in p.stderr
          and "xen: shutdown: crash" in p.stdout,
          f"make run ARGS=null: status {p.returncode}:\n{tail(p.stderr)}\n{tail(p.stdout)}")


def test_shutdown_line_read_from_xen_console():
    """The shutdown line as Xen prints it, with and without the domain
    holding Xen's input, arriving in pieces."""
    def booted(switched):
        f = tsxen.ConsoleFilter()
        f.feed(b"(XEN) Freed 348kB init memory.\n")
        if switched:
            f.feed(b"(XEN) *** Serial input to DOM1 (type 'CTRL-a' three times to switch "
                   b"input)\n")
        return f

    for prefix, switched in ((b"(XEN) DOM1: ", False), (b"(XEN) ", True)):
        f = booted(switched)
        data = prefix + b"done\n" + prefix + b"xen: shutdown: poweroff, exit status -3\n"
        out = b"".join(f.feed(data[i:i + 5]) for i in range(0, len(data), 5))
        check(b"xen: shutdown: poweroff, exit status -3\n" in out, f"{prefix}: output {out!r}")
        check(f.shutdown == ("poweroff", -3), f"{prefix}: shutdown {f.shutdown}")
        f = booted(switched)
        f.feed(prefix + b"xen: shutdown: crash\n")
        check(f.shutdown == ("crash", None), f"{prefix}: crash read as {f.shutdown}")
        f = booted(switched)
        f.feed(prefix + b"say xen: shutdown: crash\n")
        check(f.shutdown is None, f"{prefix}: a line that only contains it counted")


def test_xen_run_in_a_terminal_types_the_input_switch():
    """make run on a terminal: the run hands the domain Xen's console
    input itself, as without one, so the prompt (a line without its
    newline) shows and the keys typed reach the guest; before, the
    user had to type Ctrl-a three times and saw whole lines only until
    then. The guest exits with the digit it read. The terminal is put
    back as it was."""
    import pty
    import select
    import termios
    d = folder("tty")
    img = guest(d)
    cfg = config(d)
    env = dict(os.environ, MEM="16M")
    env.pop("XEN_LOG", None)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(RUN, [RUN, "--config", cfg, "--image", img, "--timeout", "30"], env)
    out, typed, end = b"", False, time.monotonic() + 60
    try:
        while time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 1)
            if not r:
                continue
            try:
                data = os.read(fd, 4096)
            except OSError:
                break               # the run ended: the terminal's other end closed
            if not data:
                break
            out += data
            if not typed and b"digit> " in out:
                os.write(fd, b"7")
                typed = True
        _, status = os.waitpid(pid, 0)
        lflag = termios.tcgetattr(fd)[3]
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.close(fd)
    text = out.decode("utf-8", "replace")
    check(typed, f"no prompt in the terminal:\n{tail(text)}")
    check(os.waitstatus_to_exitcode(status) == 7 and "guest: read 7" in text,
          f"the digit did not reach the guest (exit {os.waitstatus_to_exitcode(status)}):\n"
          f"{tail(text)}")
    # Lines start at the left (Xen's own "\r\n" and the terminal's).
    check("guest: up\r" in text, f"lines do not start at the left:\n{text[:300]!r}")
    check(lflag & termios.ICANON and lflag & termios.ECHO,
          "the terminal was left raw (no ICANON or ECHO)")
