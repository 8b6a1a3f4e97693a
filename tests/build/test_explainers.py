"""A build that fails because a library is not selected says which one and
the `select` that brings it in: for a missing header as for a missing
symbol. A C library function nolibc lacks is named as such, not as a
library to enable. Building needs no QEMU."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check, make  # noqa: E402

HELLO = os.path.join(ROOT, "apps", "helloworld")
SELECT_SCHED = 'config APP_USESCHED\n\tdef_bool y\n\tselect LIB_SCHED\n'


def shown(path):
    """A folder as the build names it: relative to the tree when inside."""
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith("..") else rel


def app(name, main_c, config_uk=""):
    """An app of one main.c outside the tree; its build folder is build/."""
    d = os.path.join(BUILD, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    files = {"Makefile": f"TS_APP_DIR := $(CURDIR)\ninclude {ROOT}/Makefile\n",
             "Makefile.uk": f"$(call ts_app,{name})\nLIB{name.upper()}_SRCS-y += main.c\n",
             "main.c": main_c, "Config.uk": config_uk}
    for f, text in files.items():
        with open(os.path.join(d, f), "w") as fh:
            fh.write(text)
    return d


def test_missing_header_names_the_select():
    d = app("hdrapp", "#include <ts/sched.h>\n#include <ts/nosuch.h>\n"
            "int main(void) { return 0; }\n")
    p = make(d, "all", check_rc=False)
    check(p.returncode != 0, "built with <ts/nosuch.h>")
    want = ("tessera: <ts/sched.h> is in lib/sched, which this app does not select: add `select "
            f"LIB_SCHED` to the app's Config.uk ({shown(d)}/Config.uk) or enable "
            "it in menuconfig")
    check(want in p.stderr, f"no {want!r} in:\n{p.stderr}")
    # What it says works: then the next header is the one missing, and it
    # is in no library.
    with open(os.path.join(d, "Config.uk"), "w") as f:
        f.write(SELECT_SCHED)
    p = make(d, "all", check_rc=False)
    check("<ts/sched.h>" not in p.stderr and "no library in the tree has <ts/nosuch.h>"
          in p.stderr, "after select LIB_SCHED:\n" + p.stderr)
    # A C library header nolibc lacks.
    with open(os.path.join(d, "main.c"), "w") as f:
        f.write("#include <math.h>\nint main(void) { return 0; }\n")
    p = make(d, "all", check_rc=False)
    check("<math.h> is a C library header that lib/nolibc" in p.stderr
          and "does not have: choose musl (CONFIG_LIB_MUSL=y" in p.stderr, p.stderr)
    # A library that includes the header of one it does not select is
    # named, with the Config.uk its select goes to.
    lib = os.path.join(BUILD, "hdrlib")
    shutil.rmtree(lib, ignore_errors=True)
    os.makedirs(lib)
    for f, text in {"Config.uk": 'config LIB_HDRLIB\n\tbool "hdrlib"\n\tdefault y\n',
                    "Makefile.uk": "$(call ts_lib,hdrlib,LIB_HDRLIB)\nLIBHDRLIB_SRCS-y += u.c\n",
                    "u.c": "#include <ts/test.h>\nint hdrlib_x;\n"}.items():
        with open(os.path.join(lib, f), "w") as fh:
            fh.write(text)
    with open(os.path.join(d, "main.c"), "w") as f:
        f.write("int main(void) { return 0; }\n")
    p = make(d, "all", extra=["LIBS=" + lib], odir=os.path.join(d, "build-libs"),
             check_rc=False)
    want = ("tessera: <ts/test.h> is in lib/test, which this configuration does not select; "
            f"{shown(lib)} includes it: add `select LIB_TEST` to {shown(lib)}/Config.uk (under "
            "config LIB_HDRLIB)")
    check(want in p.stderr, f"no {want!r} in:\n{p.stderr}")


def test_link_explainer_names_the_library_or_the_c_library():
    main_c = ("#include <stdint.h>\n"
              "double pow(double, double);\n"
              "uint64_t ts_time_now_ns(void);\n"
              "int ts_no_such_function(void);\n"
              "int main(int argc, char **argv)\n{\n\t(void)argv;\n"
              "\treturn (int)pow(2.0, argc) + (int)ts_time_now_ns() + ts_no_such_function();\n}\n")
    d = app("linkapp", main_c)
    p = make(d, "all", check_rc=False)
    check(p.returncode != 0, "linked with undefined symbols")
    for want in ("linkapp uses 'ts_time_now_ns', which lib/time defines, and this configuration "
                 "does not select LIB_TIME: add `select LIB_TIME` to the app's Config.uk ("
                 f"{shown(d)}/Config.uk)",
                 "linkapp uses 'pow', a C library function that lib/nolibc, the C library "
                 "of this configuration, does not provide: choose musl (CONFIG_LIB_MUSL=y",
                 "linkapp uses 'ts_no_such_function', which no library in the tree defines"):
        check(want in p.stderr, f"no {want!r} in:\n{p.stderr}")
    check("enable the library that provides it" not in p.stderr,
          "still advises enabling a library that does not exist:\n" + p.stderr)
    with open(os.path.join(d, "Config.uk"), "w") as f:
        f.write('config APP_LINKAPP\n\tdef_bool y\n\tselect LIB_TIME\n')
    p = make(d, "all", check_rc=False)
    check("ts_time_now_ns" not in p.stderr and "'pow'" in p.stderr,
          "after select LIB_TIME:\n" + p.stderr)


def path_without_qemu(folder):
    """A folder of links to every program of PATH but QEMU's."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for d in os.environ.get("PATH", "/usr/bin:/bin").split(":"):
        if not os.path.isdir(d):
            continue
        for name in os.listdir(d):
            dst = os.path.join(folder, name)
            if not name.startswith("qemu-system-") and not os.path.lexists(dst):
                os.symlink(os.path.join(d, name), dst)
    return folder


def test_build_needs_no_qemu():
    """As on a machine without QEMU: QEMU hidden from PATH, and, where this
    runs as root and may unshare a mount namespace, /usr/bin too."""
    bindir = path_without_qemu(os.path.join(BUILD, "noqemu-bin"))
    odir = os.path.join(BUILD, "noqemu")
    shutil.rmtree(odir, ignore_errors=True)
    env = dict(os.environ, PATH=bindir)
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(k, None)
    # Then make run, which needs QEMU, says it is missing: as a user who
    # is not root (root would have install-deps install it).
    script = (f'set -e; make -C {HELLO} O={odir} kvm-x86_64_defconfig all size '
              f'compile_commands.json 2>&1; echo BUILT; chmod -R a+rwX {odir}; set +e; setpriv '
              f'--reuid=65534 --regid=65534 --clear-groups make -C {HELLO} O={odir} run 2>&1; '
              'echo "NOBODY rc=$?"')
    hide = ""
    if os.geteuid() == 0 and os.path.isdir("/usr/src") and subprocess.run(
            ["unshare", "-m", "true"], capture_output=True).returncode == 0:
        # A file cannot be mounted away, so /usr/bin becomes a folder of
        # links to all but QEMU, in a mount namespace of this test only.
        # The real /usr/bin is seen at /usr/src meanwhile: gcc finds its
        # cc1 from where its program is (../libexec).
        real = "/usr/src"
        hide = (f"mount --bind /usr/bin {real} && mount -t tmpfs none /usr/bin && "
                f"for f in {real}/*; do case ${{f##*/}} in qemu-system-*) ;; *) "
                f"{real}/ln -s \"$f\" /usr/bin/; esac; done && "
                f"! {real}/ls /usr/bin/qemu-system-* 2>/dev/null && ")
        cmd = ["unshare", "-m", "sh", "-c", hide + script]
    else:
        cmd = ["sh", "-c", script]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    build, _, run = p.stdout.partition("BUILT\n")
    check(p.returncode == 0 and run and "missing" not in build,
          f"building without QEMU failed ({p.returncode}):\n{build[-2000:]}{p.stderr[-2000:]}")
    check(os.path.isfile(os.path.join(odir, "helloworld_kvm-x86_64")), "no image")
    check("NOBODY rc=2" in run and "missing qemu-system-x86" in run,
          "make run without QEMU did not say it is missing:\n" + run[-2000:])
