"""support/build/objmemo.c, which make test's builds compile through
(TS_OBJ_MEMO, tests/lib/tstest.build_case): an object taken from the
memo is the one the compiler makes. Two build folders share a fresh
memo, helloworld and then helloworld with lib/sched (objects the same in
both, and objects that differ); the second's image is byte for byte that
of a build without the memo. The saved commands (and so compile_commands.json)
do not name objmemo, and a make without the memo rebuilds nothing."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import JOBS, NO_MEMO, ROOT, check, fresh, make, tail  # noqa: E402

HELLO = os.path.join(ROOT, "apps", "helloworld")
TARGET = "virt-arm64"
IMAGE = "helloworld_virt-arm64"


def memo_objects(memo):
    return {f for _, _, files in os.walk(memo) for f in files if f.endswith(".o")}


def build(where, name, lines, env):
    odir = os.path.join(where, name)
    os.makedirs(odir)
    frag = os.path.join(odir, "case.config")
    with open(frag, "w") as f:
        f.write("".join(l + "\n" for l in lines))
    make(HELLO, TARGET + "_defconfig", odir=odir, extra=["FRAGMENT=" + frag], env=env)
    out = make(HELLO, "all", odir=odir, extra=["-j" + JOBS], env=env).stdout
    return odir, len(re.findall(r"^  CC ", out, re.M))


def test_objmemo_gives_the_compilers_objects():
    where = fresh("memo-test")
    memo = os.path.join(where, "memo")
    env = {"TS_OBJ_MEMO": memo}
    _, compiled = build(where, "plain", [], env)
    first = memo_objects(memo)
    check(len(first) >= compiled - 5 and compiled > 30,
          f"the memo kept {len(first)} objects of the {compiled} compiled")
    sched, compiled = build(where, "sched", ["CONFIG_LIB_SCHED=y"], env)
    new = memo_objects(memo) - first
    check(0 < len(new) < compiled,
          f"lib/sched's build added {len(new)} objects to the memo for {compiled} compiled: "
          f"the memo should have given it some (those of the first build) and not all")
    ref, _ = build(where, "ref", ["CONFIG_LIB_SCHED=y"], NO_MEMO)
    for suffix in ("", ".dbg"):
        with open(os.path.join(sched, IMAGE + suffix), "rb") as a, \
                open(os.path.join(ref, IMAGE + suffix), "rb") as b:
            check(a.read() == b.read(), f"{IMAGE}{suffix} built with the memo differs from "
                                        f"the one built without it")
    named = [os.path.join(d, f) for d, _, files in os.walk(sched) for f in files
             if f.endswith(".o.cmd") and "tools/objmemo" in open(os.path.join(d, f)).read()]
    check(not named, f"saved commands name objmemo: {named[:3]}")
    out = make(HELLO, "all", odir=sched, env=NO_MEMO).stdout
    check(not re.search(r"^  CC ", out, re.M),
          f"a make without TS_OBJ_MEMO compiled again:\n{tail(out)}")
