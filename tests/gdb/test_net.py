"""Sockets and interfaces in GDB: tests/image/apps/socktest (lib/socket,
lib/lwipsock, the in-image stub) runs suite sockinetdebug under `make
debug` and stops at sock_inet_debug_checkpoint() with a TCP listener on
127.0.0.1, a connection to it (both ends), a bound UDP socket and an
AF_UNIX pair with one end shut for writing (its peer: shut-rd).
`monitor net` (lib/socket's command in the stub) must show lwIP's
loopback interface with 127.0.0.1 and each socket with its state and
endpoints; it refuses arguments; `ts net` (the Python helper reading
memory) must list the same sockets, line for line; the image then runs
to its end. One session per architecture."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdbsession import SECTION, driver  # noqa: E402
import tstest  # noqa: E402
from tstest import check  # noqa: E402
from test_stub import make_debug  # noqa: E402

SOCKTEST = "tests/image/apps/socktest"
TARGETS = ["kvm-x86_64", "virt-arm64"]
CMDS = ["break sock_inet_debug_checkpoint", "continue", "info args",
        "monitor net", "monitor net now", "ts net", "continue"]
SOCK = re.compile(r"^\s*(\d+) (\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$")


def check_net(target):
    what = f"{target}, socktest"
    odir, _, _ = tstest.build_case(SOCKTEST, target)
    script = os.path.join(odir, "stub-net.gdb")
    with open(script, "w") as f:
        f.write(driver(CMDS))
    rc, out = make_debug(odir, script, args="sockinetdebug.*", app=SOCKTEST)
    sec = SECTION.findall(out)
    check([c for c, _ in sec] == CMDS, f"{what}: not every command ran:\n{tstest.tail(out, 40)}")
    text = dict(sec)
    args = dict(re.findall(r"^(\w+) = (-?\d+)$", text["info args"], re.M))
    check(set(args) == {"l", "c", "s", "u"}, f"{what}: info args:\n{text['info args']}")
    fd = {k: int(v) for k, v in args.items()}
    net = text["monitor net"]
    check(re.search(r"^  lo0 up inet 127\.0\.0\.1 netmask 255\.0\.0\.0 ", net, re.M),
          f"{what}: no loopback interface in monitor net:\n{net}")
    rows = {}
    for line in net.split("sockets:", 1)[-1].splitlines()[2:]:
        m = SOCK.match(line)
        if m:
            rows[int(m.group(1))] = m.groups()[1:]
    port = rows.get(fd["l"], ("",) * 5)[3].rsplit(":", 1)[-1]
    want = {
        fd["l"]: ("inet", "stream", "LISTEN", f"127.0.0.1:{port}", "-"),
        fd["s"]: ("inet", "stream", "ESTABLISHED", f"127.0.0.1:{port}",
                  rows.get(fd["c"], ("",) * 5)[3]),
        fd["c"]: ("inet", "stream", "ESTABLISHED",
                  rows.get(fd["c"], ("",) * 5)[3], f"127.0.0.1:{port}"),
    }
    for k, v in want.items():
        check(rows.get(k) == v, f"{what}: socket {k} is {rows.get(k)}, want {v}:\n{net}")
    check(port.isdigit() and int(port) > 0, f"{what}: listener's port {port!r}:\n{net}")
    check(rows.get(fd["u"], ("",) * 5)[:2] == ("inet", "dgram"), f"{what}: UDP socket:\n{net}")
    unix = {k: v for k, v in rows.items() if v[0] == "unix"}
    check(sorted(unix.values()) == [("unix", "stream", "shut-rd", "unix:unnamed", "unix:unnamed"),
                                    ("unix", "stream", "shut-wr", "unix:unnamed", "unix:unnamed")],
          f"{what}: the AF_UNIX pair:\n{net}")
    check(re.match(r"127\.0\.0\.1:\d+$", rows.get(fd["c"], ("",) * 5)[3]),
          f"{what}: client's address:\n{net}")
    check("Python Exception" not in out, f"{what}: ts net raised:\n{text['ts net']}")
    stub_socks = net.split("sockets:", 1)[-1].strip()
    check(text["ts net"].split("sockets:", 1)[-1].strip() == stub_socks,
          f"{what}: ts net and monitor net differ:\n{text['ts net']}\n{net}")
    check("net: takes no arguments" in text["monitor net now"],
          f"{what}: monitor net with an argument: {text['monitor net now']}")
    check(re.search(r"^test: 1 passed, 0 failed", out, re.M),
          f"{what}: suite sockinetdebug did not pass:\n{tstest.tail(out, 20)}")
    check(rc == 0 and "the image exited with status 0" in out,
          f"{what}: make {rc}:\n{tstest.tail(out, 20)}")


for _t in TARGETS:
    globals()[f"test_net_{_t.replace('-', '_')}"] = (lambda t=_t: check_net(t))
