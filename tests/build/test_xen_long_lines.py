"""Long console lines under Xen (xen-arm64), end to end: helloworld under
the real Xen prints lines of 126, 127 and 312 characters, and the run's
output holds each whole and in order. Xen prints the vpl011 of a domain
without its console input a line at a time and cuts it every 126
characters (one of exactly 126 is then followed by an empty piece); the
run gives the domain the input (tsxen.ConsoleFilter.want_input), so the
lines come a character at a time instead, and ConsoleFilter joins 126-byte
pieces for the other case. Either way a long line must arrive whole."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import build_case, check, tail  # noqa: E402
import tsqemu  # noqa: E402  (tstest puts support/scripts on the path)


def test_xen_long_console_lines_come_whole():
    _, image, config = build_case("apps/helloworld", "xen-arm64")
    words = ["a" * 114, "b" * 115, "c" * 300]
    r = tsqemu.boot(config, image, args=" ".join(words), quiet=True, timeout=60)
    check(r.kind == tsqemu.EXITED and r.status == 0,
          f"{r.kind} {r.status} {r.why}:\n{tail(r.output)}")
    want = [f'argv[{i + 1}] = "{w}"' for i, w in enumerate(words)]
    check([len(w) for w in want] == [126, 127, 312], "the lines' lengths are not the ones meant")
    lines = r.output.splitlines()
    at = lines.index(want[0]) if want[0] in lines else -1
    check(at >= 0 and lines[at:at + 3] == want,
          f"the long lines are not whole and in order:\n{tail(r.output)}")
