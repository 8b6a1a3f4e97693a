"""kvm-x86_64 with little RAM: when the image, or the Multiboot command
line the loader puts right after it, does not lie in the RAM the loader
reports, it says so in one line (how much it needs, how much it got) and
stops with the crash status: no reset, no hang, no run without its
command line. At the minimum everything works: arguments, kernel
parameters, exit status, on both boot protocols.

The figures follow the built image: its end (_ts_image_end) plus what
QEMU's firmware keeps (tsqemu.kvm_min_mem_kib). doc/targets.md states
them for helloworld."""
import os
import sys

from cases import Boot, Case, End

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tstest import tsqemu  # noqa: E402

BOOTCHECK = "tests/image/apps/bootcheck"
KVM = ["kvm-x86_64"]
SHORT = (r"^\*\*\* kvm: not enough memory: (this image|the Multiboot command "
         r"line at 0x[0-9a-f]+) needs RAM up to \d+ KiB, the loader reported "
         r"RAM up to \d+ KiB: give the machine \d+ KiB more$")
SHORT_IMAGE = (r"^\*\*\* kvm: not enough memory: this image needs RAM up to "
               r"\d+ KiB, the loader reported RAM up to \d+ KiB: give the "
               r"machine \d+ KiB more$")
# 2 MiB more .bss (page-table pages in the image): far more than the RAM
# given, while its code and data still lie low, where SeaBIOS does not
# write over a PVH image first.
BIG_BSS = ["CONFIG_ARCH_X86_64_PT_POOL_PAGES=512"]
NOT_RUN = [r"Hello", r"argv", r"^count="]


def minimum(protocol, delta_kib=0):
    return lambda image: f"{tsqemu.kvm_min_mem_kib(image, protocol) + delta_kib}K"


def at_image_end(image):
    """RAM up to the image's end (QEMU rounds -m up to 8 KiB): the
    Multiboot command line right after it is lost, or the image's last
    page too."""
    return f"{tsqemu.kvm_image_end_kib(image) // 8 * 8}K"


CASES = [
    # Most of .bss (stacks, boot page tables) and the command line
    # missing: the machine used to reset without a word.
    Case("memory-far-short", "apps/helloworld", args="one", targets=KVM,
         mem="1040K", end=End.CRASHED, expect=[SHORT_IMAGE], absent=NOT_RUN),
    # The command line lost: the image used to run with argc 1 and its
    # kernel parameters ignored.
    Case("memory-short", "apps/helloworld", args="one", targets=KVM,
         mem=at_image_end, end=End.CRASHED, expect=[SHORT], absent=NOT_RUN),
    Case("memory-short-bss", "apps/helloworld", args="one", targets=KVM,
         config=BIG_BSS, mem="2M", end=End.CRASHED, expect=[SHORT_IMAGE],
         absent=NOT_RUN),
    Case("memory-short-bss-pvh", "apps/helloworld", args="one", targets=KVM,
         config=BIG_BSS, mem="2M", boot=Boot.PVH, end=End.CRASHED,
         expect=[SHORT_IMAGE], absent=NOT_RUN),
]
for boot in (Boot.MULTIBOOT, Boot.PVH):
    sfx = "" if boot == Boot.MULTIBOOT else "-pvh"
    CASES += [
        Case("memory-minimum" + sfx, "apps/helloworld",
             args="one 'two words'", kargs="debug.level=warn",
             targets=KVM, boot=boot, mem=minimum(boot),
             expect=[r"^Hello, world!$", r'^argv\[0\] = "helloworld"$',
                     r'^argv\[1\] = "one"$', r'^argv\[2\] = "two words"$'],
             absent=[r"not enough memory", r"not in RAM", r"unknown parameter"]),
        Case("memory-minimum-params" + sfx, BOOTCHECK, args="params",
             kargs="bootcheck.count=-42 bootcheck.label=small",
             targets=KVM, boot=boot, mem=minimum(boot),
             expect=[r"^count=-42 size=4096 verbose=0 label=small$"],
             absent=[r"not enough memory", r"not in RAM"]),
        Case("memory-minimum-status" + sfx, BOOTCHECK, args="exit 42",
             targets=KVM, boot=boot, mem=minimum(boot), status=42),
    ]
