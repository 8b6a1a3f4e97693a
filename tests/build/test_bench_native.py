"""The native benchmarks (bench/*-native) build: they compile tree
sources for the host, so a library that starts calling another (lib/sched
logging through lib/debug) must not break them unnoticed, since make test
does not run the benchmarks themselves."""
import glob
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check, make  # noqa: E402


def test_native_benchmarks_build():
    folders = sorted(glob.glob(os.path.join(ROOT, "bench", "*-native")))
    check(folders, "no bench/*-native folder")
    for folder in folders:
        name = os.path.basename(folder)
        odir = os.path.join(BUILD, "bench-build", name)
        make(folder, "all", odir=odir)
        check(os.access(os.path.join(odir, name), os.X_OK),
              f"{folder}: make all made no program {name}")
