"""ports/sqlite, the second port (doc/porting.md): configured and shown in
menuconfig through apps/sqlite's LIBS, fetched from Debian's sqlite3, its
amalgamation made at build time by SQLite's own main.mk and Tcl scripts.
The amalgamation depends on the tree alone, so every build folder makes the
same bytes and shares one entry of the object cache: sqlite3.c, the largest
file of make test, is compiled once per architecture and flags. Without
tclsh the build stops with one line naming the fix. The image test
(tests/image/cases_sqlite.py) runs the shell built here."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import JOBS, ROOT, build_case, check, fresh, make, tail  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_libraries import menu_entries  # noqa: E402

APP = os.path.join(ROOT, "apps", "sqlite")
GENERATED = ["tessera-gen/shell.c", "tessera-gen/sqlite3.c", "tessera-gen/sqlite3.h"]


def config_of(odir):
    with open(os.path.join(odir, ".config")) as f:
        return f.read()


def test_ports_sqlite_config_menu_fetch():
    odir = os.path.join(fresh("ports-sqlite-config"), "build")
    make(APP, "kvm-x86_64_defconfig", odir=odir)
    conf = config_of(odir)
    for line in ("CONFIG_LIB_MUSL=y", "CONFIG_LIB_SQLITE=y", "CONFIG_LIB_SQLITE_SHELL=y",
                 "CONFIG_LIB_SQLITE_SPEEDTEST1=y", "CONFIG_LIB_SQLITE_MAIN=y"):
        check(line + "\n" in conf, f"{line} missing from apps/sqlite's configuration")
    menu = menu_entries(odir, ROOT, "Libraries").splitlines()
    ext = [i for i, ln in enumerate(menu) if ln.strip() == "External libraries (LIBS)"]
    check(ext and menu[ext[0] + 1].strip().startswith("sqlite: the SQLite 3.40 library"),
          "ports/sqlite is not under 'External libraries (LIBS)':\n" + "\n".join(menu))
    p = make(APP, "fetch", odir=odir)
    check("sqlite3=3.40.1-2+deb12u2" in p.stdout, f"make fetch did not name sqlite3:\n{tail(p.stdout)}")


def archive_of(odir):
    """The object cache entry the build folder links SQLite from."""
    path = os.path.join(odir, "ports", "sqlite", "upstream.archive")
    check(os.path.exists(path), f"no {path}: where does the image get SQLite's objects?")
    with open(path) as f:
        return os.path.dirname(f.read().split()[0])


def symbols(elf):
    p = subprocess.run(["nm", "--defined-only", elf], capture_output=True, text=True, check=True)
    return {ln.split()[-1] for ln in p.stdout.splitlines()}


def path_without_tclsh(where):
    """A PATH with every program of this one but tclsh (symbolic links)."""
    for d in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(d):
            continue
        for name in os.listdir(d):
            link = os.path.join(where, name)
            if name.startswith("tclsh") or os.path.lexists(link):
                continue
            os.symlink(os.path.join(d, name), link)
    return where


def test_ports_sqlite_amalgamation_shared_and_needs_tclsh():
    # The build the image tests boot (once per run): both programs in it.
    odir, image, _ = build_case("apps/sqlite", "kvm-x86_64")
    syms = symbols(image + ".dbg")
    for s in ("main", "ts_sqlite_shell_main", "ts_sqlite_speedtest1_main", "sqlite3_open_v2"):
        check(s in syms, f"{s} is not in {image}.dbg")
    entry = archive_of(odir)
    with open(os.path.join(entry, "key.json")) as f:
        edited = [e[0] for e in json.load(f)["edited"]]
    check(sorted(edited) == GENERATED, f"the entry's key names {edited} as files made in the "
          f"tree, not the amalgamation's {GENERATED}")

    # A second build folder makes the amalgamation again, byte for byte:
    # it links the same entry and compiles none of SQLite.
    other = os.path.join(fresh("ports-sqlite-again"), "build")
    make(APP, "kvm-x86_64_defconfig", odir=other)
    out = make(APP, "all", odir=other, extra=["-j" + JOBS]).stdout
    check("GEN     ports/sqlite/upstream/tessera-gen/" in out,
          f"the second build did not make the amalgamation:\n{tail(out)}")
    cc = [ln for ln in out.splitlines() if "CC      [sqlite]" in ln]
    check(not cc and archive_of(other) == entry,
          f"the second build compiled {cc} into {archive_of(other)}, not the first's {entry}")

    # Without tclsh: one line naming the fix, and no amalgamation left
    # half made.
    gen = os.path.join(other, "ports", "sqlite", "upstream", "tessera-gen")
    subprocess.run(["rm", "-rf", gen], check=True)
    with tempfile.TemporaryDirectory(prefix="ts-notcl.") as bindir:
        p = make(APP, "all", odir=other, check_rc=False,
                 env={"PATH": path_without_tclsh(bindir)})
    check(p.returncode != 0, "the build went on without tclsh")
    check("tessera: SQLite's amalgamation is made by Tcl scripts and there is no tclsh: run "
          "'sudo support/scripts/install-deps' (Debian tcl)" in p.stderr,
          f"no clear line about tclsh:\n{tail(p.stdout + p.stderr)}")
    check(not os.path.exists(gen), f"{gen} left behind by the failed build")
