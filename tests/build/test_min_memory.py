"""The least RAM helloworld boots with on kvm-x86_64 (QEMU -M pc): at most
1,280 KiB (Unikraft's helloworld needs 1,664 KiB there). The image tests
memory-* check that the image really boots at that figure and says so
below it; this one keeps the figure from growing unnoticed."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import build_case, check, tsqemu  # noqa: E402

BUDGET_KIB = 1280


def test_kvm_helloworld_needs_at_most_1280k():
    _, image, _ = build_case("apps/helloworld", "kvm-x86_64")
    need = tsqemu.kvm_min_mem_kib(image)
    check(need <= BUDGET_KIB,
          f"helloworld on kvm-x86_64 needs -m {need}K (budget {BUDGET_KIB}K); make size "
          "shows what grew")
