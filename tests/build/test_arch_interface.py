"""The architecture interface is declared once (arch/README.md): every
ts_arch_* function is declared, with its contract, in arch/include/ts/arch/;
an architecture's own headers (arch/<arch>/include/ts/arch/*_arch.h) only
define what those declare, and add types and constants. Checked by reading
the headers as a newcomer would, so that a copy of a declaration, a
function an architecture forgot or a header that shadows another shows
here and not as a build error on one target only."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, check  # noqa: E402

GENERIC = os.path.join(ROOT, "arch", "include", "ts", "arch")
FUNC = re.compile(r"\b(ts_arch_\w+)\s*\(")


def arch_dirs():
    """{arch: its header folder} for every architecture library."""
    top = os.path.join(ROOT, "arch")
    return {a: os.path.join(top, a, "include", "ts", "arch") for a in sorted(os.listdir(top))
            if os.path.isfile(os.path.join(top, a, "Makefile.uk"))
            and os.path.isdir(os.path.join(top, a, "include", "ts", "arch"))}


def headers(folder):
    return sorted(n for n in os.listdir(folder) if n.endswith(".h"))


def top_level(path):
    """The file's top-level C items as (kind, text): "decl" for one that
    ends in ';' (a declaration), "def" for the head of a braced body (a
    function definition, struct or enum). Comments and preprocessor lines
    are left out."""
    with open(path) as f:
        src = f.read()
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    src = re.sub(r"//[^\n]*", " ", src)
    src = re.sub(r"\\\n", " ", src)
    src = "\n".join(line for line in src.split("\n") if not line.lstrip().startswith("#"))
    items, buf, depth = [], "", 0
    for ch in src:
        if depth:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            continue
        if ch == "{":
            items.append(("def", buf.strip()))
            buf, depth = "", 1
        elif ch == ";":
            items.append(("decl", buf.strip()))
            buf = ""
        else:
            buf += ch
    return items


def functions(path, kind):
    """ts_arch_* functions the file declares (kind "decl") or defines
    ("def"); typedefs are not functions."""
    found = set()
    for k, text in top_level(path):
        m = FUNC.search(text)
        if k == kind and m and not text.startswith("typedef"):
            found.add(m.group(1))
    return found


def test_arch_headers_declare_no_ts_arch_function():
    bad = []
    for arch, folder in arch_dirs().items():
        for name in headers(folder):
            for fn in sorted(functions(os.path.join(folder, name), "decl")):
                bad.append(f"arch/{arch}/include/ts/arch/{name} declares {fn}()")
    check(not bad, "ts_arch_* functions are declared in arch/include/ts/arch/ only "
          "(the architecture's _arch.h part defines them):\n  " + "\n  ".join(bad))


def test_arch_defines_what_is_declared():
    declared = set()
    generic_defs = set()
    for name in headers(GENERIC):
        declared |= functions(os.path.join(GENERIC, name), "decl")
        generic_defs |= functions(os.path.join(GENERIC, name), "def")
    inline_declared = set()
    for name in headers(GENERIC):
        for k, text in top_level(os.path.join(GENERIC, name)):
            m = FUNC.search(text)
            if k == "decl" and m and re.match(r"static\s+inline\b", text):
                inline_declared.add(m.group(1))
    check(inline_declared, f"no static inline declaration found in {GENERIC}")
    bad = []
    for arch, folder in arch_dirs().items():
        defined = set()
        for name in headers(folder):
            defined |= functions(os.path.join(folder, name), "def")
        for fn in sorted(inline_declared - defined - generic_defs):
            bad.append(f"arch/{arch} does not define {fn}(), which arch/include declares")
        for fn in sorted(defined - declared):
            bad.append(f"arch/{arch} defines {fn}(), which no header of arch/include declares")
    check(not bad, "\n  ".join(bad))


def test_arch_parts_belong_to_a_generic_header():
    """Each X_arch.h has its X.h in arch/include, which includes it; no
    architecture or host stand-in has a header of a generic one's name,
    which the include path order would silently shadow or ignore."""
    generic = set(headers(GENERIC))
    folders = list(arch_dirs().values())
    folders.append(os.path.join(ROOT, "support", "build", "host-arch", "ts", "arch"))
    for top in ("bench", "tests"):
        for folder, dirs, _ in os.walk(os.path.join(ROOT, top)):
            dirs[:] = [d for d in dirs if d != "build"]
            if folder.endswith(os.path.join("include", "ts", "arch")):
                folders.append(folder)
    bad = []
    for folder in folders:
        where = os.path.relpath(folder, ROOT)
        for name in headers(folder):
            if name in generic:
                bad.append(f"{where}/{name} has the name of arch/include/ts/arch/{name}")
            elif name.endswith("_arch.h"):
                base = name[:-len("_arch.h")] + ".h"
                path = os.path.join(GENERIC, base)
                if not os.path.isfile(path):
                    bad.append(f"{where}/{name}: no arch/include/ts/arch/{base}")
                elif f"#include <ts/arch/{name}>" not in open(path).read():
                    bad.append(f"arch/include/ts/arch/{base} does not include <ts/arch/{name}>")
    check(not bad, "\n  ".join(bad))


def test_arch_headers_differ_between_architectures():
    seen, bad = {}, []
    for arch, folder in arch_dirs().items():
        for name in headers(folder):
            with open(os.path.join(folder, name), "rb") as f:
                text = f.read()
            if text in seen:
                bad.append(f"arch/{arch}/include/ts/arch/{name} is a copy of {seen[text]}")
            seen.setdefault(text, f"arch/{arch}/include/ts/arch/{name}")
    check(not bad, "a header the same everywhere belongs in arch/include/ts/arch/:\n  "
          + "\n  ".join(bad))
