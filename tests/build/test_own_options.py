"""One feature, one folder (doc/build.md, "The library contract"): a
library's Makefile.uk chooses its sources by its own options only. What it
needs from another library is a `select`/`depends on` in its Config.uk, or
an option of its own there whose default follows the other one
(`def_bool LIB_SCHED`); the Makefile.uk then reads that option. The target's
choices in the root Config.uk (CONFIG_ARCH_X86_64, CONFIG_PLAT_NAME, ...) and
the build options are no library's and may be read anywhere."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, check  # noqa: E402

TOPS = ("arch", "plat", "drivers", "lib", "ports", "apps", "bench",
        os.path.join("tests", "image", "apps"))
DEFINES = re.compile(r"^\s*(?:menu)?config\s+([A-Za-z0-9_]+)", re.M)
MENTION = re.compile(r"CONFIG_([A-Za-z0-9_]+)")


def folders_with(name):
    for top in TOPS:
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs[:] = [d for d in dirs if d != "build" and not d.startswith(".")]
            if name in files:
                yield folder


def owners():
    """Each Kconfig symbol a library folder defines, and that folder."""
    owner = {}
    for folder in folders_with("Config.uk"):
        with open(os.path.join(folder, "Config.uk")) as f:
            for sym in DEFINES.findall(f.read()):
                owner.setdefault(sym, folder)
    return owner


def uncommented(line):
    """The line up to a make comment ('#' not escaped as '\\#')."""
    m = re.search(r"(?<!\\)#", line)
    return line[:m.start()] if m else line


def foreign_options():
    owner = owners()
    bad = []
    for folder in folders_with("Makefile.uk"):
        path = os.path.join(folder, "Makefile.uk")
        with open(path) as f:
            for n, line in enumerate(f, 1):
                for sym in MENTION.findall(uncommented(line)):
                    home = owner.get(sym)
                    if home is not None and home != folder:
                        bad.append(f"{os.path.relpath(path, ROOT)}:{n}: CONFIG_{sym} is "
                                   f"{os.path.relpath(home, ROOT)}'s option")
    return bad


def test_makefile_uk_reads_only_its_own_options():
    bad = foreign_options()
    check(not bad, "a Makefile.uk chooses sources by another library's option "
          "(give the library an option of its own in its Config.uk, e.g. "
          "`def_bool LIB_X` or `depends on LIB_X`, and read that):\n  "
          + "\n  ".join(bad))


def test_the_check_sees_a_foreign_option():
    """The check itself: every library's own symbol is known to it, and a
    mention of one in another folder would be caught."""
    owner = owners()
    for sym in ("LIB_GDBSTUB", "LIB_TEST", "LIB_SCHED", "PLAT_COMMON",
                "ARCH_ARM64_NR_IRQS"):
        check(sym in owner, f"the check does not know {sym}'s folder")
    check("ARCH_X86_64" not in owner and "PLAT_NAME" not in owner,
          "the target's choices (root Config.uk) are nobody's library options")
