"""One list of sources: the host builds (the unit tests, the fuzzers, the
native benchmarks) name libraries, and support/build/host.mk takes each
library's sources from its own Makefile.uk under the program's options,
as the image build does. No host Makefile keeps a list of a library's
files of its own, which would drift from the Makefile.uk."""
import glob
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, check, make  # noqa: E402

UNIT = os.path.join(ROOT, "tests", "unit")


def host_makefiles():
    return ([os.path.join(ROOT, "tests", "unit", "Makefile"),
             os.path.join(ROOT, "tests", "fuzz", "Makefile")]
            + sorted(glob.glob(os.path.join(ROOT, "bench", "*-native", "Makefile")))
            + sorted(glob.glob(os.path.join(ROOT, "support", "build", "host*.mk"))))


def library_dirs():
    found = []
    for pattern in ("arch/*", "plat/*", "drivers/*", "drivers/*/*", "lib/*"):
        for d in glob.glob(os.path.join(ROOT, pattern, "Makefile.uk")):
            found.append(os.path.relpath(os.path.dirname(d), ROOT))
    return found


def test_host_sources_none_listed_outside_makefile_uk():
    # A library's file named by path (lib/alloc/tlsf.c, $(ROOT)/lib/x/*.c)
    # or through $(addprefix lib/alloc/,...), outside comments.
    pats = []
    for d in library_dirs():
        e = re.escape(d)
        pats.append(re.compile(r"(?<![\w/.-])" + e + r"/[\w/*.-]*\.(?:c|S)\b"))
        pats.append(re.compile(r"addprefix\s+(?:\$\((?:TS_)?ROOT\)/)?" + e + r"/,"))
    bad = []
    for path in host_makefiles():
        with open(path) as f:
            for n, line in enumerate(f, 1):
                code = line.split("#", 1)[0]
                if any(p.search(code) for p in pats):
                    bad.append(f"{os.path.relpath(path, ROOT)}:{n}: {line.strip()}")
    check(not bad, "host Makefiles list a library's files (name the library in "
          "NAME_LIBS; exceptions go in its Makefile.uk):\n  " + "\n  ".join(bad))


def host_variable(name):
    """A variable of tests/unit/Makefile after host.mk read the libraries."""
    with tempfile.TemporaryDirectory() as odir:
        p = make(UNIT, "ts-print", odir=odir, extra=[
            "--eval", f"ts-print: ; @echo '$({name})'"])
    return p.stdout.split()


def test_host_sources_follow_makefile_uk_and_options():
    region = host_variable("test_alloc_region_alloc_SRCS")
    tlsf = host_variable("test_alloc_tlsf_alloc_SRCS")
    debug = host_variable("test_alloc_debug_alloc_SRCS")
    check("region.c" in region and "tlsf.c" not in region,
          f"test_alloc_region (LIB_ALLOC_REGION) builds {region}")
    check("tlsf.c" in tlsf and "region.c" not in tlsf and "debug.c" not in tlsf,
          f"test_alloc_tlsf (LIB_ALLOC_TLSF) builds {tlsf}")
    check("debug.c" in debug, f"test_alloc_debug (LIB_ALLOC_DEBUG) builds {debug}")
    # lib/debug's Makefile.uk leaves out what reads the CPU's registers.
    libdebug = host_variable("test_alloc_tlsf_debug_SRCS")
    check("log.c" in libdebug and "panic.c" not in libdebug,
          f"lib/debug on the host: {libdebug} (LIBDEBUG_HOST_EXCLUDE not applied?)")


def test_host_sources_library_file_as_own_refused():
    with tempfile.TemporaryDirectory() as odir:
        p = make(UNIT, "all", odir=odir, check_rc=False,
                 extra=["-n", "test_printf_SRCS=lib/nolibc/string.c"])
    check(p.returncode != 0 and "a library's file" in p.stderr,
          f"a library's file in NAME_SRCS was accepted (rc {p.returncode}):\n{p.stderr[-1500:]}")


def test_host_sources_unknown_library_refused():
    with tempfile.TemporaryDirectory() as odir:
        p = make(UNIT, "all", odir=odir, check_rc=False,
                 extra=["-n", "test_printf_LIBS=nolibcc"])
    check(p.returncode != 0 and "nolibcc" in p.stderr and "no Makefile.uk" in p.stderr,
          f"an unknown library in NAME_LIBS was accepted (rc {p.returncode}):\n"
          f"{p.stderr[-1500:]}")

