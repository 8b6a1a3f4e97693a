"""`make run TRACE=out.json` (or .svg, .html): the image boots with the
trace dumped at exit, the console still shows everything, and the dump is
decoded at once into the file the extension names (support/scripts/run,
support/scripts/tstrace). Clear errors, before booting, for an image
without tracing and for an extension tstrace does not write."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, build_case, chrome_trace_problem, check, make, tail  # noqa: E402
import timeline_check  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "support", "scripts"))
import tstrace  # noqa: E402

TRACECHECK = "tests/image/apps/tracecheck"
TARGET = "kvm-x86_64"
# Every kind of event tracecheck makes, with no pattern given.
WANT = {"boot_init", "boot_main", "sched_thread_create", "sched_switch", "sched_wakeup",
        "sched_exit", "alloc_malloc", "alloc_free", "alloc_fail", "tracecheck_step"}


def out_dir(name):
    """A fresh folder per test: tests/run may run them at once."""
    d = os.path.join(BUILD, "trace-run", name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def run(app, odir, *extra):
    return make(os.path.join(ROOT, app), "run", odir=odir,
                extra=["TIMEOUT=120"] + list(extra), check_rc=False)


def booted_and_wrote(p, path, what):
    check(p.returncode == 0, f"{what}: make run exited {p.returncode}:\n{tail(p.stdout)}\n"
                             f"{tail(p.stderr)}")
    check("tracecheck: done" in p.stdout and "--- trace dump end ---" in p.stdout,
          f"{what}: the console output did not reach make's stdout:\n{tail(p.stdout)}")
    check(f"tessera: run: wrote {path}" in p.stderr, f"{what}: no 'wrote' line:\n"
                                                       f"{tail(p.stderr)}")
    with open(path, encoding="utf-8") as f:
        return f.read()


def test_make_run_trace_writes_json_svg_html():
    odir, image, _ = build_case(TRACECHECK, TARGET)
    d = out_dir("formats")
    meta = tstrace.load_meta(image + ".dbg")

    path = os.path.join(d, "out.json")
    p = run(TRACECHECK, odir, "TRACE=" + path, "ARGS=quiet")
    doc = json.loads(booted_and_wrote(p, path, "TRACE=out.json"))
    problem = chrome_trace_problem(doc)
    check(problem is None, "TRACE=out.json: " + str(problem))
    names = {e["name"] for e in doc["traceEvents"] if e["ph"] == "i"}
    check(WANT <= names, f"TRACE=out.json lacks {sorted(WANT - names)} (has {sorted(names)})")
    threads = {e["args"]["name"] for e in doc["traceEvents"] if e["name"] == "thread_name"}
    check({"main", "pinger", "ponger", "idle"} <= threads, f"threads: {sorted(threads)}")

    path = os.path.join(d, "out.svg")
    p = run(TRACECHECK, odir, "TRACE=" + path, "ARGS=quiet")
    svg = booted_and_wrote(p, path, "TRACE=out.svg")
    events = tstrace.decode_serial(meta, p.stdout)
    problem = (timeline_check.timeline_problem(svg, events)
               or timeline_check.no_address_problem(svg))
    check(problem is None, f"TRACE=out.svg: {problem}")
    shown = set().union(*(t["names"] for t in timeline_check.tracks(
        timeline_check.parse_svg(svg)[0]).values()))
    check(WANT - {"boot_init"} <= shown, "TRACE=out.svg shows no "
                                         f"{sorted(WANT - {'boot_init'} - shown)}")

    path = os.path.join(d, "out.html")
    p = run(TRACECHECK, odir, "TRACE=" + path, "ARGS=quiet")
    page = booted_and_wrote(p, path, "TRACE=out.html")
    problem = timeline_check.html_problem(page) or timeline_check.no_address_problem(page)
    check(problem is None, f"TRACE=out.html: {problem}")
    check("tracecheck_step" in page and "pinger step 3" in page,
          "TRACE=out.html: no event text in the page")


def test_make_run_trace_after_a_crash():
    """A crash prints the panic dump instead: that is what gets decoded,
    and make run still fails as the crash did."""
    odir, _, _ = build_case(TRACECHECK, TARGET)
    path = os.path.join(out_dir("crash"), "crash.json")
    p = run(TRACECHECK, odir, "TRACE=" + path, "ARGS=crash")
    check(p.returncode != 0 and "tessera: crashed" in p.stderr,
          f"a crash under TRACE= did not fail make run: {p.returncode}\n{tail(p.stderr)}")
    with open(path) as f:
        doc = json.load(f)
    check(chrome_trace_problem(doc) is None and any(
        e["name"] == "tracecheck_step" for e in doc["traceEvents"]),
        f"the panic dump did not decode into {path}")


def test_make_run_trace_without_a_dump():
    """A run that prints no dump (here the user's trace.dump=panic wins
    over TRACE='s trace.dump=exit) fails with the reason, after the
    program's own output, and writes nothing."""
    odir, _, _ = build_case(TRACECHECK, TARGET)
    path = os.path.join(out_dir("nodump"), "x.json")
    p = run(TRACECHECK, odir, "TRACE=" + path, "ARGS=quiet", "KARGS=trace.dump=panic")
    check(p.returncode != 0 and "no trace dump in the console output" in p.stderr,
          f"no dump: {p.returncode}\n{tail(p.stderr)}")
    check("tracecheck: done" in p.stdout, "no dump: the program did not run:\n"
          + tail(p.stdout))
    check(not os.path.exists(path), f"no dump, yet {path} was written")


def test_make_run_trace_refuses_before_booting():
    d = out_dir("refuses")
    odir, _, _ = build_case("apps/helloworld", TARGET)
    p = run("apps/helloworld", odir, "TRACE=" + os.path.join(d, "x.json"))
    check(p.returncode != 0 and "needs tracing in the image: CONFIG_LIB_TRACE=y"
          in p.stderr, f"no LIB_TRACE: {p.returncode} {tail(p.stderr)}")
    check("Hello" not in p.stdout, "no LIB_TRACE: it booted anyway")
    odir, _, _ = build_case(TRACECHECK, TARGET)
    p = run(TRACECHECK, odir, "TRACE=" + os.path.join(d, "x.txt"))
    check(p.returncode != 0 and "give a file name ending in .json" in p.stderr,
          f"TRACE=x.txt: {p.returncode} {tail(p.stderr)}")
    check("tracecheck:" not in p.stdout, "TRACE=x.txt: it booted anyway")
    check(not os.path.exists(os.path.join(d, "x.txt")), "TRACE=x.txt wrote a file")
