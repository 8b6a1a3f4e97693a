"""The musl test suite (tests/image/apps/musltest) on the host, built with
gcc and glibc and with Debian's musl-gcc (the same musl 1.2.3 the image
uses): every expectation in it holds on Linux, so a test that fails in
an image points at Tessera, not at the test. Run on a pseudo-terminal,
as the image's console is one (stdout line buffered, isatty)."""
import glob
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
import types

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check, note, tail  # noqa: E402

APP = os.path.join(ROOT, "tests", "image", "apps", "musltest")
# The image cases (cases_musl_suite.py) read the same lines.
sys.path.insert(0, os.path.join(ROOT, "tests", "image"))
import cases_musl_suite as suite  # noqa: E402


def build(cc):
    path = shutil.which(cc)
    check(path, f"{cc} not found: run 'sudo support/scripts/install-deps' (musl-tools)")
    out = os.path.join(BUILD, "musltest-host", cc)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    note(f"{cc} musltest")
    # lib/test's filter too, as the app's Makefile.uk names it.
    srcs = sorted(glob.glob(os.path.join(APP, "*.c"))) + [os.path.join(ROOT, "lib", "test", "filter.c")]
    p = subprocess.run([path, "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-pthread",
                        "-I" + os.path.join(ROOT, "lib", "test"), "-o", out] + srcs + ["-lm"],
                       capture_output=True, text=True)
    check(p.returncode == 0, f"{cc} failed:\n{tail(p.stdout + p.stderr)}")
    return out


def run_on_pty(argv, timeout=60):
    """argv's output (stdout and stderr on one terminal) and its exit
    status (negative: the signal that killed it)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks, end = [], time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            ready, _, _ = select.select([master], [], [], 1)
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:     # EIO: every writer closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    try:
        rc = proc.wait(timeout=max(1, end - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError(f"{argv[0]} did not finish in {timeout} s")
    # The terminal turns "\n" into "\r\n".
    return b"".join(chunks).decode(errors="replace").replace("\r\n", "\n"), rc


def expect_in_order(out, patterns, what):
    pos = 0
    for pat in patterns:
        m = re.compile(pat, re.M).search(out, pos)
        check(m, f"{what}: no line matching {pat!r} (in order) in:\n{tail(out, 40)}")
        pos = m.end()


def check_suite(cc):
    exe = build(cc)
    out, rc = run_on_pty([exe])
    expect_in_order(out, suite.HOST_PASS, f"{cc} musltest")
    expect_in_order(out, suite.ORDER, f"{cc} musltest")
    check(rc == 0, f"{cc} musltest: exit status {rc}:\n{tail(out, 40)}")
    out, rc = run_on_pty([exe, "end.exit"])
    expect_in_order(out, suite.EXIT_LINES, f"{cc} musltest end.exit")
    suite.flushed_at_exit(types.SimpleNamespace(output=out))
    check(rc == 3, f"{cc} musltest end.exit: exit status {rc}, not 3")
    out, rc = run_on_pty([exe, "end.abort"])
    check(rc == -6, f"{cc} musltest end.abort: status {rc}, not killed by SIGABRT (-6)")
    # A test that fails says so, and the exit status counts it (stdout
    # not a terminal: the two stdio tests that need one fail).
    p = subprocess.run([exe, "stdio.*"], capture_output=True, text=True, timeout=60)
    check(p.returncode == 2 and "test: FAIL stdio.console_is_a_terminal" in p.stdout,
          f"{cc} musltest on a pipe: exit status {p.returncode}, want 2 failures:\n{tail(p.stdout)}")


def test_musltest_host_glibc():
    check_suite("gcc")


def test_musltest_host_musl():
    check_suite("musl-gcc")
