"""The tree's Python (tests, support scripts, bench tools, gdb helpers) in
the Python Debian 12 ships (3.11): pyflakes finds nothing (unused imports,
undefined names), and strings are formatted with f-strings, not % or
str.format. Python files are the *.py files and the scripts whose first
line names python."""
import ast
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
import srctree  # noqa: E402
from tstest import ROOT, Failure, check  # noqa: E402


def python_files():
    """Paths relative to ROOT of every Python source of the tree."""
    out = []
    for rel in srctree.files(ROOT):
        if rel.endswith(".py"):
            out.append(rel)
            continue
        try:
            with open(os.path.join(ROOT, rel), "rb") as f:
                first = f.readline(200)
        except OSError:
            continue
        if first.startswith(b"#!") and b"python" in first:
            out.append(rel)
    return out


def test_python_files_are_found():
    found = python_files()
    for known in ("tests/run", "support/scripts/tstrace", "tests/lib/tstest.py"):
        check(known in found, f"{known} is not among the Python files found: {found}")


def test_python_pyflakes_clean():
    """CI installs pyflakes3 (.ci/run); elsewhere it is optional."""
    tool = shutil.which("pyflakes3")
    if not tool:
        check(not os.environ.get("CI"), "pyflakes3 is missing in CI (.ci/run installs it)")
        print("SKIP build/test_python_pyflakes_clean: pyflakes3 not installed", flush=True)
        return
    p = subprocess.run([tool] + python_files(), cwd=ROOT, capture_output=True, text=True)
    check(p.returncode == 0 and not p.stdout.strip(),
          f"pyflakes3 found problems (exit {p.returncode}):\n{p.stdout}{p.stderr}")


def old_formatting(tree):
    """Line numbers of '...' % x and '...'.format(...) in a module's AST."""
    lines = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)
                and isinstance(node.left, (ast.Constant, ast.JoinedStr))
                and isinstance(getattr(node.left, "value", ""), str)):
            lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "format" and isinstance(node.func.value, ast.Constant)
              and isinstance(node.func.value.value, str)):
            lines.append(node.lineno)
    return lines


def test_python_old_formatting_is_found():
    """The check below sees both old forms (and not an f-string or % on numbers)."""
    tree = ast.parse('a = "%d" % 1\nb = "{}".format(2)\nc = f"{a}"\nd = 7 % 3\n'
                     'e = ("x %s" "y") % c\n')
    check(sorted(old_formatting(tree)) == [1, 2, 5], f"found {old_formatting(tree)}")


def test_python_uses_f_strings():
    bad = []
    for rel in python_files():
        with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
            src = f.read()
        try:
            tree = ast.parse(src, rel)
        except SyntaxError as e:
            raise Failure(f"{rel}: does not parse: {e}")
        bad += [f"{rel}:{n}" for n in sorted(set(old_formatting(tree)))]
    check(not bad, "strings formatted with % or str.format instead of an f-string:\n  "
          + "\n  ".join(bad))
