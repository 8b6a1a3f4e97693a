"""The musl test suite (tests/image/apps/musltest) in images on every
target: one boot runs every test but the end.* ones, each of which
leaves the program and boots alone (exit: atexit order, stdio flushed at
exit, the status; abort: the crash report naming SIGABRT). The test
names come from the suite's own list (musltest.h), so a test added there
is expected here without a second list to keep. tests/build/
test_musltest_host.py runs the same program on the host with these
expectations."""
import os
import re

from cases import Case, End, TARGETS

MUSLTEST = "tests/image/apps/musltest"
HEADER = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                      "tests", "image", "apps", "musltest", "musltest.h")


def test_names():
    """suite.name of every T(suite, name) in MT_ALL_TESTS, in run order."""
    with open(HEADER) as f:
        text = f.read()
    names = [f"{s}.{n}" for s, n in re.findall(r"^\s*T\((\w+), (\w+)\)", text, re.M)]
    if not names:
        raise ValueError(f"{HEADER}: no T(suite, name) lines")
    return names


TESTS = [t for t in test_names() if not t.startswith("end.")]
# Needs lib/alloc's statistics (<ts/alloc.h>): skipped on the host.
HOST_SKIPS = {"malloc.heap_statistics"}


def results(skipped=()):
    lines = [fr"^test: {'SKIP' if t in skipped else 'PASS'} {re.escape(t)}$" for t in TESTS]
    return lines + [fr"^test: {len(TESTS) - len(skipped)} passed, 0 failed, "
                    fr"{len(skipped)} skipped$"]


ALL_PASS = results()
HOST_PASS = results(HOST_SKIPS)

# What stdio.fully_buffered_output_comes_after_fflush prints, in order.
ORDER = [r"^musltest: order 1 \(stdout, line buffered\)$",
         r"^musltest: order 2 \(fully buffered, flushed second\)$"]

EXIT_LINES = [r"^musltest: calling exit\(3\)$",
              r"^musltest: atexit 3 of 3 \(registered last, runs first\)$",
              r"^musltest: atexit 2 of 3$"]
# Left in stdio buffers when exit was called: exit must flush them
# (the tail has no newline; the other stream's line may come first).
FLUSHED_AT_EXIT = ["musltest: fully buffered, written before exit\n",
                   "musltest: atexit 1 of 3, leaving a line without a newline: unflushed tail"]


def flushed_at_exit(r):
    for text in FLUSHED_AT_EXIT:
        if text not in r.output:
            raise AssertionError(f"not flushed at exit: {text!r}")


def enosys_named_once(r):
    """error.missing_call_is_enosys calls nfsservctl three times; the
    console names it once."""
    lines = [ln for ln in r.output.splitlines() if "'nfsservctl'" in ln]
    if len(lines) != 1:
        raise AssertionError(f"'nfsservctl' named {len(lines)} times, not once: {lines}")


def frame(function):
    """A backtrace line of lib/debug's report: '    #1 0x... main+0x18'."""
    return fr"^    #\d+ 0x[0-9a-f]{{16}} {function}\+0x[0-9a-f]+$"


CASES = [
    # Every test; the sleeps of time.* take about 2.6 s of guest time.
    Case("musl-suite", MUSLTEST, targets=TARGETS, timeout=120,
         expect=ALL_PASS, absent=[r"^test: FAIL"], verify=enosys_named_once),
    Case("musl-suite-stdio-order", MUSLTEST, args="stdio.*", targets=TARGETS,
         expect=ORDER + [r"^test: \d+ passed, 0 failed, 0 skipped$"]),
    Case("musl-suite-exit", MUSLTEST, args="end.exit", targets=TARGETS, status=3,
         expect=EXIT_LINES, verify=flushed_at_exit),
    # A __thread variable aligned to 256 bytes (Linux and musl take any
    # power of two): every tls.* test again, with the whole TLS template
    # carrying that alignment.
    Case("musl-suite-tls-align256", MUSLTEST, args="tls.*", targets=TARGETS[:2] + ["xen-arm64"],
         config=["CONFIG_APP_MUSLTEST_TLS_ALIGN_256=y"],
         expect=[r"^test: 4 passed, 0 failed, 0 skipped$"]),
    Case("musl-suite-abort", MUSLTEST, args="end.abort", targets=TARGETS, end=End.CRASHED,
         expect=[r"^musltest: calling abort\(\)$",
                 r"^\*\*\* PANIC: signal SIGABRT \(6\) for thread \d+",
                 frame("abort"), frame("mt_end_abort"), r"^\*\*\* end of report$"]),
]
