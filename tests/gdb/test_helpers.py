"""The GDB helpers (support/gdb) over QEMU's gdbstub, through `make gdb`
in batch mode: the test app tests/image/apps/gdbtarget stops at
gdb_checkpoint() with main running, a worker blocked on a semaphore
three calls deep, a worker sleeping and the idle thread; the tests check
`ts threads`, `ts heap`, `ts config` and `ts trace` against that and
against what the app printed. One gdb session per target serves all of
its tests (gdbsession.checkpoint_session)."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdbsession import checkpoint_session  # noqa: E402
from tstest import Failure, check  # noqa: E402
import timeline_check  # noqa: E402

TARGETS = ["kvm-x86_64", "virt-arm64", "raspi3b", "raspi4b"]

# Frames each thread's backtrace must name, innermost first, in order
# (others may come between: inlined helpers, the scheduler's internals).
BACKTRACES = {
    "main": ["gdb_checkpoint", "main"],
    "waiter": ["sched_block", "ts_sem_wait", "waiter_wait", "waiter_level2",
               "waiter", "sched_thread_start"],
    "sleeper": ["sched_block", "ts_thread_sleep_ns", "sleeper",
                "sched_thread_start"],
    "idle": ["sched_become_idle"],
}
STATES = {"main": "running", "waiter": "blocked (waiting)",
          "sleeper": "blocked (sleeping)", "idle": "ready"}


def parse_threads(text):
    """{name: (id, state, current, [frame function names])}."""
    rows = {}
    for m in re.finditer(r"^([* ]) (\d+)\s+(\S+)\s+(\S+(?: \(\w+\))?)\s+\d+\s+\d+$",
                         text, re.M):
        rows[m.group(3)] = [int(m.group(2)), m.group(4), m.group(1) == "*", []]
    blocks = re.split(r"^Thread \d+ \"([^\"]*)\".*$", text, flags=re.M)
    for name, body in zip(blocks[1::2], blocks[2::2]):
        frames = []
        for m in re.finditer(r"^\s+#\d+\s+0x[0-9a-f]+ in (\S+)"
                             r"(?: \(inlined into ([^)]*)\))?", body, re.M):
            # A frame with inlined calls names them all, innermost first.
            frames.append([m.group(1)] + (m.group(2) or "").split(" <- "))
        if name in rows:
            rows[name][3] = frames
    return rows


def frames_in_order(frames, want):
    """Whether the frames name the functions of want in that order."""
    pos = 0
    for names in frames:
        for n in names:
            if pos < len(want) and n == want[pos]:
                pos += 1
    return pos == len(want)


def check_threads(target):
    _, sec, _ = checkpoint_session(target)
    text = sec["ts threads"]
    check(not text.startswith("ERROR"), f"{target}: ts threads failed: {text}")
    rows = parse_threads(text)
    for name, state in STATES.items():
        check(name in rows, f"{target}: no thread '{name}' in:\n{text}")
        check(rows[name][1] == state, f"{target}: thread {name} is '{rows[name][1]}', expected '"
                                      f"{state}':\n{text}")
        check(frames_in_order(rows[name][3], BACKTRACES[name]),
              f"{target}: thread {name}'s backtrace {rows[name][3]} does not name "
              f"{BACKTRACES[name]} in that order:\n{text}")
    current = [n for n, r in rows.items() if r[2]]
    check(current == ["main"], f"{target}: the current thread is {current}, expected main")
    ids = [r[0] for r in rows.values()]
    check(len(set(ids)) == len(ids), f"{target}: thread ids repeat: {ids}")


def app_stats(out, when):
    m = re.search(fr"^gdbtarget: {when}: backend=(\w+) (.*)$", out, re.M)
    check(m, f"no '{when}' statistics line from the app")
    st = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(2))}
    st["backend"] = m.group(1)
    return st


def check_heap(target):
    out, sec, _ = checkpoint_session(target)
    text = sec["ts heap"]
    check(not text.startswith("ERROR"), f"{target}: ts heap failed: {text}")
    shown = {}
    for key, field in (("backend", "backend"), ("total", "total"),
                       ("in use", "in_use"), ("peak", "peak"), ("free", "free"),
                       ("allocs", "allocs"), ("frees", "frees"),
                       ("failed", "failed")):
        m = re.search(fr"^{key}\s+(\S+)", text, re.M)
        check(m, f"{target}: ts heap shows no '{key}':\n{text}")
        shown[field] = m.group(1) if field == "backend" else int(m.group(1))
    before, after = app_stats(out, "before"), app_stats(out, "after")
    # Nothing allocates between the app's last report and the stop.
    for field, value in after.items():
        check(shown[field] == value, f"{target}: ts heap says {field} {shown[field]}, the image "
                                     f"said {value}:\n{text}")
    check(after["allocs"] - before["allocs"] == 3,
          f"{target}: the app's 3 mallocs counted {after['allocs'] - before['allocs']}")
    check(shown["in_use"] + shown["free"] <= shown["total"],
          f"{target}: in use + free exceed the total:\n{text}")


def check_config(target):
    _, sec, _ = checkpoint_session(target)
    text = sec["ts config SCHED"]
    check("CONFIG_LIB_SCHED=y" in text.splitlines(),
          f"{target}: 'ts config SCHED' does not show CONFIG_LIB_SCHED=y:\n{text}")
    check(all("sched" in l.lower() for l in text.splitlines()),
          f"{target}: 'ts config SCHED' shows lines without SCHED:\n{text}")
    full = sec["ts config"]
    check("CONFIG_LIB_ALLOC=y" in full.splitlines() and
          "CONFIG_LIB_TRACE=y" in full.splitlines(),
          f"{target}: 'ts config' misses the app's options:\n{full}")


def check_trace(target):
    _, sec, json_path = checkpoint_session(target)
    text = sec["ts trace"]
    check(not text.startswith("ERROR"), f"{target}: ts trace failed: {text}")
    for event in ("sched_thread_create", "sched_switch", "alloc_malloc"):
        check(event in text, f"{target}: no {event} event in:\n{text}")
    check(re.search(r"^\[.*\] cpu0 3 waiter\s+sched_wait\b", text, re.M),
          f"{target}: the waiter's wait is not named with its thread:\n{text}")
    check(os.path.isfile(json_path), f"{target}: ts trace --json wrote nothing: "
                                     f"{sec['ts trace --json ' + json_path]}")
    with open(json_path) as f:
        try:
            doc = json.load(f)
        except ValueError as e:
            raise Failure(f"{target}: invalid JSON: {e}")
    events = doc.get("traceEvents")
    check(isinstance(events, list) and events, f"{target}: no traceEvents")
    last, open_slice, slices = {}, {}, 0
    for e in events:
        if e.get("ph") == "M":
            continue
        tid, ts = e["tid"], e["ts"]
        check(ts >= last.get(tid, ts), f"{target}: timestamps go back on thread {tid}: {ts} "
                                       f"after {last.get(tid)}")
        last[tid] = ts
        if e["ph"] == "B":
            check(tid not in open_slice, f"{target}: slice begun twice on thread {tid}")
            open_slice[tid] = ts
        elif e["ph"] == "E":
            check(tid in open_slice, f"{target}: slice ended without a begin on thread {tid}")
            check(ts >= open_slice.pop(tid), f"{target}: slice ends before it begins")
            slices += 1
    check(not open_slice, f"{target}: slices left open: {open_slice}")
    switches = sum(1 for e in events if e.get("name") == "sched_switch")
    check(switches >= 3 and slices >= switches,
          f"{target}: {switches} switches gave {slices} slices")
    # The SVG timeline of the same ring: it stands alone, and the threads
    # GDB named have their tracks.
    svg_path = json_path[:-4] + "svg"
    check(os.path.isfile(svg_path), f"{target}: ts trace --svg wrote nothing: "
                                    f"{sec['ts trace --svg ' + svg_path]}")
    with open(svg_path, encoding="utf-8") as f:
        root, problem = timeline_check.parse_svg(f.read())
    check(problem is None, f"{target}: ts trace --svg: {problem}")
    labels = {t["label"] for t in timeline_check.tracks(root).values()}
    for want in ("2 main", "3 waiter"):
        check(want in labels, f"{target}: ts trace --svg has no track {want!r}: "
                              f"{sorted(l for l in labels if l)}")
    names = {e["args"]["name"] for e in events
             if e.get("ph") == "M" and e.get("name") == "thread_name"}
    check({"main", "waiter", "sleeper"} <= names,
          f"{target}: thread tracks named {sorted(names)}")


def check_fds(target):
    """gdbtarget has no lib/vfs: ts fds says so in one line (the listing
    itself: tests/gdb/test_fds.py)."""
    _, sec, _ = checkpoint_session(target)
    text = sec["ts fds"].strip()
    check(text == "ERROR: ts fds: this image has no file layer (lib/vfs is not built in: "
                  "CONFIG_LIB_VFS is off)",
          f"{target}: ts fds without lib/vfs: {text}")


def unit_of(test_name):
    """tests/run: the tests of one target share its session, so they run
    in one worker."""
    return test_name.split("_", 2)[2]


def _define(kind, fn, target):
    name = f"test_{kind}_{target.replace('-', '_')}"
    globals()[name] = lambda: fn(target)


for _t in TARGETS:
    _define("threads", check_threads, _t)
    _define("heap", check_heap, _t)
    _define("config", check_config, _t)
    _define("trace", check_trace, _t)
    _define("nofds", check_fds, _t)
