"""lib/trace in images: the panic dump over serial decodes with the
image's .dbg (support/scripts/tstrace), tracing off leaves nothing in the
image, and a tracepoint name that does not exist is a warning."""
import os
import subprocess
import sys

from cases import Case, End, TARGETS

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
import tstest  # noqa: E402

import timeline_check  # noqa: E402

sys.path.insert(0, os.path.join(tstest.ROOT, "support", "scripts"))
import tstrace  # noqa: E402
import tstrace_timeline  # noqa: E402

TRACECHECK = "tests/image/apps/tracecheck"
TRACE_ON = "trace.on=sched_*,alloc_*,boot_*,tracecheck_*,irq_*"
SCHED = ["CONFIG_LIB_SCHED=y"]


def decodes(target, config):
    """The dump in the serial output decodes with the .dbg: events of
    every kind asked for, per-thread timestamps that never go back,
    switches that pair up, init steps named; the Chrome JSON and the SVG
    timeline hold together."""
    def verify(r):
        _, image, _ = tstest.build_case(TRACECHECK, target, config)
        meta = tstrace.load_meta(image + ".dbg")
        ev = tstrace.decode_serial(meta, r.output)
        if ev.truncated:
            raise AssertionError(f"dump truncated: {ev.truncated}")
        if ev.warnings:
            raise AssertionError(f"decoder warnings: {ev.warnings}")
        names = {e.name for e in ev}
        for want in ("boot_init", "boot_main", "sched_thread_create", "sched_switch",
                     "sched_wakeup", "sched_exit", "alloc_malloc", "alloc_free",
                     "alloc_fail", "tracecheck_step"):
            if want not in names:
                raise AssertionError(f"no {want} event in {sorted(names)}")
        last = {}
        for e in ev:
            if e.ticks < last.get(e.tid, 0):
                raise AssertionError(f"thread {e.tid}: time goes back at record {e.index}")
            last[e.tid] = e.ticks
        inits = " ".join(e.text for e in ev if e.name == "boot_init")
        for fn in ("trace_init", "alloc_init", "sched_init", "time_init"):
            if fn + " returned 0" not in inits:
                raise AssertionError(f"init step {fn} not named: {inits}")
        switches = [e for e in ev if e.name == "sched_switch"]
        for a, b in zip(switches, switches[1:]):
            if a.args[1] != b.args[0] or b.tid != b.args[0]:
                raise AssertionError(f"switch {b.text} does not follow {a.text}")
        chrome = tstrace.to_chrome(ev)
        problem = tstest.chrome_trace_problem(chrome)
        if problem:
            raise AssertionError("JSON: " + problem)
        tracks = {e["args"]["name"] for e in chrome["traceEvents"]
                  if e["name"] == "thread_name"}
        for t in ("main", "pinger", "ponger", "idle"):
            if t not in tracks:
                raise AssertionError(f"no track named {t}: {sorted(tracks)}")
        text = tstrace.to_text(ev)
        if "tracecheck_step        pinger step 3" not in text:
            raise AssertionError("user tracepoint not formatted:\n" + text)
        svg = tstrace_timeline.to_svg(ev)
        problem = (timeline_check.timeline_problem(svg, ev)
                   or timeline_check.no_address_problem(svg))
        if problem:
            raise AssertionError("SVG timeline: " + problem)
    return verify


def dumped_at_exit(target, config):
    """The dump comes after the program's last line and decodes as a
    panic dump does."""
    check = decodes(target, config)

    def verify(r):
        done = r.output.find("tracecheck: done")
        begin = r.output.find(tstrace.DUMP_BEGIN)
        if not 0 <= done < begin:
            raise AssertionError("the dump is not after the program's last line")
        check(r)
    return verify


def _symbols(path):
    return subprocess.run(["nm", path], capture_output=True, text=True,
                          check=True).stdout


def same_as_without_tracing(target):
    """Tracing off: no trace symbol or section in the .dbg, and the
    bootable image byte for byte the one of a tree that never had
    tracing (tests/image/notrace_tree.py)."""
    def verify(r):
        import notrace_tree
        _, image, _ = tstest.build_case("apps/helloworld", target, SCHED)
        bad = [l for l in _symbols(image + ".dbg").splitlines()
               if "ts_trace" in l or "__ts_tp" in l]
        if bad:
            raise AssertionError("trace symbols with tracing off:\n" + "\n".join(bad[:10]))
        sections = subprocess.run(["readelf", "-SW", image + ".dbg"], capture_output=True,
                                  text=True, check=True).stdout
        if "ts_trace" in sections:
            raise AssertionError("a trace section with tracing off:\n" + sections)
        tree = os.path.join(tstest.BUILD, "notrace-tree")
        tstest.once_per_run(os.path.join(tstest.BUILD, "notrace-tree-made"),
                            lambda: notrace_tree.make(tstest.ROOT, tree))
        odir = os.path.join(tstest.BUILD, "image", "notrace-helloworld-" + target)
        if os.path.isdir(odir):
            import shutil
            shutil.rmtree(odir)
        frag = os.path.join(odir, "sched.config")
        os.makedirs(odir)
        with open(frag, "w") as f:
            f.write("".join(l + "\n" for l in SCHED))
        app = os.path.join(tree, "apps", "helloworld")
        tstest.make(app, target + "_defconfig", odir=odir, extra=["FRAGMENT=" + frag])
        tstest.make(app, "all", odir=odir, extra=["-j" + tstest.JOBS])
        other = os.path.join(odir, os.path.basename(image))
        a, b = open(image, "rb").read(), open(other, "rb").read()
        if a != b:
            raise AssertionError(f"tracing off: {image} is {len(a)} bytes, the image of a tree "
                                 f"without tracing {len(b)} bytes"
                                 f"{' (same size, different bytes)' if len(a) == len(b) else ''}")
    return verify


CASES = []
for t in TARGETS:
    CASES += [
        Case("trace-dump", TRACECHECK, args="dump", kargs=TRACE_ON, targets=[t],
             verify=decodes(t, []),
             expect=[r"^tracecheck: 1\d tracepoints$",
                     r"^trace: last 16 of \d+ events \(cpu 0, 0 dropped",
                     r"^trace: +\d+ tid 1 +sched_switch 0x1 0x2$",
                     r"^--- trace dump begin \(support/scripts/tstrace --serial",
                     r"^--- trace dump end ---$", r"^tracecheck: done$"]),
        # The dump a panic prints, and a ring that stops when full (the
        # first records kept: the boot).
        Case("trace-dump-then-crash", TRACECHECK, args="crash", kargs=TRACE_ON,
             targets=[t], end=End.CRASHED, config=["CONFIG_LIB_TRACE_STOP=y",
                                                  "CONFIG_LIB_TRACE_RING_RECORDS=32"],
             expect=[r"^trace: last 16 of 32 events \(cpu 0, [1-9]\d* dropped",
                     r"^--- trace dump end ---$"],
             absent=[r"^tracecheck: done$"]),
        # LIB_TRACE on and no pattern anywhere: every tracepoint records.
        Case("trace-all-by-default", TRACECHECK, args="dump", targets=[t],
             verify=decodes(t, []),
             expect=[r"^trace: last 16 of \d+ events \(cpu 0, 0 dropped",
                     r"^--- trace dump end ---$", r"^tracecheck: done$"]),
        # trace.dump=exit: the ring on the console when main returns,
        # after the program's own last line.
        Case("trace-dump-at-exit", TRACECHECK, args="quiet", kargs="trace.dump=exit",
             targets=[t], verify=dumped_at_exit(t, []),
             expect=[r"^tracecheck: done$", r"^trace: dump at exit: \d+ events "
                     r"\(cpu 0, 0 dropped, ticks at \d+ Hz\)$",
                     r"^--- trace dump end ---$"],
             absent=[r"^trace: last \d+ of"]),
    ]
    # Two builds per target: not on xen-x86_64, whose platform code is
    # kvm-x86_64's (plat/pc) but for plat/xen's few files.
    if t != "xen-x86_64":
        CASES.append(Case("trace-off-same-image", "apps/helloworld", config=SCHED, targets=[t],
                          verify=same_as_without_tracing(t), expect=[r"^Hello, world!$"]))
CASES += [
    Case("trace-unknown-name-warns", TRACECHECK, args="quiet",
         kargs="trace.on=nosuch_point,sched_switch trace.off=alloc_nosuch",
         expect=[r"^trace: trace.on: no tracepoint matches 'nosuch_point' \(ignored; "
                 r"trace.list shows the \d+ there are\)$",
                 r"^trace: trace.off: no tracepoint matches 'alloc_nosuch'",
                 r"^tracecheck: done$"]),
    # A pattern from the command line is shown printable: an escape byte
    # in it must not reach the terminal.
    Case("trace-unknown-name-printable", TRACECHECK, args="quiet",
         kargs="trace.on=no\x1b[2Jsuch", targets=["kvm-x86_64", "virt-arm64", "xen-arm64"],
         expect=[r"^trace: trace.on: no tracepoint matches 'no\\x1b\[2Jsuch' ",
                 r"^tracecheck: done$"],
         absent=[r"[\x00-\x08\x0b-\x1f\x7f]"]),
    # The Kconfig default, and trace.dump=panic overriding it.
    Case("trace-dump-at-exit-kconfig", TRACECHECK, args="quiet",
         config=["CONFIG_LIB_TRACE_DUMP_AT_EXIT=y"], targets=["virt-arm64"],
         verify=dumped_at_exit("virt-arm64", ["CONFIG_LIB_TRACE_DUMP_AT_EXIT=y"]),
         expect=[r"^tracecheck: done$", r"^trace: dump at exit: ",
                 r"^--- trace dump end ---$"]),
    Case("trace-dump-panic-only", TRACECHECK, args="quiet", kargs="trace.dump=panic",
         config=["CONFIG_LIB_TRACE_DUMP_AT_EXIT=y"], targets=["virt-arm64"],
         expect=[r"^tracecheck: done$"], absent=[r"^--- trace dump", r"^trace: dump"]),
    Case("trace-dump-bad-value", TRACECHECK, args="quiet", kargs="trace.dump=sometimes",
         targets=["kvm-x86_64"],
         expect=[r"^trace: trace.dump: 'sometimes' is neither exit nor panic "
                 r"\(ignored\)$", r"^tracecheck: done$"],
         absent=[r"^--- trace dump"]),
    # A pattern narrows: trace.on= replaces the default "*", trace.off=
    # takes out of it.
    Case("trace-off-narrows", TRACECHECK, args="quiet", kargs="trace.list trace.off=alloc_*",
         targets=["kvm-x86_64"],
         expect=[r"^  alloc_malloc +off$", r"^  boot_main +on$", r"^  sched_switch +on$",
                 r"^tracecheck: done$"]),
    Case("trace-list", TRACECHECK, args="quiet", kargs="trace.list trace.on=sched_*",
         targets=["kvm-x86_64"],
         expect=[r"^trace: 1\d tracepoints:$", r"^  alloc_malloc +off$",
                 r"^  sched_switch +on$", r"^tracecheck: done$"]),
]
