"""Every choice in menuconfig's Architecture and Platform menus (the root
Config.uk's and those of arch/ and plat/), and every option of those
choices, has a help text: what the target is, which machine or board,
how to run it. Read with kconfiglib from the generated Kconfig tree
menuconfig shows."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, build_case, check  # noqa: E402

MENUS = ("Architecture", "Platform")

CODE = r"""
import sys, kconfiglib
k = kconfiglib.Kconfig(sys.argv[1], warn=False)
menus = sys.argv[2:]
seen = 0
def walk(node):
    global seen
    while node:
        if isinstance(node.item, kconfiglib.Choice):
            choice = node.item
            seen += 1
            if not (choice.nodes[0].help or "").strip():
                print("no help: choice %r" % node.prompt[0])
            for sym in choice.syms:
                if not (sym.nodes[0].help or "").strip():
                    print("no help: %s (in choice %r)" % (sym.name, node.prompt[0]))
        if node.list:
            walk(node.list)
        node = node.next
n = k.top_node.list
while n:
    if n.prompt and n.prompt[0] in menus:
        walk(n.list)
    n = n.next
print("choices: %d" % seen)
"""


def test_arch_and_platform_choices_have_help():
    odir, _, _ = build_case("apps/helloworld", "kvm-x86_64")
    env = dict(os.environ, TS_KCONFIG=os.path.join(odir, "kconfig"), srctree=ROOT)
    p = subprocess.run(["/usr/bin/python3", "-c", CODE, os.path.join(ROOT, "Config.uk")]
                       + list(MENUS), capture_output=True, text=True, env=env)
    check(p.returncode == 0, "kconfiglib failed: " + p.stderr)
    lines = p.stdout.splitlines()
    # The architecture, the platform and raspi's console UART at least:
    # a walk that found no choice would prove nothing.
    check(lines and lines[-1].startswith("choices: ") and int(lines[-1].split()[1]) >= 3,
          f"the walk found too few choices: {p.stdout}")
    missing = [l for l in lines if l.startswith("no help")]
    check(not missing, "menuconfig entries without help:\n    " + "\n    ".join(missing))
