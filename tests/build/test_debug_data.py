"""lib/debug's build-time data: the .config embedded in the bootable image
(support/scripts/extract-config finds it without symbols), and the
two-pass symbol table whose check refuses code that moved."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, build_case, check  # noqa: E402

EXTRACT = os.path.join(ROOT, "support", "scripts", "extract-config")
SYMTAB = os.path.join(ROOT, "support", "build", "symtab.py")


def set_lines(config):
    with open(config) as f:
        return "".join(l for l in f if l.strip() and not l.startswith("#"))


def test_extract_config_from_bootable_images():
    for target in ("kvm-x86_64", "raspi4b"):
        _, image, config = build_case("apps/helloworld", target)
        p = subprocess.run([EXTRACT, image], capture_output=True, text=True)
        check(p.returncode == 0, f"{target}: extract-config failed: {p.stderr}")
        check(p.stdout == set_lines(config), f"{target}: extract-config printed:\n"
                                             f"{p.stdout[:2000]}\ninstead of the "
                                             ".config's settings")
    _, image, _ = build_case("apps/helloworld", "kvm-x86_64",
                             ["# CONFIG_LIB_DEBUG_CONFIG is not set"])
    p = subprocess.run([EXTRACT, image], capture_output=True, text=True)
    check(p.returncode != 0 and "no embedded .config" in p.stderr,
          f"no config: {p.returncode!r} {p.stderr!r}")


def test_symbol_table_check_refuses_moved_code():
    odir, image, _ = build_case("apps/helloworld", "kvm-x86_64")
    pass1 = os.path.join(odir, "debug", "pass1.elf")
    ok = subprocess.run([SYMTAB, "verify", "--nm", "nm", pass1, image + ".dbg"],
                        capture_output=True, text=True)
    check(ok.returncode == 0, "the build's own passes differ: " + ok.stderr)
    other, oimage, _ = build_case("tests/image/apps/bootcheck", "kvm-x86_64")
    bad = subprocess.run([SYMTAB, "verify", "--nm", "nm", pass1, oimage + ".dbg"],
                         capture_output=True, text=True)
    check(bad.returncode != 0 and "code moved between the two link passes"
          in bad.stderr, f"moved code not refused: {bad.stderr!r}")
