"""libFuzzer targets (tests/fuzz/Makefile), each run for a bounded time:
TS_FUZZ_SECONDS (default 30) per target. A crash, a sanitizer report or a
malformed reply fails the test and leaves the input in
$TS_TEST_BUILD/fuzz/artifacts. Without clang and its libFuzzer runtime
the test says so and passes (support/scripts/install-deps installs them)."""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, Failure, tail  # noqa: E402

HERE = os.path.join(ROOT, "tests", "fuzz")


def _clang_fuzzer_missing():
    """Why libFuzzer programs cannot be built here, or None."""
    if not shutil.which("clang"):
        return "clang not found"
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "f.c")
        with open(src, "w") as f:
            f.write("#include <stdint.h>\n#include <stddef.h>\n"
                    "int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)"
                    "{ (void)d; (void)n; return 0; }\n")
        p = subprocess.run(["clang", "-fsanitize=fuzzer", src, "-o", os.path.join(d, "f")],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return "clang cannot link libFuzzer programs (libclang-rt-14-dev missing?)"
    return None


def _env():
    e = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return e


def test_gdbstub_packet_parser():
    why = _clang_fuzzer_missing()
    if why:
        print("SKIP fuzz/test_gdbstub_packet_parser: %s; run support/scripts/install-deps"
              % why, flush=True)
        return
    seconds = os.environ.get("TS_FUZZ_SECONDS", "30")
    odir = os.path.join(BUILD, "fuzz")
    p = subprocess.run(["make", "-C", HERE, "run", "O=" + odir, "SECONDS=" + seconds],
                       capture_output=True, text=True, env=_env())
    out = p.stdout + p.stderr
    if p.returncode != 0:
        arts = os.path.join(odir, "artifacts")
        found = sorted(os.listdir(arts)) if os.path.isdir(arts) else []
        raise Failure("fuzzing lib/gdbstub failed (exit %d); inputs kept: %s\n%s"
                      % (p.returncode, ", ".join(os.path.join(arts, f) for f in found)
                         or "none", tail(out, 40)))
    if "Done " not in out:
        raise Failure("the fuzzer did not report its runs:\n" + tail(out))
