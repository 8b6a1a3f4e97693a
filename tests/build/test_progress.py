"""No long silences: tests/run says within seconds what it will do, a
line per stage, then each test's line with [done/total, elapsed] and,
when a test is quiet for long, what it is doing (its build); and
support/scripts/install-deps shows apt's progress a line per step and
per tenth, with apt's own chatter kept out."""
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check  # noqa: E402

RUN = os.path.join(ROOT, "tests", "run")
DEPS = os.path.join(ROOT, "support", "scripts", "install-deps")
CASE = "image/kvm-x86_64/helloworld-noargs"


def timed_lines(cmd, env, timeout):
    """(seconds since the start, line) of cmd's output as it comes."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         env=env, text=True, bufsize=1)
    out = []
    try:
        while True:
            left = start + timeout - time.monotonic()
            check(left > 0, f"{' '.join(cmd)} still runs after {timeout} s:\n"
                  + "".join(l for _, l in out))
            ready, _, _ = select.select([p.stdout], [], [], left)
            if not ready:
                continue
            line = p.stdout.readline()
            if not line:
                break
            out.append((time.monotonic() - start, line))
    finally:
        p.kill()
        p.wait()
    return out, p.returncode


def test_progress_of_tests_run():
    """One image case in a build folder of its own, so that it really
    builds; TS_TEST_QUIET=2 makes the runner say what runs after 2 s."""
    build = os.path.join(BUILD, "progress")
    shutil.rmtree(build, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(TS_TEST_BUILD=build, TS_TEST_JOBS="1", TS_TEST_QUIET="2")
    out, rc = timed_lines([RUN, "--only", CASE], env, 280)
    text = "".join(l for _, l in out)
    check(rc == 0, f"tests/run --only {CASE} failed:\n{text}")
    check(out and out[0][0] < 5, f"the first line came after {out[0][0]:.1f} s:\n{text}"
          if out else "no output")
    lines = [l.rstrip("\n") for _, l in out]
    first_result = next((i for i, l in enumerate(lines) if l.startswith(("PASS ", "FAIL "))), None)
    check(first_result is not None, f"no test line:\n{text}")
    before = lines[:first_result]
    check(any(re.match(r"^tests/run: \[1/1\] 1 test \(image 1\), 1 at once", l) for l in before),
          f"no stage line [1/1] before the first test line:\n{text}")
    check(any(re.match(rf"^tests/run: 0/1 done after 0:\d\d; running: {re.escape(CASE)} "
                       r"\(building apps/helloworld for kvm-x86_64, \d+ s\)$", l)
              for l in before),
          f"no line saying what is being built before the first test line:\n{text}")
    check(re.match(rf"^PASS {re.escape(CASE)} \(\d+\.\d s\) \[1/1, \d+:\d\d\]$",
                   lines[first_result]), f"the test line has no [done/total, elapsed]:\n{text}")
    check(lines[-1] == "1 passed, 0 failed", f"last line: {lines[-1]!r}")


def missing_package():
    """A small package this machine does not have, or None."""
    for pkg in ("hello", "sl", "cowsay", "fortune-mod"):
        p = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg],
                           capture_output=True, text=True)
        if "install ok installed" not in p.stdout:
            return pkg
    return None


def test_progress_of_install_deps():
    """The install path, without changing the machine: --download-only
    fetches a missing package through the same apt steps into a folder
    of its own (Debian's archive must be reachable)."""
    pkg = missing_package()
    check(pkg, "hello, sl, cowsay and fortune-mod are all installed: no package to fetch")
    with tempfile.TemporaryDirectory() as d:
        os.chmod(d, 0o755)
        p = subprocess.run([DEPS, "--download-only", d, pkg], capture_output=True, text=True,
                           timeout=280)
        err = p.stderr
        check(p.returncode == 0, f"install-deps --download-only {pkg} failed:\n{err}")
        check(p.stdout == "", f"install-deps wrote to stdout (make's $(shell) keeps it):\n"
              f"{p.stdout}")
        check(re.search(rf"^tessera: \[1/1\] apt-get install --download-only: \d+ package\(s\): "
                        rf".*\b{pkg}\b", err, re.M), f"no step line with its count:\n{err}")
        steps = re.findall(r"^tessera:   downloading +(\d+)% \(Retrieving file \d+ of \d+\)$",
                           err, re.M)
        check(steps and steps[-1] == "100", f"no download progress up to 100%:\n{err}")
        check(all(l.startswith("tessera: ") for l in err.splitlines()),
              f"lines that are not install-deps' own (apt's chatter?):\n{err}")
        debs = [f for f in os.listdir(d) if f.startswith(pkg + "_") and f.endswith(".deb")]
        check(debs, f"no {pkg}_*.deb in the folder: {os.listdir(d)}")
    p = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
    check("install ok installed" not in p.stdout, f"--download-only installed {pkg}")
