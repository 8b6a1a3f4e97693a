"""Kbuild habits: incremental and parallel builds, config-driven rebuilds,
reproducible output, O= and V=1, savedefconfig round trip, menuconfig in a
terminal, clear errors for bad input, and the size table."""
import filecmp
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import NO_MEMO, ROOT, build_case, check, fresh, make  # noqa: E402

HELLO = os.path.join(ROOT, "apps", "helloworld")


def fragment(odir, text):
    path = os.path.join(odir, "frag.config")
    with open(path, "w") as f:
        f.write(text)
    return path


def steps(out):
    """The progress lines of a build, e.g. ['CC lib/boot/param.o', ...]."""
    return [" ".join(l.split()) for l in out.splitlines()
            if re.match(r"^  (CC|AS|LD|IMAGE|HOSTCC)\s", l)]


def test_incremental_parallel_and_config_rebuilds():
    odir = fresh("incr")
    out = make(HELLO, "all", odir=odir, env=NO_MEMO, extra=["-j8"]).stdout
    check("tessera: no" in out, "first build did not pick the default target")
    check(any(s.startswith("CC lib/boot/") for s in steps(out)), "no CC lines: " + out)
    again = steps(make(HELLO, "all", odir=odir, env=NO_MEMO, extra=["-j8"]).stdout)
    check(again == [], f"a second build rebuilt: {again}")

    # Touching one source rebuilds one object and relinks.
    src = os.path.join(ROOT, "lib", "boot", "param.c")
    os.utime(src)
    s = steps(make(HELLO, "all", odir=odir, env=NO_MEMO).stdout)
    cc = [x for x in s if x.startswith(("CC", "AS"))]
    check(cc == ["CC lib/boot/param.o"], f"touching param.c rebuilt {s}")
    check("LD libs/boot.o" in s and any(x.startswith("IMAGE") for x in s),
          f"no relink after param.c: {s}")

    # An option read by one file rebuilds that file only.
    frag = fragment(odir, "# CONFIG_APP_HELLOWORLD_ARGS is not set\n")
    make(HELLO, "kvm-x86_64_defconfig", odir=odir, env=NO_MEMO, extra=["FRAGMENT=" + frag])
    s = steps(make(HELLO, "all", odir=odir, env=NO_MEMO).stdout)
    cc = [x for x in s if x.startswith(("CC", "AS"))]
    check(cc == ["CC apps/helloworld/main.o"],
          f"APP_HELLOWORLD_ARGS change rebuilt {cc}")

    # A flag change (optimisation level) rebuilds everything.
    frag = fragment(odir, "CONFIG_OPTIMIZE_SIZE=y\n")
    make(HELLO, "kvm-x86_64_defconfig", odir=odir, env=NO_MEMO, extra=["FRAGMENT=" + frag])
    s = steps(make(HELLO, "all", odir=odir, env=NO_MEMO, extra=["-j8"]).stdout)
    check(len([x for x in s if x.startswith("CC")]) > 10,
          f"-Os did not rebuild all objects: {s}")


def test_reproducible_out_of_tree_and_verbose():
    a, b = fresh("repro-a"), fresh("repro-b")
    make(HELLO, "all", odir=a, env=NO_MEMO, extra=["-j2"])
    out = make(HELLO, "all", odir=b, env=NO_MEMO, extra=["V=1"]).stdout
    check(re.search(fr"^gcc .* -c -o {re.escape(b)}/lib/boot/main.o", out, re.M),
          "V=1 did not show the full compile command:\n" + out[:2000])
    for name in ("helloworld_kvm-x86_64", "helloworld_kvm-x86_64.dbg"):
        check(filecmp.cmp(os.path.join(a, name), os.path.join(b, name), shallow=False),
              f"{name} differs between two builds of the same sources and config")
    check(not os.path.exists(os.path.join(HELLO, "build", "repro-a")),
          "O= build wrote into the app folder")


def test_savedefconfig_round_trips():
    odir = fresh("savedef")
    frag = fragment(odir, "# CONFIG_APP_HELLOWORLD_ARGS is not set\n"
                          "CONFIG_OPTIMIZE_SIZE=y\nCONFIG_LIB_BOOT_VERBOSE=y\n")
    make(HELLO, "kvm-x86_64_defconfig", odir=odir, extra=["FRAGMENT=" + frag])
    make(HELLO, "savedefconfig", odir=odir)
    saved = open(os.path.join(odir, "defconfig")).read()
    for line in ("CONFIG_OPTIMIZE_SIZE=y", "CONFIG_LIB_BOOT_VERBOSE=y",
                 "# CONFIG_APP_HELLOWORLD_ARGS is not set"):
        check(line in saved, f"savedefconfig lacks {line!r}:\n{saved}")
    other = fresh("savedef-2")
    shutil.copy(os.path.join(odir, "defconfig"), os.path.join(other, ".config"))
    make(HELLO, "olddefconfig", odir=other)
    check(filecmp.cmp(os.path.join(odir, ".config"), os.path.join(other, ".config"),
                      shallow=False), "olddefconfig of the saved defconfig differs")


def test_menuconfig_opens_shows_menus_and_saves():
    odir = fresh("menuconfig")
    make(HELLO, "kvm-x86_64_defconfig", odir=odir)
    os.unlink(os.path.join(odir, ".config"))
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.execvp("make", ["make", "-C", HELLO, "O=" + odir, "menuconfig"])
    import fcntl
    import termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    screen = b""

    def read_for(seconds):
        nonlocal screen
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    screen += os.read(fd, 65536)
                except OSError:
                    return

    def wait_for(text, seconds=15):
        end = time.monotonic() + seconds
        while text not in screen and time.monotonic() < end:
            read_for(0.2)
        return text in screen

    try:
        check(wait_for(b"Application"), f"menuconfig did not draw its menus:\n{screen[-2000:]!r}")
        for menu in (b"Architecture", b"Platform", b"Libraries", b"Application"):
            check(menu in screen, f"menu {menu.decode()} not shown")
        os.write(fd, b"S")            # save: a dialog with the file name
        check(wait_for(b".config"), "no save dialog")
        os.write(fd, b"\r")
        check(wait_for(b"saved"), f"no confirmation of the save:\n{screen[-1500:]!r}")
        os.write(fd, b"\r")
        read_for(0.5)
        os.write(fd, b"Q")
        read_for(1)
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    check(os.path.isfile(os.path.join(odir, ".config")), "menuconfig wrote no .config")


def test_bad_input_gets_clear_errors():
    odir = fresh("bad")
    p = make(HELLO, "nosuch_defconfig", odir=odir, check_rc=False)
    check(p.returncode != 0 and "unknown target 'nosuch'" in p.stderr,
          f"unknown target: {p.stderr}")
    frag = fragment(odir, "CONFIG_NO_SUCH_OPTION=y\n")
    p = make(HELLO, "kvm-x86_64_defconfig", odir=odir, check_rc=False,
             extra=["FRAGMENT=" + frag])
    check(p.returncode != 0 and "NO_SUCH_OPTION" in p.stderr,
          f"unknown symbol in a fragment accepted: {p.stderr}")
    p = make(HELLO, "all", odir=odir, check_rc=False, extra=["LIBS=/nonexistent/libx"])
    check(p.returncode != 0 and "LIBS names /nonexistent/libx, which has no Makefile.uk"
          in p.stderr, f"bad LIBS: {p.stderr}")
    # A .config with garbage is refused by line (a hand edit that cannot
    # take effect; tests/build/test_config.py has the other kinds); make
    # olddefconfig accepts the configuration without it.
    make(HELLO, "kvm-x86_64_defconfig", odir=odir)
    with open(os.path.join(odir, ".config"), "a") as f:
        f.write("CONFIG_LIB_BOOT=maybe\nthis is not a config line\n")
    p = make(HELLO, "all", odir=odir, check_rc=False)
    check(p.returncode == 2, f"garbage in .config did not stop the build: {p.stderr}")
    check("LIB_BOOT" in p.stderr and "maybe" in p.stderr and "not a config line" in p.stderr,
          f"bad lines in .config not reported: {p.stderr}")
    make(HELLO, "olddefconfig", odir=odir)
    make(HELLO, "all", odir=odir)


def test_size_table_matches_the_elf():
    # helloworld's usual build (the image tests'): make size reads it.
    odir, _, _ = build_case("apps/helloworld", "kvm-x86_64")
    out = make(HELLO, "size", odir=odir).stdout
    rows = {}
    for line in out.splitlines():
        m = re.match(r"^(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", line)
        if m:
            rows[m.group(1)] = [int(x) for x in m.groups()[1:]]
    for lib in ("boot", "nolibc", "x86_64", "kvm", "helloworld", "total"):
        check(lib in rows, f"size table has no row {lib}:\n{out}")
    total = rows.pop("total")
    check([sum(r[i] for r in rows.values()) for i in range(4)] == total,
          "rows do not add up to the total:\n" + out)
    size = subprocess.run(["size", os.path.join(odir, "helloworld_kvm-x86_64.dbg")],
                          capture_output=True, text=True, check=True).stdout
    text, data, bss = [int(x) for x in size.splitlines()[1].split()[:3]]
    check(text + data + bss == total[3],
          f"size(1) says {text + data + bss} bytes, the table {total[3]}:\n{out}")


def test_clean_keeps_config_distclean_removes_all():
    odir = fresh("clean")
    make(HELLO, "all", odir=odir)
    image = os.path.join(odir, "helloworld_kvm-x86_64")
    check(os.path.isfile(image) and os.path.isfile(image + ".dbg")
          and os.path.isfile(image + ".map") and os.path.isfile(image + ".config"),
          "a build must leave the image, .dbg, .map and .config")
    make(HELLO, "clean", odir=odir)
    check(not os.path.exists(image) and not os.path.exists(os.path.join(odir, "libs")),
          "clean left build outputs")
    check(os.path.isfile(os.path.join(odir, ".config")), "clean removed .config")
    s = steps(make(HELLO, "all", odir=odir).stdout)
    check("CC lib/boot/main.o" in s, "rebuild after clean did not compile")
    make(HELLO, "distclean", odir=odir)
    check(not os.path.exists(odir), f"distclean left {odir}")
