"""Driving `make gdb` in batch mode for the gdb tests: build the test app
once per target (tests/lib/tstest.build_case), run a gdb session over
QEMU's gdbstub that stops at the app's gdb_checkpoint() and runs `ts`
commands, and split the output by command."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
import tstest  # noqa: E402
from tstest import Failure  # noqa: E402

APP = "tests/image/apps/gdbtarget"
# Per session; QEMU runs under TCG here. The script's own timeout kills
# gdb and QEMU; the subprocess timeout is a last resort above it.
SESSION_TIMEOUT = 90

# Each command's output between markers; a failing command prints
# "ERROR: ..." instead of ending the session, so one broken helper does
# not hide the others' results. prelude: plain gdb lines run first.
DRIVER_LOOP = '''python
import gdb
for c in %r:
    print("=== %%s ===" %% c, flush=True)
    try:
        gdb.execute(c)
    except gdb.error as e:
        print("ERROR: %%s" %% e, flush=True)
    print("=== end ===", flush=True)
end
'''


def driver(commands, prelude=()):
    """A gdb command file that runs commands with markers around each
    one's output."""
    return ("set pagination off\n" + "".join(line + "\n" for line in prelude)
            + DRIVER_LOOP % (list(commands),))


# A marker need not start or end its line: with the stub on a second UART
# the image's console shares the stream with gdb's output, and QEMU may
# write "gdbstubcheck: done" right after gdb's "=== end ===" (or before
# "=== detach ===") with no newline between them.
SECTION = re.compile(r"=== ([^\n]+?) ===\n(.*?)=== end ===", re.S)


def split_sections(out):
    """{command: its output} from a session driven by driver()."""
    return {m.group(1): m.group(2) for m in SECTION.finditer(out)}


def clean_env():
    e = dict(os.environ)
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "GDB_CMDS", "GDB_SCRIPT"):
        e.pop(k, None)
    return e


def make_gdb(app, odir, script, timeout=SESSION_TIMEOUT, extra=()):
    """`make gdb GDB_SCRIPT=script` on a built app: (status, output)."""
    cmd = ["make", "-C", os.path.join(tstest.ROOT, app), "O=" + odir, "gdb",
           "GDB_SCRIPT=" + script, f"TIMEOUT={timeout}"] + list(extra)
    try:
        p = subprocess.run(cmd, capture_output=True, text=True,
                           env=clean_env(), timeout=timeout + 30)
    except subprocess.TimeoutExpired as e:
        raise Failure(f"make gdb did not end within {timeout + 30} s:\n"
                      f"{tstest.tail(str(e.stdout or ''))}")
    return p.returncode, p.stdout + p.stderr


def run_commands(app, target, commands, config=()):
    """Build app for target, stop it at gdb_checkpoint() and run the
    commands. Returns (output, {command: its output})."""
    odir, _, _ = tstest.build_case(app, target, config)
    script = os.path.join(odir, "gdb-test.gdb")
    with open(script, "w") as f:
        f.write(driver(commands, ["break gdb_checkpoint", "continue"]))
    rc, out = make_gdb(app, odir, script)
    if "Breakpoint 1, gdb_checkpoint" not in out and \
            "hit Breakpoint 1, gdb_checkpoint" not in out:
        raise Failure(f"{target}: gdb never stopped at gdb_checkpoint (status {rc}):\n"
                      f"{tstest.tail(out, 40)}")
    if rc != 0:
        raise Failure(f"{target}: make gdb exited {rc}:\n{tstest.tail(out, 40)}")
    sections = split_sections(out)
    for c in commands:
        if c not in sections:
            raise Failure(f"{target}: no output of '{c}':\n{tstest.tail(out, 40)}")
    if "Python Exception" in out or "Traceback" in out:
        raise Failure(f"{target}: a helper raised a Python exception:\n{tstest.tail(out, 40)}")
    return out, sections


_sessions = {}


def checkpoint_session(target):
    """One session per target shared by the tests of test_helpers.py
    (each boots QEMU once): ts threads, heap, config, trace, fds."""
    if target not in _sessions:
        json_path = os.path.join(tstest.BUILD, "gdb", f"trace-{target}.json")
        os.makedirs(os.path.dirname(json_path), exist_ok=True)
        for path in (json_path, json_path[:-4] + "svg"):
            if os.path.exists(path):
                os.unlink(path)
        cmds = ["ts threads", "ts heap", "ts config SCHED", "ts config",
                "ts trace", "ts trace --json " + json_path,
                "ts trace --svg " + json_path[:-4] + "svg", "ts fds"]
        try:
            out, sections = run_commands(APP, target, cmds)
            _sessions[target] = (out, sections, json_path)
        except Failure as e:
            _sessions[target] = e
    if isinstance(_sessions[target], Failure):
        raise _sessions[target]
    return _sessions[target]
