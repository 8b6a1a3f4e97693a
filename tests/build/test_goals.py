"""The goals users type from Kbuild, Zephyr and Unikraft: several goals in
one make run in order (make clean all), oldconfig, listnewconfig,
allnoconfig, allyesconfig (every library built at once, a compile test on
both architectures), mrproper; make help lists every goal the README and
doc/ name; a mistyped goal names the nearest ones; make at the top of the
tree works on a default app."""
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check, fresh, make  # noqa: E402

HELLO = os.path.join(ROOT, "apps", "helloworld")


def built(out):
    """The objects a make output says it compiled."""
    return [l.split()[1] for l in out.splitlines() if re.match(r"^  (CC|AS) ", l)]


def output(p):
    """A make's standard output without its Entering/Leaving directory lines."""
    return "".join(l for l in p.stdout.splitlines(True) if not l.startswith("make"))


def config(odir):
    out = {}
    with open(os.path.join(odir, ".config")) as f:
        for line in f:
            m = re.match(r"^CONFIG_(\w+)=(.*)$", line.strip())
            if m:
                out[m.group(1)] = m.group(2)
    return out


def test_goals_run_in_the_order_given():
    odir = fresh("goals-order")
    make(HELLO, "all", odir=odir, extra=["-j2"])
    image = os.path.join(odir, "helloworld_kvm-x86_64")
    # make clean all: cleans, then builds everything again (was "No rule
    # to make target 'all'").
    p = make(HELLO, "clean", "all", odir=odir, extra=["-j2"])
    check("CC lib/boot/param.o" in " ".join(p.stdout.split()),
          "make clean all did not rebuild after cleaning:\n" + p.stdout[-2000:])
    check(os.path.isfile(image), "make clean all left no image")
    # The reverse order ends with no image: the order is the user's.
    make(HELLO, "all", "clean", odir=odir)
    check(not os.path.exists(image), "make all clean left the image")
    check(os.path.isfile(os.path.join(odir, ".config")), "clean removed the .config")
    # make clean run: builds and boots.
    p = make(HELLO, "clean", "run", odir=odir, extra=["ARGS=one two"])
    check(built(p.stdout) and 'argv[2] = "two"' in p.stdout,
          "make clean run did not build and boot:\n" + p.stdout[-2000:])
    # A configuration goal between them takes effect for the goals after it.
    p = make(HELLO, "clean", "virt-arm64_defconfig", "all", odir=odir, extra=["-j2"])
    check(os.path.isfile(os.path.join(odir, "helloworld_virt-arm64")),
          "clean virt-arm64_defconfig all built no arm64 image:\n" + p.stdout[-2000:])
    # mrproper, as distclean: the whole build folder.
    make(HELLO, "mrproper", odir=odir)
    check(not os.path.exists(odir), f"make mrproper left {odir}")


def test_mistyped_goal_names_the_nearest():
    odir = os.path.join(BUILD, "goals-typo")
    shutil.rmtree(odir, ignore_errors=True)
    for where, extra in ((HELLO, []), (ROOT, ["A=apps/helloworld"])):
        p = make(where, "menuconfg", odir=odir, extra=extra, check_rc=False)
        check(p.returncode != 0, f"make menuconfg succeeded in {where}")
        want = "make: no goal 'menuconfg'; did you mean 'menuconfig'?"
        check(want in p.stderr, f"no {want!r} in:\n{p.stderr}")
        # Before anything ran: no configuration, no build folder.
        check(not os.path.exists(odir), f"make menuconfg wrote {odir}")
        # A goal among good ones stops them all, before the good ones run.
        p = make(where, "clean", "rnu", odir=odir, extra=extra, check_rc=False)
        check(p.returncode != 0 and "did you mean 'run'?" in p.stderr,
              f"make clean rnu: {p.returncode}\n{p.stderr}")
    p = make(HELLO, "xyzzy", odir=odir, check_rc=False)
    check(p.returncode != 0 and "make: no goal 'xyzzy'" in p.stderr
          and "make help lists every goal" in p.stderr, "make xyzzy:\n" + p.stderr)


def doc_goals():
    """(file, goal, app?) for every `make GOAL` in the code of README.md and
    doc/*.md (fenced blocks and `inline code`). app? is False for goals of
    another Makefile (make -C tests/fuzz run)."""
    files = [os.path.join(ROOT, "README.md")] + sorted(
        os.path.join(ROOT, "doc", f) for f in os.listdir(os.path.join(ROOT, "doc"))
        if f.endswith(".md"))
    out = []
    for path in files:
        with open(path) as f:
            text = f.read()
        code = re.findall(r"```.*?```", text, re.S)
        code += re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
        for block in code:
            for line in block.splitlines():
                for m in re.finditer(r"(?:^|[\s;&|(])make((?:\s+\S+)*)", line.split("#")[0]):
                    words, own = m.group(1).split(), True
                    while words:
                        w = words.pop(0)
                        if w == "-C" and words:
                            d = words.pop(0)
                            own = d.startswith(("apps/", "tests/image/apps/", "$", "/"))
                        elif w.startswith("-") or "=" in w or w.startswith(("'", '"')):
                            continue
                        elif re.match(r"^[a-z][\w.-]*$", w):
                            out.append((os.path.relpath(path, ROOT), w, own))
                        else:
                            break
    return out


def phony_goals():
    """Every goal the build's make files declare (PHONY += ...)."""
    out = set()
    folder = os.path.join(ROOT, "support", "build")
    for name in os.listdir(folder):
        if name.endswith(".mk"):
            with open(os.path.join(folder, name)) as f:
                text = f.read().replace("\\\n", " ")
            for m in re.finditer(r"^PHONY \+= (.*)$", text, re.M):
                out.update(w for w in m.group(1).split()
                           if w != "FORCE" and not w.startswith("ts-") and "$" not in w)
    return out


def test_help_lists_every_goal_the_docs_name():
    odir = os.path.join(BUILD, "goals-help")
    top = output(make(ROOT, "help", odir=odir))
    app = output(make(HELLO, "help", odir=odir))
    words = lambda text: set(re.findall(r"[\w.-]+", text))  # noqa: E731
    named = doc_goals()
    check(len(named) > 10, f"found only {len(named)} make goals in README and doc/")
    missing = sorted(set(f"{f}: make {g}" for f, g, own in named if own
                         and g not in words(top) and not re.match(r"[\w-]+_defconfig$", g)))
    check(not missing, "make help does not list:\n  " + "\n  ".join(missing))
    # The target defconfigs the docs name exist; the app's help is part of
    # the top-level one.
    for f, g, own in named:
        if own and g.endswith("_defconfig"):
            check(os.path.isfile(os.path.join(ROOT, "support", "configs", g)),
                  f"{f} names make {g}, which is no target")
    check(app.strip() in top, "make help at the top does not include the app's goals")
    # Every goal the build declares is listed, and accepted (no "no goal").
    unlisted = sorted(g for g in phony_goals() if g not in words(app))
    check(not unlisted, f"goals missing from make help: {unlisted}")
    for g in sorted(phony_goals() | set(g for f, g, own in named if own)):
        p = make(ROOT, "-n", g, odir=odir, check_rc=False)
        check("no goal" not in p.stderr, f"make {g} is refused:\n{p.stderr}")


def test_oldconfig_and_listnewconfig_ask_for_new_options():
    odir = fresh("goals-oldconfig")
    make(HELLO, "kvm-x86_64_defconfig", odir=odir)
    conf = os.path.join(odir, ".config")
    # An option new to the .config (as after a Config.uk gained it).
    with open(conf) as f:
        lines = f.read().splitlines()
    with open(conf, "w") as f:
        f.write("".join(l + "\n" for l in lines if "LIB_BOOT_VERBOSE" not in l))
    new = output(make(HELLO, "listnewconfig", odir=odir))
    check(new.split() == ["CONFIG_LIB_BOOT_VERBOSE=n"], f"listnewconfig: {new!r}")
    # oldconfig asks for it (the question names it), takes the answer.
    e = dict(os.environ)
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        e.pop(k, None)
    p = subprocess.run(["make", "-C", HELLO, "O=" + odir, "oldconfig"], input="y\n",
                       capture_output=True, text=True, env=e, timeout=120)
    check(p.returncode == 0 and "LIB_BOOT_VERBOSE" in p.stdout,
          f"oldconfig did not ask for LIB_BOOT_VERBOSE:\n{p.stdout}{p.stderr}")
    check(config(odir).get("LIB_BOOT_VERBOSE") == "y", "oldconfig ignored the answer y")
    new = output(make(HELLO, "listnewconfig", odir=odir))
    check(new.strip() == "", f"listnewconfig after oldconfig: {new!r}")
    # With no one to answer (end of input) the defaults are taken.
    with open(conf, "w") as f:
        f.write("".join(l + "\n" for l in lines if "LIB_BOOT_VERBOSE" not in l))
    p = subprocess.run(["make", "-C", HELLO, "O=" + odir, "oldconfig"], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, env=e, timeout=120)
    check(p.returncode == 0 and "end of input" in p.stdout,
          f"oldconfig at end of input:\n{p.stdout}{p.stderr}")
    check("LIB_BOOT_VERBOSE" not in config(odir), "the default of LIB_BOOT_VERBOSE is n")


def libraries():
    """(name, Kconfig symbol) of every library of the tree, from the
    registration line of each Makefile.uk."""
    out = []
    for top in ("arch", "plat", "drivers", "lib"):
        for d, _, files in os.walk(os.path.join(ROOT, top)):
            if "Makefile.uk" in files and "/build" not in d:
                with open(os.path.join(d, "Makefile.uk")) as f:
                    m = re.search(r"\$\(call ts_lib,\s*(\w+)\s*,\s*(\w+)\s*\)", f.read())
                if m:
                    out.append(m.groups())
    return out


def settable_to_y(odir, names):
    """Those of the symbols the .config has off that kconfiglib could still
    turn on in it (none, after allyesconfig)."""
    code = r"""
import os, sys, kconfiglib
k = kconfiglib.Kconfig(sys.argv[1], warn=False)
k.load_config(sys.argv[2])
for n in sys.argv[3:]:
    s = k.syms[n]
    if s.str_value != "y" and 2 in s.assignable and not s.choice:
        print(n)
"""
    env = dict(os.environ, TS_KCONFIG=os.path.join(odir, "kconfig"), srctree=ROOT)
    p = subprocess.run(["/usr/bin/python3", "-c", code, os.path.join(ROOT, "Config.uk"),
                        os.path.join(odir, ".config")] + list(names),
                       capture_output=True, text=True, env=env)
    check(p.returncode == 0, "kconfiglib: " + p.stderr)
    return p.stdout.split()


def allyes(target, arch, plat):
    odir = fresh("allyes-" + target)
    make(HELLO, target + "_defconfig", "allyesconfig", odir=odir)
    conf = config(odir)
    check(conf.get("ARCH_" + arch) == "y" and conf.get("PLAT_" + plat) == "y",
          f"allyesconfig did not keep the target {target}")
    libs = libraries()
    left = settable_to_y(odir, [s for n, s in libs])
    check(not left, f"allyesconfig left off what could be on: {left}")
    on = [n for n, s in libs if conf.get(s) == "y"]
    check(len(on) >= 15, f"allyesconfig selects only {on}")
    p = make(HELLO, "all", odir=odir, extra=["-j2"])
    image = f"helloworld_{'raspi-arm64' if target.startswith('raspi') else target}"
    check(os.path.isfile(os.path.join(odir, image)),
          "no image:\n" + p.stdout[-2000:])
    # Each library it selects, compiled and linked into the image.
    with open(os.path.join(odir, image + ".map")) as f:
        linked = f.read()
    absent = [n for n in on if os.path.isfile(os.path.join(odir, "libs", n + ".o"))
              and f"libs/{n}.o" not in linked]
    check(not absent, f"libraries not in the link: {absent}")


def test_allyesconfig_builds_every_library_x86_64():
    allyes("kvm-x86_64", "X86_64", "KVM")


def test_allyesconfig_builds_every_library_arm64():
    allyes("virt-arm64", "ARM64", "VIRT")


def test_allnoconfig_builds_the_smallest_image():
    odir = fresh("allno")
    # FRAGMENT= goes over it, each line having to take effect.
    frag = os.path.join(odir, "frag.config")
    with open(frag, "w") as f:
        f.write("CONFIG_LIB_TIME=y\nCONFIG_NO_SUCH=y\n")
    p = make(HELLO, "allnoconfig", odir=odir, extra=["FRAGMENT=" + frag], check_rc=False)
    check(p.returncode != 0 and "frag.config:2: CONFIG_NO_SUCH=y: not a known symbol" in p.stderr
          and not os.path.exists(os.path.join(odir, ".config")),
          "allnoconfig took a fragment line that cannot take effect:\n" + p.stderr)
    with open(frag, "w") as f:
        f.write("CONFIG_LIB_TIME=y\n")
    make(HELLO, "allnoconfig", odir=odir, extra=["FRAGMENT=" + frag])
    check(config(odir).get("LIB_TIME") == "y", "allnoconfig FRAGMENT= did not turn LIB_TIME on")
    p = make(HELLO, "allnoconfig", "all", odir=odir, extra=["-j2"])
    conf = config(odir)
    for sym in ("LIB_TIME", "LIB_SCHED", "LIB_TRACE", "PLAT_KVM_QEMU_EXIT"):
        check(sym not in conf, f"allnoconfig left {sym} on")
    # What something selects stays on (select, not a default).
    for sym in ("PLAT_KVM", "LIB_BOOT", "LIB_NOLIBC", "DRIVER_NS16550"):
        check(conf.get(sym) == "y", f"allnoconfig turned off {sym}")
    check(os.path.isfile(os.path.join(odir, "helloworld_kvm-x86_64")),
          "allnoconfig built no image:\n" + p.stdout[-2000:] + p.stderr[-2000:])


def test_make_at_the_top_works_on_a_default_app():
    odir = fresh("goals-top")
    p = make(ROOT, odir=odir, extra=["-j2"])
    check("A=apps/<name> picks another" in p.stdout, "no line saying how to pick an app:\n"
          + p.stdout[:2000])
    check(os.path.isfile(os.path.join(odir, "helloworld_kvm-x86_64")),
          "make at the top built no helloworld:\n" + p.stdout[-2000:])
    p = make(ROOT, "size", odir=fresh("goals-top-sleep"), extra=["A=apps/sleep"])
    check(os.path.isfile(os.path.join(BUILD, "goals-top-sleep", "sleep_kvm-x86_64")),
          "make A=apps/sleep size built no sleep image:\n" + p.stdout[-2000:])
    p = make(ROOT, "all", odir=odir, extra=["A=apps/nosuch"], check_rc=False)
    check(p.returncode != 0 and "A=apps/nosuch is not an app" in p.stderr
          and "apps/helloworld" in p.stderr, "A=apps/nosuch:\n" + p.stderr)
    # make menuconfig at the top opens the default app's menu.
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.execvp("make", ["make", "-C", ROOT, "O=" + odir, "menuconfig"])
    screen = b""
    end = time.monotonic() + 30
    try:
        while b"Application" not in screen and time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                try:
                    screen += os.read(fd, 65536)
                except OSError:
                    break
        check(b"Application" in screen, "make menuconfig at the top showed no menu:\n"
                                        f"{screen[-2000:]!r}")
    finally:
        os.killpg(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def test_allyesconfig_builds_every_library_raspi():
    """The Pi's drivers (bcm2835) compile on no other target."""
    allyes("raspi4b", "ARM64", "RASPI")


def test_old_autoconf_from_before_a_tree_update_is_remade_not_refused():
    """An existing build folder after the tree changed how a platform is
    made (issue 15 moved kvm's linker script into plat/pc, a library the
    old configuration did not know): make remakes auto.conf and builds.
    It used to stop with "selects no platform linker script", because
    make reads every makefile, with the old auto.conf, before remaking
    it."""
    odir = fresh("goals-old-autoconf")
    make(HELLO, "kvm-x86_64_defconfig", odir=odir)
    make(HELLO, odir=odir)
    auto = os.path.join(odir, "include", "config", "auto.conf")
    with open(auto) as f:
        text = f.read()
    check("CONFIG_PLAT_PC := y\n" in text, f"{auto} has no CONFIG_PLAT_PC to take out")
    with open(auto, "w") as f:
        f.write(text.replace("CONFIG_PLAT_PC := y\n", ""))
    old = os.path.getmtime(auto) - 10
    os.utime(auto, (old, old))
    p = make(HELLO, odir=odir, check_rc=False)
    check(p.returncode == 0 and "no platform linker script" not in p.stderr,
          f"make with an old auto.conf exited {p.returncode}:\n{p.stdout[-2000:]}{p.stderr}")
