"""lib/syscall's tables of Linux system-call numbers
(lib/syscall/arch/<arch>/include/ts/syscall_arch.h) are the kernel's: every
name and number as the kernel headers define them, none missing, none
added. The headers are the ones Debian's linux-libc-dev installs:
x86_64's asm/unistd_64.h, and for arm64 its own asm/unistd.h when a cross
toolchain installed one, else what that file is, asm-generic/unistd.h
under arm64's __ARCH_WANT_* choices."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, check  # noqa: E402

ENTRY = re.compile(r"^\s*X\((\w+), (\d+)\) \\$", re.M)
ARM64_OWN = "/usr/aarch64-linux-gnu/include/asm/unistd.h"
# arm64's include/uapi/asm/unistd.h, less its #include.
ARM64_WANTS = ["RENAMEAT", "NEW_STAT", "SET_GET_RLIMIT", "TIME32_SYSCALLS",
               "SYS_CLONE3", "MEMFD_SECRET"]


def table(arch):
    path = os.path.join(ROOT, "lib", "syscall", "arch", arch, "include", "ts",
                        "syscall_arch.h")
    with open(path) as f:
        entries = ENTRY.findall(f.read())
    names = [n for n, _ in entries]
    check(len(names) == len(set(names)), f"{path}: a name twice")
    # lib/syscall's name lookup and ts_syscall_nr_max() rely on the order.
    numbers = [int(v) for _, v in entries]
    check(numbers == sorted(set(numbers)), f"{path}: numbers not in increasing order")
    return {n: int(v) for n, v in entries}


def kernel(source, flags=()):
    """__NR_<name> -> number, as the preprocessor defines them (names
    defined through others, like arm64's __NR3264_*, resolved)."""
    out = subprocess.run(["cc", "-E", "-dM", "-x", "c", *flags, "-"], input=source,
                         capture_output=True, text=True)
    check(out.returncode == 0, f"cc -E -dM failed on {source!r}: {out.stderr}")
    defs = {}
    for line in out.stdout.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[0] == "#define":
            defs[parts[1]] = parts[2].strip()
    nrs = {}
    for name, value in defs.items():
        if not name.startswith("__NR_") or name == "__NR_syscalls":
            continue
        seen = 0
        while value in defs and seen < 8:
            value, seen = defs[value], seen + 1
        if value.isdigit():
            nrs[name[len("__NR_"):]] = int(value)
    check(len(nrs) > 250, f"only {len(nrs)} system calls in {source!r}")
    return nrs


def compare(arch, want):
    have = table(arch)
    missing = sorted(set(want) - set(have))
    extra = sorted(set(have) - set(want))
    wrong = sorted(f"{n}: {have[n]}, kernel {want[n]}" for n in set(have) & set(want)
                   if have[n] != want[n])
    check(not missing and not extra and not wrong,
          f"lib/syscall/arch/{arch}: missing {missing}, not the kernel's {extra}, "
          f"wrong numbers {wrong}")


def test_syscall_numbers_x86_64_are_the_kernels():
    compare("x86_64", kernel("#include <asm/unistd_64.h>\n"))


def test_syscall_numbers_arm64_are_the_kernels():
    if os.path.exists(ARM64_OWN):
        want = kernel(f'#include "{ARM64_OWN}"\n')
    else:
        want = kernel("#define __BITS_PER_LONG 64\n"
                      + "".join(f"#define __ARCH_WANT_{w}\n" for w in ARM64_WANTS)
                      + "#include <asm-generic/unistd.h>\n")
    compare("arm64", want)
