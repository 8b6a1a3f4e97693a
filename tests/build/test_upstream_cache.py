"""Upstream code built once per (library, architecture, flags) and shared
(doc/build.md, "Upstream sources"): a fixture library names a fake
Debian package whose tarball the test makes in a TS_UPSTREAM_TARBALLS
folder; its Makefile.uk lists the upstream sources with $(wildcard) over
the unpacked tree. The first build compiles them into the object cache
(TS_OBJ_CACHE, a folder of the test), with LIB<NAME>_UPSTREAM_CFLAGS and
not the kernel's flags; another app reuses the archive without
compiling; other flags, a patch or a hand edit make another entry; two
builds at once compile once; an interrupted build leaves no entry behind;
make cleancache empties both caches, clean and distclean keep them."""
import fcntl
import glob
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import OBJ_MEMO, ROOT, check, fresh, make, tail  # noqa: E402

PKG, VERSION = "tsfake", "1.0-1"
# Lines of the slow file: about a second of the compiler's time (the time
# grows faster than the lines).
SLOW = 400

# Upstream's files. util.c would fail the kernel's flags twice over: an
# unused variable under -Wall -Werror, and <ts/config.h> (CONFIG_*) forced
# in; its header comes from upstream's include/ through the library's
# LIBUPFAKE_UPSTREAM_CFLAGS.
UPSTREAM = {
    "include/fake.h": "int fake_add(int a, int b);\nint fake_unused(void);\n",
    "src/math/add.c": ('#include "fake.h"\nint fake_add(int a, int b)\n{\n'
                       '\treturn a + b + FAKE_BONUS + FAKE_ADD_ONLY;\n}\n'),
    "src/math/unused.c": '#include "fake.h"\n#include "fake_gen.h"\nint fake_unused(void)\n{\n\treturn FAKE_GEN;\n}\n',
    "src/util/util.c": ("#ifdef CONFIG_ARCH_NAME\n#error the kernel's configuration reached upstream code\n"
                        "#endif\nint fake_util(void);\nint fake_util(void)\n{\n\tint unused;\n\treturn 0;\n}\n"),
}


def slow_source(lines):
    """A function long enough that compiling it takes a while at -O2: two
    builds at once, or an interrupt, land in the middle of it."""
    body = "".join(f"\tv = v * 31 + {i} + (v >> 3);\n\tif (v == {i}) w++;\n" for i in range(lines))
    return f"unsigned long fake_slow(unsigned long v);\nunsigned long fake_slow(unsigned long v)\n" \
           f"{{\n\tunsigned long w = 0;\n{body}\treturn v + w;\n}}\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def tarball(folder, slow):
    """tsfake_1.0.orig.tar.gz in folder; its sha256."""
    os.makedirs(folder, exist_ok=True)
    files = dict(UPSTREAM)
    if slow:
        files["src/slow/slow.c"] = slow_source(slow)
    path = os.path.join(folder, "tsfake_1.0.orig.tar.gz")
    with tarfile.open(path, "w:gz") as t:
        for name, text in sorted(files.items()):
            data = text.encode()
            info = tarfile.TarInfo(f"tsfake-1.0/{name}")
            info.size = len(data)
            info.mtime = 1700000000
            t.addfile(info, io.BytesIO(data))
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def library(where, sha):
    d = os.path.join(where, "libupfake")
    write(os.path.join(d, "Config.uk"),
          "config LIB_UPFAKE\n\tbool \"upfake: test library with upstream sources\"\n\tdefault y\n")
    write(os.path.join(d, "Makefile.uk"),
          "$(call ts_lib,upfake,LIB_UPFAKE)\n"
          f"LIBUPFAKE_UPSTREAM_PACKAGE := {PKG}\n"
          f"LIBUPFAKE_UPSTREAM_VERSION := {VERSION}\n"
          f"LIBUPFAKE_UPSTREAM_SHA256 := {sha}\n"
          "# Upstream's sources as its tree has them: empty until it is unpacked.\n"
          "LIBUPFAKE_SRCS-y += $(wildcard $(LIBUPFAKE_UPSTREAM_DIR)/src/*/*.c)\n"
          "# A header the library's rules generate in the build folder, as musl's\n"
          "# bits/alltypes.h: every build folder has its own, the entry is shared.\n"
          "LIBUPFAKE_GEN := $(call lib_objdir,UPFAKE)/generated\n"
          "LIBUPFAKE_UPSTREAM_DEPS := $(LIBUPFAKE_GEN)/fake_gen.h\n"
          "$(LIBUPFAKE_GEN)/fake_gen.h: $(LIBUPFAKE_UPSTREAM_DIR).stamp\n"
          "\t@mkdir -p $(dir $@)\n"
          "\t@echo '#define FAKE_GEN 0' > $@\n"
          "LIBUPFAKE_UPSTREAM_CFLAGS := -I$(LIBUPFAKE_UPSTREAM_DIR)/include -I$(LIBUPFAKE_GEN) "
          "-DFAKE_BONUS=$(or $(FAKE_BONUS),1)\n"
          "# A flag of one file alone.\n"
          "LIBUPFAKE_UPSTREAM_CFLAGS_src/math/add.c := -DFAKE_ADD_ONLY=$(or $(FAKE_ADD_ONLY),0)\n"
          "# The glue, compiled per build with the kernel's flags.\n"
          "LIBUPFAKE_SRCS-y += glue.c\n"
          "LIBUPFAKE_CFLAGS-y += -I$(LIBUPFAKE_UPSTREAM_DIR)/include\n")
    write(os.path.join(d, "glue.c"),
          '#include "fake.h"\n\nint upfake_glue(void);\n\nint upfake_glue(void)\n{\n'
          '\treturn fake_add(40, 1);\n}\n')
    return d


def app(where, name, lib):
    d = os.path.join(where, name)
    write(os.path.join(d, "Makefile"),
          f"TS_APP_DIR := $(CURDIR)\nLIBS := {lib}\ninclude {ROOT}/Makefile\n")
    write(os.path.join(d, "Makefile.uk"), f"$(call ts_app,{name})\nLIB{name.upper()}_SRCS-y += main.c\n")
    write(os.path.join(d, "main.c"),
          "int upfake_glue(void);\n\nint main(void)\n{\n\treturn upfake_glue() == 42 ? 0 : 1;\n}\n")
    return d


class Setup:
    """A fixture library, apps on it, and caches of the test's own."""

    def __init__(self, name, slow=0):
        self.where = tempfile.mkdtemp(prefix=f"ts-upcache-{name}.")
        self.build = fresh(f"upcache-{name}")
        tarballs = os.path.join(self.where, "tarballs")
        self.lib = library(self.where, tarball(tarballs, slow))
        self.objs = os.path.join(self.where, "cache", "objs")
        self.downloads = os.path.join(self.where, "cache", "upstream")
        self.procs = []
        self.env = {"TS_UPSTREAM_TARBALLS": tarballs, "TS_OBJ_CACHE": self.objs,
                    "TS_UPSTREAM_CACHE": self.downloads}

    def app(self, name):
        d = os.path.join(self.where, name)
        return d if os.path.isdir(d) else app(self.where, name, self.lib)

    def odir(self, name):
        return os.path.join(self.build, name)

    def make(self, name, *goals, extra=(), check_rc=True):
        return make(self.app(name), *(goals or ("all",)), odir=self.odir(name),
                    extra=["-j2"] + list(extra), env=self.env, check_rc=check_rc)

    def popen(self, name, extra=()):
        e = dict(os.environ)
        for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
            e.pop(k, None)
        e["TS_OBJ_MEMO"] = OBJ_MEMO     # as make() does
        e.update(self.env)
        p = subprocess.Popen(["make", "-C", self.app(name), "O=" + self.odir(name), "-j2"] + list(extra),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=e,
                             start_new_session=True)
        self.procs.append(p)
        return p

    def entries(self):
        return sorted(glob.glob(os.path.join(self.objs, "upfake-*")))

    def done(self):
        for p in self.procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        shutil.rmtree(self.where, ignore_errors=True)


def compiled(out):
    """The upstream files a make's output says it compiled."""
    return re.findall(r"^  CC      \[upfake\] (\S+)$", out, re.M)


def dbg(setup, name):
    return os.path.join(setup.odir(name), f"{name}_kvm-x86_64.dbg")


def symbols(path):
    out = subprocess.run(["nm", path], capture_output=True, text=True, check=True).stdout
    return {l.split()[-1] for l in out.splitlines() if l.strip()}


def sizes(path, names):
    out = subprocess.run(["nm", "-S", path], capture_output=True, text=True, check=True).stdout
    found = {l.split()[-1]: int(l.split()[1], 16) for l in out.splitlines() if len(l.split()) == 4}
    return [found.get(n, 0) for n in names]


def linked_archive(setup, name):
    """The archive the image's link map names."""
    with open(os.path.join(setup.odir(name), f"{name}_kvm-x86_64.map")) as f:
        found = set(re.findall(r"(\S+/upfake\.a)\(", f.read()))
    check(len(found) == 1, f"{name}'s link map names {sorted(found) or 'no'} upfake archive(s)")
    return os.path.dirname(found.pop())


def test_upstream_cache_built_once_and_reused():
    s = Setup("reuse")
    try:
        p = s.make("appone")
        out = p.stdout
        want = ["math/add.c", "math/unused.c", "util/util.c"]
        check(sorted(f.split("/", 1)[1] for f in compiled(out)) == want,
              f"the first build compiled {compiled(out)}, not {want} (listed by $(wildcard) "
              f"over the tree it unpacked):\n{tail(out)}")
        entries = s.entries()
        check(len(entries) == 1, f"expected one cache entry in {s.objs}, got {entries}")
        archive = os.path.join(entries[0], "upfake.a")
        members = subprocess.run(["ar", "t", archive], capture_output=True, text=True).stdout.split()
        check(sorted(members) == ["add.o", "unused.o", "util.o"], f"{archive} holds {members}")
        # Linked as an archive: what the glue uses, not the rest.
        syms = symbols(dbg(s, "appone"))
        check("fake_add" in syms and "upfake_glue" in syms, "fake_add or the glue is not in the image")
        check("fake_unused" not in syms and "fake_util" not in syms,
              "members nothing uses were linked (not as an archive)")
        check(not glob.glob(os.path.join(s.odir("appone"), "**", "add.o"), recursive=True),
              "an upstream object was compiled into the build folder")
        # make size counts the archive's members under their library.
        p = s.make("appone", "size")
        row = [l.split() for l in p.stdout.splitlines() if l.split()[:1] == ["upfake"]]
        want = sum(sizes(dbg(s, "appone"), ("fake_add", "upfake_glue")))
        check(len(row) == 1 and int(row[0][1]) >= want,
              f"make size gives upfake {row}, not the {want} bytes of fake_add and the glue:\n"
              f"{tail(p.stdout)}")
        # Editors see upstream files with their own flags.
        s.make("appone", "compile_commands.json")
        with open(os.path.join(s.odir("appone"), "compile_commands.json")) as f:
            db = {os.path.basename(e["file"]): e["arguments"] for e in json.load(f)}
        check("add.c" in db and "-DFAKE_ADD_ONLY=0" in db["add.c"] and "-Werror" not in db["add.c"]
              and "glue.c" in db, f"compile_commands.json lacks add.c with its own flags: {db.get('add.c')}")
        # Another app, another build folder: the same archive, nothing compiled.
        p = s.make("apptwo")
        check(not compiled(p.stdout), f"the second app compiled {compiled(p.stdout)}:\n{tail(p.stdout)}")
        check("fake_add" in symbols(dbg(s, "apptwo")), "the second app did not link fake_add")
        check(linked_archive(s, "apptwo") == entries[0], "the second app links another archive")
        check(s.entries() == entries, f"the second app made another entry: {s.entries()}")
        # Nothing to do the second time.
        p = s.make("appone")
        check(not compiled(p.stdout) and "  LD " not in p.stdout and "UNPACK" not in p.stdout,
              f"an unchanged build redid work:\n{tail(p.stdout)}")
    finally:
        s.done()


def test_upstream_cache_new_key_for_flags_patch_and_edit():
    s = Setup("keys")
    try:
        s.make("appkey")
        first = s.entries()
        check(len(first) == 1, f"expected one entry, got {first}")
        # Other flags: another entry, compiled, and linked.
        p = s.make("appkey", extra=["FAKE_BONUS=2"])
        check(len(compiled(p.stdout)) == 3, f"other flags compiled {compiled(p.stdout)}:\n{tail(p.stdout)}")
        second = [e for e in s.entries() if e not in first]
        check(len(second) == 1, f"other flags made no new entry: {s.entries()}")
        check(linked_archive(s, "appkey") == second[0], "the image links the old flags' archive")
        # Back to the first flags: the first entry again, relinked, nothing compiled.
        p = s.make("appkey")
        check(not compiled(p.stdout), f"the first flags compiled again:\n{tail(p.stdout)}")
        check(linked_archive(s, "appkey") == first[0], "the image was not relinked with the first archive")
        # Another flag of one file: another entry too.
        p = s.make("appkey", extra=["FAKE_ADD_ONLY=3"])
        check(len(compiled(p.stdout)) == 3 and len(s.entries()) == 3,
              f"another flag of add.c made no new entry: {s.entries()}:\n{tail(p.stdout)}")
        s.make("appkey")
        # A patch of the library's: unpacked again, another entry.
        write(os.path.join(s.lib, "patches", "0001-more.patch"),
              "--- /dev/null\n+++ b/src/math/more.c\n@@ -0,0 +1,2 @@\n"
              "+int fake_more(void);\n+int fake_more(void) { return 3; }\n")
        p = s.make("appkey")
        check("math/more.c" in " ".join(compiled(p.stdout)) and len(s.entries()) == 4,
              f"a new patch made no new entry with its file: {s.entries()}:\n{tail(p.stdout)}")
        # A hand edit of the unpacked tree: another entry, with the edit.
        before = s.entries()
        add = os.path.join(s.odir("appkey"), "ext", "upfake", "upstream", "src", "math", "add.c")
        with open(add) as f:
            text = f.read()
        write(add, text.replace("return a + b", "return 100 + a + b"))
        p = s.make("appkey")
        check(compiled(p.stdout) and len(s.entries()) == 5,
              f"an edited upstream file made no new entry: {s.entries()}:\n{tail(p.stdout)}")
        new = [e for e in s.entries() if e not in before][0]
        with open(os.path.join(new, "src", "src", "math", "add.c")) as f:
            check("return 100 + a" in f.read(), "the new entry was not compiled from the edited file")
    finally:
        s.done()


class Output:
    """A running make's output, read as it comes (a thread)."""

    def __init__(self, p):
        self.p, self.lines = p, []
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        for line in self.p.stdout:
            self.lines.append(line)

    def text(self):
        return "".join(self.lines)

    def wait(self, timeout):
        self.p.wait(timeout=timeout)
        self.thread.join(timeout=10)
        return self.text()


def test_upstream_cache_two_builds_at_once_compile_once():
    """Two builds wait for the same entry (the test holds its lock until
    both do), then one compiles it and the other uses it."""
    s = Setup("concurrent")
    try:
        s.make("appa")
        entry = s.entries()[0]
        shutil.rmtree(entry)
        with open(os.path.join(s.objs, f".{os.path.basename(entry)}.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            outs = [Output(s.popen("appa")), Output(s.popen("appb"))]
            deadline = time.monotonic() + 300
            while not all("  WAIT    [upfake]" in o.text() for o in outs):
                for o in outs:
                    check(o.p.poll() is None, f"a build ended ({o.p.returncode}) before it waited for "
                          f"the entry:\n{tail(o.text())}")
                check(time.monotonic() < deadline, "the builds never waited for the entry's lock")
                time.sleep(0.1)
        texts = [o.wait(600) for o in outs]
        for o, out in zip(outs, texts):
            check(o.p.returncode == 0, f"a build failed ({o.p.returncode}):\n{tail(out)}")
        counts = sorted(len(compiled(t)) for t in texts)
        check(counts == [0, 3], f"the builds compiled {counts} upstream files, not 3 by one of them:\n"
              f"{tail(texts[0])}\n---\n{tail(texts[1])}")
        check(s.entries() == [entry], f"expected the one entry {entry}, got {s.entries()}")
        check(linked_archive(s, "appa") == linked_archive(s, "appb") == entry,
              "the two apps link different archives")
        check(not glob.glob(os.path.join(s.objs, ".upfake-*.tmp.*")), "a temporary folder stayed in the cache")
    finally:
        s.done()


def wait_for_compile(p, s):
    """Until the build is compiling the slow file in the cache."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if glob.glob(os.path.join(s.objs, ".upfake-*.tmp.*", "obj", "src", "math", "*.o")):
            return
        if p.poll() is not None:
            check(False, f"the build ended ({p.returncode}) before it was interrupted:\n"
                  f"{tail(p.stdout.read())}")
        time.sleep(0.05)
    check(False, "the build never compiled into the cache")


def test_upstream_cache_interrupted_build_leaves_no_entry():
    s = Setup("interrupt", slow=SLOW)
    try:
        for sig in (signal.SIGINT, signal.SIGKILL):
            p = s.popen("appint")
            wait_for_compile(p, s)
            os.killpg(p.pid, sig)
            p.communicate(timeout=120)
            check(not s.entries(), f"{sig.name} left an entry: {s.entries()}")
            check(not glob.glob(os.path.join(s.objs, "*", "*.a")), "an archive stayed in the cache")
            tmp = glob.glob(os.path.join(s.objs, ".upfake-*.tmp.*"))
            if sig == signal.SIGINT:
                check(not tmp, f"Ctrl-C left a temporary folder: {tmp}")
        # What SIGKILL left goes with the next build, which completes.
        p = s.make("appint")
        check(len(s.entries()) == 1 and os.path.isfile(os.path.join(s.entries()[0], "upfake.a")),
              f"the build after the interrupts made no entry: {s.entries()}:\n{tail(p.stdout)}")
        check(not glob.glob(os.path.join(s.objs, ".upfake-*.tmp.*")), "the interrupted build's folder stayed")
    finally:
        s.done()


def test_upstream_cache_fetch_clean_and_cleancache():
    s = Setup("clean")
    try:
        a = s.app("appclean")
        upstream = os.path.join(s.odir("appclean"), "ext", "upfake", "upstream")
        # make fetch downloads and checks only (the .config first).
        s.make("appclean", "kvm-x86_64_defconfig")
        p = s.make("appclean", "fetch")
        check("tsfake=1.0-1" in p.stdout and not os.path.exists(upstream),
              f"make fetch unpacked or did not name the package:\n{tail(p.stdout)}")
        s.make("appclean")
        check(len(s.entries()) == 1, f"no cache entry: {s.entries()}")
        for goal in ("clean", "distclean"):
            s.make("appclean", goal)
            check(len(s.entries()) == 1, f"make {goal} emptied the object cache")
            p = s.make("appclean")
            check(not compiled(p.stdout) and os.path.isdir(upstream),
                  f"after make {goal} the build compiled again or did not unpack:\n{tail(p.stdout)}")
        make(a, "cleancache", odir=s.odir("appclean"), env=s.env)
        check(not os.path.exists(s.objs) and not os.path.exists(s.downloads),
              "make cleancache left the object or download cache")
        # At the top of the tree too.
        os.makedirs(s.objs)
        make(ROOT, "cleancache", env=s.env)
        check(not os.path.exists(s.objs), "make cleancache at the top left the object cache")
    finally:
        s.done()
