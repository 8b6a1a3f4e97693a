"""The image-test table: (app, config) x targets, booted in QEMU.

Fields: args/kargs are the app's arguments and kernel parameters; expect
lists regular expressions that must match serial output lines in this
order; absent ones must match no line; end is how the run must finish
(exited with status, crashed, reset: the x86 machine reset without a
report, hung, or qemu-error: then QEMU's reason counts as output too).
expect_by_arch maps an architecture (the config's ARCH_NAME) to the
list that replaces expect there, for output that differs by CPU (fault reports). machine adds options to QEMU's -M
(e.g. "gic-version=2"); mem is the guest's RAM (QEMU's -m, 128M
unless given), or a function of the built image's path that returns it. expect_by_target does what expect_by_arch does
for one target (a target's entry wins over its architecture's). verify is an extra check, called with the run's
result (output, seconds of wall time, cpu_seconds QEMU used)."""
import re

TARGETS = ["kvm-x86_64", "virt-arm64", "raspi3b", "raspi4b"]
RASPI = ["raspi3b", "raspi4b"]
BOOTCHECK = "tests/image/apps/bootcheck"
GUESTERROR = "tests/image/apps/guesterror"
SELFTEST = "tests/image/apps/selftest"


class Case:
    def __init__(self, name, app, args="", kargs="", config=(), expect=(),
                 absent=(), end="exited", status=0, targets=None, timeout=30,
                 boot=None, expect_by_arch=None, machine="", verify=None,
                 expect_by_target=None, alone=False, mem=None):
        self.name, self.app, self.args, self.kargs = name, app, args, kargs
        self.config, self.expect, self.absent = list(config), list(expect), list(absent)
        self.end, self.status, self.timeout = end, status, timeout
        self.targets = targets or TARGETS
        self.boot = boot
        self.expect_by_arch = dict(expect_by_arch or {})
        self.machine = machine
        self.mem = mem
        self.verify = verify
        self.expect_by_target = dict(expect_by_target or {})
        # It measures time: tests/run runs it with nothing beside it.
        self.alone = alone

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


def argv_is(r, want):
    """The application's argv lines are exactly want, in order."""
    got = re.findall(r"^argv\[(\d+)\]=<(.*)>$", r.output, re.M)
    if [int(i) for i, _ in got] != list(range(len(got))):
        raise AssertionError("argv lines out of order or missing")
    if [a for _, a in got] != want:
        diff = next((i for i, (g, w) in enumerate(zip([a for _, a in got], want)) if g != w),
                    min(len(got), len(want)))
        raise AssertionError("argv differs at [%d] (%d words, want %d): got %r, want %r"
                             % (diff, len(got), len(want),
                                got[diff][1] if diff < len(got) else None,
                                want[diff] if diff < len(want) else None))


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
        raise AssertionError("guest measured %.3f s of sleep, the host saw the "
                             "whole run take %.3f s" % (slept, r.seconds))
    if r.cpu_seconds > 0.6 * slept:
        raise AssertionError("QEMU used %.2f s of CPU for %.2f s of guest sleep: "
                             "busy waiting?" % (r.cpu_seconds, slept))

def halts_while_threads_sleep(r):
    """lib/sched: with every thread asleep the idle thread halts the CPU,
    so QEMU uses far less CPU time than the guest slept."""
    m = re.search(r"^sched: slept (\d+) ms$", r.output, re.M)
    if not m:
        raise AssertionError("no 'sched: slept' line")
    slept = int(m.group(1)) / 1000
    if r.cpu_seconds > 0.6 * slept:
        raise AssertionError("QEMU used %.2f s of CPU while the guest's threads "
                             "slept %.2f s: busy waiting?" % (r.cpu_seconds, slept))


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
    Case("helloworld-pvh", "apps/helloworld", args="via-pvh", boot="pvh",
         targets=["kvm-x86_64"],
         expect=[r"^Hello, world!$", r'^argv\[1\] = "via-pvh"$']),
    Case("fault-null-pvh", BOOTCHECK, args="null", boot="pvh", end="crashed",
         targets=["kvm-x86_64"], expect=[EXCEPTION + r"page fault"]),
    Case("helloworld-noargs", "apps/helloworld",
         config=["# CONFIG_APP_HELLOWORLD_ARGS is not set"],
         expect=[r"^Hello, world!$"], absent=[r"argv"]),
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
    Case("params-help", BOOTCHECK, args="params", kargs="help",
         expect=[r"^Kernel parameters", r"bootcheck.count\s+a signed number"]),
    # A command line the kernel cannot take whole stops the boot with one
    # line; the application never runs with arguments it was not given.
    Case("cmdline-unterminated", BOOTCHECK, kargs="bootcheck.verbose", args="args 'oops",
         end="crashed", targets=CMDLINE_TARGETS,
         expect=[r"^boot: command line refused: unterminated ' quote; "
                 r"the application is not started$"],
         absent=[r"^argc="]),
    # 4096 bytes: one more than the longest line taken. Without the
    # refusal the cut removed "--" and the parameters became argv.
    Case("cmdline-too-long", BOOTCHECK, kargs=LONG_KARGS, args="args",
         end="crashed", targets=CMDLINE_TARGETS,
         expect=[r"^boot: command line refused: longer than 4095 bytes; "
                 r"the application is not started$"],
         absent=[r"^argc="]),
    # The longest line taken (4095 bytes), all of it one-letter words:
    # the most words a line can hold reach main().
    Case("cmdline-most-words", BOOTCHECK, args=MOST_WORDS_ARGS,
         targets=CMDLINE_TARGETS, expect=[r"^argc=256$"],
         verify=lambda r: argv_is(r, ["bootcheck"] + MOST_WORDS_ARGS.split())),
    Case("cmdline-too-many-words", BOOTCHECK, args=TOO_MANY_WORDS_ARGS,
         end="crashed", targets=CMDLINE_TARGETS,
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
    Case("hang-is-reported", BOOTCHECK, args="hang", end="hung", timeout=3),
    Case("float", BOOTCHECK, args="float", expect=[r"^sqrt-ish 0\.916667 then 42$"]),
    # nolibc without LIB_NOLIBC_FLOAT (the default; bootcheck turns it on):
    # the conversion says why there is no number and takes its argument.
    Case("float-off", BOOTCHECK, args="float", targets=["kvm-x86_64", "virt-arm64"],
         config=["# CONFIG_LIB_NOLIBC_FLOAT is not set"],
         expect=[r"^sqrt-ish \[%\.6f: LIB_NOLIBC_FLOAT is off\] then 42$"]),
    Case("fault-null", BOOTCHECK, args="null", end="crashed",
         expect_by_arch={
             "x86_64": [EXCEPTION + r"page fault", r"NULL pointer"],
             "arm64": [EXCEPTION + r"data abort", r"translation fault level "
                       r"\d; read", r"FAR 0\S*: NULL pointer"]},
         absent=[r"null done"]),
    # Wild pointers past the end of RAM fault on x86_64 too (it once mapped
    # everything up to 3 GiB as RAM: a read gave 0, a write vanished). The
    # arm64 targets fault there already (fault-null and the gdb session's
    # read past RAM); 0x9000000 is a device on virt, so kvm only.
    Case("fault-read-past-ram", BOOTCHECK, args="read 0x9000000", end="crashed",
         targets=["kvm-x86_64"], mem="128M",
         expect=[EXCEPTION + r"page fault",
                 r"page not present, read",
                 r"faulting address \(CR2\) 0x9000000",
                 r"cause: access to an unmapped address"],
         absent=[r"^read 0x", r"read done"]),
    Case("fault-write-past-ram", BOOTCHECK, args="write 0x9000000",
         end="crashed", targets=["kvm-x86_64"], mem="128M",
         expect=[EXCEPTION + r"page fault",
                 r"page not present, write",
                 r"faulting address \(CR2\) 0x9000000",
                 r"cause: access to an unmapped address"],
         absent=[r"^wrote", r"write done"]),
    Case("fault-read-past-ram-pvh", BOOTCHECK, args="read 0x9000000",
         end="crashed", targets=["kvm-x86_64"], mem="128M", boot="pvh",
         expect=[EXCEPTION + r"page fault",
                 r"faulting address \(CR2\) 0x9000000",
                 r"cause: access to an unmapped address"],
         absent=[r"^read 0x", r"read done"]),
    Case("fault-trap", BOOTCHECK, args="trap", end="crashed",
         expect_by_arch={
             "x86_64": [EXCEPTION + r"invalid opcode"],
             "arm64": [EXCEPTION + r"breakpoint instruction \(brk #0x3e8\)",
                       r"__builtin_trap"]}),
    Case("fault-write-text", BOOTCHECK, args="write-text", end="crashed",
         expect_by_arch={
             "x86_64": [EXCEPTION + r"page fault", r"write"],
             "arm64": [EXCEPTION + r"data abort", r"permission fault level "
                       r"\d; write", r"FAR .*image's code"]}),
    Case("fault-exec-data", BOOTCHECK, args="exec-data", end="crashed",
         expect_by_arch={
             "x86_64": [EXCEPTION + r"page fault", r"instruction fetch"],
             "arm64": [EXCEPTION + r"instruction abort", r"permission fault",
                       r"non-executable page"]}),
    Case("fault-stack-overflow", BOOTCHECK, args="overflow", end="crashed",
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
    Case("fault-null-el2", BOOTCHECK, args="null", end="crashed",
         targets=["virt-arm64"], machine="virtualization=on,gic-version=2",
         expect=[EXCEPTION + r"data abort", r"NULL pointer"]),
    # A QEMU guest-error log fails the run, whatever the exit status.
    Case("guest-error-fails", GUESTERROR, end="qemu-error",
         targets=["virt-arm64"],
         expect=[r"^guesterror: writing to a disabled UART$",
                 r"PL011 data written to disabled UART"]),
    # Without semihosting the image powers off through PSCI SYSTEM_OFF:
    # QEMU stops with no status, which the harness calls a crash.
    Case("poweroff-psci", BOOTCHECK, args="exit 3", end="crashed",
         targets=["virt-arm64"],
         config=["# CONFIG_PLAT_VIRT_QEMU_EXIT is not set"]),
    # The Pis, as on real hardware: the QEMU PL011 the image never
    # enables is a guest error; poweroff without semihosting is the
    # watchdog's halt (QEMU shuts down without a status); an ELF
    # started on all four cores parks three; the activity LED.
    Case("guest-error-fails-raspi3b", GUESTERROR, args="0x3f201000",
         end="qemu-error", targets=["raspi3b"],
         expect=[r"^guesterror: writing to a disabled UART$",
                 r"PL011 data written to disabled UART"]),
    Case("guest-error-fails-raspi4b", GUESTERROR, args="0xfe201000",
         end="qemu-error", targets=["raspi4b"],
         expect=[r"^guesterror: writing to a disabled UART$",
                 r"PL011 data written to disabled UART"]),
    Case("poweroff-watchdog", BOOTCHECK, args="exit 3", end="crashed",
         targets=RASPI, config=["# CONFIG_PLAT_RASPI_QEMU_EXIT is not set"],
         expect=[r"^raspi: exit status 3; halting the board$"]),
    # The firmware's way: a device tree in x0 (memory, reservations, the
    # command line with the firmware's Linux parameters before the word
    # "tessera", which are dropped).
    Case("firmware-tree", BOOTCHECK, args="memory", boot="kernel8-dtb",
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
         boot="elf", targets=RASPI,
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
    Case("sched-preemptive", SELFTEST, args="sched*:time*",
         config=SCHED_PREEMPT, timeout=120,
         expect=[r"^test: PASS sched_fp\.all_registers_survive_preemption$"]
         + SCHED_TESTS, absent=[r"^test: FAIL"]),
    Case("sched-stack-overflow", SELFTEST, args="sched_crash.*",
         kargs="sched.test_overflow", config=SCHED, end="crashed",
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
         end="crashed", expect=[EXCEPTION, r"^    thread main, stack 0x"]),
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
         kargs="alloc.crash_tests", config=[ALLOC_DEBUG], end="crashed",
         expect=[r"^alloc: free\(%s\) called from %s: buffer overrun: byte 24 "
                 r"of the 24-byte block allocated by %s was written$"
                 % (ALLOC_ADDR, ALLOC_ADDR, ALLOC_ADDR),
                 r"^alloc: stopping: heap corruption or misuse"],
         absent=[r"went unnoticed"]),
    Case("alloc-debug-double-free", SELFTEST, args="alloc_crash.double_free",
         kargs="alloc.crash_tests", config=[ALLOC_DEBUG], end="crashed",
         expect=[r"^alloc: free\(%s\) called from %s: double free of a "
                 r"24-byte block allocated by %s$"
                 % (ALLOC_ADDR, ALLOC_ADDR, ALLOC_ADDR),
                 r"^alloc: stopping: heap corruption or misuse"],
         absent=[r"went unnoticed"]),
]

# Unoptimised builds (-Og, the easiest to debug) must build and pass too:
# gcc warns differently there (tlsf.c once failed with -Werror).
CASES.append(Case("selftest-Og", SELFTEST, args="alloc*:sched*:time*",
                  config=["CONFIG_OPTIMIZE_NONE=y", "CONFIG_LIB_SCHED=y"],
                  targets=["kvm-x86_64", "virt-arm64"], timeout=120,
                  expect=[r"^test: [1-9]\d* passed, 0 failed, \d+ skipped$"]))

# More tables, one per subsystem, in files of their own (cases_<name>.py
# beside this one, each defining CASES with the Case class above).
def _more_cases():
    import glob
    import importlib
    import os
    import sys
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    for path in sorted(glob.glob(os.path.join(here, "cases_*.py"))):
        CASES.extend(importlib.import_module(os.path.basename(path)[:-3]).CASES)


_more_cases()
