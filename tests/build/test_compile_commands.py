"""make compile_commands.json: every file the build compiled, with the
command that compiled it, in a database clangd and editors read."""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check, make  # noqa: E402

HELLO = os.path.join(ROOT, "apps", "helloworld")


def compiled(out, odir):
    """Source -> the argument list of the command make ran for it, from a
    V=1 build's output (each command echoed as run)."""
    out_cmds = {}
    for line in out.splitlines():
        if " -c -o " + odir in line and line.rstrip().endswith((".c", ".S")):
            args = shlex.split(line)
            out_cmds[args[-1]] = args
    return out_cmds


def syntax_check_args(entry, compiler):
    """The entry's command as a syntax check: its compiler swapped, without
    the output and dependency-file options (as clangd drops them)."""
    args, out, skip = entry["arguments"], [compiler], 0
    for a in args[1:]:
        if skip:
            skip -= 1
        elif a in ("-o", "-MF"):
            skip = 1
        elif a in ("-c", "-MMD", "-MP"):
            continue
        else:
            out.append(a)
    return out + ["-fsyntax-only"]


def test_compile_commands_has_every_file_with_its_flags():
    odir = os.path.join(BUILD, "compdb")
    shutil.rmtree(odir, ignore_errors=True)
    frag = os.path.join(BUILD, "compdb.config")
    with open(frag, "w") as f:  # more libraries than the default, one .S
        f.write("CONFIG_LIB_SCHED=y\nCONFIG_LIB_TRACE=y\n")
    make(HELLO, "kvm-x86_64_defconfig", odir=odir, extra=["FRAGMENT=" + frag])
    ran = compiled(make(HELLO, "all", odir=odir, extra=["V=1"]).stdout, odir)
    check(any(s.endswith("lib/sched/core.c") for s in ran)
          and any(s.endswith(".S") for s in ran), f"V=1 output not understood: {list(ran)[:5]}")
    make(HELLO, "compile_commands.json", odir=odir)
    path = os.path.join(odir, "compile_commands.json")
    with open(path) as f:
        db = json.load(f)  # valid JSON, or this raises
    check(isinstance(db, list) and all({"directory", "arguments", "file"} <= set(e) for e in db),
          f"not a compilation database: {db[:2]!r}")
    files = {e["file"]: e for e in db}
    check(len(files) == len(db), "a file is listed twice")
    check(set(files) == set(ran), "compile_commands.json differs from what the build compiled: "
                                  f"missing {sorted(set(ran) - set(files))[:5]}, extra "
                                  f"{sorted(set(files) - set(ran))[:5]}")
    for src, args in ran.items():
        check(files[src]["arguments"] == args, f"{src}: database says\n  "
                                               f"{' '.join(files[src]['arguments'])}\nthe build "
                                               f"ran\n  {' '.join(args)}")
        check(os.path.isabs(src) and os.path.isfile(src), f"not a source path: {src}")
    link = os.path.join(ROOT, "build", "compile_commands.json")
    check(os.path.realpath(link) == os.path.realpath(path),
          f"{link} does not lead to {path}")

    # clang understands a file with its entry, and not without it.
    entry = files[os.path.join(ROOT, "lib", "sched", "core.c")]
    p = subprocess.run(syntax_check_args(entry, "clang"), capture_output=True, text=True,
                       cwd=entry["directory"])
    check(p.returncode == 0, "clang -fsyntax-only with the entry's flags failed:\n" + p.stderr)
    p = subprocess.run(["clang", "-fsyntax-only", entry["file"]], capture_output=True, text=True)
    check(p.returncode != 0 and re.search(r"'ts/[\w/]+\.h' file not found", p.stderr),
          "clang without the entry's flags did not fail on the includes:\n" + p.stderr)
