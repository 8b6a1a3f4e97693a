"""With lib/musl, system calls are function calls into lib/syscall: a
linked hello-musl image holds no trap instruction (x86_64 syscall,
sysenter, int $0x80; arm64 svc). musl's own syscall_arch.h and its
assembly files that trap are replaced (lib/musl/README.md); this
disassembles the whole image (its .dbg ELF) and names every trap with its
function. The kernel has no trap of its own to allow. So that the check
cannot pass by not recognising the instruction, the same parser must
find the trap in one of musl's own assembly files, assembled here."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import build_case, check, tsqemu  # noqa: E402

APP = "apps/hello-musl"
TOOLS = {"x86_64": ("", "x86_64"), "arm64": ("aarch64-linux-gnu-", "aarch64")}
FUNC = re.compile(r"^[0-9a-f]+ <(.+)>:$")


def is_trap(arch, insn):
    words = insn.split()
    if not words:
        return False
    if arch == "x86_64":
        return words[0] in ("syscall", "sysenter") or (
            words[0] == "int" and len(words) > 1 and words[1] == "$0x80")
    return words[0] == "svc"


def traps(arch, elf):
    """(function, address, instruction) of every trap in elf's code."""
    prefix = TOOLS[arch][0]
    out = subprocess.run([prefix + "objdump", "-d", "--no-show-raw-insn", elf],
                         check=True, capture_output=True, text=True).stdout
    found, func = [], "?"
    for line in out.splitlines():
        m = FUNC.match(line)
        if m:
            func = m.group(1)
            continue
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip().endswith(":") and is_trap(arch, parts[1]):
            found.append((func, parts[0].strip().rstrip(":"), parts[1].strip()))
    return found


def musl_trap_file(odir, arch):
    """One of musl's assembly files that traps (left out of the build)."""
    return os.path.join(odir, "lib", "musl", "upstream", "src", "thread",
                        TOOLS[arch][1], "syscall_cp.s")


def check_target(target):
    odir, image, config = build_case(APP, target)
    arch = tsqemu.read_config(config)["ARCH_NAME"]
    dbg = image + ".dbg"
    # The parser sees a trap where there is one.
    with tempfile.TemporaryDirectory() as tmp:
        obj = os.path.join(tmp, "trap.o")
        subprocess.run([TOOLS[arch][0] + "gcc", "-c", "-o", obj, musl_trap_file(odir, arch)],
                       check=True)
        check(traps(arch, obj), f"{arch}: no trap found in musl's own syscall_cp.s: "
              f"the disassembly parser is broken")
    found = traps(arch, dbg)
    check(not found, f"{target}: trap instructions in {os.path.basename(dbg)}: " +
          "; ".join(f"{f} at {a}: {i}" for f, a, i in found))


def test_hello_musl_has_no_trap_instruction_x86_64():
    check_target("kvm-x86_64")


def test_hello_musl_has_no_trap_instruction_arm64():
    check_target("virt-arm64")
