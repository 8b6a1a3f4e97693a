#!/usr/bin/python3
"""Kconfig glue between the Tessera build and kconfiglib.

Subcommands (all paths come from the environment the Makefile sets):
  sources                 write the generated `source` lists only
  defconfig BASE [FRAG..] .config from a target defconfig plus fragments
  olddefconfig            update .config: new symbols get their defaults
  savedefconfig OUT       minimal config that reproduces .config
  menuconfig              the curses menu (kconfiglib's)
  syncconfig              olddefconfig, then auto.conf, config.h and the
                          per-symbol stamps the build depends on

Environment: TS_ROOT, TS_KCONFIG (folder for generated files), TS_LIBDIRS
(every discovered library folder), TS_APP_DIR, KCONFIG_CONFIG (.config),
TS_INCLUDE (folder for config.h and stamps).
"""
import os
import sys

try:
    import kconfiglib
except ImportError:
    sys.exit("tessera: kconfiglib is missing: run support/scripts/install-deps "
             "(Debian package python3-kconfiglib, used with /usr/bin/python3)")

ROOT = os.environ.get("TS_ROOT", "")
GEN = os.environ.get("TS_KCONFIG", "")
CONFIG = os.environ.get("KCONFIG_CONFIG", ".config")


def die(msg):
    sys.stderr.write("tessera: %s\n" % msg)
    sys.exit(1)


def write_if_changed(path, text):
    """Keep the mtime of unchanged outputs so make rebuilds nothing."""
    try:
        with open(path) as f:
            if f.read() == text:
                return False
    except OSError:
        pass
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)
    return True


def kquote(path):
    return '"%s"' % path.replace("\\", "\\\\").replace('"', '\\"')


def classify(libdir):
    """Which menu a library folder belongs to, from where it lives."""
    app = os.path.realpath(os.environ.get("TS_APP_DIR", ""))
    real = os.path.realpath(libdir)
    if real == app:
        return "app"
    rel = os.path.relpath(real, os.path.realpath(ROOT))
    top = rel.split(os.sep)[0]
    if top in ("arch", "plat", "drivers", "lib") and not rel.startswith(".."):
        return top
    return "ext"


def write_sources():
    menus = {"arch": [], "plat": [], "drivers": [], "lib": [], "ext": [],
             "app": []}
    for d in sorted(set(os.environ.get("TS_LIBDIRS", "").split())):
        if os.path.isfile(os.path.join(d, "Config.uk")):
            menus[classify(d)].append(os.path.join(d, "Config.uk"))
    out = {}
    for m in ("arch", "plat", "drivers"):
        out[m] = "".join("source %s\n" % kquote(p) for p in menus[m])
    lib = "".join("source %s\n" % kquote(p) for p in menus["lib"])
    if menus["ext"]:
        lib += 'menu "External libraries (LIBS)"\n'
        lib += "".join("source %s\n" % kquote(p) for p in menus["ext"])
        lib += "endmenu\n"
    out["lib"] = lib
    app = os.environ.get("TS_APP_DIR", "")
    out["app"] = 'comment "Application: %s"\n' % os.path.basename(app)
    out["app"] += "".join("source %s\n" % kquote(p) for p in menus["app"])
    for name, text in out.items():
        write_if_changed(os.path.join(GEN, name + ".uk"), text)


def load():
    write_sources()
    os.environ.setdefault("srctree", ROOT)
    try:
        kconf = kconfiglib.Kconfig(os.path.join(ROOT, "Config.uk"),
                                   warn_to_stderr=False)
    except kconfiglib.KconfigError as e:
        die("Kconfig error: %s" % e)
    return kconf


def flush_warnings(kconf, where, fatal=False):
    for w in kconf.warnings:
        sys.stderr.write("tessera: %s: %s\n" % (where, w))
    n = len(kconf.warnings)
    del kconf.warnings[:]
    if fatal and n:
        die("%s has %d problem(s), see above" % (where, n))


def load_config(kconf, path, replace=True):
    if not os.path.isfile(path):
        die("%s: no such file" % path)
    try:
        kconf.load_config(path, replace=replace)
    except kconfiglib.KconfigError as e:
        die("%s: %s" % (path, e))


def check_assignments(kconf, path):
    """A fragment line that did not take effect (unmet dependency, a choice
    decided otherwise) is an error, so a test never runs another config
    than the one it asked for."""
    bad = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            name = val = None
            if line.startswith("CONFIG_") and "=" in line:
                name, val = line[7:].split("=", 1)
                val = val.strip('"')
            elif line.startswith("# CONFIG_") and line.endswith(" is not set"):
                name, val = line[9:-len(" is not set")], "n"
            if name is None:
                continue
            sym = kconf.syms.get(name)
            if sym is None or not sym.nodes:
                bad.append("%s:%d: CONFIG_%s is not a known symbol"
                           % (path, lineno, name))
            elif sym.str_value != val:
                deps = kconfiglib.expr_str(sym.direct_dep)
                bad.append("%s:%d: CONFIG_%s=%s did not take effect (it is %s;"
                           " depends on %s)" % (path, lineno, name, val,
                                                sym.str_value or "unset",
                                                deps))
    return bad


def write_dotconfig(kconf):
    kconf.write_config(CONFIG, header="# Tessera configuration\n",
                       save_old=False)


def cmd_defconfig(base, *frags):
    kconf = load()
    load_config(kconf, base)
    for f in frags:
        load_config(kconf, f, replace=False)
    flush_warnings(kconf, "defconfig", fatal=True)
    bad = []
    for f in (base,) + frags:
        bad += check_assignments(kconf, f)
    if bad:
        die("configuration refused:\n  " + "\n  ".join(bad))
    write_dotconfig(kconf)
    print("tessera: wrote %s from %s" % (CONFIG, " + ".join(
        os.path.basename(p) for p in (base,) + frags)))


def cmd_olddefconfig():
    kconf = load()
    if os.path.isfile(CONFIG):
        load_config(kconf, CONFIG)
        flush_warnings(kconf, CONFIG)
    write_dotconfig(kconf)
    return kconf


def cmd_savedefconfig(out):
    kconf = load()
    load_config(kconf, CONFIG)
    flush_warnings(kconf, CONFIG)
    kconf.write_min_config(out, header="")
    print("tessera: wrote %s" % out)


def cmd_menuconfig():
    import menuconfig
    kconf = load()
    if os.path.isfile(CONFIG):
        load_config(kconf, CONFIG)
        flush_warnings(kconf, CONFIG)
    os.environ["KCONFIG_CONFIG"] = CONFIG
    menuconfig.menuconfig(kconf)


def make_value(sym):
    """A value as a make variable holds it: strings unquoted, '$' and '#'
    escaped, so Makefile.uk files can use $(CONFIG_FOO) directly."""
    v = sym.str_value
    return v.replace("$", "$$").replace("#", "\\#")


def cmd_syncconfig():
    kconf = cmd_olddefconfig()
    inc = os.environ["TS_INCLUDE"]
    stamps = os.path.join(inc, "config")
    os.makedirs(stamps, exist_ok=True)
    lines = ["# generated from %s; do not edit\n" % CONFIG]
    for sym in kconf.unique_defined_syms:
        v = sym.str_value
        # One stamp per symbol holding its value; fixdep makes each object
        # depend on the stamps of the symbols its sources mention, so a
        # changed option rebuilds only the objects that read it.
        write_if_changed(os.path.join(stamps, sym.name), v + "\n")
        if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE) and v == "n":
            continue
        if v == "" and sym.orig_type not in (kconfiglib.STRING,):
            continue
        lines.append("CONFIG_%s := %s\n" % (sym.name, make_value(sym)))
    hdr = os.path.join(inc, "ts", "config.h")
    os.makedirs(os.path.dirname(hdr), exist_ok=True)
    tmp = hdr + ".new"
    kconf.write_autoconf(tmp, header="/* generated from .config; do not edit */\n")
    with open(tmp) as f:
        write_if_changed(hdr, f.read())
    os.unlink(tmp)
    auto = os.path.join(stamps, "auto.conf")
    with open(auto, "w") as f:  # always rewritten: make compares its mtime
        f.write("".join(lines))


def main(argv):
    if not ROOT or not GEN:
        die("tskconfig.py is run by the Makefile (TS_ROOT, TS_KCONFIG unset)")
    cmds = {"sources": (write_sources, 0), "defconfig": (cmd_defconfig, None),
            "olddefconfig": (cmd_olddefconfig, 0),
            "savedefconfig": (cmd_savedefconfig, 1),
            "menuconfig": (cmd_menuconfig, 0),
            "syncconfig": (cmd_syncconfig, 0)}
    if len(argv) < 2 or argv[1] not in cmds:
        die("usage: tskconfig.py %s" % "|".join(sorted(cmds)))
    fn, nargs = cmds[argv[1]]
    args = argv[2:]
    if nargs is not None and len(args) != nargs:
        die("tskconfig.py %s takes %d argument(s)" % (argv[1], nargs))
    if nargs is None and not args:
        die("tskconfig.py defconfig needs a base defconfig")
    fn(*args)


if __name__ == "__main__":
    main(sys.argv)
