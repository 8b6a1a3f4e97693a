"""The tree as a release tarball unpacks it: no .git, no build outputs.
The suite and the build must work there (tests/image/notrace_tree.py
once ran `git ls-files`, which exits 128 outside a checkout, and failed
the four trace-off-same-image cases). The copy is made by plain file
copying (tests/lib/srctree.py) and git cannot find a repository above it
(GIT_CEILING_DIRECTORIES), so anything in it that still asks git fails."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
import srctree  # noqa: E402
from tstest import BUILD, ROOT, Failure, check, tail  # noqa: E402

PYTHON = "/usr/bin/python3"


def _env(top):
    e = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    e["GIT_CEILING_DIRECTORIES"] = os.path.dirname(top)
    return e


def _run(cmd, cwd, env, what):
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise Failure(f"in a tree without .git, {what} failed (exit {p.returncode}):\n"
                      f"{tail(p.stdout + p.stderr)}")
    return p.stdout + p.stderr


def test_tree_without_git_strips_tracing_and_builds():
    base = os.path.join(BUILD, "tarball")
    shutil.rmtree(base, ignore_errors=True)
    top = srctree.export(ROOT, os.path.join(base, "tessera"))
    env = _env(top)
    stray = [d for d, dirs, names in os.walk(top) if ".git" in dirs + names]
    check(not stray, f"the export holds version-control data: {stray}")
    built = [d for d, dirs, _ in os.walk(top) if "build" in dirs
             and os.path.isfile(os.path.join(d, "Makefile"))]
    check(not built, f"the export holds build folders: {built}")

    # The notrace tree of the image tests, made by the copy's own code.
    notrace = os.path.join(base, "notrace")
    _run([PYTHON, "-c", "import sys; sys.path.insert(0, 'tests/image'); import notrace_tree; "
          "notrace_tree.make(sys.argv[1], sys.argv[2])", top, notrace],
         top, env, "tests/image/notrace_tree.py")
    want = sorted(f for f in srctree.files(ROOT) if not f.startswith("lib/trace/"))
    got = srctree.files(notrace)
    check(got == want, "the notrace tree of the export is not the tree without lib/trace: "
                       f"missing {sorted(set(want) - set(got))[:10]}, extra "
                       f"{sorted(set(got) - set(want))[:10]}")
    for t, want_calls in ((top, True), (notrace, False)):
        with open(os.path.join(t, "lib", "sched", "core.c")) as f:
            check(("trace_sched_" in f.read()) == want_calls,
                  f"lib/sched/core.c of {t}: tracepoint calls "
                  f"{'missing' if want_calls else 'kept'}")

    # The README's first command, in the copy.
    out = _run(["make", "-C", os.path.join(top, "apps", "helloworld"), "run"],
               top, env, "make -C apps/helloworld run")
    check("Hello, world!" in out, "helloworld did not greet:\n" + tail(out))


def test_source_list_is_what_git_lists():
    """srctree's idea of a build output (a build folder beside a Makefile)
    is the one .gitignore states: checked where git and .git are there."""
    if not os.path.exists(os.path.join(ROOT, ".git")) or not shutil.which("git"):
        print("SKIP build/test_source_list_is_what_git_lists: not a git checkout", flush=True)
        return
    p = subprocess.run(["git", "-C", ROOT, "ls-files", "-co", "--exclude-standard"],
                       capture_output=True, text=True, check=True)
    want = sorted(f for f in p.stdout.split("\n")
                  if f and os.path.isfile(os.path.join(ROOT, f)))
    got = srctree.files(ROOT)
    check(got == want, "tests/lib/srctree.py and git disagree: only srctree "
                       f"{sorted(set(got) - set(want))[:10]}, only git "
                       f"{sorted(set(want) - set(got))[:10]}")
