"""The image's own GDB stub (lib/gdbstub) through `make debug`: QEMU boots
tests/image/apps/gdbstubcheck with the stub's UART on a socket and
gdb.wait, gdb-multiarch attaches with `target remote`. Every target of
TARGETS, with the stub on the console UART and on a second UART (UARTS).
Three sessions per combination, each asserting on gdb's real output:

- session: break on a function, continue to it, bt, print a global and a
  local, next and step, set a variable (the program then prints the new
  value), a hardware watchpoint stops on the write, info threads with
  named threads, thread N + bt, monitor threads/heap, detach: the image
  runs on to exit 0;
- null: a NULL dereference stops in GDB (SIGSEGV) in the faulting frame;
- ctrlc: gdb's MI drives an asynchronous Ctrl-C of a busy loop
  (-exec-interrupt), then sets the loop's flag and continues: gdb sees
  the program exit normally (the stub's 'W' packet) and QEMU ends with 0;
- reboot (console UART): monitor reboot resets the machine;
- irqbt (console UART): bt from a breakpoint in the timer interrupt goes
  on through the exception entry into the interrupted code;
- crash_end (one target per architecture): without stop-on-fatal, gdb is
  told the program ended by a signal (the stub's 'X' packet);
- watchkinds (console UART): rwatch, awatch and watch on a variable read
  and written in a loop, each continued twice: the stop replies' kinds
  (x86: awatch for rwatch), gdb reads the variable at each stop, the
  image runs on to exit 0;
- <kind>bt_fatal (lib/debug's debugcheck app): after a panic, a failed
  assertion, a NULL dereference, a fault in a leaf, gdb's bt is the
  console report's chain, and a hardware breakpoint on the stub's own
  memory access does not fire inside the stub;
- crossing (console UART): GDB's first packet is held back until the
  stub's nudge (a '-' while nobody has spoken) reaches GDB, which sends
  the packet again; both copies then reach the stub (a proxy between the
  two), as when the nudge crosses the packet on a loaded machine. The
  stub answers once, and the gdb session goes on to a breakpoint;
- catchsys (console UART): `catch syscall
  write` stops at the entry and the return of the app's write (the
  console shows the text between the two), bt and the pc make sense
  there, `catch syscall` with no argument stops at getpid, and once the
  catchpoints are deleted the program runs to its end without a stop;
- fpregs (one target per architecture, console UART): the FP/SIMD
  registers of the stopped thread: a double argument in xmm0/v0, finish
  from a function returning double, a register written from gdb changes
  what the program prints, no register of the stopped thread unavailable.

An architecture helper adds its targets to TARGETS (and, when its
second UART needs something, the config lines to UARTS)."""
import importlib.machinery
import importlib.util
import os
import re
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdbsession import SECTION, clean_env, driver, split_sections  # noqa: E402
import tstest  # noqa: E402
from tstest import Failure, check  # noqa: E402

APP = "tests/image/apps/gdbstubcheck"
TARGETS = ["kvm-x86_64", "virt-arm64", "raspi3b", "raspi4b"]
XEN_TARGETS = ["xen-arm64"]
# Targets whose guest has no hardware debug registers: Xen 4.17 traps a
# domain's and makes MDSCR_EL1 and the breakpoint and watchpoint
# registers read-as-zero, writes ignored. Software breakpoints (brk)
# work, and arch/arm64 emulates single steps with them, so next, step
# and finish work there too; a watchpoint is refused, and the session
# checks that GDB says so instead of leaving it out.
NO_HW_DEBUG = {"xen-arm64"}
WATCH_CMDS = {"watch watched", "c", "delete"}
UARTS = {
    "console": [],
    "second": ["# CONFIG_LIB_GDBSTUB_UART_CONSOLE is not set",
               "CONFIG_LIB_GDBSTUB_UART_SECOND=y"],
}
SESSION_TIMEOUT = 90
# The worker is the first thread main creates: 1 is the boot/idle
# context, 2 main.
WORKER_ID = 3


SESSION_CMDS = [
    "break compute", "continue", "backtrace", "print global_counter", "next",
    "print doubled", "step", "bt 1", "finish", "set var tunable = 99",
    "info threads", f"thread {WORKER_ID}", "bt", "thread 2",
    "watch watched", "c", "delete", "monitor threads",
    "monitor heap", "detach",
]
# Memory the stub must refuse with an error reply and survive: page 0, a
# device's registers (reads there can have side effects or fault), and an
# address past the end of RAM (128 MiB guests; x86_64 once mapped
# everything up to 3 GiB and read zeros there).
DEVICE = {"kvm-x86_64": 0xfee00000, "virt-arm64": 0x09000000,
          "raspi3b": 0x3f201000, "raspi4b": 0xfe201000, "xen-arm64": 0x22000000}
PAST_RAM = {"kvm-x86_64": 0x9000000, "virt-arm64": 0x49000000}


def board(target):
    """The machine a target's session runs on, for the tables here:
    xen-x86_64 under QEMU's PVH loader is kvm-x86_64's PC (plat/pc)."""
    return "kvm-x86_64" if target == "xen-x86_64" else target


def session_cmds(target):
    refused = ["x/4xw 0", f"x/4xw {DEVICE[board(target)]:#x}"]
    if board(target) in PAST_RAM:
        refused.append(f"x/4x {PAST_RAM[board(target)]:#x}")
    cmds = [c for c in SESSION_CMDS
            if target not in NO_HW_DEBUG or c not in WATCH_CMDS]
    if target in NO_HW_DEBUG:
        i = cmds.index("monitor threads")
        cmds[i:i] = ["watch watched", "continue  ", "delete"]
    i = cmds.index("print global_counter")
    return cmds[:i] + refused + cmds[i:], refused


def _debug_script():
    path = os.path.join(tstest.ROOT, "support", "scripts", "debug")
    loader = importlib.machinery.SourceFileLoader("tsdebug", path)
    spec = importlib.util.spec_from_loader("tsdebug", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def build(target, uart):
    return tstest.build_case(APP, target, UARTS[uart])


def make_debug(odir, script, args="", app=APP):
    cmd = ["make", "-C", os.path.join(tstest.ROOT, app), "O=" + odir, "debug",
           "GDB_SCRIPT=" + script, f"TIMEOUT={SESSION_TIMEOUT}",
           "ARGS=" + args]
    try:
        # One stream: gdb prints a monitor command's output on stderr,
        # and it must land between that command's markers.
        p = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True,
                           env=clean_env(), timeout=SESSION_TIMEOUT + 30)
    except subprocess.TimeoutExpired as e:
        raise Failure(f"make debug did not end within {SESSION_TIMEOUT + 30} s:\n"
                      f"{tstest.tail(str(e.stdout or ''))}")
    return p.returncode, p.stdout


def sections_of(out, commands, what, may_fail=()):
    sec = split_sections(out)
    for c in commands:
        check(c in sec, f"{what}: no output of '{c}':\n{tstest.tail(out, 40)}")
        check(c in may_fail or not sec[c].startswith("ERROR"),
              f"{what}: '{c}' failed: {sec[c]}\n{tstest.tail(out, 40)}")
    return sec


def debug_session(odir, name, cmds, what, args="", may_fail=(), app=APP):
    """cmds in batch gdb on the image's stub (`make debug`, one section of
    output per command): (make's status, output, sections)."""
    script = os.path.join(odir, f"stub-{name}.gdb")
    with open(script, "w") as f:
        f.write(driver(cmds))
    rc, out = make_debug(odir, script, args=args, app=app)
    return rc, out, sections_of(out, cmds, what, may_fail)


def check_session(target, uart):
    what = f"{target}, stub on the {uart} UART"
    odir, _, _ = build(target, uart)
    cmds, refused = session_cmds(target)
    no_hw = target in NO_HW_DEBUG
    rc, out, sec = debug_session(odir, "session", cmds, what,
                                 may_fail=refused + (["continue  "] if no_hw else []))
    for c in refused:
        check("ERROR: Cannot access memory at address 0x" in sec[c],
              f"{what}: '{c}' was not refused with an error:\n{sec[c]}")
    check(re.search(r"hit Breakpoint 1, compute \(x=", sec["continue"]),
          f"{what}: no stop at compute:\n{sec['continue']}")
    check(re.search(r"#0\s+compute .*\n#1\s+0x[0-9a-f]+ in main ", sec["backtrace"]),
          f"{what}: bt does not show compute <- main:\n{sec['backtrace']}")
    check("= 4242" in sec["print global_counter"], f"{what}: global: "
                                                   f"{sec['print global_counter']}")
    check("= 6" in sec["print doubled"],
          f"{what}: local after next: {sec['print doubled']}\n{sec['next']}")
    check(re.search(r"^#0\s+square \(", sec["bt 1"], re.M),
          f"{what}: step did not enter square:\n{sec['step']}{sec['bt 1']}")
    # ("Run till exit from ..." is printed only for commands from a tty,
    # which gdb.execute() is not.)
    check("Value returned" in sec["finish"], f"{what}: finish: {sec['finish']}")
    threads = sec["info threads"]
    for name in ("main (running)", "worker (blocked)", "idle"):
        check(name in threads, f"{what}: info threads lacks '{name}':\n{threads}")
    check(re.search(fr"^\s+{WORKER_ID}\s+Thread {WORKER_ID} \(worker",
                    threads, re.M),
          f"{what}: the worker is not thread {WORKER_ID}:\n{threads}")
    wbt = sec["bt"]
    for fn in ("ts_sem_wait", "worker_wait", "worker_level2", "worker"):
        # An inlined frame has no "0x... in" (arm64: ts_sem_wait).
        check(re.search(fr"(in |#\d+\s+){fn} \(", wbt),
              f"{what}: thread {WORKER_ID}'s bt lacks {fn}:\n{wbt}")
    # It ends where the thread began, without an unwinding error (the
    # call-frame information of C and of switch.S reaches GDB), and the
    # semaphore is read right from the CFI: "wq=wq@entry=0x... <go+8>".
    check(re.search(r"in ts_arch_ctx_start \(\)[^\n]*\n*$", wbt)
          and "Backtrace stopped" not in wbt,
          f"{what}: thread {WORKER_ID}'s bt does not end cleanly at ts_arch_ctx_start:\n{wbt}")
    check(re.search(r"sched_block \(wq=(wq@entry=)?0x[0-9a-f]+ <go\+8>", wbt),
          f"{what}: sched_block's argument is not the semaphore's queue:\n{wbt}")
    check("Hardware watchpoint 2: watched" in sec["watch watched"],
          f"{what}: watch: {sec['watch watched']}")
    if no_hw:
        # Refused when GDB inserts it, the program still stopped.
        check("Could not insert hardware watchpoint 2" in sec["continue  "],
              f"{what}: the watchpoint was not refused:\n{sec['continue  ']}")
        check("steps emulated, no hardware watchpoints" in out,
              f"{what}: the image did not say it has no debug registers:\n"
              f"{tstest.tail(out, 30)}")
    else:
        check(re.search(r"Hardware watchpoint 2: watched\s+Old value = 0\s+"
                        r"New value = 1234", sec["c"]),
              f"{what}: the watchpoint did not stop on the write:\n{sec['c']}")
    check("gdbstubcheck: value=99" in out,
          f"{what}: setting tunable did not change the output:\n{tstest.tail(out, 30)}")
    check(re.search(r"^\* 2 main \(running\)$", sec["monitor threads"], re.M) and
          "worker (blocked)" in sec["monitor threads"],
          f"{what}: monitor threads:\n{sec['monitor threads']}")
    check(re.search(r"^in use\s+\d+", sec["monitor heap"], re.M),
          f"{what}: monitor heap:\n{sec['monitor heap']}")
    check("the image exited with status 0" in out and rc == 0,
          f"{what}: after detach the image did not exit 0 (make {rc}):\n{tstest.tail(out, 30)}")


def check_null(target, uart):
    what = f"{target}, stub on the {uart} UART"
    odir, _, _ = build(target, uart)
    cmds = ["continue", "bt", "info threads", "detach"]
    rc, out, sec = debug_session(odir, "null", cmds, what, args="null")
    check("received signal SIGSEGV" in sec["continue"],
          f"{what}: no SIGSEGV stop:\n{tstest.tail(out, 30)}")
    # "#0  0x... in crash_here": gdb shows the pc when it is not the
    # first instruction of a line (arm64's faulting load).
    check(re.search(r"#0\s+(0x[0-9a-f]+ in )?crash_here \(p=.*0x0\).*\n"
                    r"#1\s+0x[0-9a-f]+ in main ", sec["bt"]),
          f"{what}: bt does not start in crash_here:\n{sec['bt']}")
    check("the image crashed" in out,
          f"{what}: after detach the machine should stop as a crash:\n{tstest.tail(out, 20)}")


def check_reboot(target, uart):
    """monitor reboot resets the machine (the platform's reset, not a
    power-off): QEMU, run with -no-reboot, then exits with 0 instead of
    the crash status a kill gives."""
    what = f"{target}, stub on the {uart} UART"
    odir, _, _ = build(target, uart)
    cmds = ["monitor reboot"]
    rc, out, sec = debug_session(odir, "reboot", cmds, what)
    check("rebooting" in sec["monitor reboot"],
          f"{what}: monitor reboot said:\n{tstest.tail(out, 20)}")
    check("reset without an exit status" in out,
          f"{what}: the machine did not reset:\n{tstest.tail(out, 20)}")


def check_irq_backtrace(target, uart):
    """A breakpoint in an interrupt handler: bt goes on through the
    exception entry (its call-frame information) into the interrupted
    busy loop and main."""
    what = f"{target}, stub on the {uart} UART"
    odir, _, _ = build(target, uart)
    cmds = ["break spin", "continue", "delete", "break ts_plat_timer_expired",
            "continue ", "bt", "delete ", "set var stop_busy = 1", "detach"]
    rc, out, sec = debug_session(odir, "irq-bt", cmds, what, args="busy")
    check(re.search(r"#0\s+ts_plat_timer_expired \(\).*"
                    r"<signal handler called>\n#\d+\s+(0x[0-9a-f]+ in )?spin \(\).*\n"
                    r"#\d+\s+0x[0-9a-f]+ in main ", sec["bt"], re.S),
          f"{what}: bt from the timer interrupt does not go on into spin and main:\n{sec['bt']}")
    check("the image exited with status 0" in out,
          f"{what}: after detach: {tstest.tail(out, 10)}")


def check_crash_end(target):
    """Without LIB_GDBSTUB_STOP_ON_FATAL a crash is not a stop: the report
    is printed and the run ends, and the stub tells GDB so ('X')."""
    what = f"{target}, crash without stop-on-fatal"
    odir, _, _ = tstest.build_case(APP, target, UARTS["console"] + [
        "# CONFIG_LIB_GDBSTUB_STOP_ON_FATAL is not set"])
    cmds = ["continue"]
    rc, out, sec = debug_session(odir, "crash-end", cmds, what, args="null")
    check("Program terminated with signal SIGABRT" in sec["continue"],
          f"{what}: gdb was not told the program ended:\n{tstest.tail(out, 30)}")
    check("the image crashed" in out,
          f"{what}: the machine should stop as a crash:\n{tstest.tail(out, 20)}")


# lib/debug's test app: a panic, a failed assertion and faults, each a
# few calls deep (tests/image/cases_debug.py checks its console reports).
DEBUGCHECK = "tests/image/apps/debugcheck"
# argv[1] of debugcheck: the signal gdb must see, the function that gave
# up or faulted (the report's first frame) and its argument with the
# value it has there (gdb must read it right in that frame), and the
# function that reports a panic (gdb's frame #0 before the report's
# chain).
FATAL = {
    "panic": ("SIGABRT", "panic_level3", "n", 3, "ts_panic"),
    "assert": ("SIGABRT", "assert_level2", "count", 3,
               "ts__assert_cmp_fail"),
    "check": ("SIGABRT", "check_level2", "count", 4, "ts__assert_fail"),
    "null": ("SIGSEGV", "crash_level3", "p", "0x0", None),
    "leaf": ("SIGSEGV", "crash_leaf", "p", "0x0", None),
}


def report_chain(text):
    """The function names of the console report's backtrace."""
    m = re.search(r"^    backtrace:\n(.*?)^\*\*\* end of report", text,
                  re.M | re.S)
    check(m, f"no backtrace in the report:\n{tstest.tail(text, 40)}")
    return [re.sub(r"\.cold$", "", f) for f in re.findall(
        r"^    #\d+ 0x[0-9a-f]{16} (\S+)\+0x[0-9a-f]+$", m.group(1), re.M)]


def gdb_chain(bt):
    """The function names of gdb's backtrace, frame by frame."""
    return re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\S+) \(", bt, re.M)


def check_fatal_backtrace(target, kind):
    """A stop on a fatal error (stop-on-fatal): gdb's bt is the chain the
    console report shows, each function once and in order, from the
    function that called ts_panic() or failed the assertion (or faulted),
    without '??', after frame #0 in ts_panic() or the assertion's
    function for a panic; and the failing function's argument reads
    right. (The stop used to have the registers of the call, the pc its
    return address, past the end of a function whose last instruction is
    the call to ts_panic(): gdb showed '??' and lost or repeated frames.)
    A hardware breakpoint on a function the stub itself calls (its memory
    access for GDB) is set meanwhile: it must not fire in the stub, which
    on arm64 runs a panic's stop in the thread, debug exceptions unmasked."""
    what = f"{target}, {kind} stop"
    sig, first, arg, value, entry = FATAL[kind]
    odir, _, _ = tstest.build_case(DEBUGCHECK, target, ["CONFIG_LIB_GDBSTUB=y"])
    # always-inserted: gdb leaves the breakpoint in while the program is
    # stopped (by default it takes it out before it reads much).
    cmds = ["set breakpoint always-inserted on",
            "hbreak ts_arch_mem_read_safe", "continue", "bt",
            f"frame {1 if entry else 0}", "print " + arg, "detach"]
    rc, out, sec = debug_session(odir, "fatal-" + kind, cmds, what,
                                 args=kind, app=DEBUGCHECK)
    check(f"received signal {sig}" in sec["continue"],
          f"{what}: no {sig} stop:\n{tstest.tail(out, 30)}")
    # The breakpoint fired inside the stub: a nested fatal stop, whose
    # report lands in the middle of a packet.
    check("packet error" not in out and "nested exception" not in out
          and "SIGTRAP" not in out,
          f"{what}: the stub tripped over the hardware breakpoint:\n{tstest.tail(out, 30)}")
    report = report_chain(out)
    check(report and report[0] == first and "main" in report,
          f"{what}: the report does not go from {first} to main: {report}")
    # gdb's bt ends at main (backtrace past-main is off); the report
    # goes on into the boot code.
    report = report[:report.index("main") + 1]
    bt = sec["bt"]
    frames = gdb_chain(bt)
    if entry:
        # A panic stops inside the function that reports it: frame #0.
        check(frames[:1] == [entry],
              f"{what}: gdb's bt does not start in {entry}:\n{bt}")
        frames = frames[1:]
    check("??" not in bt and "Backtrace stopped" not in bt
          and frames == report,
          f"{what}: gdb's bt is not the report's chain {' <- '.join(report)}:\n{bt}")
    check(re.search(fr"^\$\d+ = (\([^)]*\) )?{value}$", sec["print " + arg],
                    re.M),
          f"{what}: {arg} in {first} is not {value}:\n{sec['print ' + arg]}")
    check("the image crashed" in out,
          f"{what}: after detach the machine should stop as a crash:\n{tstest.tail(out, 20)}")


# The stop reply's kind for each watchpoint command: x86 has no read-only
# watchpoint (the stub refuses Z3), so GDB sets an access one for rwatch.
WATCH_KINDS = {
    "kvm-x86_64": {"rwatch": "awatch", "awatch": "awatch", "watch": "watch"},
}
ARM64_WATCH_KINDS = {"rwatch": "rwatch", "awatch": "awatch", "watch": "watch"}


def stop_kinds(text):
    """The watchpoint kinds of the T stop replies in gdb's remote debug
    output (set debug remote 1)."""
    return re.findall(r"Packet received: T[0-9a-f]{2}(?:[^\n]*;)?"
                      r"(watch|rwatch|awatch):", text)


def check_watch_kinds(target):
    """Read, access and write watchpoints on a global in a loop that reads
    and writes it (gdbstubcheck watch): each stops where it should, with
    the right kind in the stop reply, and gdb reads the variable at the
    stop without the stub tripping over its own read (x86: the debug
    registers stay armed inside the stub otherwise, and the session ends
    in a fatal stop). Continued more than once, then the image runs on
    to exit 0."""
    what = f"{target}, watchpoint kinds"
    kinds = WATCH_KINDS.get(board(target), ARM64_WATCH_KINDS)
    odir, _, _ = build(target, "console")
    # Round i reads watched (1234, then i), then writes i + 1.
    steps = [
        ("rwatch", r"Hardware read watchpoint 3: watched\s+Value = 1234\s"),
        ("rwatch", r"Hardware read watchpoint 3: watched\s+Value = 1\s"),
        ("awatch", r"Hardware access \(read/write\) watchpoint 4: watched\s+"
                   r"Old value = 1\s+New value = 2\s"),
        ("awatch", r"Hardware access \(read/write\) watchpoint 4: watched\s+"
                   r"Value = 2\s"),
        ("watch", r"Hardware watchpoint 5: watched\s+Old value = 2\s+"
                  r"New value = 3\s"),
        ("watch", r"Hardware watchpoint 5: watched\s+Old value = 3\s+"
                  r"New value = 4\s"),
    ]
    # Section names are the commands: trailing spaces make them unique.
    # A hardware breakpoint on the stub's debug-exception handler (2) too:
    # it must not fire inside the handling of the watchpoints' exceptions
    # (x86: it did, again and again, until the stack overflowed).
    cmds = ["break watch_rounds", "continue", "delete",
            "hbreak on_debug_event"]
    conts = []
    number = 2
    for i, (kind, _) in enumerate(steps):
        if not i or kind != steps[i - 1][0]:
            if i:
                cmds.append(f"delete {number}")
            number += 1
            cmds.append(kind + " watched")
        conts.append("continue" + " " * (i + 1))
        cmds += ["set debug remote 1" + " " * i, conts[-1],
                 "set debug remote 0" + " " * i, "print watched" + " " * i]
    cmds += ["delete" + " " * len(steps), "continue" + " " * (len(steps) + 1)]
    rc, out, sec = debug_session(odir, "watch", cmds, what, args="watch")
    check(re.search(r"Breakpoint 1, watch_rounds", sec["continue"]),
          f"{what}: no stop at watch_rounds:\n{tstest.tail(out, 30)}")
    for i, (kind, rx) in enumerate(steps):
        text = sec[conts[i]]
        check(re.search(rx, text) and "SIG" not in text,
              f"{what}: {kind}, continue {i + 1} did not stop as expected ({rx}):\n"
              f"{tstest.tail(text, 30)}")
        # (x86's access watchpoint for rwatch also stops on the write
        # before the read; gdb sees the value changed and goes on.)
        got = stop_kinds(text)
        check(got and set(got) == {kinds[kind]},
              f"{what}: {kind}: the stop reply says {got}, not {kinds[kind]}:\n"
              f"{tstest.tail(text, 30)}")
        value = sec["print watched" + " " * i]
        check(re.search(r"^\$\d+ = \d+$", value, re.M),
              f"{what}: print watched after the {kind} stop: {value}")
    last = sec["continue" + " " * (len(conts) + 1)]
    check("exited normally" in last and "watch sum=1249" in out
          and "the image exited with status 0" in out and rc == 0,
          f"{what}: the image did not run on to exit 0 (make {rc}):\n{tstest.tail(out, 30)}")


# Per architecture: the register that holds scale()'s double argument and
# result, as gdb names its first lane, and gdb's name of the last FP/SIMD
# register (so the all-registers listing is known to reach it).
FP_ARCH = {
    "kvm-x86_64": ("$xmm0.v2_double[0]", "xmm0", "mxcsr"),
    "virt-arm64": ("$v0.d.f[0]", "v0", "fpcr"),
}


def check_fpregs(target):
    what = f"{target}, FP/SIMD registers"
    lane, vreg, last = FP_ARCH[board(target)]
    odir, _, _ = build(target, "console")
    # scale(1.5) returns 1.5 * 3.0; with the argument set to 2.5 from
    # gdb it returns 7.5, which finish shows and the program prints.
    cmds = ["break scale", "continue", "print x", "print " + lane,
            f"set var {lane} = 2.5", "finish", "info all-registers",
            f"thread {WORKER_ID}", "info registers " + vreg, "thread 2"]
    if board(target) == "kvm-x86_64":
        cmds.insert(cmds.index("finish"), "info float")
    # Run to the end attached: the output comes as 'O' packets.
    cmds.append("continue ")
    rc, out, sec = debug_session(odir, "fpregs", cmds, what)
    check(re.search(r"hit Breakpoint 1, scale \(x=(x@entry=)?1\.5\)",
                    sec["continue"]),
          f"{what}: no stop at scale with x=1.5:\n{sec['continue']}")
    check(re.search(r"^\$\d+ = 1\.5$", sec["print x"], re.M),
          f"{what}: print x: {sec['print x']}")
    check(re.search(r"^\$\d+ = 1\.5$", sec["print " + lane], re.M),
          f"{what}: print {lane}: {sec['print ' + lane]}")
    check(re.search(r"Value returned is \$\d+ = 7\.5$", sec["finish"], re.M),
          f"{what}: finish did not return 2.5 * 3:\n{sec['finish']}")
    regs = sec["info all-registers"]
    check("<unavailable>" not in regs and
          re.search(fr"^{last}\s", regs, re.M),
          f"{what}: info all-registers of the stopped thread:\n{tstest.tail(regs, 40)}")
    if board(target) == "kvm-x86_64":
        fl = sec["info float"]
        check("<unavailable>" not in fl and
              re.search(r"^Control Word:\s+0x037f", fl, re.M) and
              re.search(r"^Tag Word:\s+0x[0-9a-f]{4}", fl, re.M),
              f"{what}: info float:\n{fl}")
    # Another thread's are not known (README "Known limits"): shown
    # unavailable, never the stopped thread's or garbage.
    other = sec["info registers " + vreg]
    check("<unavailable>" in other,
          f"{what}: thread {WORKER_ID}'s {vreg}: {other}")
    check("gdbstubcheck: scaled=7.50" in out,
          f"{what}: setting {lane} did not change the output:\n{tstest.tail(out, 30)}")
    check("exited normally" in sec["continue "] and
          "the image exited with status 0" in out and rc == 0,
          f"{what}: the image did not run on to exit 0 (make {rc}):\n{tstest.tail(out, 30)}")


CATCH_CMDS = ["catch syscall write", "continue", "bt", "info registers pc",
              "continue", "print ret", "delete", "catch syscall", "continue",
              "continue", "delete", "continue"]
# The architecture's Linux numbers GDB names the calls with.
WRITE_NR = {"kvm-x86_64": 1, "virt-arm64": 64, "raspi3b": 64, "raspi4b": 64}


def check_catch_syscall(target):
    what = f"{target}, catch syscall"
    odir, _, _ = build(target, "console")
    script = os.path.join(odir, "stub-catchsys.gdb")
    with open(script, "w") as f:
        f.write(driver(CATCH_CMDS))
    rc, out = make_debug(odir, script, args="syscall")
    # The same command comes more than once: the sections in order.
    sec = SECTION.findall(out)
    check([c for c, _ in sec] == CATCH_CMDS,
          f"{what}: not every command ran:\n{tstest.tail(out, 40)}")
    for c, text in sec:
        check(not text.startswith("ERROR"), f"{what}: '{c}' failed: {text}")
    text = [t for _, t in sec]
    check(f"Catchpoint 1 (syscall 'write' [{WRITE_NR[board(target)]}])" in text[0],
          f"{what}: gdb does not know write by name:\n{text[0]}")
    check("Catchpoint 1 (call to syscall write)" in text[1]
          and "written by write 1" not in text[1],
          f"{what}: no stop at the entry of write, before it wrote:\n{text[1]}")
    # The stop is in the stub's function the dispatcher called, under
    # the app's call.
    check(re.search(r"#0\s+stop_at_syscall \(when=TS_SYSCALL_STOP_ENTRY, "
                    fr"n={WRITE_NR[board(target)]},.*\n#1\s+0x[0-9a-f]+ in ts_syscall_watched "
                    r"\(.*\n#2\s+0x[0-9a-f]+ in make_syscalls \(\).*\n#3\s+0x[0-9a-f]+ in main ",
                    text[2]),
          f"{what}: bt at the entry stop:\n{text[2]}")
    check(re.search(r"^pc\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <stop_at_syscall\+\d+>", text[3], re.M),
          f"{what}: the pc is not in stop_at_syscall:\n{text[3]}")
    check(re.search(r"written by write 1\n(.|\n)*Catchpoint 1 \(returned from syscall write\)",
                    text[4]),
          f"{what}: no stop at the return of write, after it wrote:\n{text[4]}")
    # The result: 33 bytes written.
    check(re.search(r"^\$\d+ = 33$", text[5], re.M), f"{what}: print ret: {text[5]}")
    check("Catchpoint 2 (any syscall)" in text[7], f"{what}: catch syscall: {text[7]}")
    check("Catchpoint 2 (call to syscall getpid)" in text[8],
          f"{what}: catch syscall did not stop at getpid:\n{text[8]}")
    check("Catchpoint 2 (returned from syscall getpid)" in text[9],
          f"{what}: no stop at getpid's return:\n{text[9]}")
    check("Catchpoint" not in text[11] and "written by write 2" in text[11]
          and "exited normally" in text[11],
          f"{what}: after delete the program did not run to its end without "
          f"a stop:\n{text[11]}")
    check(rc == 0 and "the image exited with status 0" in out,
          f"{what}: make {rc}:\n{tstest.tail(out, 20)}")


class MI:
    """gdb --interpreter=mi3 on pipes, read unbuffered: a buffered file
    object may hold lines select() no longer sees, and the wait for them
    never ends."""

    def __init__(self, argv):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, bufsize=0)
        self.buf = b""
        self.log = []

    def send(self, cmd):
        self.log.append("> " + cmd)
        self.p.stdin.write((cmd + "\n").encode())
        self.p.stdin.flush()

    def expect(self, pattern, timeout=30):
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while True:
            text = self.buf.decode("utf-8", "replace")
            m = rx.search(text)
            if m:
                self.buf = text[m.end():].encode()
                self.log.append(text[:m.end()])
                return m
            left = end - time.monotonic()
            if left <= 0:
                log = tstest.tail("\n".join(self.log) + "\n" + text, 40)
                raise Failure(f"gdb MI: no {pattern!r} within {timeout} s; log:\n{log}")
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if r:
                data = os.read(self.p.stdout.fileno(), 65536)
                if not data:
                    log = tstest.tail("\n".join(self.log) + "\n" + text, 40)
                    raise Failure(f"gdb MI ended; log:\n{log}")
                self.buf += data

    def close(self):
        if self.p.poll() is None:
            self.p.kill()
        self.p.wait()


def check_ctrlc(target, uart):
    what = f"{target}, stub on the {uart} UART"
    odir, image, config = build(target, uart)
    dbgmod = _debug_script()
    which = 1 if uart == "second" else 0
    mi = qemu = None
    with tempfile.TemporaryDirectory(prefix="tessera-stubtest-") as tmp:
        try:
            console = open(os.path.join(tmp, "console.txt"), "wb")
            tgt, qemu, port = dbgmod.boot_with_stub(
                config, image, tmp, kargs="gdb.wait", args="busy", which=which,
                stdout=console)
            mi = MI(["gdb-multiarch", "-q", "-nx", "--interpreter=mi3",
                     image + ".dbg"])
            mi.expect(r"\(gdb\)\s*\n")
            mi.send("-gdb-set mi-async on")
            mi.expect(r"\^done")
            # A loaded machine (TCG, tests side by side) can miss gdb's
            # default 2 s for an ack during the connection.
            mi.send("-gdb-set remotetimeout 10")
            mi.expect(r"\^done")
            mi.send(f"-target-select remote 127.0.0.1:{port}")
            mi.expect(r"\^connected")
            mi.send("-break-insert spin")
            mi.expect(r"\^done,bkpt=")
            mi.send("-exec-continue")
            mi.expect(r'\*stopped,reason="breakpoint-hit"')
            mi.send("-break-delete")
            mi.expect(r"\^done")
            mi.send("-exec-continue")
            mi.expect(r"\*running")
            time.sleep(1.0)         # let it spin
            mi.send("-exec-interrupt")
            m = mi.expect(r'\*stopped,reason="signal-received",signal-name="SIGINT"'
                          r'[^\n]*')
            check('func="spin"' in m.group(0),
                  f"{what}: Ctrl-C did not stop in the busy loop: {m.group(0)}")
            mi.send("-data-evaluate-expression \"stop_busy = 1\"")
            mi.expect(r'\^done,value="1"')
            # Run to the end: the stub's 'W' (not a closed connection)
            # tells GDB the program exited, with its status.
            mi.send("-exec-continue")
            mi.expect(r'\*stopped,reason="exited-normally"')
            try:
                rc = qemu.wait(timeout=30)
            except subprocess.TimeoutExpired:
                raise Failure(f"{what}: the image did not exit after GDB saw it exit")
            kind, status, why = tgt.decode(rc)
            check(kind == "exited" and status == 0,
                  f"{what}: after Ctrl-C and continue the image {kind} {status} ({why})")
        finally:
            if mi:
                mi.close()
            if qemu and qemu.poll() is None:
                qemu.kill()
                qemu.wait()


class CrossingProxy:
    """Between gdb and the stub: holds gdb's first packet until the stub's
    nudge '-' came and was passed to gdb, waits for gdb's copy of the
    packet (gdb resends on '-'), sends both to the stub, then relays.
    Records what the stub sent after the two copies."""

    def __init__(self, stub_port):
        self.stub_port = stub_port
        self.lsn = socket.socket()
        self.lsn.bind(("127.0.0.1", 0))
        self.lsn.listen(1)
        self.port = self.lsn.getsockname()[1]
        self.first = self.copy = None
        self.from_stub = b""
        self.error = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @staticmethod
    def _packet(sock, buf, deadline):
        """Bytes up to the end of the first whole packet ('$...#cs')."""
        while True:
            m = re.search(rb"\$[^#]*#..", buf, re.S)
            if m:
                return buf[:m.end()], buf[m.end():]
            sock.settimeout(max(0.1, deadline - time.monotonic()))
            data = sock.recv(4096)
            if not data:
                raise OSError("connection closed")
            buf += data

    def _run(self):
        try:
            self.lsn.settimeout(60)
            g, _ = self.lsn.accept()
            s = socket.create_connection(("127.0.0.1", self.stub_port), timeout=30)
            deadline = time.monotonic() + 30
            self.first, rest = self._packet(g, b"", deadline)
            # The stub nudges after a second of silence.
            while b"-" not in s.recv(4096):
                pass
            g.sendall(b"-")
            self.copy, rest = self._packet(g, rest, deadline)
            s.sendall(self.first + self.copy + rest)
            self._relay(g, s)
        except OSError as e:
            self.error = e

    def _relay(self, g, s):
        g.settimeout(None)
        s.settimeout(None)
        while True:
            r, _, _ = select.select([g, s], [], [], 120)
            if not r:
                return
            for a in r:
                data = a.recv(65536)
                if not data:
                    return
                if a is s:
                    if len(self.from_stub) < 4096:
                        self.from_stub += data
                    g.sendall(data)
                else:
                    s.sendall(data)

    def close(self):
        self.lsn.close()


def check_crossing(target, uart):
    what = f"{target}, nudge crossing gdb's first packet"
    odir, image, config = build(target, uart)
    dbgmod = _debug_script()
    arch = {"x86_64": "i386:x86-64", "arm64": "aarch64"}[
        tstest.tsqemu.read_config(config)["ARCH_NAME"]]
    cmds = ["break compute", "continue", "bt", "detach"]
    qemu = proxy = None
    with tempfile.TemporaryDirectory(prefix="tessera-stubtest-") as tmp:
        try:
            console = open(os.path.join(tmp, "console.txt"), "wb")
            tgt, qemu, port = dbgmod.boot_with_stub(
                config, image, tmp, kargs="gdb.wait", which=0, stdout=console)
            proxy = CrossingProxy(port)
            script = os.path.join(tmp, "crossing.gdb")
            with open(script, "w") as f:
                f.write(driver(cmds))
            gcmd = ["gdb-multiarch", "-q", "-nx", "-batch", image + ".dbg",
                    "-ex", "set architecture " + arch,
                    # A second's hold-up must not look like a lost packet.
                    "-ex", "set remotetimeout 20",
                    "-ex", f"target remote 127.0.0.1:{proxy.port}",
                    "-x", script]
            try:
                p = subprocess.run(gcmd, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True,
                                   env=clean_env(), timeout=SESSION_TIMEOUT)
            except subprocess.TimeoutExpired as e:
                raise Failure(f"{what}: gdb did not end within {SESSION_TIMEOUT} s:\n"
                              f"{tstest.tail(str(e.stdout or ''))}")
            out = p.stdout
            check(proxy.error is None and proxy.copy is not None,
                  f"{what}: the proxy could not stage the crossing: {proxy.error}\n"
                  f"{tstest.tail(out)}")
            check(proxy.first.lstrip(b"+") == proxy.copy,
                  f"{what}: gdb did not resend its first packet on '-': {proxy.first!r}, "
                  f"{proxy.copy!r}")
            replies = proxy.from_stub.count(b"$PacketSize=")
            check(replies == 1,
                  f"{what}: the stub answered gdb's first packet {replies} times:\n"
                  f"{proxy.from_stub[:600]!r}")
            sec = sections_of(out, cmds, what)
            check(re.search(r"hit Breakpoint 1, compute \(x=", sec["continue"]),
                  f"{what}: no stop at compute:\n{tstest.tail(out, 30)}")
            check(re.search(r"#1\s+0x[0-9a-f]+ in main ", sec["bt"]),
                  f"{what}: bt:\n{sec['bt']}")
            try:
                rc = qemu.wait(timeout=60)
            except subprocess.TimeoutExpired:
                raise Failure(f"{what}: the image did not run to its end after detach")
            kind, status, why = tgt.decode(rc)
            check(kind == "exited" and status == 0,
                  f"{what}: after detach the image {kind} {status} ({why})")
        finally:
            if proxy:
                proxy.close()
            if qemu and qemu.poll() is None:
                qemu.kill()
                qemu.wait()


def unit_of(test_name):
    """tests/run: the tests of one build (target and UART) run in one
    worker, since `make debug` runs in that build's folder."""
    return test_name.split("_", 3)[3]


def _define(kind, fn, target, uart):
    name = f"test_stub_{kind}_{target.replace('-', '_')}_{uart}"
    globals()[name] = lambda: fn(target, uart)


for _t in ("kvm-x86_64", "virt-arm64"):    # one per architecture
    globals()["test_stub_crash_end_" + _t.replace("-", "_")] = (
        lambda t=_t: check_crash_end(t))

for _t in TARGETS:    # unit_of: the console build's
    globals()[f"test_stub_catchsys_{_t.replace('-', '_')}_console"] = (
        lambda t=_t: check_catch_syscall(t))

for _t in FP_ARCH:    # one per architecture; unit_of: the console build's
    globals()[f"test_stub_fpregs_{_t.replace('-', '_')}_console"] = (
        lambda t=_t: check_fpregs(t))

for _t in TARGETS:
    for _u in UARTS:
        _define("session", check_session, _t, _u)
        _define("null", check_null, _t, _u)
        _define("ctrlc", check_ctrlc, _t, _u)
    _define("reboot", check_reboot, _t, "console")
    _define("irqbt", check_irq_backtrace, _t, "console")
    globals()[f"test_stub_watchkinds_{_t.replace('-', '_')}_console"] = (
        lambda t=_t: check_watch_kinds(t))
    for _k in FATAL:
        # unit_of: "fatal" is the build (debugcheck's), one per target.
        globals()[f"test_stub_{_k}bt_fatal_{_t.replace('-', '_')}"] = (
            lambda t=_t, k=_k: check_fatal_backtrace(t, k))
    _define("crossing", check_crossing, _t, "console")

# Xen (a cheap representative set): on xen-arm64 the stub speaks over
# QEMU's second PL011, which Xen passes through to the domain (Xen's own
# vpl011 sends a domain's bytes on only at a newline, behind a prefix).
# The session (break, step, bt, variables, set, threads, a watchpoint,
# memory through monitor heap) and Ctrl-C.
for _t in XEN_TARGETS:
    _define("session", check_session, _t, "second")
    _define("ctrlc", check_ctrlc, _t, "second")
# xen-x86_64 under QEMU's PVH loader (no Xen here): the stub on COM2,
# the PC code it shares with kvm-x86_64 (plat/pc); the whole session.
_define("session", check_session, "xen-x86_64", "second")


def check_xen_console_refused(target):
    """The stub on the console UART cannot work under Xen (its vpl011
    passes bytes on only at a newline): make debug says so in one line
    (after the accelerator's) and what to set, rather than waiting for a gdb that never connects.
    The second-UART build's .config with the console UART chosen: no
    build of its own."""
    odir, image, config = build(target, "second")
    with tempfile.TemporaryDirectory() as tmp:
        conf = os.path.join(tmp, "console.config")
        with open(config) as f:
            text = f.read().replace("CONFIG_LIB_GDBSTUB_UART=1", "CONFIG_LIB_GDBSTUB_UART=0")
        with open(conf, "w") as f:
            f.write(text)
        p = subprocess.run([sys.executable, os.path.join(tstest.ROOT, "support", "scripts", "debug"),
                            "--config", conf, "--image", image, "--cmds", "bt",
                            "--timeout", "30"],
                           capture_output=True, text=True, env=clean_env(), timeout=60)
    err = p.stderr.strip().splitlines()
    check(p.returncode != 0 and err and "cannot use the console UART" in err[-1]
          and "CONFIG_LIB_GDBSTUB_UART_SECOND=y" in err[-1] and "Traceback" not in p.stderr,
          f"{target}: make debug with the stub on the console UART exited {p.returncode}:\n"
          f"{tstest.tail(p.stdout + p.stderr)}")


for _t in XEN_TARGETS:    # unit_of: the second-UART build's
    globals()[f"test_stub_refused_{_t.replace('-', '_')}_second"] = (
        lambda t=_t: check_xen_console_refused(t))
