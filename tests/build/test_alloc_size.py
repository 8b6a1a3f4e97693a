"""lib/alloc's cost in the smallest images: helloworld with the region
backend loads at most 2 KiB more code and data than without any
allocator, and its bootable image is at most one page bigger (an image
is counted in pages: code, constants and data each start on a page, so
2 KiB more can cross one page boundary, or none)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, build_case, check  # noqa: E402

BUDGET = 2048
PAGE = 4096
# lib/debug's symbol table and embedded .config grow with every library
# (names of its functions, lines of its options): lib/debug's cost, not
# the allocator's, so both images leave them out.
NO_DEBUG_DATA = ["# CONFIG_LIB_DEBUG_SYMBOLS is not set",
                 "# CONFIG_LIB_DEBUG_CONFIG is not set"]
REGION = ["CONFIG_LIB_ALLOC=y", "CONFIG_LIB_ALLOC_REGION=y"] + NO_DEBUG_DATA


def text_data(image):
    """Code and data the image loads, less the linker's alignment padding:
    on arm64 the 2 KiB-aligned vector table ends the text, and the padding
    before it moves by up to 2 KiB with any change of code size, the
    allocator's or not (support/scripts/size-report counts it apart)."""
    f = subprocess.run(["size", image + ".dbg"], capture_output=True, text=True,
                       check=True).stdout.splitlines()[1].split()
    report = subprocess.run([os.path.join(ROOT, "support", "scripts", "size-report"),
                             image + ".map", image + ".dbg"], capture_output=True,
                            text=True, check=True).stdout
    padding = [int(line.split()[2]) for line in report.splitlines()
               if line.startswith("(alignment, linker)")]
    return int(f[0]) + int(f[1]) - sum(padding)


def test_region_allocator_costs_at_most_2k():
    for target in ("kvm-x86_64", "virt-arm64"):
        _, none, _ = build_case("apps/helloworld", target,
                                ["# CONFIG_LIB_ALLOC is not set"]
                                + NO_DEBUG_DATA)
        _, region, _ = build_case("apps/helloworld", target, REGION)
        grown = os.path.getsize(region) - os.path.getsize(none)
        check(grown <= PAGE, f"{target}: the region allocator makes helloworld's image {grown}"
                             f" bytes bigger (budget: one page, {PAGE})")
        grown = text_data(region) - text_data(none)
        check(0 < grown <= BUDGET, f"{target}: the region allocator adds {grown} bytes of code "
                                   f"and data to helloworld (budget {BUDGET})")
