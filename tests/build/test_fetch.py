"""Upstream sources fetched from Debian source packages (doc/build.md,
"Upstream sources"): a library outside the tree, named by an app's LIBS,
names a real package; the build downloads it into the shared cache,
checks the checksum, unpacks it with Debian's patches and the library's
own applied. A wrong checksum and an unknown version stop the build with
one line and leave nothing unpacked; TS_UPSTREAM_TARBALLS works without
apt. Needs Debian's archive with deb-src (support/scripts/install-deps)."""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, check, fresh, make, tail  # noqa: E402

MUSL = ("musl", "1.2.3-1", "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4")
LUA = ("lua5.4", "5.4.4-3+deb12u1", "164c7849653b80ae67bec4b7473b884bf5cc8d2dca05653475ec2ed27b9ebf61")
# Debian's fix of CVE-2022-28805 in lua5.4 (debian/patches/0004-cve-2022-28805.patch).
LUA_FIX = "luaK_exp2anyregup(fs, var);  /* but could be a constant */"

CACHE = os.environ.get("TS_UPSTREAM_CACHE") or os.path.join(ROOT, "build", "cache", "upstream")

OWN_PATCH = """Adds a header the library's own source includes, and two sources of
one name in two folders, as upstream trees have.
--- /dev/null
+++ b/tessera_uptest.h
@@ -0,0 +1 @@
+#define TS_UPTEST_VALUE 1234
--- /dev/null
+++ b/tsup/one/same.c
@@ -0,0 +1,2 @@
+int tsup_one(void);
+int tsup_one(void) { return 1; }
--- /dev/null
+++ b/tsup/two/same.c
@@ -0,0 +1,2 @@
+int tsup_two(void);
+int tsup_two(void) { return 2; }
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def library(where, name, pkg, own_source):
    """An external library folder NAME naming upstream pkg (package,
    version, sha256); with own_source, a C file that includes a header its
    own patch adds to the upstream tree."""
    up = name.upper()
    d = os.path.join(where, f"lib{name}")
    write(os.path.join(d, "Config.uk"),
          f"config LIB_{up}\n\tbool \"{name}: test library with upstream sources\"\n\tdefault y\n")
    mk = (f"$(call ts_lib,{name},LIB_{up})\n"
          f"LIB{up}_UPSTREAM_PACKAGE := {pkg[0]}\n"
          f"LIB{up}_UPSTREAM_VERSION := {pkg[1]}\n"
          f"LIB{up}_UPSTREAM_SHA256 := {pkg[2]}\n")
    if own_source:
        mk += (f"LIB{up}_SRCS-y += {name}.c\nLIB{up}_CFLAGS-y += -I$(LIB{up}_UPSTREAM_DIR)\n"
               f"LIB{up}_SRCS-y += $(LIB{up}_UPSTREAM_DIR)/tsup/one/same.c "
               f"$(LIB{up}_UPSTREAM_DIR)/tsup/two/same.c\n")
        write(os.path.join(d, f"{name}.c"),
              '#include "tessera_uptest.h"\n\nint uptest_value(void);\n\n'
              'int uptest_value(void)\n{\n\treturn TS_UPTEST_VALUE;\n}\n')
        write(os.path.join(d, "patches", "0001-add-header.patch"), OWN_PATCH)
    write(os.path.join(d, "Makefile.uk"), mk)
    return d


def app(where, libs):
    d = os.path.join(where, "upapp")
    write(os.path.join(d, "Makefile"),
          f"TS_APP_DIR := $(CURDIR)\nLIBS := {':'.join(libs)}\ninclude {ROOT}/Makefile\n")
    write(os.path.join(d, "Makefile.uk"), "$(call ts_app,upapp)\nLIBUPAPP_SRCS-y += main.c\n")
    write(os.path.join(d, "main.c"), "int main(void)\n{\n\treturn 0;\n}\n")
    return d


def folders(name):
    """(sources, build): the test's app and libraries in a temporary folder
    outside the tree (so external: built under O/ext/NAME), its build
    folder under the tests' build folder."""
    src = tempfile.mkdtemp(prefix=f"ts-fetch-{name}.")
    return src, os.path.join(fresh(f"fetch-{name}"), "build")


def upstream_dir(odir, name):
    return os.path.join(odir, "ext", name, "upstream")


def leftovers(odir, name):
    """Anything of an unpack under the library's build folder."""
    return glob.glob(os.path.join(odir, "ext", name, "*upstream*")) + \
        glob.glob(os.path.join(odir, "ext", name, ".upstream*"))


def test_fetch_unpacks_with_debian_and_own_patches():
    where, odir = folders("good")
    try:
        good(where, odir)
    finally:
        shutil.rmtree(where)


def good(where, odir):
    a = app(where, [library(where, "uptest", MUSL, True), library(where, "uplua", LUA, False)])
    p = make(a, "all", odir=odir)
    musl = upstream_dir(odir, "uptest")
    check(os.path.isfile(os.path.join(musl, "arch", "x86_64", "syscall_arch.h")),
          f"no musl sources in {musl}:\n{tail(p.stdout + p.stderr)}")
    check(os.path.isfile(os.path.join(musl, "tessera_uptest.h")), "the library's own patch was not applied")
    # The library's source compiled against the patched upstream tree.
    check(os.path.isfile(os.path.join(odir, "ext", "uptest", "uptest.o")), "uptest.c was not compiled")
    # Upstream sources of one name in two folders: two objects, in the
    # archive of the object cache (test_upstream_cache.py) the build names.
    with open(os.path.join(odir, "ext", "uptest", "upstream.archive")) as f:
        archive = f.read().strip()
    members = subprocess.run(["ar", "t", archive], capture_output=True, text=True).stdout.split()
    check(members.count("same.o") == 2, f"{archive} holds {members}, not two same.o:\n{tail(p.stdout)}")
    lua = upstream_dir(odir, "uplua")
    with open(lua + ".stamp") as f:
        stamp = json.load(f)
    check("0004-cve-2022-28805.patch" in stamp["debian_patches"],
          f"Debian's patch series not recorded as applied: {stamp}")
    with open(os.path.join(lua, "src", "lparser.c")) as f:
        check(LUA_FIX in f.read(), "Debian's CVE-2022-28805 patch is not in src/lparser.c")
    # Done once: a second make neither unpacks nor compiles again.
    p = make(a, "all", odir=odir)
    check("UNPACK" not in p.stdout and "  CC " not in p.stdout,
          f"second make redid work:\n{tail(p.stdout)}")
    # make fetch names both; clean keeps the cache, the unpacked folder goes.
    p = make(a, "fetch", odir=odir)
    check("musl=1.2.3-1" in p.stdout and "lua5.4=5.4.4-3+deb12u1" in p.stdout,
          f"make fetch did not name both packages:\n{tail(p.stdout)}")
    cache = CACHE
    make(a, "clean", odir=odir)
    make(a, "distclean", odir=odir)
    check(glob.glob(os.path.join(cache, "musl_1.2.3-1", "musl_1.2.3.orig.tar.gz")),
          f"clean/distclean emptied the download cache {cache}")


def bad_case(name, pkg, want):
    where, odir = folders(name)
    try:
        bad_build(where, odir, name, pkg, want)
    finally:
        shutil.rmtree(where)


def bad_build(where, odir, name, pkg, want):
    a = app(where, [library(where, "uptest", pkg, True)])
    p = make(a, "all", odir=odir, check_rc=False)
    check(p.returncode != 0, f"the build with {name} succeeded")
    lines = [l for l in p.stderr.splitlines() if l.startswith("tessera: ")]
    check(len(lines) == 1 and all(w in lines[0] for w in want),
          f"expected one 'tessera:' line with {want}, got:\n{tail(p.stderr)}")
    check(not leftovers(odir, "uptest"), f"left behind: {leftovers(odir, 'uptest')}")
    check(not os.path.exists(os.path.join(odir, "ext", "uptest", "uptest.o")), "compiled anyway")


def test_fetch_wrong_checksum_stops_with_one_line():
    bad_case("checksum", (MUSL[0], MUSL[1], "0" * 64),
             ["checksum mismatch", "musl", "LIBUPTEST_UPSTREAM_SHA256", MUSL[2]])


def test_fetch_unknown_version_stops_with_one_line():
    bad_case("version", (MUSL[0], "1.2.3-99", MUSL[2]),
             ["musl", "1.2.3-99", "apt-cache showsrc musl", "LIBUPTEST_UPSTREAM_VERSION"])


def test_fetch_from_tarball_folder_without_apt():
    where, odir = folders("tarballs")
    try:
        from_tarballs(where, odir)
    finally:
        shutil.rmtree(where)


def from_tarballs(where, odir):
    tarballs = os.path.join(where, "tarballs")
    os.makedirs(tarballs)
    # The original tarball as the shared cache has it (the first test
    # downloaded it; fetch it here otherwise).
    cache = CACHE
    orig = os.path.join(cache, "musl_1.2.3-1", "musl_1.2.3.orig.tar.gz")
    if not os.path.isfile(orig):
        test_fetch_unpacks_with_debian_and_own_patches()
    shutil.copy(orig, tarballs)
    a = app(where, [library(where, "uptest", MUSL, True)])
    # An empty cache: had apt been asked, the download would land there.
    empty = os.path.join(where, "cache")
    env = {"TS_UPSTREAM_TARBALLS": tarballs, "TS_UPSTREAM_CACHE": empty}
    p = make(a, "all", odir=odir, env=env)
    check(os.path.isfile(os.path.join(upstream_dir(odir, "uptest"), "src", "stdio", "printf.c")),
          f"no musl sources from the tarball folder:\n{tail(p.stdout + p.stderr)}")
    check(not os.path.exists(empty), f"apt was used: {empty} exists")
    # The checksum is verified there too.
    bad = os.path.join(tarballs, "musl_1.2.3.orig.tar.gz")
    with open(bad, "ab") as f:
        f.write(b"x")
    shutil.rmtree(odir)
    p = make(a, "all", odir=odir, env=env, check_rc=False)
    check(p.returncode != 0 and "checksum mismatch" in p.stderr,
          f"a changed tarball in TS_UPSTREAM_TARBALLS was accepted:\n{tail(p.stderr)}")


def test_fetch_without_deb_src_stops_with_one_line():
    """apt with no source entries at all (APT_CONFIG, apt's own variable,
    points it at empty lists) and an empty cache: one line naming
    install-deps, which enables deb-src."""
    where, odir = folders("nodebsrc")
    try:
        apt = os.path.join(where, "apt")
        os.makedirs(os.path.join(apt, "parts"))
        os.makedirs(os.path.join(apt, "lists", "partial"))
        write(os.path.join(apt, "none.list"), "")
        write(os.path.join(apt, "apt.conf"),
              f'Dir::Etc::SourceList "{apt}/none.list";\nDir::Etc::SourceParts "{apt}/parts";\n'
              f'Dir::State::Lists "{apt}/lists";\n')
        env = {"APT_CONFIG": os.path.join(apt, "apt.conf"),
               "TS_UPSTREAM_CACHE": os.path.join(where, "cache")}
        a = app(where, [library(where, "uptest", MUSL, True)])
        p = make(a, "all", odir=odir, env=env, check_rc=False)
        lines = [l for l in p.stderr.splitlines() if l.startswith("tessera: ")]
        check(p.returncode != 0 and len(lines) == 1 and "deb-src" in lines[0]
              and "musl" in lines[0] and "support/scripts/install-deps" in lines[0],
              f"expected one line about deb-src and install-deps:\n{tail(p.stderr)}")
        check(not leftovers(odir, "uptest"), f"left behind: {leftovers(odir, 'uptest')}")
        check(not glob.glob(os.path.join(where, "cache", "*")), "a half download stayed in the cache")
    finally:
        shutil.rmtree(where)


def test_fetch_cleancache_empties_the_named_cache():
    """Both caches named: without TS_OBJ_CACHE it would empty the shared
    object cache of the tree, which the builds of this run fill."""
    where, odir = folders("cleancache")
    try:
        cache = os.path.join(where, "cache")
        objs = os.path.join(where, "objs")
        write(os.path.join(cache, "musl_1.2.3-1", "musl_1.2.3.orig.tar.gz"), "x")
        write(os.path.join(objs, "musl-1.2.3-x86_64-0", "musl.a"), "x")
        a = app(where, [library(where, "uptest", MUSL, True)])
        make(a, "cleancache", odir=odir, env={"TS_UPSTREAM_CACHE": cache, "TS_OBJ_CACHE": objs})
        check(not os.path.exists(cache), f"make cleancache left {cache}")
        check(not os.path.exists(objs), f"make cleancache left {objs}")
    finally:
        shutil.rmtree(where)
