"""The image-test table: (app, config) x targets, booted in QEMU. A case
is a Case (the dataclass below: its fields say what each is); more tables,
one per subsystem, are in cases_<name>.py beside this file."""
import os
import re
import sys
from dataclasses import KW_ONLY, dataclass, field
from collections.abc import Callable

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import tsqemu  # noqa: E402
from tsqemu import Boot, End  # noqa: E402  (for the tables: end=End.CRASHED, boot=Boot.PVH)

# New targets go at the end: tables slice this list (TARGETS[:2] is
# kvm-x86_64 and virt-arm64).
# xen-arm64: the image under the real Xen 4.17 (dom0less, inside QEMU
# virt; support/scripts/tsxen.py). Every case on the whole list runs
# there; the ones that name their targets leave it out where they need
# what a Xen domU has not: virtio devices (9p, net, redis, nginx,
# sockets over lwIP, sqlite's share), QEMU virt's board (GICv2, EL2
# entry, the PL031, a second UART for the GDB stub: see
# cases_gdbstub_arm64.py, xendebug's part).
# xen-x86_64: QEMU's PVH loader; which cases run there is decided at the
# end of this file (XEN_X86_TABLES).
TARGETS = ["kvm-x86_64", "virt-arm64", "raspi3b", "raspi4b", "xen-arm64", "xen-x86_64"]
RASPI = ["raspi3b", "raspi4b"]
# Targets a case may name although not every case runs there (tables
# list their cases for them by name): xen-arm64 runs the panic report and
# trace cases (cases_debug.py, cases_trace.py).
NAMED_TARGETS = ["xen-arm64"]
BOOTCHECK = "tests/image/apps/bootcheck"
GUESTERROR = "tests/image/apps/guesterror"
SELFTEST = "tests/image/apps/selftest"


@dataclass
class Case:
    """One image test: app (its folder) built with config lines added to
    each target's defconfig, booted with args (the app's arguments) and
    kargs (kernel parameters), judged by its serial output and its end."""
    name: str
    app: str
    _: KW_ONLY
    args: str = ""
    kargs: str = ""
    # Lines added to the target's defconfig ("CONFIG_X=y", "# CONFIG_Y is not set").
    config: list[str] = field(default_factory=list)
    # Regular expressions that must match serial output lines, in this order...
    expect: list[str] = field(default_factory=list)
    # ...and that must match no line.
    absent: list[str] = field(default_factory=list)
    # How the run must finish (End, or its word: "exited", "crashed",
    # "reset": the x86 machine reset without a report, "hung", or
    # "qemu-error": then QEMU's reason counts as output too).
    end: End = End.EXITED
    status: int = 0                         # the exit status, when it exited
    targets: list[str] = field(default_factory=lambda: list(TARGETS))
    timeout: float = 30                     # seconds before the run counts as hung
    boot: Boot | None = None                # how QEMU is given the image (the target's default)
    # An architecture (the config's ARCH_NAME), or one target, mapped to
    # the list that replaces expect there, for output that differs by
    # CPU (fault reports); a target's entry wins over its architecture's.
    expect_by_arch: dict[str, list[str]] = field(default_factory=dict)
    expect_by_target: dict[str, list[str]] = field(default_factory=dict)
    machine: str = ""                       # more of QEMU's -M options ("gic-version=2")
    # The guest's RAM (QEMU's -m, 128M unless given), or a function of the
    # built image's path that returns it.
    mem: str | Callable[[str], str] | None = None
    # An extra check of the run's tsqemu.Result (output, seconds of wall
    # time, cpu_seconds QEMU used); raises AssertionError.
    verify: Callable[[tsqemu.Result], None] | None = None
    # It measures time: tests/run runs it with nothing beside it.
    alone: bool = False
    # Console input: (marker, data) types data once the guest wrote marker.
    feed: tuple[bytes, bytes] | None = None
    # A host folder shared with the guest over virtio-9p (make run SHARE=),
    # one device per mount tag of share_tags: share(folder) fills a fresh
    # one before the boot, share_verify(folder) checks it afterwards
    # (raises AssertionError).
    share: Callable[[str], None] | None = None
    share_verify: Callable[[str], None] | None = None
    share_tags: list[str] = field(default_factory=lambda: ["share"])
    # An initrd (QEMU -initrd): a function that writes the archive into
    # the folder it is given (private to the run) and returns its path.
    initrd: Callable[[str], str] | None = None
    # A server checked by a client on the host: QEMU forwards a free port
    # of the host's 127.0.0.1 to the guest's port serve[0]; once the guest
    # wrote serve[1] (bytes), serve[2](host_port) runs on the host (raising
    # AssertionError when the server answered wrong), then QEMU is stopped
    # (end "stopped"). A fourth item gives the guest that many seconds to
    # end by itself first (a client that shuts the server down: the run
    # then ends as the guest ended). The image needs the virtio-net driver.
    serve: tuple | None = None

    def __post_init__(self):
        self.config, self.expect, self.absent = list(self.config), list(self.expect), list(self.absent)
        if self.end not in list(End):   # a misspelt end is an error here, not a failed run
            raise ValueError(f"case {self.name}: end {self.end!r} is none of "
                             f"{', '.join(e.value for e in End)}")
        self.end = End(self.end)
        if self.boot is not None:
            if self.boot not in list(Boot):
                raise ValueError(f"case {self.name}: boot {self.boot!r} is none of "
                                 f"{', '.join(b.value for b in Boot)}")
            self.boot = Boot(self.boot)
        self.targets = list(self.targets or TARGETS)
        unknown = [t for t in self.targets if t not in TARGETS + NAMED_TARGETS]
        if unknown:
            raise ValueError(f"case {self.name}: unknown targets {unknown} "
                             f"(known: {TARGETS + NAMED_TARGETS})")
        self.expect_by_arch = dict(self.expect_by_arch or {})
        self.expect_by_target = dict(self.expect_by_target or {})

    def expected(self, arch, target=None):
        if target in self.expect_by_target:
            return list(self.expect_by_target[target])
        return list(self.expect_by_arch.get(arch, self.expect))


# The command-line cases: x86 (Multiboot), arm64 (device tree) and the
# Pi (the firmware's mailbox, QEMU's -append without a device tree).
CMDLINE_TARGETS = ["kvm-x86_64", "virt-arm64", "raspi3b"]
# "<kargs> -- args", 4101 bytes, 5 words: the "--" starts at the 4095th
# byte, so a line cut to 4095 bytes loses it (and the parameters became
# the application's argv).
LONG_KARGS = "bootcheck.verbose bootcheck.label=" + "x" * 4059
# "-- args a a ... a": 256 words, the most lib/boot takes (kernel
# parameters, "--" and arguments together); one more is refused.
MOST_WORDS_ARGS = "args" + " a" * 254
TOO_MANY_WORDS_ARGS = MOST_WORDS_ARGS + " a"
# Quotes of both kinds, escapes, empty words, a quoted "--" and "=":
# 40 of each pattern (more than 64 words, which were once refused).
QUOTED_KARGS = "bootcheck.count=-5 'bootcheck.label=a b' \"bootcheck.verbose\""
QUOTED_ARGS = "args " + " ".join(["'x y'", '"q\\"u"', "e\\ f", "''", "'--'",
                                  '"a=\'b\'"'] * 40)
QUOTED_ARGV = ["args"] + ["x y", 'q"u', "e f", "", "--", "a='b'"] * 40


def events_in_order(lines, want):
    """Each pattern of want matches a line of lines, in that order (other
    lines may come between): decoded tracepoint events, say."""
    at = 0
    for w in want:
        while at < len(lines) and not re.match(w, lines[at]):
            at += 1
        if at == len(lines):
            raise AssertionError(f"no event {w} (in order) in:\n" + "\n".join(lines))
        at += 1


def argv_is(r, want):
    """The application's argv lines are exactly want, in order."""
    got = re.findall(r"^argv\[(\d+)\]=<(.*)>$", r.output, re.M)
    if [int(i) for i, _ in got] != list(range(len(got))):
        raise AssertionError("argv lines out of order or missing")
    if [a for _, a in got] != want:
        diff = next((i for i, (g, w) in enumerate(zip([a for _, a in got], want)) if g != w),
                    min(len(got), len(want)))
        raise AssertionError(f"argv differs at [{diff}] ({len(got)} words, want {len(want)}): "
                             f"got {got[diff][1] if diff < len(got) else None!r}, want "
                             f"{want[diff] if diff < len(want) else None!r}")


EXCEPTION = r"^\*\*\* CPU exception: "
BLINKS = [r"^blinky: 1 on \(reads back 1\)$", r"^blinky: 1 off \(reads back 0\)$",
          r"^blinky: 3 off \(reads back 0\)$", r"^blinky: done$"]


# A sleep ends by a timer interrupt, unless the host ran something else
# until its deadline had passed before the CPU halted (apps/sleep says so).
WOKEN = (r"(?:[12] timer interrupts?|"
         r"0 timer interrupts \(the deadline passed before the CPU halted\))$")


def sleeps_on_real_time_without_spinning(r):
    """The guest's clock agrees with the host's, and QEMU's CPU time while
    the guest sleeps stays far below the time slept: the CPU halts between
    timer interrupts instead of polling the clock."""
    m = re.search(r"total \d+ ms requested, (\d+\.\d+) ms measured", r.output)
    if not m:
        raise AssertionError("no total line")
    slept = float(m.group(1)) / 1000
    if not slept <= r.seconds <= slept + 5:
        raise AssertionError(f"guest measured {slept:.3f} s of sleep, the host saw the whole "
                             f"run take {r.seconds:.3f} s")
    if r.cpu_seconds > 0.6 * slept:
        raise AssertionError(f"QEMU used {r.cpu_seconds:.2f} s of CPU for {slept:.2f} s of "
                             "guest sleep: busy waiting?")

def halts_while_threads_sleep(r):
    """lib/sched: with every thread asleep the idle thread halts the CPU,
    so QEMU uses far less CPU time than the guest slept."""
    m = re.search(r"^sched: slept (\d+) ms$", r.output, re.M)
    if not m:
        raise AssertionError("no 'sched: slept' line")
    slept = int(m.group(1)) / 1000
    if r.cpu_seconds > 0.6 * slept:
        raise AssertionError(f"QEMU used {r.cpu_seconds:.2f} s of CPU while the guest's threads "
                             f"slept {slept:.2f} s: busy waiting?")


SCHED = ["CONFIG_LIB_SCHED=y"]
SCHED_PREEMPT = SCHED + ["CONFIG_LIB_SCHED_PREEMPT=y"]
SCHED_TESTS = [r"^sched: thread main unlocks mutex 0x[0-9a-f]+ held by holder: "
               r"refused",
               r"^test: PASS sched_preempt\.busy_thread_and_its_equals$",
               r"^test: PASS sched_thread\.many_threads$",
               r"^test: [1-9]\d* passed, 0 failed, \d+ skipped$"]

CASES = [
    Case("helloworld", "apps/helloworld", args="one 'two words'",
         expect=[r"^Hello, world!$", r'^argv\[0\] = "helloworld"$',
                 r'^argv\[1\] = "one"$', r'^argv\[2\] = "two words"$']),
    Case("helloworld-pvh", "apps/helloworld", args="via-pvh", boot=Boot.PVH,
         targets=["kvm-x86_64"],
         expect=[r"^Hello, world!$", r'^argv\[1\] = "via-pvh"$']),
    Case("fault-null-pvh", BOOTCHECK, args="null", boot=Boot.PVH, end=End.CRASHED,
         targets=["kvm-x86_64"], expect=[EXCEPTION + r"page fault"]),
    Case("helloworld-noargs", "apps/helloworld",
         config=["# CONFIG_APP_HELLOWORLD_ARGS is not set"],
         expect=[r"^Hello, world!$"], absent=[r"argv"]),
    # Xen's console_io hypercall as the console (PLAT_XEN_CONSOLE_IO):
    # the lines reach Xen's console as "(d1) ...", the status QEMU.
    Case("helloworld-console-io", "apps/helloworld", args="io", targets=["xen-arm64"],
         config=["CONFIG_PLAT_XEN_CONSOLE_IO=y"],
         expect=[r"^xen: Xen \d+\.\d+.*, console console_io$", r"^Hello, world!$",
                 r'^argv\[1\] = "io"$']),
    # Xen's event channels (<ts/xen.h>): a channel from the domain to
    # itself under the real Xen; -ENODEV where there are none
    # (xen-x86_64: no upcall yet, and no Xen under QEMU's PVH loader).
    Case("xen-evtchn", SELFTEST, args="xen_evtchn.*", targets=["xen-arm64"],
         expect=[r"^test: PASS xen_evtchn\.bad_ports_refused$",
                 r"^test: PASS xen_evtchn\.loopback_events_reach_the_other_end$",
                 r"^test: PASS xen_evtchn\.masked_port_keeps_its_event$",
                 r"^test: SKIP xen_evtchn\.no_event_channels_is_enodev$",
                 r"^test: 3 passed, 0 failed, 1 skipped$"]),
    Case("xen-evtchn-none", SELFTEST, args="xen_evtchn.*", targets=["xen-x86_64"],
         expect=[r"^test: PASS xen_evtchn\.no_event_channels_is_enodev$",
                 r"^test: 1 passed, 0 failed, 3 skipped$"]),
    Case("args", BOOTCHECK, args="args x \"y z\" 'q\"uote'",
         expect=[r"^argc=5$", r"^argv\[0\]=<bootcheck>$", r"^argv\[1\]=<args>$",
                 r"^argv\[2\]=<x>$", r"^argv\[3\]=<y z>$", r'^argv\[4\]=<q"uote>$']),
    Case("params", BOOTCHECK, args="params",
         kargs="bootcheck.count=-42 bootcheck.size=2M bootcheck.verbose "
               "bootcheck.label=hello",
         expect=[r"^count=-42 size=2097152 verbose=1 label=hello$"]),
    Case("params-bad", BOOTCHECK, args="params",
         kargs="bootcheck.count=12x bootcheck.nosuch=1 bootcheck.size=-1 "
               "bootcheck.verbose=maybe bootcheck.label",
         expect=[r"boot: parameter 'bootcheck.count': '12x' is not an integer",
                 r"boot: unknown parameter 'bootcheck.nosuch'",
                 r"boot: parameter 'bootcheck.size': '-1' is not a non-negative integer",
                 r"boot: parameter 'bootcheck.verbose': 'maybe' is not a boolean",
                 r"boot: parameter 'bootcheck.label' needs a value",
                 r"^count=7 size=4096 verbose=0 label=none$"]),
    # A mistyped parameter names the nearest one the image has (here
    # lib/trace's and lib/debug's: tracecheck is built with tracing).
    Case("params-nearest", "tests/image/apps/tracecheck", args="quiet",
         kargs="trace.onn=sched_* debug.levle=warn trace.nosuchthing=1",
         targets=["kvm-x86_64", "virt-arm64", "xen-arm64"],
         expect=[r"^boot: unknown parameter 'trace.onn' \(ignored\); "
                 r"did you mean 'trace.on'\?$",
                 r"^boot: unknown parameter 'debug.levle' \(ignored\); "
                 r"did you mean 'debug.level'\?$",
                 r"^boot: unknown parameter 'trace.nosuchthing' \(ignored\)$",
                 r"^tracecheck: done$"]),
    Case("params-help", BOOTCHECK, args="params", kargs="help",
         expect=[r"^Kernel parameters", r"bootcheck.count\s+a signed number"]),
    # A command line the kernel cannot take whole stops the boot with one
    # line; the application never runs with arguments it was not given.
    Case("cmdline-unterminated", BOOTCHECK, kargs="bootcheck.verbose", args="args 'oops",
         end=End.CRASHED, targets=CMDLINE_TARGETS,
         expect=[r"^boot: command line refused: unterminated ' quote; "
                 r"the application is not started$"],
         absent=[r"^argc="]),
    # 4096 bytes: one more than the longest line taken. Without the
    # refusal the cut removed "--" and the parameters became argv.
    Case("cmdline-too-long", BOOTCHECK, kargs=LONG_KARGS, args="args",
         end=End.CRASHED, targets=CMDLINE_TARGETS,
         expect=[r"^boot: command line refused: longer than 4095 bytes; "
                 r"the application is not started$"],
         absent=[r"^argc="]),
    # The longest line taken (4095 bytes), all of it one-letter words:
    # the most words a line can hold reach main().
    Case("cmdline-most-words", BOOTCHECK, args=MOST_WORDS_ARGS,
         targets=CMDLINE_TARGETS, expect=[r"^argc=256$"],
         verify=lambda r: argv_is(r, ["bootcheck"] + MOST_WORDS_ARGS.split())),
    Case("cmdline-too-many-words", BOOTCHECK, args=TOO_MANY_WORDS_ARGS,
         end=End.CRASHED, targets=CMDLINE_TARGETS,
         expect=[r"^boot: command line refused: more than 256 words; "
                 r"the application is not started$"],
         absent=[r"^argc="]),
    Case("cmdline-quotes", BOOTCHECK, kargs=QUOTED_KARGS, args=QUOTED_ARGS,
         targets=CMDLINE_TARGETS, expect=[r"^argc=242$"],
         verify=lambda r: argv_is(r, ["bootcheck"] + QUOTED_ARGV)),
    Case("boot-timing", "apps/helloworld", kargs="boot.timing",
         expect=[r"^boot: main\(\) after [1-9]\d* ticks \(\d+ us at [1-9]\d{5,} Hz\)$",
                 r"^Hello, world!$"]),
    Case("selftest", SELFTEST,
         expect=[r"^test: PASS selfcheck\.expectations_pass$",
                 r"^test: SKIP selfcheck\.skip$",
                 r"^test: [1-9]\d* passed, 0 failed, \d+ skipped$"],
         absent=[r"selfcheck_fail"]),
    Case("selftest-failures-reported", SELFTEST, args="selfcheck_fail.*:nosuch",
         status=2,
         expect=[r"framework_tests.c:\d+: expected 1 == 2, got 1 == 2$",
                 r"^test: FAIL selfcheck_fail\.assert_stops_the_test$",
                 r"framework_tests.c:\d+: expected x == 4, got 3 == 4$",
                 r"framework_tests.c:\d+: expected big > 0L, got -5 > 0$",
                 r'expected "abc" == "abd", got "abc" == "abd"$',
                 r"^test: FAIL selfcheck_fail\.values_are_printed$",
                 r"^test: 0 passed, 2 failed, 0 skipped$"],
         absent=[r"not reached"]),
    Case("no-dashes", BOOTCHECK, kargs="", args="",
         expect=[r"^argc=1$"]),
    Case("exit-status", BOOTCHECK, args="exit 42", status=42),
    Case("exit-status-clamped", BOOTCHECK, args="exit 200", status=125),
    # 128 MiB guests: the image, page 0 and firmware areas are not free.
    # The Pis: the firmware's (QEMU's) ARM memory, 960 MiB on either.
    Case("memory-map", BOOTCHECK, args="memory",
         expect=[r"^region 0x\S+ .*flags 0x2$", r"^free 1[23]\d{4} KiB$"],
         expect_by_target={t: [r"^region 0x80000-\S+ image flags 0x2$",
                               r"^region 0x1000-0x80000 ram flags 0x1$",
                               r"^free 98\d{4} KiB$"] for t in RASPI}),
    Case("hang-is-reported", BOOTCHECK, args="hang", end=End.HUNG, timeout=3),
    Case("float", BOOTCHECK, args="float", expect=[r"^sqrt-ish 0\.916667 then 42$"]),
    # nolibc without LIB_NOLIBC_FLOAT (the default; bootcheck turns it on):
    # the conversion says why there is no number and takes its argument.
    Case("float-off", BOOTCHECK, args="float", targets=["kvm-x86_64", "virt-arm64", "xen-arm64"],
         config=["# CONFIG_LIB_NOLIBC_FLOAT is not set"],
         expect=[r"^sqrt-ish \[%\.6f: LIB_NOLIBC_FLOAT is off\] then 42$"]),
    Case("fault-null", BOOTCHECK, args="null", end=End.CRASHED,
         expect_by_arch={
             "x86_64": [EXCEPTION + r"page fault", r"NULL pointer"],
             "arm64": [EXCEPTION + r"data abort", r"translation fault level "
                       r"\d; read", r"FAR 0\S*: NULL pointer"]},
         absent=[r"null done"]),
    # Wild pointers past the end of RAM fault on x86_64 too (it once mapped
    # everything up to 3 GiB as RAM: a read gave 0, a write vanished). The
    # arm64 targets fault there already (fault-null and the gdb session's
    # read past RAM); 0x9000000 is a device on virt, so kvm only.
    Case("fault-read-past-ram", BOOTCHECK, args="read 0x9000000", end=End.CRASHED,
         targets=["kvm-x86_64"], mem="128M",
         expect=[EXCEPTION + r"page fault",
                 r"page not present, read",
                 r"faulting address \(CR2\) 0x9000000",
                 r"cause: access to an unmapped address"],
         absent=[r"^read 0x", r"read done"]),
    Case("fault-write-past-ram", BOOTCHECK, args="write 0x9000000",
         end=End.CRASHED, targets=["kvm-x86_64"], mem="128M",
         expect=[EXCEPTION + r"page fault",
                 r"page not present, write",
                 r"faulting address \(CR2\) 0x9000000",
                 r"cause: access to an unmapped address"],
         absent=[r"^wrote", r"write done"]),
    Case("fault-read-past-ram-pvh", BOOTCHECK, args="read 0x9000000",
         end=End.CRASHED, targets=["kvm-x86_64"], mem="128M", boot=Boot.PVH,
         expect=[EXCEPTION + r"page fault",
                 r"faulting address \(CR2\) 0x9000000",
                 r"cause: access to an unmapped address"],
         absent=[r"^read 0x", r"read done"]),
    Case("fault-trap", BOOTCHECK, args="trap", end=End.CRASHED,
         expect_by_arch={
             "x86_64": [EXCEPTION + r"invalid opcode"],
             "arm64": [EXCEPTION + r"breakpoint instruction \(brk #0x3e8\)",
                       r"__builtin_trap"]}),
    Case("fault-write-text", BOOTCHECK, args="write-text", end=End.CRASHED,
         expect_by_arch={
             "x86_64": [EXCEPTION + r"page fault", r"write"],
             "arm64": [EXCEPTION + r"data abort", r"permission fault level "
                       r"\d; write", r"FAR .*image's code"]}),
    Case("fault-exec-data", BOOTCHECK, args="exec-data", end=End.CRASHED,
         expect_by_arch={
             "x86_64": [EXCEPTION + r"page fault", r"instruction fetch"],
             "arm64": [EXCEPTION + r"instruction abort", r"permission fault",
                       r"non-executable page"]}),
    Case("fault-stack-overflow", BOOTCHECK, args="overflow", end=End.CRASHED,
         expect_by_arch={
             "x86_64": [EXCEPTION + r"double fault"],
             "arm64": [EXCEPTION + r"data abort", r"guard page below the "
                       r"boot stack: stack overflow"]}),
    Case("sleep", "apps/sleep", args="1 10 100 500 1000", alone=True,
         verify=sleeps_on_real_time_without_spinning,
         expect=[r"^sleep: clock [1-9]\d{6,} Hz",
                 r"^slept 1 ms: measured \d+\.\d{3} ms, " + WOKEN,
                 r"^slept 10 ms: measured \d+\.\d{3} ms, " + WOKEN,
                 r"^slept 100 ms: measured \d+\.\d{3} ms, " + WOKEN,
                 r"^slept 500 ms: measured \d+\.\d{3} ms, " + WOKEN,
                 r"^slept 1000 ms: measured \d+\.\d{3} ms, " + WOKEN,
                 r"^sleep: total 1611 ms requested, \d+\.\d{3} ms measured$",
                 r"^sleep: ok$"],
         absent=[r"FAIL", r"unexpected interrupt"]),
    # virt-arm64 only: the other interrupt controller, and entry at EL2
    # (QEMU gives the guest EL2 with virtualization=on; the boot code drops
    # to EL1, and PSCI goes through smc).
    Case("sleep-gicv2", "apps/sleep", args="10 100", targets=["virt-arm64"], alone=True,
         machine="gic-version=2",
         expect=[r"^slept 10 ms: measured \d+\.\d{3} ms, " + WOKEN,
                 r"^sleep: ok$"]),
    Case("sleep-el2", "apps/sleep", args="10", targets=["virt-arm64"], alone=True,
         machine="virtualization=on",
         expect=[r"^slept 10 ms: measured \d+\.\d{3} ms, " + WOKEN,
                 r"^sleep: ok$"]),
    Case("fault-null-el2", BOOTCHECK, args="null", end=End.CRASHED,
         targets=["virt-arm64"], machine="virtualization=on,gic-version=2",
         expect=[EXCEPTION + r"data abort", r"NULL pointer"]),
    # A QEMU guest-error log fails the run, whatever the exit status.
    Case("guest-error-fails", GUESTERROR, end=End.QEMU_ERROR,
         targets=["virt-arm64"],
         expect=[r"^guesterror: writing to a disabled UART$",
                 r"PL011 data written to disabled UART"]),
    # Without semihosting the image powers off through PSCI SYSTEM_OFF:
    # QEMU stops with no status, which the harness calls a crash.
    Case("poweroff-psci", BOOTCHECK, args="exit 3", end=End.CRASHED,
         targets=["virt-arm64"],
         config=["# CONFIG_PLAT_VIRT_QEMU_EXIT is not set"]),
    # The Pis, as on real hardware: the QEMU PL011 the image never
    # enables is a guest error; poweroff without semihosting is the
    # watchdog's halt (QEMU shuts down without a status); an ELF
    # started on all four cores parks three; the activity LED.
    Case("guest-error-fails-raspi3b", GUESTERROR, args="0x3f201000",
         end=End.QEMU_ERROR, targets=["raspi3b"],
         expect=[r"^guesterror: writing to a disabled UART$",
                 r"PL011 data written to disabled UART"]),
    Case("guest-error-fails-raspi4b", GUESTERROR, args="0xfe201000",
         end=End.QEMU_ERROR, targets=["raspi4b"],
         expect=[r"^guesterror: writing to a disabled UART$",
                 r"PL011 data written to disabled UART"]),
    Case("poweroff-watchdog", BOOTCHECK, args="exit 3", end=End.CRASHED,
         targets=RASPI, config=["# CONFIG_PLAT_RASPI_QEMU_EXIT is not set"],
         expect=[r"^raspi: exit status 3; halting the board$"]),
    # The firmware's way: a device tree in x0 (memory, reservations, the
    # command line with the firmware's Linux parameters before the word
    # "tessera", which are dropped).
    Case("firmware-tree", BOOTCHECK, args="memory", boot=Boot.KERNEL8_DTB,
         kargs="coherent_pool=1M 8250.nr_uarts=1 tessera", targets=RASPI,
         expect=[r"^region 0x\S+ device tree flags 0x4$",
                 r"^region 0-0x1000 reserved \(memreserve\) flags 0x4$",
                 r"^free 98\d{4} KiB$"],
         absent=[r"unknown parameter", r"not used"]),
    # The other console: the PL011 with its clock from the firmware (QEMU
    # logs a guest error if it transmits while not enabled).
    Case("helloworld-pl011", "apps/helloworld", args="uart0", targets=RASPI,
         config=["CONFIG_PLAT_RASPI_CONSOLE_PL011=y"],
         expect=[r"^raspi: .* console PL011 \(UART0\) at 115200 baud$",
                 r"^Hello, world!$", r'^argv\[1\] = "uart0"$']),
    Case("helloworld-elf", "apps/helloworld", args="on-all-cores",
         boot=Boot.ELF, targets=RASPI,
         expect=[r"^Hello, world!$", r'^argv\[1\] = "on-all-cores"$']),
    Case("blinky", "apps/blinky", args="3 20", targets=RASPI,
         expect_by_target={
             "raspi3b": [r"^blinky: Raspberry Pi 3 Model B: activity LED "
                         r"on GPIO expander line 2"] + BLINKS,
             "raspi4b": [r"^blinky: Raspberry Pi 4 Model B: activity LED "
                         r"on GPIO 42,"] + BLINKS},
         absent=[r"FAIL"]),
    Case("blinky-gpio29", "apps/blinky", args="2 20", targets=["raspi3b"],
         config=['CONFIG_PLAT_RASPI_QEMU_MACHINE="raspi3ap"'],
         expect=[r"^blinky: Raspberry Pi 3 Model A\+: activity LED on "
                 r"GPIO 29,", r"^blinky: 2 off \(reads back 0\)$",
                 r"^blinky: done$"]),
    # lib/sched and lib/time: their in-image tests, cooperative and
    # preemptive (the preemption tests expect what their build does), a
    # thread's stack overflow, the CPU halting while all threads sleep,
    # and the fault report naming the thread.
    Case("sched", SELFTEST, args="sched*:time*", config=SCHED, timeout=120,
         expect=SCHED_TESTS, absent=[r"^test: FAIL"]),
    # The wall clock from the platform's real-time clock: the PC's CMOS
    # clock, virt's PL031 (QEMU sets both from the host).
    Case("time-wall-clock", SELFTEST, args="time.wall_clock_at_boot", config=SCHED,
         targets=["kvm-x86_64", "virt-arm64"],
         expect=[r"^test: PASS time\.wall_clock_at_boot$"]),
    Case("sched-preemptive", SELFTEST, args="sched*:time*",
         config=SCHED_PREEMPT, timeout=120,
         expect=[r"^test: PASS sched_fp\.all_registers_survive_preemption$"]
         + SCHED_TESTS, absent=[r"^test: FAIL"]),
    Case("sched-stack-overflow", SELFTEST, args="sched_crash.*",
         kargs="sched.test_overflow", config=SCHED, end=End.CRASHED,
         expect_by_arch={
             "x86_64": [r"^sched: thread overflower recurses$",
                        EXCEPTION + r"double fault",
                        r"^    stack overflow in thread overflower: its stack",
                        r"^    thread overflower, stack 0x",
                        r"CR2 0x\S+: in the guard page below the stack of "
                        r"thread overflower: stack overflow"],
             "arm64": [r"^sched: thread overflower recurses$",
                       EXCEPTION + r"data abort",
                       r"^    stack overflow in thread overflower: its stack",
                       r"^    thread overflower, stack 0x",
                       r"FAR 0x\S+: in the guard page below the stack of "
                       r"thread overflower: stack overflow"]},
         absent=[r"not caught"]),
    Case("sched-sleep-halts", SELFTEST, args="sched_sleep_cpu.*", config=SCHED,
         verify=halts_while_threads_sleep,
         expect=[r"^sched: slept \d+ ms$", r"^test: 1 passed, 0 failed"]),
    Case("sched-fault-names-thread", BOOTCHECK, args="null", config=SCHED,
         end=End.CRASHED, expect=[EXCEPTION, r"^    thread main, stack 0x"]),
]

# lib/alloc: its in-image tests with each backend (and TLSF without its
# cache), with the debug checks, and the two debug reports that end the
# image on purpose (kernel parameter alloc.crash_tests).
ALLOC_DEBUG = "CONFIG_LIB_ALLOC_DEBUG=y"
ALLOC_ADDR = r"0x[0-9a-f]+"
CASES += [
    Case("alloc-" + name, SELFTEST, args="alloc*", config=config,
         expect=[r"^test: PASS alloc\.exhaustion_and_recovery$",
                 r"^test: PASS alloc\.statistics_follow_allocations$",
                 r"^test: [1-9]\d* passed, 0 failed, \d+ skipped$"])
    for name, config in [
        ("tlsf", ["CONFIG_LIB_ALLOC_TLSF=y"]),
        ("tlsf-nocache", ["CONFIG_LIB_ALLOC_TLSF=y",
                          "# CONFIG_LIB_ALLOC_TLSF_CACHE is not set"]),
        ("buddy", ["CONFIG_LIB_ALLOC_BUDDY=y"]),
        ("region", ["CONFIG_LIB_ALLOC_REGION=y"]),
        ("debug", [ALLOC_DEBUG]),
    ]
] + [
    Case("alloc-debug-checks", SELFTEST, args="alloc_debug.*",
         config=[ALLOC_DEBUG],
         expect=[r"buffer overrun: byte 24 of the 24-byte block allocated by "
                 + ALLOC_ADDR, r"buffer underrun: byte -1 before",
                 r"double free of a 24-byte block",
                 r"invalid pointer \(not the start of a block",
                 r"invalid pointer \(not from this allocator\)",
                 r"^test: 2 passed, 0 failed, 0 skipped$"]),
    Case("alloc-debug-overrun", SELFTEST, args="alloc_crash.overrun",
         kargs="alloc.crash_tests", config=[ALLOC_DEBUG], end=End.CRASHED,
         expect=[fr"^alloc: free\({ALLOC_ADDR}\) called from {ALLOC_ADDR}: buffer overrun: byte "
                 fr"24 of the 24-byte block allocated by {ALLOC_ADDR} was written$",
                 r"^alloc: stopping: heap corruption or misuse"],
         absent=[r"went unnoticed"]),
    Case("alloc-debug-double-free", SELFTEST, args="alloc_crash.double_free",
         kargs="alloc.crash_tests", config=[ALLOC_DEBUG], end=End.CRASHED,
         expect=[fr"^alloc: free\({ALLOC_ADDR}\) called from {ALLOC_ADDR}: double free of a "
                 fr"24-byte block allocated by {ALLOC_ADDR}$",
                 r"^alloc: stopping: heap corruption or misuse"],
         absent=[r"went unnoticed"]),
]

# Unoptimised builds (-Og, the easiest to debug) must build and pass too:
# gcc warns differently there (tlsf.c once failed with -Werror).
CASES.append(Case("selftest-Og", SELFTEST, args="alloc*:sched*:time*",
                  config=["CONFIG_OPTIMIZE_NONE=y", "CONFIG_LIB_SCHED=y"],
                  targets=["kvm-x86_64", "virt-arm64", "xen-arm64"], timeout=120,
                  expect=[r"^test: [1-9]\d* passed, 0 failed, \d+ skipped$"]))

# More tables, one per subsystem, in files of their own (cases_<name>.py
# beside this one, each defining CASES with the Case class above).
def _more_cases():
    import glob
    import importlib
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    for path in sorted(glob.glob(os.path.join(here, "cases_*.py"))):
        table = os.path.basename(path)[:-3]
        more = importlib.import_module(table).CASES
        for case in more:
            TABLE_OF[id(case)] = table
        CASES.extend(more)


# Which table (file) each case comes from: "cases" for this one.
TABLE_OF = {}


_more_cases()


def _also_on_xen_x86(case):
    """xen-x86_64 is kvm-x86_64's PC (plat/pc) booted through QEMU's PVH
    loader: a case of kvm-x86_64 runs there too, unless it needs a device
    a PVH guest under Xen has not (virtio-9p, virtio-net: Xen's PVH domU
    has no PCI bus), or tests one of kvm's own boot paths (a boot
    protocol chosen: Multiboot, or kvm's PVH variant of a case), or RAM
    sized to kvm's loader layout (cases_memory.py: -m from the image, or
    kvm's own messages expected)."""
    return ("kvm-x86_64" in case.targets and "xen-x86_64" not in case.targets
            and not case.share and not case.serve and case.boot is None
            and not callable(case.mem) and not any("kvm" in p for p in case.expect)
            and not any("VIRTIO" in line or "LWIP" in line for line in case.config))


# The tables xen-x86_64 runs: helloworld, the core libraries and the
# fault reports (this file), panic reports (cases_debug), musl, lua, and
# the initrd (PVH's first module). The others (system calls, tracing,
# files, sockets, ...) test libraries above the platform, which run on
# the same PC code (plat/pc) on kvm-x86_64: their cases there cover
# xen-x86_64 too, and running them twice cost more than the test time
# the target may add.
XEN_X86_TABLES = {"cases", "cases_debug", "cases_musl", "cases_musl_suite", "cases_lua",
                  "cases_initrd"}
for _case in CASES:
    if TABLE_OF.get(id(_case), "cases") not in XEN_X86_TABLES:
        # Cases made for each target on its own (a table's `for t in
        # TARGETS`: trace-dump decodes with that target's .dbg) stay.
        if "xen-x86_64" in _case.targets and _case.targets != ["xen-x86_64"]:
            _case.targets.remove("xen-x86_64")
        continue
    if _also_on_xen_x86(_case):
        _case.targets.append("xen-x86_64")
    if "xen-x86_64" in _case.targets:
        # What kvm's Multiboot boot says of its modules, xen-x86_64's
        # PVH boot says of its own (the initrd: QEMU's -initrd is the
        # first module of either).
        _kvm = _case.expected("x86_64", "kvm-x86_64")
        if any("Multiboot" in p for p in _kvm):
            _case.expect_by_target["xen-x86_64"] = [re.sub(r"Multiboot(\\? )module", r"PVH\1module", p)
                                                    for p in _kvm]
