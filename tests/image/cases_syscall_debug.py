"""lib/syscall's debugging aids in images: syscall.trace=1 decodes the
arguments of real calls (strings, flags, bad pointers as addresses) and
names the thread; the tracepoints syscall_entry/syscall_exit put every
call in the trace, where the timeline (Chrome JSON for Perfetto, the SVG)
shows it as a slice named after the call on its thread's track; the
dispatcher's cost against a function call (printed, for
doc/performance.md)."""
import os
import sys

from cases import Case

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
import tstest  # noqa: E402

sys.path.insert(0, os.path.join(tstest.ROOT, "support", "scripts"))
import tstrace  # noqa: E402
import tstrace_timeline  # noqa: E402

SELFTEST = "tests/image/apps/selftest"
SYSCALL = ["CONFIG_LIB_SYSCALL=y", "CONFIG_LIB_SCHED=y"]
TRACED = SYSCALL + ["CONFIG_LIB_TRACE=y"]
WHO = r"^syscall: \[\d+ main\] "


def calls_in_the_timeline(target):
    """The dump at exit decodes to an entry and an exit per call, and
    each call is a slice named after it on the track of main's calls in
    the JSON, and on main's track in the SVG."""
    def verify(r):
        _, image, _ = tstest.build_case(SELFTEST, target, TRACED)
        ev = tstrace.decode_serial(tstrace.load_meta(image + ".dbg"), r.output)
        if ev.truncated or ev.warnings:
            raise AssertionError(f"decoder: {ev.truncated} {ev.warnings}")
        texts = [(e.name, e.text) for e in ev if e.name.startswith("syscall_")]
        for name, start in (("syscall_entry", "write(0x1, "),
                            ("syscall_exit", "write = 17"),
                            ("syscall_entry", "openat(0xffffffffffffff9c, "),
                            ("syscall_entry", "mmap(0x0, 0x0, 0x3, 0x22)"),
                            ("syscall_exit", "write = -14")):
            if not any(n == name and t.startswith(start) for n, t in texts):
                raise AssertionError(f"no {name} '{start}...' in {texts}")
        chrome = tstrace.to_chrome(ev)
        problem = tstest.chrome_trace_problem(chrome)
        if problem:
            raise AssertionError("JSON: " + problem)
        tracks = {e["tid"]: e["args"]["name"] for e in chrome["traceEvents"]
                  if e["name"] == "thread_name"}
        calls = [(tracks.get(e["tid"]), e["name"]) for e in chrome["traceEvents"]
                 if e["ph"] == "X"]
        for want in ("write", "openat", "mmap"):
            if ("main calls", want) not in calls:
                raise AssertionError(f"no slice {want} on the track of main's calls: {calls}")
        bars = {s[2] for s in tstrace_timeline.slices(ev) if s[1] == 1}
        if not {"write", "openat", "mmap"} <= bars:
            raise AssertionError(f"SVG slices: {sorted(bars)}")
    return verify


CASES = [
    Case("syscall-trace-decoded", SELFTEST, args="sysdebug.traced_calls",
         kargs="syscall.trace=1", config=SYSCALL, targets=["kvm-x86_64", "virt-arm64"],
         expect=[WHO + r'write\(1, "sysdebug: traced\\n", 17\) = 17$',
                 WHO + r'openat\(AT_FDCWD, "/nonexistent", O_RDONLY\|O_CLOEXEC, 0\)'
                       r" = -1 E[A-Z]+$",
                 WHO + r"mmap\(NULL, 0, PROT_READ\|PROT_WRITE, MAP_PRIVATE\|MAP_ANONYMOUS,"
                       r" -1, 0\) = -1 EINVAL$",
                 WHO + r"write\(1, 0x7ff000000000, 4\) = -1 EFAULT$",
                 r"^test: 1 passed, 0 failed"]),
    Case("syscall-tracepoints", SELFTEST, args="sysdebug.traced_calls",
         kargs="trace.dump=exit trace.on=syscall_*,sched_*", config=TRACED,
         targets=["kvm-x86_64"], expect=[r"^test: 1 passed, 0 failed"],
         absent=[r"^syscall: \["], verify=calls_in_the_timeline("kvm-x86_64")),
    Case("syscall-dispatch-cost", SELFTEST, args="sysdebug.dispatch_cost",
         config=SYSCALL, targets=["kvm-x86_64", "virt-arm64"], alone=True,
         expect=[r"^syscall-bench: per 100 calls: function \d+, getpid \d+, missing \d+",
                 r"^test: 1 passed, 0 failed"]),
]
