"""The tree's source files, found without version control: a release
tarball has no .git, and the suite runs there too (git ls-files exits
128 outside a checkout).

Left out: .git, Python caches, and build outputs, which are the default
O= folders of the tree's Makefiles: a folder named build beside a
Makefile (build/, apps/*/build, tests/unit/build, bench/*/build, ...).
support/build and tests/build hold sources: no Makefile beside them.
tests/build/test_tarball.py checks, in a git checkout, that this is
the list `git ls-files -co --exclude-standard` gives."""
import os
import shutil


def files(root):
    """Paths relative to root, sorted, of every source file."""
    out = []
    for d, dirs, names in os.walk(root):
        rel = os.path.relpath(d, root)
        rel = "" if rel == "." else rel + "/"
        has_makefile = "Makefile" in names
        dirs[:] = sorted(x for x in dirs
                         if x not in (".git", "__pycache__")
                         and not (x == "build" and has_makefile))
        out += [rel + n for n in names
                if n != ".git" and not n.endswith(".pyc")
                and os.path.isfile(os.path.join(d, n))]
    return sorted(out)


def export(root, dest):
    """Copy root's source files to dest (a fresh folder), like unpacking
    a release tarball: no .git, no build outputs. Returns dest."""
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    for f in files(root):
        os.makedirs(os.path.dirname(os.path.join(dest, f)), exist_ok=True)
        shutil.copy2(os.path.join(root, f), os.path.join(dest, f))
    return dest
