"""apps/sqlite in images: the sqlite3 shell of ports/sqlite (SQLite 3.40.1
from Debian's sqlite3) running apps/sqlite/script.sql, the script `make -C
apps/sqlite run` runs, given on the command line as the shell's SQL
argument. One boot per target: the output must be, line for line, what the
host's own sqlite3 (Debian's, the same version) prints for the same
arguments; then a failing statement must end the program with exit status
1 through the platform's exit path, the shell's message on the console, and
nothing after it run."""
import os
import re
import shlex
import subprocess

from cases import Case

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
APP = os.path.join(ROOT, "apps", "sqlite")
TARGETS = ["kvm-x86_64", "virt-arm64"]
# The version of ports/sqlite, which the host's sqlite3 must have for its
# output to be the reference.
VERSION = "3.40.1"


def script_word():
    """script.sql as the kernel command line's word, made by the app's own
    sql-to-arg (what make run passes)."""
    p = subprocess.run([os.path.join(APP, "sql-to-arg"), os.path.join(APP, "script.sql")],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"apps/sqlite/sql-to-arg failed: {p.stderr.strip()}")
    return p.stdout.strip()


SCRIPT = script_word()
ARGS = f"-bail :memory: {SCRIPT}"
FAILING = "'SELECT * FROM no_such_table' \"SELECT 'not reached'\""


def host_sqlite3(args):
    """What Debian's sqlite3 prints for args (a command line, split as the
    kernel splits it: shell quoting)."""
    try:
        v = subprocess.run(["sqlite3", "-version"], capture_output=True, text=True)
    except FileNotFoundError:
        raise AssertionError("the host has no sqlite3, the reference for this test: run "
                             "'sudo support/scripts/install-deps' (Debian sqlite3)")
    if not v.stdout.startswith(VERSION + " "):
        raise AssertionError(f"the host's sqlite3 is {v.stdout.split()[:1]}, not {VERSION} "
                             "(ports/sqlite's): its output is no reference")
    p = subprocess.run(["sqlite3"] + shlex.split(args), capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"the host's sqlite3 failed on apps/sqlite/script.sql ({p.returncode}): "
                             f"{p.stderr.strip()}")
    return p.stdout.splitlines()


def same_as_host(r):
    """Every line the host's sqlite3 prints for the script, in order and
    exactly, before the failing statement's message; nothing else from
    the shell in between (the console's lines of the kernel may be)."""
    want = host_sqlite3(ARGS)
    if len(want) < 20:
        raise AssertionError(f"the host's sqlite3 printed {len(want)} lines for the script")
    lines = r.output.splitlines()
    first = next((i for i, ln in enumerate(lines) if ln == want[0]), None)
    if first is None:
        raise AssertionError(f"no line {want[0]!r} (the script's first row)")
    got = [ln for ln in lines[first:] if not ln.startswith(("syscall: ", "tessera: "))]
    for i, w in enumerate(want):
        if i >= len(got) or got[i] != w:
            raise AssertionError(f"row {i + 1} of the script: got "
                                 f"{got[i] if i < len(got) else None!r}, the host's sqlite3 "
                                 f"printed {w!r}")
    rest = got[len(want):]
    if not rest or not re.match(r"^Error: in prepare, no such table: no_such_table$", rest[0]):
        raise AssertionError(f"after the script's rows: {rest[:3]!r}, not the failing "
                             "statement's error")


CASES = [
    Case("sqlite-shell", "apps/sqlite", args=f"{ARGS} {FAILING}", targets=TARGETS,
         status=1, timeout=90,
         expect=[r"^rows\|4\|39\|15\.5\|0\.950$", r"^ok$", rf"^version\|{re.escape(VERSION)}\|",
                 r"^Error: in prepare, no such table: no_such_table$"],
         absent=[r"not reached", r"\*\*\* ", r"^Error: (?!in prepare, no such table: no_such_table$)"],
         verify=same_as_host),
]
