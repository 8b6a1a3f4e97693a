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


def test_pieces_joined_while_the_domain_lacks_the_input():
    """The other case, on the console text Xen prints for it (the form
    seen before the run hands the domain the input): 126-byte pieces of a
    line, one of exactly 126 followed by an empty piece, come out as
    the lines the domain wrote, whether the bytes arrive whole or one at a
    time."""
    import tsxen  # noqa: E402  (support/scripts, on the path through tstest)

    a, b = "a" * 126, "b" * 300
    text = ("(XEN) Freed 348kB init memory.\n"
            f"(XEN) DOM1: {a}\n(XEN) DOM1: \n"
            f"(XEN) DOM1: {b[:126]}\n(XEN) DOM1: {b[126:252]}\n(XEN) DOM1: {b[252:]}\n"
            "(XEN) DOM1: short\n").encode()
    for piece in (len(text), 1):
        f = tsxen.ConsoleFilter()
        out = b"".join(f.feed(text[i:i + piece]) for i in range(0, len(text), piece))
        out += f.flush()
        check(out.decode().splitlines() == [a, b, "short"],
              f"fed in pieces of {piece}: {out!r:.400}")
