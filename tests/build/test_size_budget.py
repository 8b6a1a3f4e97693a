#!/usr/bin/python3
"""helloworld's bootable image stays within a size budget on every target
(56 KiB: doc/performance.md). When it does not, the failure says which
libraries grew and by how much, against the per-library sizes committed
in helloworld_size.json beside this file (`make size`'s text and data
after garbage collection), so that nobody has to rebuild an old tree to
find out.

After a change that makes helloworld smaller or, knowingly, bigger:

    tests/build/test_size_budget.py --update   # rewrite helloworld_size.json

and commit the file with the change (the budgets in it stay as they are
unless edited by hand; doc/performance.md says why they are what they
are)."""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
from tstest import ROOT, build_case, check  # noqa: E402

BASELINE = os.path.join(HERE, "helloworld_size.json")
SIZE_REPORT = os.path.join(ROOT, "support", "scripts", "size-report")
TARGETS = ["kvm-x86_64", "virt-arm64", "raspi3b", "raspi4b", "xen-arm64", "xen-x86_64"]
# The Xen targets carry plat/xen beside what their machines need (arm64:
# hypercalls, shared info, event channels: one page more than virt-arm64;
# x86_64: also the hypercall page, a page of .text Xen fills in): their
# own budgets, the pages they take now (doc/performance.md "Under Xen").
BUDGETS = {"xen-arm64": 60 * 1024, "xen-x86_64": 72 * 1024}
# What a library costs in the bootable image: its code and constants
# (text) and initialised data; bss is not in the file.
COLUMNS = ("text", "data")


def library_sizes(image):
    """{library: {"text": n, "data": n}} from support/scripts/size-report
    (the rows of `make size`, alignment included, total left out)."""
    out = subprocess.run([sys.executable, SIZE_REPORT, image + ".map", image + ".dbg"],
                         capture_output=True, text=True, check=True).stdout
    sizes = {}
    for line in out.splitlines()[1:]:
        words = line.split()
        name = " ".join(words[:-4])
        if name != "total":
            sizes[name] = dict(zip(COLUMNS, (int(w) for w in words[-4:-2])))
    return sizes


def measure(target, config_lines=()):
    _, image, _ = build_case("apps/helloworld", target, list(config_lines))
    return os.path.getsize(image), library_sizes(image)


def growth(base, now):
    """Lines for the libraries whose text or data differ, biggest growth
    first: 'nolibc: text +4,644 (6,628 -> 11,272)'."""
    rows = []
    for lib in set(base) | set(now):
        b = base.get(lib, {c: 0 for c in COLUMNS})
        n = now.get(lib, {c: 0 for c in COLUMNS})
        diff = {c: n[c] - b[c] for c in COLUMNS}
        if any(diff.values()):
            words = ", ".join(f"{c} {diff[c]:+d} ({b[c]} -> {n[c]})"
                              for c in COLUMNS if diff[c])
            rows.append((-sum(diff.values()), f"{lib}: {words}"
                                              f"{'' if lib in base else ' (new library)' if lib in now else ' (gone)'}"))
    return [r for _, r in sorted(rows)]


def over_budget(target, size, libs, baseline):
    """The failure message for an image over its budget, or None."""
    entry = baseline["targets"][target]
    if size <= entry["budget"]:
        return None
    lines = growth(entry["libraries"], libs) or ["no library grew: alignment or "
                                                 "page padding (make size)"]
    listed = "\n    ".join(lines)
    return (f"helloworld on {target} is {size} bytes, over its budget of {entry['budget']}; "
            f"against the baseline of {entry['image']} bytes in "
            f"{os.path.relpath(BASELINE, ROOT)}, per library:\n    {listed}")


def load_baseline():
    with open(BASELINE) as f:
        return json.load(f)


def test_size_budget_of_helloworld_56k():
    baseline = load_baseline()
    problems = []
    for target in TARGETS:
        size, libs = measure(target)
        problem = over_budget(target, size, libs, baseline)
        if problem:
            problems.append(problem)
    check(not problems, "\n".join(problems))


def test_size_budget_names_the_library_that_grew():
    """The message the budget test prints, for a helloworld that really is
    bigger: with floating-point printf (4-5 KiB of nolibc) against a budget
    just below the baseline image."""
    baseline = load_baseline()
    target = "kvm-x86_64"
    size, libs = measure(target, ["CONFIG_LIB_NOLIBC_FLOAT=y"])
    tight = {"targets": {target: dict(baseline["targets"][target],
                                      budget=baseline["targets"][target]["image"] - 1)}}
    msg = over_budget(target, size, libs, tight)
    check(msg is not None, f"a bigger helloworld ({size} bytes) passed a budget of "
                           f"{tight['targets'][target]['budget']}")
    first = msg.split("\n")[1].strip()
    grown = libs["nolibc"]["text"] - baseline["targets"][target]["libraries"]["nolibc"]["text"]
    check(grown > 4000 and first.startswith(f"nolibc: text +{grown}"),
          f"the message does not start with nolibc's growth ({grown}):\n{msg}")


def update():
    """Rewrites the baseline from this tree's builds, keeping the budgets."""
    try:
        old = load_baseline()
    except FileNotFoundError:
        old = {"targets": {}}
    new = {"about": "helloworld's bootable image per target (bytes) and what each "
                    "library puts in it (make size: text, data); the budget is "
                    "what tests/build/test_size_budget.py allows",
           "targets": {}}
    for target in TARGETS:
        size, libs = measure(target)
        budget = old["targets"].get(target, {}).get("budget", BUDGETS.get(target, 56 * 1024))
        new["targets"][target] = {"budget": budget, "image": size, "libraries": libs}
        print(f"{target!s:<12} {size:6d} bytes (budget {budget})")
    text = json.dumps(new, indent=1, sort_keys=True)
    # One line per library.
    text = re.sub(r'\{\n\s+"data": (\d+),\n\s+"text": (\d+)\n\s+\}',
                  r'{"data": \1, "text": \2}', text)
    with open(BASELINE, "w") as f:
        f.write(text + "\n")
    print("wrote", os.path.relpath(BASELINE, ROOT))


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: tests/build/test_size_budget.py --update "
                 "(the test itself runs under tests/run)")
    update()
