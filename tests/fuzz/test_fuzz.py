"""libFuzzer targets (tests/fuzz/Makefile), one test each, each run for a
bounded time: TS_FUZZ_SECONDS (default 10) per target. A crash, a
sanitizer report or a broken property fails the test and leaves the
input in $TS_TEST_BUILD/fuzz/artifacts. Each test prints its executions
and their rate. Longer runs: make -C tests/fuzz run SECONDS=600 (or F=NAME
for one). Without clang and its libFuzzer runtime the tests say so and
pass (support/scripts/install-deps installs them)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, Failure, tail  # noqa: E402

HERE = os.path.join(ROOT, "tests", "fuzz")
# What each target fuzzes (the Makefile's ALL_FUZZERS).
FUZZERS = {
    "fuzz_gdbstub": "lib/gdbstub's packet parser",
    "fuzz_cmdline": "the kernel command line and its parameters",
    "fuzz_log_levels": "lib/debug's level specifications",
    "fuzz_fdt": "device trees and the platforms' reading of them",
    "fuzz_cpio": "the initrd's cpio archives (lib/initrd)",
    "fuzz_kvm_boot": "Multiboot and PVH boot information",
    "fuzz_raspi_boot": "the Pi firmware's mailbox answers and command line",
    "fuzz_gdb_image_x86_64": "the stub's x86_64 register packets and monitor commands",
    "fuzz_gdb_image_arm64": "the stub's arm64 register packets and monitor commands",
    "fuzz_9p": "lib/9p's checks of the host's 9P replies",
}


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


def run_fuzzer(name):
    why = _clang_fuzzer_missing()
    if why:
        print(f"SKIP fuzz/{name}: {why}; run support/scripts/install-deps", flush=True)
        return
    seconds = os.environ.get("TS_FUZZ_SECONDS", "10")
    odir = os.path.join(BUILD, "fuzz")
    p = subprocess.run(["make", "-C", HERE, "run", "F=" + name, "O=" + odir,
                        "SECONDS=" + seconds], capture_output=True, text=True, env=_env())
    out = p.stdout + p.stderr
    if p.returncode != 0:
        arts = os.path.join(odir, "artifacts")
        found = sorted(f for f in os.listdir(arts) if f.startswith(name + "-")) \
            if os.path.isdir(arts) else []
        raise Failure(f"fuzzing {name} ({FUZZERS[name]}) failed (exit {p.returncode}); inputs "
                      f"kept: {', '.join(os.path.join(arts, f) for f in found) or 'none'}\n"
                      f"{tail(out, 40)}")
    m = re.search(r"^Done (\d+) runs in (\d+) second", out, re.M)
    if not m:
        raise Failure(f"{name} did not report its runs:\n{tail(out)}")
    runs, secs = int(m.group(1)), max(int(m.group(2)), 1)
    print(f"{name}: {runs} executions in {secs} s ({runs // secs}/s)", flush=True)
    if runs < 100:
        raise Failure(f"{name} ran only {runs} inputs in {secs} s:\n{tail(out)}")


def _make_test(name):
    def test():
        run_fuzzer(name)
    test.__name__ = "test_" + name[len("fuzz_"):]
    test.__doc__ = f"Fuzz {FUZZERS[name]} ({name})."
    return test


for _name in FUZZERS:
    globals()["test_" + _name[len("fuzz_"):]] = _make_test(_name)
