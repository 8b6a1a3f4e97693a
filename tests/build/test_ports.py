"""ports/: programs from elsewhere as libraries (doc/porting.md). A port is
in an image only when an app names its folder in LIBS; it is configured,
shown in menuconfig (under "External libraries (LIBS)") and fetched the same
way wherever its folder is, in the tree or anywhere on disk. The image
tests (tests/image/cases_lua.py) build and run apps/lua."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, check, fresh, make, tail  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_libraries import menu_entries  # noqa: E402

LUA_APP = os.path.join(ROOT, "apps", "lua")
LUA_PORT = os.path.join(ROOT, "ports", "lua")
HELLO = os.path.join(ROOT, "apps", "helloworld")


def config_of(odir):
    with open(os.path.join(odir, ".config")) as f:
        return f.read()


def test_ports_only_through_libs():
    """Nothing under ports/ is discovered on its own: helloworld, which
    names no port, has no LIB_LUA in its configuration."""
    odir = os.path.join(fresh("ports-hello"), "build")
    make(HELLO, "kvm-x86_64_defconfig", odir=odir)
    check("LIB_LUA" not in config_of(odir), "ports/lua reached an app that does not name it")


def lua_port_in(where, name):
    odir = os.path.join(fresh(f"ports-{name}"), "build")
    libs = [f"LIBS={where}"]
    make(LUA_APP, "kvm-x86_64_defconfig", odir=odir, extra=libs)
    conf = config_of(odir)
    for line in ("CONFIG_LIB_MUSL=y", "CONFIG_LIB_LUA=y", "CONFIG_LIB_LUA_MAIN=y"):
        check(line + "\n" in conf, f"{line} missing from the configuration with {libs[0]}")
    menu = menu_entries(odir, ROOT, "Libraries").splitlines()
    ext = [i for i, ln in enumerate(menu) if ln.strip() == "External libraries (LIBS)"]
    check(ext and menu[ext[0] + 1].strip().startswith("lua: the Lua 5.4 interpreter"),
          f"the port is not under 'External libraries (LIBS)' with {libs[0]}:\n" + "\n".join(menu))
    p = make(LUA_APP, "fetch", odir=odir, extra=libs)
    check("lua5.4=5.4.4-3+deb12u1" in p.stdout, f"make fetch did not name lua5.4:\n{tail(p.stdout)}")


def test_ports_lua_in_the_tree():
    lua_port_in(LUA_PORT, "intree")


def test_ports_lua_anywhere_on_disk():
    """A copy of ports/lua outside the tree, named by an absolute path:
    the same configuration, menu and fetch."""
    where = tempfile.mkdtemp(prefix="ts-port.")
    try:
        shutil.copytree(LUA_PORT, os.path.join(where, "lua"),
                        ignore=shutil.ignore_patterns("build"))
        lua_port_in(os.path.join(where, "lua"), "outside")
    finally:
        shutil.rmtree(where)
