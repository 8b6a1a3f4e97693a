"""The descriptor table in GDB: tests/image/apps/vfstest (lib/vfs with
the in-image stub) runs suite vfsdebug under `make debug` and stops at
vfs_debug_checkpoint() with two descriptors of one file open (fd 10,
cloexec, and its dup fd 20, offset 4, O_APPEND|O_NONBLOCK) beside the
console's 0-2. `ts fds` (the Python helper reading memory) and `monitor
fds` (lib/vfs's command in the stub) must list exactly those, line for
line the same; `monitor fds` refuses arguments; the image then runs to
its end. One session per architecture. Without lib/vfs, `ts fds` says
so (test_helpers.py) and the stub answers "fds: not available"
(tests/unit/test_gdbstub.c)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdbsession import SECTION, driver  # noqa: E402
import tstest  # noqa: E402
from tstest import check  # noqa: E402
from test_stub import make_debug  # noqa: E402

VFSTEST = "tests/image/apps/vfstest"
TARGETS = ["kvm-x86_64", "virt-arm64"]
CMDS = ["break vfs_debug_checkpoint", "continue", "ts fds", "monitor fds",
        "monitor fds now", "continue"]
LONG_PATH = "/vfsdebug/a-file-with-a-rather-long-name.txt"
HEADER = ["fd", "fd-flags", "mode", "pos", "refs", "kind", "flags", "path"]
# fd: (fd flags, mode, offset, references, kind, status flags, path)
WANT = {
    0: ("-", "rw", "0", "3", "console", "-", "/dev/console"),
    1: ("-", "rw", "0", "3", "console", "-", "/dev/console"),
    2: ("-", "rw", "0", "3", "console", "-", "/dev/console"),
    10: ("cloexec", "rw", "4", "2", "-", "append,nonblock", LONG_PATH),
    20: ("-", "rw", "4", "2", "-", "append,nonblock", LONG_PATH),
}


def table(text, what):
    """{fd: columns} of a listing, after checking its title line."""
    lines = [l for l in text.splitlines() if l.strip()]
    check(lines and lines[0].split() == HEADER, f"{what}: no title line:\n{text}")
    rows = {}
    for l in lines[1:]:
        m = re.match(r"^\s*(\d+) (\S+)\s+(\S+)\s+(\d+)\s+(\d+) (\S+)\s+(\S+)\s+(.*)$", l)
        check(m, f"{what}: a line that is not a descriptor: {l!r}\n{text}")
        rows[int(m.group(1))] = m.groups()[1:]
    return rows


def check_fds(target):
    what = f"{target}, vfstest"
    odir, _, _ = tstest.build_case(VFSTEST, target)
    script = os.path.join(odir, "stub-fds.gdb")
    with open(script, "w") as f:
        f.write(driver(CMDS))
    rc, out = make_debug(odir, script, args="vfsdebug.*", app=VFSTEST)
    sec = SECTION.findall(out)
    check([c for c, _ in sec] == CMDS, f"{what}: not every command ran:\n{tstest.tail(out, 40)}")
    text = dict(sec)
    check("Breakpoint 1, vfs_debug_checkpoint (fd=fd@entry=10, dup=dup@entry=20)" in sec[1][1],
          f"{what}: no stop at vfs_debug_checkpoint:\n{sec[1][1]}")
    check("Python Exception" not in out, f"{what}: ts fds raised:\n{text['ts fds']}")
    shown = table(text["ts fds"], f"{what}: ts fds")
    check(shown == WANT, f"{what}: ts fds shows {shown}, want {WANT}")
    stub = table(text["monitor fds"], f"{what}: monitor fds")
    check(stub == WANT, f"{what}: monitor fds shows {stub}, want {WANT}")
    # The same columns, character for character.
    check(text["ts fds"].strip() == text["monitor fds"].strip(),
          f"{what}: ts fds and monitor fds differ:\n{text['ts fds']}\n{text['monitor fds']}")
    check("fds: takes no arguments" in text["monitor fds now"]
          and text["monitor fds now"].lstrip().startswith(("fds:", "ERROR")),
          f"{what}: monitor fds with an argument: {text['monitor fds now']}")
    check(re.search(r"^test: 1 passed, 0 failed", sec[5][1], re.M) or
          re.search(r"^test: 1 passed, 0 failed", out, re.M),
          f"{what}: suite vfsdebug did not pass:\n{tstest.tail(out, 20)}")
    check(rc == 0 and "the image exited with status 0" in out,
          f"{what}: make {rc}:\n{tstest.tail(out, 20)}")


for _t in TARGETS:
    globals()[f"test_fds_{_t.replace('-', '_')}"] = (lambda t=_t: check_fds(t))
