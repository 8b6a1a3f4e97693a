"""The Linux ABI numbers lib/syscall's calls spell out (flags, clock ids,
signal numbers, limits: `#define NAME <number>` in lib/syscall/*.c) are the
kernel's: every such name the kernel headers define has the kernel's value.
And the numbers that differ by architecture
(lib/syscall/arch/<arch>/include/ts/syscall_abi_arch.h) are that
architecture's, from x86_64's headers and, when a cross toolchain installed
them, arm64's own."""
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, check  # noqa: E402

HEADERS = ["linux/mman.h", "asm/signal.h", "asm/siginfo.h", "linux/signal.h", "linux/time.h",
           "linux/resource.h", "linux/random.h", "asm/mman.h"]
ARM64_INCLUDE = "/usr/aarch64-linux-gnu/include"
DEFINE = re.compile(r"^#define\s+([A-Z_][A-Z0-9_]*)\s+(.+?)\s*(?:/\*.*)?$", re.M)
# A value made of numbers and operators only (no other macro), which
# Python evaluates the same once the C suffixes are gone.
LITERAL = re.compile(r"^[\s()0-9a-fA-FxXuUlL|<~+-]+$")


def value(text):
    """The integer a literal C expression means, or None."""
    if not LITERAL.match(text):
        return None
    text = re.sub(r"(?<=[0-9a-fA-F])[uUlL]+\b", "", text)
    try:
        return int(eval(text, {"__builtins__": {}}))  # only digits and operators (LITERAL)
    except (SyntaxError, NameError, TypeError):
        return None


def kernel(headers, include=None):
    """NAME -> value for the headers' literal integer macros."""
    flags = ["-nostdinc", "-I", include, "-I", "/usr/include"] if include else []
    source = "".join(f"#include <{h}>\n" for h in headers)
    out = subprocess.run(["cc", "-E", "-dM", "-x", "c", *flags, "-"], input=source,
                         capture_output=True, text=True)
    check(out.returncode == 0, f"cc -E -dM failed on {headers}: {out.stderr}")
    defs = {}
    for m in DEFINE.finditer(out.stdout):
        v = value(m.group(2))
        if v is not None:
            defs[m.group(1)] = v
    return defs


def ours(path):
    with open(path) as f:
        return {m.group(1): value(m.group(2)) for m in DEFINE.finditer(f.read())}


def test_syscall_abi_numbers_are_the_kernels():
    want = kernel(HEADERS)
    checked, wrong = 0, []
    for path in sorted(glob.glob(os.path.join(ROOT, "lib", "syscall", "*.c"))):
        for name, v in ours(path).items():
            if v is None or name not in want:
                continue
            checked += 1
            if v != want[name]:
                wrong.append(f"{os.path.relpath(path, ROOT)}: {name} {v:#x}, "
                             f"kernel {want[name]:#x}")
    check(not wrong, "not the kernel's values:\n  " + "\n  ".join(wrong))
    # The check sees the numbers (MAP_*, CLOCK_*, SA_*, RLIMIT_*, ...).
    check(checked >= 40, f"only {checked} numbers compared with the kernel's")


def arch_abi(arch):
    return ours(os.path.join(ROOT, "lib", "syscall", "arch", arch, "include", "ts",
                             "syscall_abi_arch.h"))


def test_syscall_abi_arch_numbers_are_the_architectures():
    x86 = arch_abi("x86_64")
    k = kernel(["asm/signal.h"])
    check(x86["TS_SYSCALL_MINSIGSTKSZ"] == k["MINSIGSTKSZ"],
          f"x86_64 MINSIGSTKSZ {x86['TS_SYSCALL_MINSIGSTKSZ']}, kernel {k['MINSIGSTKSZ']}")
    arm = arch_abi("arm64")
    if not os.path.isdir(ARM64_INCLUDE):
        return
    k = kernel(["asm/signal.h", "asm/mman.h"], ARM64_INCLUDE)
    check(arm["TS_SYSCALL_MINSIGSTKSZ"] == k["MINSIGSTKSZ"],
          f"arm64 MINSIGSTKSZ {arm['TS_SYSCALL_MINSIGSTKSZ']}, kernel {k['MINSIGSTKSZ']}")
    check(arm["TS_SYSCALL_PROT_ARCH"] == k["PROT_BTI"] | k["PROT_MTE"],
          f"arm64 PROT_ARCH {arm['TS_SYSCALL_PROT_ARCH']:#x}, kernel PROT_BTI|PROT_MTE "
          f"{k['PROT_BTI'] | k['PROT_MTE']:#x}")
