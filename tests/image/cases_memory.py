"""kvm-x86_64 with little RAM: below the image's minimum it says in one
line how much it needs and stops with the crash status (no reset, no
hang, no run with a lost command line); at the minimum everything works:
arguments, kernel parameters, exit status, on both boot protocols.

The minimum is computed from the built image, so that these cases follow
its size: its end (_ts_image_end) plus what the firmware keeps at the top
of RAM (tsqemu.KvmX86.FIRMWARE_TOP_KIB). doc/targets.md states it."""
import os
import sys

from cases import Case

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tstest import tsqemu  # noqa: E402

BOOTCHECK = "tests/image/apps/bootcheck"
KVM = ["kvm-x86_64"]
SHORT = (r"^\*\*\* kvm: not enough memory: this image needs RAM up to "
         r"(\d+) KiB, the loader reported RAM up to (\d+) KiB: give the "
         r"machine \d+ KiB more$")


def at(delta_kib):
    """-m for the image's minimum plus delta_kib."""
    return lambda image: "%dK" % (tsqemu.kvm_min_mem_kib(image) + delta_kib)


CASES = []
for boot in ("multiboot", "pvh"):
    sfx = "" if boot == "multiboot" else "-pvh"
    CASES += [
        # Just below: only the last page of .bss is missing.
        Case("memory-short" + sfx, "apps/helloworld", args="one",
             targets=KVM, boot=boot, mem=at(-4), end="crashed",
             expect=[SHORT], absent=[r"Hello", r"argv"]),
        # Far below: most of .bss (the stacks, the boot page tables) and
        # the Multiboot command line are missing; the machine used to
        # reset without a word.
        Case("memory-far-short" + sfx, "apps/helloworld", args="one",
             targets=KVM, boot=boot, mem=at(-200), end="crashed",
             expect=[SHORT], absent=[r"Hello", r"argv"]),
        Case("memory-minimum" + sfx, "apps/helloworld",
             args="one 'two words'", kargs="debug.level=warn",
             targets=KVM, boot=boot, mem=at(0),
             expect=[r"^Hello, world!$", r'^argv\[0\] = "helloworld"$',
                     r'^argv\[1\] = "one"$', r'^argv\[2\] = "two words"$'],
             absent=[r"not enough memory", r"not in RAM", r"unknown parameter"]),
        Case("memory-minimum-params" + sfx, BOOTCHECK, args="params",
             kargs="bootcheck.count=-42 bootcheck.label=small",
             targets=KVM, boot=boot, mem=at(0),
             expect=[r"^count=-42 size=4096 verbose=0 label=small$"],
             absent=[r"not enough memory", r"not in RAM"]),
        Case("memory-minimum-status" + sfx, BOOTCHECK, args="exit 42",
             targets=KVM, boot=boot, mem=at(0), status=42),
    ]
