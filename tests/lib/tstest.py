"""Shared helpers of the test layers: paths, running make, building an
(app, target, config) case once, and the result record every layer returns."""
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Callable, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# TS_TEST_BUILD: another folder, so that two runs in one checkout do not
# share their outputs.
BUILD = os.environ.get("TS_TEST_BUILD") or os.path.join(ROOT, "build", "tests")
sys.path.insert(0, os.path.join(ROOT, "support", "scripts"))
import tsqemu  # noqa: E402,F401  (re-exported for the harnesses)

JOBS = str(os.cpu_count() or 2)
# Every make of the tests (make(), so build_case's too) shares compiled
# objects through this folder (TS_OBJ_MEMO, support/build/objmemo.c):
# most build tests make helloworld-like images of their own from scratch.
# A test of compiling itself (reproducible output, rebuilding what
# changed, the memo) passes env=NO_MEMO: the compiler then makes every
# object, as for a user.
OBJ_MEMO = os.path.join(BUILD, "objmemo")
NO_MEMO = {"TS_OBJ_MEMO": ""}


@dataclass
class Test:
    """One test of tests/run. Tests of one unit run one after another in
    one worker (a session or a build they share; default: the test is a
    unit of its own). alone: nothing else runs meanwhile (it measures
    time); prepare: what it needs made beforehand (its build), run
    earlier beside other tests."""
    name: str
    fn: Callable[[], None]
    unit: str = ""
    alone: bool = False
    prepare: Optional[Callable[[], object]] = None

    def __post_init__(self):
        self.unit = self.unit or self.name


@dataclass
class Outcome:
    """How a test ended; detail: why it failed."""
    name: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0


# tests/run sets this in a worker: note(text) tells the runner what the
# test is doing now (a build), for its progress lines.
_note = None


def note(text):
    if _note:
        _note(text)


class Failure(Exception):
    """A check that did not hold; the message says what was expected."""


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def make(app_dir, *goals, odir=None, extra=(), check_rc=True, env=None, say=True):
    """make -C app_dir goals, compiling through OBJ_MEMO unless env is
    NO_MEMO; say: tell tests/run (note) what it makes."""
    if say:
        note(f"make {' '.join(goals)} in {os.path.relpath(app_dir, ROOT)}")
    cmd = ["make", "-C", app_dir]
    if odir:
        cmd.append("O=" + odir)
    cmd += list(extra) + list(goals)
    e = dict(os.environ)
    e.pop("MAKEFLAGS", None)
    e.pop("MFLAGS", None)
    e.pop("MAKELEVEL", None)
    e["TS_OBJ_MEMO"] = OBJ_MEMO
    if env:
        e.update(env)
    p = subprocess.run(cmd, capture_output=True, text=True, env=e)
    if check_rc and p.returncode != 0:
        raise Failure(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout[-3000:]}"
                      f"{p.stderr[-3000:]}")
    return p


def fresh(name):
    """An empty build folder BUILD/name for a test that must start clean."""
    d = os.path.join(BUILD, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def tail(text, n=25):
    lines = text.rstrip("\n").splitlines()
    return "\n".join("    | " + l for l in lines[-n:])


_once = {}


def once_per_run(folder, make_it):
    """make_it() once per test run for folder, in whichever process asks
    first: tests/run runs tests in several processes, and the others wait
    on the folder's lock, then read the result (JSON) or the Failure from
    its stamp, which is named after the run (TS_TEST_RUN)."""
    if folder not in _once:
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, ".once-lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            _once[folder] = _stamped(folder) or _make_stamped(folder, make_it)
    if isinstance(_once[folder], Failure):
        raise _once[folder]
    return _once[folder]


def _stamped(folder):
    run = os.environ.get("TS_TEST_RUN")
    try:
        with open(os.path.join(folder, ".once-stamp")) as f:
            stamp = json.load(f)
    except (OSError, ValueError):
        return None
    if not run or stamp.get("run") != run:
        return None
    return Failure(stamp["failure"]) if "failure" in stamp else stamp["result"]


def _make_stamped(folder, make_it):
    try:
        result = make_it()
        stamp = {"result": result}
    except Failure as e:  # one failure fails its users without a retry
        result, stamp = e, {"failure": str(e)}
    stamp["run"] = os.environ.get("TS_TEST_RUN")
    with open(os.path.join(folder, ".once-stamp"), "w") as f:
        json.dump(stamp, f)
    return result


def build_case(app, target, config_lines=(), libs=None):
    """Configure and build app for target with extra config lines, in a
    build folder named after the three; each combination is built once
    per test run (once_per_run). Fragments that configure the same
    .config (a line that is the default already) share one build, the
    first one's: a comment line of the fragment ("# the gdb session
    tests' own build") keeps a build apart. Returns (odir, image,
    config)."""
    app_dir = os.path.join(ROOT, app)
    frag = "".join(l + "\n" for l in config_lines)
    key = hashlib.sha1((f"{app}|{target}|{frag}|{libs}").encode()).hexdigest()[:8]
    odir = os.path.join(BUILD, "image", f"{os.path.basename(app)}-{target}-{key}")
    extra = ["FRAGMENT=" + os.path.join(odir, "case.config")] + (["LIBS=" + libs] if libs else [])

    def configure():
        with open(os.path.join(odir, "case.config"), "w") as f:
            f.write(frag)
        make(app_dir, target + "_defconfig", odir=odir, extra=extra, say=False)
        with open(os.path.join(odir, ".config")) as f:
            conf = f.read()
        own = [l for l in config_lines
               if l.startswith("#") and not re.match(r"^# CONFIG_\w+ is not set$", l)]
        return hashlib.sha1(f"{app}|{libs}|{own}|{conf}".encode()).hexdigest()[:12]

    def build():
        note(f"building {app} for {target}")
        make(app_dir, "all", odir=odir, extra=["-j" + JOBS] + extra[1:], say=False)
        conf = tsqemu.read_config(os.path.join(odir, ".config"))
        image = os.path.join(odir, f"{os.path.basename(app)}_{conf['PLAT_NAME']}-"
                                   f"{conf['ARCH_NAME']}")
        return [odir, image, os.path.join(odir, ".config")]
    same = once_per_run(odir, configure)
    return tuple(once_per_run(os.path.join(BUILD, "image", "same-config", same), build))


def chrome_trace_problem(chrome):
    """What is wrong with tstrace's Chrome JSON, or None: per thread, B
    and E slices alternate, in time order, and all close."""
    opened, last = set(), {}
    for e in chrome["traceEvents"]:
        if e["ph"] not in ("B", "E", "i"):
            continue
        tid, ts = e["tid"], e["ts"]
        if ts < last.get(tid, ts):
            return f"thread {tid}: time goes back at {e}"
        last[tid] = ts
        if e["ph"] == "B":
            if tid in opened:
                return f"thread {tid}: a slice begins twice"
            opened.add(tid)
        elif e["ph"] == "E":
            if tid not in opened:
                return f"thread {tid}: a slice ends without a begin"
            opened.discard(tid)
    if opened:
        return f"slices left open: {sorted(opened)}"
    return None
