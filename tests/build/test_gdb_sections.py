"""The gdb tests' split of a session's output into one section per
command (tests/gdb/gdbsession.py) on output where the image's console
shares the stream with gdb's: with the stub on a second UART, QEMU wrote
the app's last line right after gdb's end marker, on the same line, and
the detach section went missing (CI, raspi3b, test_stub_session)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "gdb"))
from gdbsession import split_sections  # noqa: E402
from tstest import check  # noqa: E402


def test_sections_on_their_own_lines():
    out = ("=== bt ===\n#0  main () at main.c:3\n=== end ===\n"
           "=== detach ===\n[Inferior 1 (Remote target) detached]\n=== end ===\n")
    sec = split_sections(out)
    check(sec == {"bt": "#0  main () at main.c:3\n",
                  "detach": "[Inferior 1 (Remote target) detached]\n"}, f"{sec}")


def test_sections_with_console_text_on_a_marker_line():
    # The CI output that lost 'detach', and the same text before a start
    # marker.
    out = ("=== monitor heap ===\nin use 4096\n=== end ===\n"
           "=== detach ===\n[Inferior 1 (Remote target) detached]\n"
           "gdbstubcheck: watched=1234\n=== end ===gdbstubcheck: done\n"
           "gdbstubcheck: done=== next ===\n4\t}\n=== end ===\n")
    sec = split_sections(out)
    check(set(sec) == {"monitor heap", "detach", "next"}, f"sections: {sorted(sec)}")
    check(sec["detach"].startswith("[Inferior 1"), f"detach: {sec['detach']!r}")
    check(sec["next"] == "4\t}\n", f"next: {sec['next']!r}")


def test_sections_with_an_error():
    sec = split_sections("=== x/4xw 0 ===\nERROR: Cannot access memory at address 0x0\n"
                         "=== end ===\n")
    check(sec["x/4xw 0"].startswith("ERROR: Cannot access"), f"{sec}")
