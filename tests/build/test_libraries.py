"""The library contract: discovery without a central list, external libraries
through LIBS, and symbols hidden by exportsyms.uk."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check, make, tsqemu  # noqa: E402

FIX = os.path.join(ROOT, "tests", "build", "fixtures")
TREE_PARTS = ["Makefile", "Config.uk", "arch", "plat", "drivers", "lib", "support"]


def skip_outputs(folder, names):
    """Build outputs and caches; support/build holds sources, not outputs."""
    out = {"__pycache__"}
    if not folder.endswith(os.path.join("support")):
        out.add("build")
    return [n for n in names if n in out]


def tree_copy(name):
    """A private copy of the source tree, so a test can add a library folder
    without touching the real one (or racing other tests)."""
    dst = os.path.join(BUILD, name)
    shutil.rmtree(dst, ignore_errors=True)
    os.makedirs(os.path.join(dst, "apps"))
    for part in TREE_PARTS:
        src = os.path.join(ROOT, part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dst, part), ignore=skip_outputs)
        else:
            shutil.copy2(src, dst)
    return dst


def menu_entries(odir, tree, menu_title):
    """Prompts inside a top-level menu, read with kconfiglib from the same
    generated Kconfig tree that menuconfig shows."""
    code = r"""
import os, sys, kconfiglib
k = kconfiglib.Kconfig(sys.argv[1], warn=False)
def walk(node, depth):
    while node:
        if node.prompt:
            print("%s%s" % ("  " * depth, node.prompt[0]))
        if node.list:
            walk(node.list, depth + 1)
        node = node.next
n = k.top_node.list
while n:
    if n.prompt and n.prompt[0] == sys.argv[2]:
        walk(n.list, 0)
    n = n.next
"""
    env = dict(os.environ, TS_KCONFIG=os.path.join(odir, "kconfig"), srctree=tree)
    p = subprocess.run(["/usr/bin/python3", "-c", code, os.path.join(tree, "Config.uk"),
                        menu_title], capture_output=True, text=True, env=env)
    check(p.returncode == 0, "kconfiglib failed: " + p.stderr)
    return p.stdout


def boot_ok(odir, app, expect):
    conf = tsqemu.read_config(os.path.join(odir, ".config"))
    image = os.path.join(odir, f"{app}_{conf['PLAT_NAME']}-{conf['ARCH_NAME']}")
    r = tsqemu.boot(os.path.join(odir, ".config"), image, timeout=30, quiet=True)
    check(r.kind == tsqemu.EXITED and r.status == 0,
          f"{app} did not exit 0: {r.kind} {r.why}\n{r.output}")
    check(expect in r.output, f"expected {expect!r} in:\n{r.output}")


def test_new_library_folder_is_discovered():
    tree = tree_copy("tree-newlib")
    shutil.copytree(os.path.join(FIX, "zzdemo"), os.path.join(tree, "lib", "zzdemo"))
    app = os.path.join(tree, "apps", "zzapp")
    shutil.copytree(os.path.join(FIX, "zzapp"), app)
    odir = os.path.join(app, "build")
    frag = os.path.join(tree, "zz.config")
    with open(frag, "w") as f:
        f.write("CONFIG_LIB_ZZDEMO=y\nCONFIG_LIB_ZZDEMO_ANSWER=17\n")
    make(app, "kvm-x86_64_defconfig", extra=["FRAGMENT=" + frag])
    entries = menu_entries(odir, tree, "Libraries")
    check("zzdemo: a library dropped into lib/" in entries,
          "zzdemo is not in the Libraries menu:\n" + entries)
    make(app, "all", extra=["-j2"])
    boot_ok(odir, "zzapp", "zzdemo says 17")
    # Deselected, it leaves no trace in the image.
    make(app, "kvm-x86_64_defconfig")
    make(app, "all")
    boot_ok(odir, "zzapp", "no zzdemo")
    nm = subprocess.run(["nm", os.path.join(odir, "zzapp_kvm-x86_64.dbg")],
                        capture_output=True, text=True).stdout
    check("zzdemo_answer" not in nm, "deselected zzdemo still linked")


def test_external_library_through_LIBS():
    app = os.path.join(FIX, "extapp")
    odir = os.path.join(BUILD, "extapp")
    make(app, "kvm-x86_64_defconfig", odir=odir)
    entries = menu_entries(odir, ROOT, "Libraries")
    check("External libraries (LIBS)" in entries and "secret: test library" in entries,
          "external libraries missing from the Libraries menu:\n" + entries)
    make(app, "all", odir=odir, extra=["-j2"])
    boot_ok(odir, "extapp", "secret_public() = 42")


def test_unexported_symbol_fails_the_link_clearly():
    app = os.path.join(FIX, "extapp")
    odir = os.path.join(BUILD, "extapp-peek")
    frag = os.path.join(BUILD, "peek.config")
    os.makedirs(BUILD, exist_ok=True)
    with open(frag, "w") as f:
        f.write("CONFIG_LIB_PEEK=y\n")
    make(app, "kvm-x86_64_defconfig", odir=odir, extra=["FRAGMENT=" + frag])
    p = make(app, "all", odir=odir, check_rc=False)
    check(p.returncode != 0, "linking peek (uses secret's internal function) succeeded")
    want = "peek uses 'secret_internal', which library 'secret' keeps internal"
    check(want in p.stderr, f"no clear message ({want!r}) in:\n{p.stderr}")
    # The same symbol is real and global inside its own library's objects.
    nm = subprocess.run(["nm", os.path.join(odir, "libs", "secret.o")],
                        capture_output=True, text=True).stdout
    check(" t secret_internal" in nm and " T secret_public" in nm,
          "exportsyms.uk not applied as expected:\n" + nm)
