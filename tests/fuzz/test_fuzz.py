"""libFuzzer targets (tests/fuzz/Makefile), one test each, each run for a
bounded time: TS_FUZZ_SECONDS (default 10) per target. A crash, a
sanitizer report or a broken property fails the test and leaves the
input in $TS_TEST_BUILD/fuzz/artifacts. Each test prints its executions
and their rate. Longer runs: make -C tests/fuzz run SECONDS=600 (or F=NAME
for one). Without clang and its libFuzzer runtime the tests say so and
pass (support/scripts/install-deps installs them)."""
import fcntl
import os
import re
import shutil
import struct
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
    "fuzz_kvm_boot": "Multiboot and PVH boot information (kvm-x86_64, xen-x86_64)",
    "fuzz_raspi_boot": "the Pi firmware's mailbox answers and command line",
    "fuzz_gdb_image_x86_64": "the stub's x86_64 register packets and monitor commands",
    "fuzz_gdb_image_arm64": "the stub's arm64 register packets and monitor commands",
    "fuzz_9p": "lib/9p's checks of the host's 9P replies",
    "fuzz_lwip": "Ethernet frames into lwIP (lib/lwip) and its checksum offload",
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
        return False
    seconds = os.environ.get("TS_FUZZ_SECONDS", "10")
    odir = os.path.join(BUILD, "fuzz")
    os.makedirs(odir, exist_ok=True)
    # Fuzzers share host library trees (nolibc, ...) in odir: two tests
    # building at once rewrote the same archive under each other (CI:
    # objcopy "invalid operation"). Builds take turns; the fuzzing runs
    # at once.
    with open(os.path.join(odir, ".build-lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        p = subprocess.run(["make", "-C", HERE, "all", "F=" + name, "O=" + odir],
                           capture_output=True, text=True, env=_env())
    if p.returncode != 0:
        raise Failure(f"building {name} failed (exit {p.returncode}):\n{tail(p.stdout + p.stderr, 40)}")
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
    return True


def _make_test(name):
    def test():
        run_fuzzer(name)
    test.__name__ = "test_" + name[len("fuzz_"):]
    test.__doc__ = f"Fuzz {FUZZERS[name]} ({name})."
    return test


for _name in FUZZERS:
    if _name == "fuzz_kvm_boot":
        continue    # test_kvm_boot below
    globals()["test_" + _name[len("fuzz_"):]] = _make_test(_name)


def _kvm_boot_inputs(d):
    """Two inputs for fuzz_kvm_boot, run in this order: a Multiboot boot
    whose first module (the initrd) is recorded before the command line is
    found outside the reported RAM (the crash path), then an empty boot."""
    base = 0x1000
    mbi = struct.pack("<11I", 0x1 | 0x4 | 0x8, 0, 1024, 0, base + 0x40, 1, base + 0x50,
                      0, 0, 0, 0) + struct.pack("<2I", 0, 0)
    mbi = mbi.ljust(0x40, b"\0") + b"image arg\0".ljust(0x10, b"\0") + \
        struct.pack("<4I", base, base + 0x40, 0, 0)
    paths = [os.path.join(d, "lost-cmdline-with-initrd"), os.path.join(d, "empty")]
    for path, data in zip(paths, [b"\0" + mbi, b"\0" + bytes(52)]):
        with open(path, "wb") as f:
            f.write(data)
    return paths


def replay_kvm_boot_sequence():
    """The boot harnesses forget the last input's initrd before the next:
    an input that ends in the crash path (no fuzz_check_initrd) left its
    initrd recorded, and the next input failed `covered` at random in
    make test (fresh-clone run on fea76e0). Replayed after the fuzzing, in
    the same test, so that no second make builds the same fuzzer at once."""
    odir = os.path.join(BUILD, "fuzz")
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.run([os.path.join(odir, "bin", "fuzz_kvm_boot")] + _kvm_boot_inputs(d),
                           capture_output=True, text=True)
    out = p.stdout + p.stderr
    if p.returncode != 0 or "Executed" not in out.split("Running:")[-1]:
        raise Failure(f"fuzz_kvm_boot failed on the second of two inputs:\n{tail(out, 12)}")


def test_kvm_boot():
    """Fuzz Multiboot and PVH boot information (fuzz_kvm_boot), then
    replay an ordered pair of inputs (replay_kvm_boot_sequence)."""
    if run_fuzzer("fuzz_kvm_boot"):
        replay_kvm_boot_sequence()
