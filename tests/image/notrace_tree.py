"""A copy of the tree with tracing taken out entirely: no lib/trace, no
<ts/trace.h> includes, no TS_TRACEPOINT declarations, no trace calls.
cases_trace.py builds an image from it to prove that an image with
CONFIG_LIB_TRACE off is the image of a tree that never had tracing.
Removed text becomes as many newlines (and a lone ';' for a call, which
may be the body of an if), so __LINE__ stays the same everywhere."""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
import srctree  # noqa: E402

RULES = [
    re.compile(r"^#include <ts/trace\.h>$", re.M),
    re.compile(r"^TS_TRACEPOINT\(.*?\);$", re.M | re.S),
    re.compile(r"^[ \t]*[a-z0-9_]+ \w+ = ts_trace_ticks\(\);$", re.M),
]
# Statements: tracepoints and the calls that are void.
CALL = re.compile(r"\b(?:trace_[a-z0-9_]+|ts_trace_set_tid|ts_trace_panic_dump)"
                  r"\([^;]*?\);", re.S)
# Other lib/trace calls in expressions (ts_trace_enable, ts_trace_count).
VALUE = re.compile(r"\bts_trace_[a-z0-9_]+\([^()]*\)")


def _blank(m):
    return "\n" * m.group(0).count("\n")


def strip_source(text):
    for rx in RULES:
        text = rx.sub(_blank, text)
    text = CALL.sub(lambda m: ";" + _blank(m), text)
    return VALUE.sub(lambda m: "0" + _blank(m), text)


def make(root, dest, strip=True, exclude=()):
    """Copy root's source files (tests/lib/srctree.py: no build outputs,
    no version control needed) to dest, without tracing (strip False: a
    plain copy; exclude: folder prefixes left out)."""
    files = srctree.files(root)
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    for f in files:
        if (strip and f.startswith("lib/trace/")) or any(f.startswith(e) for e in exclude):
            continue
        src, dst = os.path.join(root, f), os.path.join(dest, f)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if strip and f.endswith(".c") and f.split("/")[0] in ("lib", "arch", "plat", "drivers"):
            with open(src) as fi:
                text = fi.read()
            with open(dst, "w") as fo:
                fo.write(strip_source(text))
            shutil.copymode(src, dst)
        else:
            shutil.copy(src, dst)     # new times: no stale objects
    if strip:
        # What is left may have unused parameters and empty if bodies
        # (warnings only; the generated code is what gets compared).
        with open(os.path.join(dest, "support", "build", "image.mk"), "a") as f:
            f.write("\nTS_CFLAGS += -Wno-error\n")
    return dest
