"""lib/debug: the panic/fault report on every target (backtraces naming
the right functions in the right order, assertion values, a corrupt
frame chain ending cleanly, the thread), frames without a symbol table,
and log levels with the kernel parameter debug.level."""
from cases import Case, End

DEBUGCHECK = "tests/image/apps/debugcheck"
SCHED = ["CONFIG_LIB_SCHED=y"]
END = r"^\*\*\* end of report$"


def frame(n, function):
    """One backtrace line: '    #1 0x... panic_level2+0x18'."""
    return fr"^    #{n} 0x[0-9a-f]{{16}} {function}\+0x[0-9a-f]+$"


PANIC_CHAIN = [frame(0, "panic_level3"), frame(1, "panic_level2"),
               frame(2, "panic_level1"), frame(3, "main")]

CASES = [
    Case("debug-panic-backtrace", DEBUGCHECK, args="panic", end=End.CRASHED,
         expect=[r"^\*\*\* PANIC: level3 gives up after 3 levels$",
                 r"^    no thread \(boot context\)$", r"^    backtrace:$"]
         + PANIC_CHAIN + [END]),
    Case("debug-fault-backtrace", DEBUGCHECK, args="null", end=End.CRASHED,
         expect=[r"^\*\*\* CPU exception: ", r"NULL pointer dereference",
                 r"^    backtrace:$", frame(0, "crash_level3"),
                 frame(1, "crash_level2"), frame(2, "crash_level1"),
                 frame(3, "main"), END]),
    Case("debug-fault-in-leaf", DEBUGCHECK, args="leaf", end=End.CRASHED,
         expect=[r"^\*\*\* CPU exception: ", r"NULL pointer dereference",
                 r"^    backtrace:$", frame(0, "crash_leaf"),
                 frame(1, "leaf_caller"), frame(2, "main"), END]),
    Case("debug-assert-values", DEBUGCHECK, args="assert", end=End.CRASHED,
         expect=[r"^\*\*\* PANIC: assertion failed: count \+ 1 == 5 "
                 r"\(4 == 5\), at tests/image/apps/debugcheck/main\.c:\d+ "
                 r"in assert_level2\(\)$",
                 # gcc may move the failing branch to assert_level2.cold
                 frame(0, r"assert_level2(\.cold)?"),
                 frame(1, "assert_level1"), frame(2, "main"), END]),
    Case("debug-garbage-frames", DEBUGCHECK, args="garbage", end=End.CRASHED,
         expect=[r"^\*\*\* PANIC: frame chain corrupted on purpose$",
                 frame(0, "garbage_level3"), frame(1, "garbage_level2"),
                 frame(2, "garbage_level1"),
                 r"^    \(frame pointer 0x[0-9a-f]+ outside the stack: "
                 r"stopping\)$", END],
         absent=[r"^    #3 "]),
    Case("debug-panic-names-thread", DEBUGCHECK, args="panic", config=SCHED,
         end=End.CRASHED,
         expect=[r"^\*\*\* PANIC: level3 gives up",
                 r"^    thread main, stack 0x[0-9a-f]+-0x[0-9a-f]+$"]
         + PANIC_CHAIN + [END]),
    Case("debug-no-symbols", DEBUGCHECK, args="panic", end=End.CRASHED,
         config=["# CONFIG_LIB_DEBUG_SYMBOLS is not set"],
         expect=[r"^\*\*\* PANIC: level3 gives up",
                 r"^    backtrace \(no symbol table in this image: "
                 r"addr2line -fe <image>\.dbg <address>\):$",
                 r"^    #0 0x[0-9a-f]{16}$", r"^    #3 0x[0-9a-f]{16}$", END],
         absent=[r"panic_level\d\+"]),
    # Levels: info by default; per library and for all on the command
    # line; bad values warn and change nothing else.
    Case("debug-log-default", DEBUGCHECK, args="log",
         expect=[r"^debugcheck: an error message$", r"^debugcheck: a warning$",
                 r"^debugcheck: some information$", r"^log done$"],
         absent=[r"a debug message", r"^boot: init "]),
    Case("debug-log-library-debug", DEBUGCHECK, args="log",
         kargs="debug.level=debugcheck:debug",
         expect=[r"^debugcheck: some information$",
                 r"^debugcheck: a debug message \(level 4\)$", r"^log done$"],
         absent=[r"^boot: init "]),
    Case("debug-log-errors-only", DEBUGCHECK, args="log",
         kargs="debug.level=err",
         expect=[r"^debugcheck: an error message$", r"^log done$"],
         absent=[r"a warning", r"some information", r"a debug message"]),
    Case("debug-log-boot-steps", DEBUGCHECK, args="log", config=SCHED,
         kargs="debug.level=boot:debug,debugcheck:warn",
         expect=[r"^boot: init \w+$", r"^boot: init \w+$",
                 r"^debugcheck: a warning$", r"^log done$"],
         absent=[r"some information", r"a debug message"]),
    Case("debug-log-bad-level", DEBUGCHECK, args="log",
         kargs="debug.level=nosuch:debug,debugcheck:loud,:warn",
         expect=[r"^debug: debug\.level: unknown library 'nosuch' ignored "
                 r"\(this image has: .*\bdebugcheck\b",
                 r"^debug: debug\.level: unknown level 'loud' ignored",
                 r"^debug: debug\.level: missing library name before "
                 r"':warn' ignored$",
                 r"^debugcheck: some information$", r"^log done$"],
         absent=[r"a debug message"]),
    # A word from the command line is shown printable: an escape byte in
    # it must not reach the terminal.
    Case("debug-log-bad-level-printable", DEBUGCHECK, args="log",
         kargs="debug.level=de\x1bbug,no\x7fsuch:warn",
         targets=["kvm-x86_64", "virt-arm64", "xen-arm64"],
         expect=[r"^debug: debug\.level: unknown level 'de\\x1bbug' ignored",
                 r"^debug: debug\.level: unknown library 'no\\x7fsuch' ignored",
                 r"^log done$"],
         absent=[r"[\x00-\x08\x0b-\x1f\x7f]"]),
]

# Under Xen: the report names the functions and the thread on xen-arm64
# too (a domain of the real Xen, dom0less), although this case names its
# targets.
for _case in CASES:
    if _case.name == "debug-panic-names-thread" and "xen-arm64" not in _case.targets:
        _case.targets.append("xen-arm64")
