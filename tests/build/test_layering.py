"""Layering rules that a grep can check: libraries and apps never test the
architecture or platform (DESIGN.md section 4: only arch/, plat/ and
drivers/ know them; everything else goes through their interfaces)."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, check  # noqa: E402

ARCH_TEST = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif)\b.*"
                       r"(__x86_64__|__aarch64__|__arm__|__i386__|CONFIG_ARCH_|CONFIG_PLAT_)")


def test_no_arch_or_platform_ifdef_outside_arch_plat_drivers():
    bad = []
    for top in ("lib", "apps", os.path.join("tests", "image", "apps"), "bench"):
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs[:] = [d for d in dirs if d != "build"]
            for name in files:
                if not name.endswith((".c", ".h", ".S")):
                    continue
                path = os.path.join(folder, name)
                with open(path, errors="replace") as f:
                    for n, line in enumerate(f, 1):
                        if ARCH_TEST.search(line):
                            bad.append(f"{os.path.relpath(path, ROOT)}:{n}: {line.strip()}")
    check(not bad, "architecture/platform tests outside arch/, plat/, drivers/:\n  "
          + "\n  ".join(bad))
