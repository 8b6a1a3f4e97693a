"""Layering rules, checked on the sources (doc/architecture.md, "Layering").

Components: each folder lib/<name>/ is one library (lib/gdbstub/arch/<arch>/
is part of lib/gdbstub); arch/, plat/ and drivers/ are the layers below every
library.

1. Libraries and apps never test the architecture or the platform (#if on
   __x86_64__, CONFIG_ARCH_*, CONFIG_PLAT_*): only the layers below do.
2. A library uses another (an `#include <ts/...>` of its headers, or a
   symbol its exportsyms.uk exports) only with a dependency its Config.uk
   declares (`select` or `depends on` the other's LIB_* symbol), or inside
   `#if(def) CONFIG_LIB_<OTHER>`, or in a source its Makefile.uk compiles
   only with CONFIG_LIB_<OTHER> (`-$(CONFIG_LIB_OTHER)`, or inside an
   `ifeq`/`ifdef` that tests it).
3. A library reaches a lower layer only through its interfaces:
   <ts/arch/*.h> and plat/include's <ts/plat/*.h>, never a driver's or
   one platform's own header.
4. No `#include "../..."` and no $(LIB<OTHER>_DIR) out of one's own folder.
5. arch/, plat/ and drivers/ use a library only where their Config.uk
   selects it, or where ALLOWED below lists the use.
6. The graph of dependencies between libraries (what Config.uk declares
   and what the sources use) has no cycle.

ALLOWED is the one list of exceptions, each with its reason."""
import collections
import fnmatch
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check  # noqa: E402

Allow = collections.namedtuple("Allow", "user library what why")

# Who ("arch", "plat", "drivers", a library's name, or "*") may use what
# (a header or exported symbols, separated by blanks; a header also covers
# the symbols it declares) of which library without declaring the
# dependency. Such uses
# are left out of the cycle check: each is a back edge with a reason.
ALLOWED = [
    Allow("arch", "debug", "ts_debug_fatal_exception",
          "a trap no hook took goes to the one fault report of every "
          "architecture (declared in <ts/arch/fault.h>)"),
    Allow("arch", "sched", "ts_sched_fault_thread",
          "declared in <ts/arch/fault.h>, the fault report's interface; "
          "lib/sched implements it"),
    Allow("debug", "sched", "ts_sched_fault_thread",
          "a weak reference: the report names the thread when lib/sched is "
          "in the image; lib/sched uses lib/debug, so a select would be a "
          "cycle"),
    Allow("plat", "boot", "ts_boot_main",
          "every platform's entry hands over to lib/boot (declared in "
          "<ts/plat/boot.h>)"),
    Allow("plat", "time", "ts_plat_timer_expired",
          "the platform's timer interrupt calls it: lib/time's definition "
          "overrides plat/common's weak empty one"),
    Allow("drivers", "time", "ts_plat_timer_expired",
          "as for plat: a timer driver's interrupt handler calls it"),
    Allow("*", "trace", "ts/trace.h",
          "on every include path (TS_ALWAYS_INCLUDES): without lib/trace "
          "tracepoints and its calls compile to nothing, so users need "
          "neither #ifdef nor select"),
    Allow("nolibc", "alloc", "malloc calloc realloc reallocarray free "
          "aligned_alloc posix_memalign memalign malloc_usable_size",
          "the C library's <stdlib.h> declares the standard allocation "
          "functions; lib/alloc defines them (without it, a call is a link "
          "error that the build's explainer names)"),
]

LAYERS = ("arch", "plat", "drivers")
SOURCE_EXT = (".c", ".h", ".S")
ARCH_TEST = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif)\b.*"
                       r"(__x86_64__|__aarch64__|__arm__|__i386__|CONFIG_ARCH_|CONFIG_PLAT_)")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
DIRECTIVE = re.compile(r"^\s*#\s*(\w+)(.*)")
IDENT = re.compile(r"\b[A-Za-z_]\w*\b")
# An identifier that can name another library's symbol: not a member
# (s.free, p->free) nor a function-pointer member's declarator
# (void (*free)(...)), which share names with functions.
SYMBOL = re.compile(r"(?<!->)(?<!\.)(?<!\(\*)\b[A-Za-z_]\w*\b")
CONFIG_LIB = re.compile(r"(!\s*)?(?:defined\s*\(?\s*)?\bCONFIG_(LIB_\w+)")
TS_LIB = re.compile(r"\$\(call\s+ts_lib\s*,\s*(\w+)\s*,\s*(\w+)\s*\)")
KCONFIG_DEP = re.compile(r"^\s*(select|depends\s+on|if|imply)\s+(.*)")
SRCS_COND = re.compile(r"^\s*LIB\w+_SRCS-(?:\$\(CONFIG_(LIB_\w+)\)|y)\s*\+?=(.*)")
DIR_VAR = re.compile(r"\$\(LIB(\w+)_DIR\)")


def walk(root, top):
    """Files under top, without build outputs (support/build and tests/build
    are sources)."""
    for folder, dirs, files in os.walk(os.path.join(root, top)):
        keep_build = os.path.basename(folder) in ("support", "tests")
        dirs[:] = sorted(d for d in dirs if d not in (".git", "__pycache__")
                         and (d != "build" or keep_build))
        for name in sorted(files):
            yield os.path.relpath(os.path.join(folder, name), root)


def read(root, rel):
    with open(os.path.join(root, rel), errors="replace") as f:
        return f.read()


def component(rel):
    """The library name of a path under lib/, or its layer."""
    parts = rel.split(os.sep)
    if parts[0] == "lib" and len(parts) > 2:
        return parts[1]
    return parts[0] if parts[0] in LAYERS else None


def strip_c(text):
    """Comments and string/character literals blanked, lines kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" and j + 1 < n and text[j + 1] != "\n" else 1
            if j < n and text[j] == c:
                out.append(c + " " * (j - i - 1) + c)
                i = j + 1
            else:  # not closed on its line (an apostrophe in an asm comment)
                out.append(c + " " * (j - i - 1))
                i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Tree:
    """What the checks need to know of a source tree."""

    def __init__(self, root):
        self.root = root
        self.lib_symbol = {}        # library -> its Kconfig symbol (LIB_FOO)
        self.symbol_lib = {}        # LIB_FOO -> library
        self.deps = collections.defaultdict(set)     # component -> LIB_* it declares
        self.cond_srcs = {}         # source pattern -> LIB_* it is compiled with
        self.providers = collections.defaultdict(set)  # "ts/x.h" -> components
        self.plat_interface = set()  # headers of plat/include
        self.exports = {}           # symbol -> library
        self.declared_in = collections.defaultdict(set)  # symbol -> headers
        self.sources = []
        self.makefiles = []
        for top in ("lib",) + LAYERS:
            for rel in walk(root, top):
                self._learn(rel)
        for header, comps in self.providers.items():
            for comp in comps:
                if comp in LAYERS:
                    continue
                path = self._header_path(comp, header)
                if path:
                    for sym in set(IDENT.findall(strip_c(read(root, path)))):
                        if self.exports.get(sym) == comp:
                            self.declared_in[sym].add(header)

    def _header_path(self, comp, header):
        for rel in walk(self.root, os.path.join("lib", comp)):
            if rel.endswith(os.sep + "include" + os.sep + header):
                return rel
        return None

    def _learn(self, rel):
        comp, name = component(rel), os.path.basename(rel)
        if comp is None:
            return
        if "/include/ts/" in "/" + rel.replace(os.sep, "/"):
            header = "ts/" + rel.replace(os.sep, "/").split("/include/ts/", 1)[1]
            self.providers[header].add(comp)
            if rel.startswith(os.path.join("plat", "include") + os.sep):
                self.plat_interface.add(header)
        if name.endswith(SOURCE_EXT):
            self.sources.append(rel)
        elif name == "Config.uk":
            for line in read(self.root, rel).splitlines():
                m = KCONFIG_DEP.match(line.split("#", 1)[0])
                if m:
                    self.deps[comp].update(re.findall(r"\bLIB_\w+", m.group(2)))
        elif name == "Makefile.uk":
            self.makefiles.append(rel)
            text = read(self.root, rel).replace("\\\n", " ")
            for m in TS_LIB.finditer(text):
                if comp not in LAYERS:
                    self.lib_symbol[m.group(1)] = m.group(2)
                    self.symbol_lib[m.group(2)] = m.group(1)
            blocks = []  # per open ifeq/ifneq/ifdef: the LIB_* it tests
            for line in text.splitlines():
                word = line.split()[0] if line.split() else ""
                if word in ("ifeq", "ifneq", "ifdef"):
                    blocks.append(set(re.findall(r"CONFIG_(LIB_\w+)", line)))
                elif word == "ifndef":
                    blocks.append(set())
                elif word == "else":
                    blocks[-1:] = [set()]
                elif word == "endif":
                    blocks[-1:] = []
                m = SRCS_COND.match(line)
                if not m:
                    continue
                need = set().union(*blocks) if blocks else set()
                if m.group(1):
                    need.add(m.group(1))
                for src in m.group(2).split():
                    # arch/$(CONFIG_ARCH_NAME)/x.c: any architecture's
                    src = re.sub(r"\$\([^)]*\)", "*", src)
                    self.cond_srcs[os.path.normpath(
                        os.path.join(os.path.dirname(rel), src))] = need
        elif name == "exportsyms.uk" and comp not in LAYERS:
            for sym in read(self.root, rel).split():
                self.exports[sym] = comp


class Use:
    def __init__(self, where, user, library, what, guards):
        self.where, self.user, self.library, self.what = where, user, library, what
        self.guards = guards

    def allowed(self, tree):
        whats = {self.what} | tree.declared_in.get(self.what, set())
        return next((a for a in ALLOWED
                     if a.user in ("*", self.user) and a.library == self.library
                     and whats & set(a.what.split())), None)


def scan(tree, rel):
    """Uses of other libraries in one source, and the problems seen on the
    way (rules 3 and 4)."""
    uses, problems = [], []
    comp = component(rel)
    raw = read(tree.root, rel).splitlines()
    stripped = strip_c(read(tree.root, rel)).splitlines()
    file_guard = set().union(*(need for pattern, need in tree.cond_srcs.items()
                               if fnmatch.fnmatch(os.path.normpath(rel), pattern)))
    stack = []  # per open #if: the LIB_* symbols it requires
    for n, line in enumerate(stripped, 1):
        where = f"{rel}:{n}"
        d = DIRECTIVE.match(line)
        if d:
            word, rest = d.group(1), d.group(2)
            if word in ("if", "ifdef", "elif"):
                need = {m.group(2) for m in CONFIG_LIB.finditer(rest) if not m.group(1)}
                if word == "elif":
                    stack[-1:] = [need]
                else:
                    stack.append(need)
                continue
            if word == "ifndef":
                stack.append(set())
                continue
            if word == "else":
                stack[-1:] = [set()]
                continue
            if word == "endif":
                stack[-1:] = []
                continue
        guards = set().union(*stack) if stack else set()
        guards |= file_guard
        m = INCLUDE.match(raw[n - 1]) if n <= len(raw) else None
        if m and d and d.group(1) == "include":
            kind, path = m.group(1), m.group(2)
            if kind == '"':
                target = os.path.normpath(os.path.join(os.path.dirname(rel), path))
                if ".." in path.split("/") and component(target) != comp:
                    problems.append(f"{where}: #include \"{path}\" reaches into {target}: use "
                                    "its <ts/...> header (rule 4)")
                continue
            owners = tree.providers.get(path, set())
            if not owners or comp in owners:
                continue
            if comp not in LAYERS and owners <= set(LAYERS):
                if not (path.startswith("ts/arch/") or path in tree.plat_interface):
                    problems.append(
                        f"{where}: #include <{path}>, a header of {'/'.join(sorted(owners))}: a "
                        "library reaches the layers below only through <ts/arch/*.h> and "
                        "plat/include's <ts/plat/*.h> (rule 3)")
                continue
            for lib in owners - set(LAYERS):
                uses.append(Use(where, comp, lib, path, guards))
            continue
        for sym in SYMBOL.findall(line):
            lib = tree.exports.get(sym)
            if lib and lib != comp:
                uses.append(Use(where, comp, lib, sym, guards))
    return uses, problems


def describe(use):
    return f"<{use.what}>" if use.what.startswith("ts/") else use.what + "()"


def find_cycle(edges):
    """One cycle of the graph {node: {node: evidence}} as a node list, or None."""
    state, path = {}, []

    def visit(node):
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, {})):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def layering_problems(root):
    tree = Tree(root)
    problems, uses = [], []
    for rel in tree.sources:
        u, p = scan(tree, rel)
        uses += u
        problems += p
    for rel in tree.makefiles:
        comp = component(rel)
        for n, line in enumerate(read(root, rel).splitlines(), 1):
            for m in DIR_VAR.finditer(line):
                other = m.group(1).lower()
                if other in tree.lib_symbol and other != comp:
                    problems.append(f"{rel}:{n}: $(LIB{m.group(1)}_DIR): a library's files are "
                                    "its own; use its <ts/...> headers (rule 4)")
    # Edges: uses (a use that breaks rule 2 is still a use: it is in the
    # graph too), then declared dependencies. An edge's evidence is its
    # first use, else its declaration.
    edges = collections.defaultdict(dict)
    for use in uses:
        if use.allowed(tree):
            continue
        sym = tree.lib_symbol.get(use.library, "LIB_?")
        if use.user in LAYERS:
            if sym not in tree.deps.get(use.user, ()):
                problems.append(
                    f"{use.where}: {use.user} uses lib/{use.library}'s {describe(use)}: a layer "
                    "below the libraries uses one only where its Config.uk selects it or where "
                    "ALLOWED in tests/build/test_layering.py lists the use with its "
                    "reason (rule 5)")
            continue
        edges[use.user].setdefault(use.library, f"{use.where} uses {describe(use)}")
        if sym not in tree.deps.get(use.user, ()) and sym not in use.guards:
            problems.append(
                f"{use.where}: uses lib/{use.library}'s {describe(use)}, but lib/{use.user}"
                f"/Config.uk neither selects nor depends on {sym}, and the use is not under "
                f"#if(def) CONFIG_{sym} nor in a source compiled only with it (rule 2)")
    for comp, syms in tree.deps.items():
        for sym in syms:
            lib = tree.symbol_lib.get(sym)
            if lib and lib != comp and comp not in LAYERS:
                edges[comp].setdefault(lib, f"{os.path.join('lib', comp)}/Config.uk "
                                            f"declares {sym}")
    cycle = find_cycle(edges)
    if cycle:
        path = " -> ".join(cycle)
        evidence = "\n    ".join(edges[a][b] for a, b in zip(cycle, cycle[1:]))
        problems.append(f"libraries depend on each other in a cycle {path} (rule 6):\n    {evidence}")
    return problems


def test_layering_no_arch_or_platform_ifdef_outside_arch_plat_drivers():
    bad = []
    for top in ("lib", "ports", "apps", os.path.join("tests", "image", "apps"), "bench"):
        for rel in walk(ROOT, top):
            if not rel.endswith(SOURCE_EXT):
                continue
            for n, line in enumerate(read(ROOT, rel).splitlines(), 1):
                if ARCH_TEST.search(line):
                    bad.append(f"{rel}:{n}: {line.strip()}")
    check(not bad, "architecture/platform tests outside arch/, plat/, drivers/ (rule 1):\n  "
          + "\n  ".join(bad))


def test_layering_libraries_use_each_other_through_declared_dependencies():
    problems = layering_problems(ROOT)
    check(not problems, "layering (tests/build/test_layering.py, doc/architecture.md):\n  "
          + "\n  ".join(problems))


def test_layering_allowed_list_is_used():
    """An exception nobody needs any more goes from the list."""
    tree = Tree(ROOT)
    seen = set()
    for rel in tree.sources:
        for use in scan(tree, rel)[0]:
            a = use.allowed(tree)
            if a:
                seen.add(a)
    stale = [a for a in ALLOWED if a not in seen]
    check(not stale, "ALLOWED lists uses no source makes: "
          + "; ".join(f"{a.user} -> lib/{a.library} {a.what}" for a in stale))


def test_layering_allowed_list_is_documented():
    """doc/architecture.md's table of exceptions names each entry."""
    doc = read(ROOT, os.path.join("doc", "architecture.md"))
    missing = [a for a in ALLOWED if a.what.split()[0] not in doc]
    check(not missing, "doc/architecture.md (Layering) does not mention: "
          + "; ".join(f"{a.user} -> lib/{a.library} {a.what}" for a in missing))


def test_layering_design_is_cited_in_the_tree():
    """The design is doc/architecture.md, and the facts a comment relies on
    are in doc/: nothing cites a document outside the repository (the
    workplace's design card or its notes)."""
    outside = ("DESIGN" + ".md", "shared" + "/notes")

    def cites(rel):
        return [f"{rel}:{n}" for n, line in enumerate(read(ROOT, rel).splitlines(), 1)
                if any(o in line for o in outside)]
    bad = []
    for top in os.listdir(ROOT):
        if top in (".git", "build") or not os.path.isdir(os.path.join(ROOT, top)):
            if top.endswith(".md"):
                bad += cites(top)
            continue
        for rel in walk(ROOT, top):
            name = os.path.basename(rel)
            if name.endswith((".c", ".h", ".S", ".py", ".md", ".mk", ".uk", ".sh", ".lds")) \
                    or name in ("Makefile", "run") or rel.startswith("support/scripts/"):
                bad += cites(rel)
    check(not bad, f"cites {' or '.join(outside)}, which are not in the repository (cite "
                   f"doc/architecture.md or another page of doc/ instead): {', '.join(bad)}")


# ---- the checker itself, on a copy of the tree with one fault at a time ----

def tree_copy(name):
    dst = os.path.join(BUILD, "layering", name)
    shutil.rmtree(dst, ignore_errors=True)
    for top in ("lib",) + LAYERS:
        shutil.copytree(os.path.join(ROOT, top), os.path.join(dst, top),
                        ignore=shutil.ignore_patterns("build", "__pycache__"))
    return dst


def edit(root, rel, old, new):
    path = os.path.join(root, rel)
    with open(path) as f:
        text = f.read()
    check(old in text, f"fixture: {old!r} not in {rel}")
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def line_of(root, rel, needle):
    for n, line in enumerate(read(root, rel).splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle} not in {rel}")


def expect_problem(root, *words):
    problems = layering_problems(root)
    check(any(all(w in p for w in words) for p in problems),
          f"expected a problem naming {words}; got:\n  " + ("\n  ".join(problems) or "none"))
    return problems


def test_layering_checker_sees_an_undeclared_include_and_call():
    root = tree_copy("undeclared")
    edit(root, "lib/time/timer.c", "#include <ts/time.h>",
         "#include <ts/time.h>\n#include <ts/sched.h>")
    n = line_of(root, "lib/time/timer.c", "<ts/sched.h>")
    expect_problem(root, f"lib/time/timer.c:{n}", "<ts/sched.h>", "LIB_SCHED", "rule 2")
    # The same include under #ifdef CONFIG_LIB_SCHED is a conditional use...
    edit(root, "lib/time/timer.c", "#include <ts/sched.h>",
         "#ifdef CONFIG_LIB_SCHED\n#include <ts/sched.h>\n#endif")
    problems = layering_problems(root)
    check(not any("rule 2" in p for p in problems), "\n".join(problems))
    # ...and it makes time -> sched -> time a cycle.
    expect_problem(root, "cycle", "time -> sched", "rule 6")


def test_layering_checker_sees_the_old_boot_debug_cycle():
    """What lib/debug did before lib/core: lib/boot's header for its
    parameter, under a select (the cycle, not the missing select)."""
    root = tree_copy("cycle")
    edit(root, "lib/debug/log_param.c", "#include <ts/param.h>", "#include <ts/boot.h>")
    edit(root, "lib/debug/Config.uk", "\tselect LIB_CORE\n", "\tselect LIB_CORE\n\tselect LIB_BOOT\n")
    problems = expect_problem(root, "cycle", "boot -> debug", "rule 6",
                              "lib/debug/log_param.c:"
                              f"{line_of(root, 'lib/debug/log_param.c', '<ts/boot.h>')} "
                              "uses <ts/boot.h>")
    check(not any("rule 2" in p for p in problems), "\n".join(problems))


def test_layering_checker_sees_a_call_without_its_header():
    root = tree_copy("call")
    edit(root, "lib/alloc/stats.c", "\n}\n", "\n}\nvoid f(void) { ts_thread_yield(); }\n")
    n = line_of(root, "lib/alloc/stats.c", "ts_thread_yield")
    expect_problem(root, f"lib/alloc/stats.c:{n}", "ts_thread_yield()", "rule 2")


def test_layering_checker_tells_members_from_calls():
    """A member named like another library's function (lib/netdev's
    ts_netbuf.free, called nb->free(nb)) is no use of that library; the
    function itself still is."""
    root = tree_copy("member")
    edit(root, "lib/time/timer.c", "\n}\n",
         "\n}\nstruct m { void (*free)(void *); };\n"
         "void f(struct m *p, struct m s) { p->free(p); s.free(p); }\n")
    problems = layering_problems(root)
    check(not any("free()" in p for p in problems), "\n".join(problems))
    edit(root, "lib/time/timer.c", "s.free(p); }", "s.free(p); free(p); }")
    n = line_of(root, "lib/time/timer.c", "free(p); }")
    expect_problem(root, f"lib/time/timer.c:{n}", "free()", "rule 2")


def test_layering_checker_sees_a_path_into_another_library():
    root = tree_copy("path")
    edit(root, "lib/time/timer.c", "#include <ts/time.h>",
         "#include <ts/time.h>\n#include \"../debug/debug_internal.h\"")
    n = line_of(root, "lib/time/timer.c", "debug_internal.h")
    expect_problem(root, f"lib/time/timer.c:{n}", "../debug/debug_internal.h", "rule 4")


def test_layering_checker_sees_a_driver_header_in_a_library():
    root = tree_copy("driver")
    edit(root, "lib/time/timer.c", "#include <ts/time.h>",
         "#include <ts/time.h>\n#include <ts/uart/pl011.h>")
    expect_problem(root, "lib/time/timer.c", "<ts/uart/pl011.h>", "rule 3")


def test_layering_checker_sees_an_unlisted_upward_call():
    root = tree_copy("upward")
    rel = next(r for r in walk(root, "arch") if r.endswith("irq.c"))
    with open(os.path.join(root, rel), "a") as f:
        f.write("\nvoid f(void) { ts_panic(\"x\"); }\n")
    n = len(read(root, rel).splitlines())
    expect_problem(root, f"{rel}:{n}", "ts_panic()", "ALLOWED", "rule 5")
