#!/usr/bin/python3
"""Kconfig glue between the Tessera build and kconfiglib.

Subcommands (all paths come from the environment the Makefile sets):
  sources                 write the generated `source` lists only
  defconfig BASE [FRAG..] .config from a target defconfig plus fragments
  olddefconfig            update .config: new symbols get their defaults
  oldconfig               the same, asking for the value of each new symbol
  listnewconfig           print the symbols .config gives no value yet
  allyesconfig [FRAG..]   every bool option outside a choice on (as many as
  allnoconfig [FRAG..]    their dependencies allow) / off; choices and other
                          values as in .config (or the default target's
                          defconfig), then app.config and the fragments
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

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from configlines import (ConfigFileError, Kind, assignments, carry_renamed,  # noqa: E402
                         check_lines, read_lines, wanted)

ROOT = os.environ.get("TS_ROOT", "")
GEN = os.environ.get("TS_KCONFIG", "")
CONFIG = os.environ.get("KCONFIG_CONFIG", ".config")


def die(msg):
    sys.stderr.write(f"tessera: {msg}\n")
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
    escaped = path.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


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
        out[m] = "".join(f"source {kquote(p)}\n" for p in menus[m])
    lib = "".join(f"source {kquote(p)}\n" for p in menus["lib"])
    if menus["ext"]:
        lib += 'menu "External libraries (LIBS)"\n'
        lib += "".join(f"source {kquote(p)}\n" for p in menus["ext"])
        lib += "endmenu\n"
    out["lib"] = lib
    app = os.environ.get("TS_APP_DIR", "")
    out["app"] = f'comment "Application: {os.path.basename(app)}"\n'
    out["app"] += "".join(f"source {kquote(p)}\n" for p in menus["app"])
    for name, text in out.items():
        write_if_changed(os.path.join(GEN, name + ".uk"), text)


def load():
    write_sources()
    os.environ.setdefault("srctree", ROOT)
    try:
        kconf = kconfiglib.Kconfig(os.path.join(ROOT, "Config.uk"),
                                   warn_to_stderr=False)
    except kconfiglib.KconfigError as e:
        die(f"Kconfig error: {str(e).strip()}")
    except OSError as e:
        die(f"Kconfig error: {e}")
    # A problem in a Config.uk stops every command, as a syntax error does.
    flush_warnings(kconf, "Kconfig", fatal=True)
    # Our own checks (check_lines) report every assignment that does not
    # take effect, by file and line; kconfiglib's would say some of it twice
    # and treat a later file repeating an earlier one's line as a problem.
    kconf.warn_assign_override = False
    kconf.warn_assign_redun = False
    return kconf


def flush_warnings(kconf, where, fatal=False):
    for w in kconf.warnings:
        sys.stderr.write(f"tessera: {where}: {w}\n")
    n = len(kconf.warnings)
    del kconf.warnings[:]
    if fatal and n:
        die(f"{where} has {n} problem(s), see above")


def load_config(kconf, path, replace=True):
    """Load a config file into kconf; returns its lines."""
    lines = read_lines(path)
    try:
        kconf.load_config(path, replace=replace)
    except (kconfiglib.KconfigError, OSError) as e:
        die(f"{path}: {e}")
    # Everything kconfiglib warns about here, check_lines reports by line.
    del kconf.warnings[:]
    return lines


def report(problems):
    for p in problems:
        sys.stderr.write(f"tessera: {p}\n")


# --- what the build last wrote and applied ----------------------------------
# Kept beside the generated Kconfig files in $(O)/kconfig:
#   config.written      the .config as this script (or menuconfig) last
#                       wrote it: a line of .config that is not in it is a
#                       hand edit, which must take effect;
#   app.config.applied  the app.config that .config includes, so that a
#                       change to app.config reaches an existing build;
#   defconfig.applied   the target defconfig .config was made from (what
#                       a line removed from app.config falls back to).

WRITTEN = os.path.join(GEN, "config.written")
APP_APPLIED = os.path.join(GEN, "app.config.applied")
BASE_APPLIED = os.path.join(GEN, "defconfig.applied")


def app_config():
    return os.path.join(os.environ.get("TS_APP_DIR", ""), "app.config")


def copy_text(src, dst):
    if src is None or not os.path.isfile(src):
        text = b""
    else:
        with open(src, "rb") as f:
            text = f.read()
    tmp = dst + ".tmp"
    with open(tmp, "wb") as f:
        f.write(text)
    os.replace(tmp, dst)


def forget_applied():
    """A .config made from nothing (no defconfig) includes no app.config:
    the next update applies all of it."""
    for f in (APP_APPLIED, BASE_APPLIED):
        if os.path.isfile(f):
            os.unlink(f)


def load_dotconfig(kconf):
    """Load .config; returns the hand edits in it that did not take effect.
    An option renamed since it was written (support/kconfig/renamed) keeps
    its value under the new name."""
    lines = read_lines(CONFIG)
    written = set()
    if os.path.isfile(WRITTEN):
        written = set(l.text for l in read_lines(WRITTEN))
    hand = set(l.lineno for l in lines if l.text not in written)
    lines, notes = carry_renamed(lines)
    if not notes:
        return check_lines(kconf, load_config(kconf, CONFIG), only=hand)
    tmp = os.path.join(GEN, "config.renamed")
    with open(tmp, "w") as f:
        f.write("".join(l.text + "\n" for l in lines))
    load_config(kconf, tmp)
    os.unlink(tmp)
    for n in notes:
        sys.stderr.write(f"tessera: {n}\n")
    return check_lines(kconf, lines, only=hand)


HOW_TO_ACCEPT = ("fix or delete those lines, or run 'make olddefconfig' to "
                 "accept the configuration without them")


def apply_app_config(kconf):
    """A changed app.config takes effect on an existing .config: lines new
    or changed since it was last applied are set (later wins, as app.config
    over the target defconfig), and symbols whose line was removed go back
    to the target defconfig's value or their default. Everything else in
    .config, the user's own choices, stays. Returns (problems, message)."""
    path = app_config()
    new = read_lines(path) if os.path.isfile(path) else []
    old = read_lines(APP_APPLIED) if os.path.isfile(APP_APPLIED) else []
    if [l.text for l in new] == [l.text for l in old]:
        return [], None
    oldd, newd = assignments(old), assignments(new)
    base = assignments(read_lines(BASE_APPLIED)) if os.path.isfile(BASE_APPLIED) else {}
    changed = set(l.lineno for l in newd.values()
                  if l.name not in oldd or oldd[l.name].value != l.value)
    old_texts = set(l.text for l in old)
    changed |= set(l.lineno for l in new if l.kind == Kind.BAD and l.text not in old_texts)
    # A removed line's option goes back to what the layers below app.config
    # give it, unless the user has set it otherwise since.
    removed = []
    for name in oldd:
        sym = kconf.syms.get(name)
        if name in newd or sym is None or not sym.nodes:
            continue
        if wanted(sym, oldd[name])[0] != sym.str_value:
            continue
        removed.append(name)
        sym.unset_value()
        if sym.choice is not None:
            sym.choice.unset_value()
    # Through a file, so kconfiglib sets each value as it does for a
    # .config (choices, types); blank lines keep app.config's numbering.
    tmp = os.path.join(GEN, "app.config.delta")
    with open(tmp, "w") as f:
        f.write("".join(base[n].text + "\n" for n in removed if n in base))
    kconf.load_config(tmp, replace=False)
    with open(tmp, "w") as f:
        f.write("".join((l.text if l.lineno in changed and l.kind != Kind.BAD else "")
                        + "\n" for l in new))
    kconf.load_config(tmp, replace=False)
    os.unlink(tmp)
    del kconf.warnings[:]
    problems = check_lines(kconf, new, only=changed)
    if not changed and not removed:
        return problems, None
    what = [f"line {l.lineno} {l.text}" for l in new if l.lineno in changed]
    what += [f"removed {oldd[n].text}" for n in removed]
    return problems, f"tessera: applied to .config what is new in {path}: {'; '.join(what)}"


def refuse(problems, how):
    report(problems)
    die(f"{len(problems)} setting(s) above cannot take effect: {how}")


def write_dotconfig(kconf):
    kconf.write_config(CONFIG, header="# Tessera configuration\n",
                       save_old=False)
    copy_text(CONFIG, WRITTEN)


def cmd_defconfig(base, *frags):
    """Later files override earlier ones without complaint; each file's
    lines must take effect when that file is applied."""
    kconf = load()
    bad = check_lines(kconf, load_config(kconf, base))
    for f in frags:
        bad += check_lines(kconf, load_config(kconf, f, replace=False))
    if bad:
        refuse(bad, "fix those lines (later files override earlier ones: "
               "target defconfig, app.config, FRAGMENT=)")
    write_dotconfig(kconf)
    app = app_config()
    real = [os.path.realpath(f) for f in frags]
    copy_text(app if os.path.realpath(app) in real else None, APP_APPLIED)
    copy_text(base, BASE_APPLIED)
    print(f"tessera: wrote {CONFIG} from "
          f"{' + '.join(os.path.basename(p) for p in (base,) + frags)}")


def update(kconf, accept, frags=(), ask=False):
    """.config brought up to date: loaded (hand edits that do not take
    effect refused, or, with accept, reported and dropped), then a changed
    app.config applied, then the FRAGMENT= files given on this make's
    command line (later wins, as over a defconfig)."""
    if os.path.isfile(CONFIG):
        bad = load_dotconfig(kconf)
        if bad and not accept:
            refuse(bad, HOW_TO_ACCEPT)
        for p in bad:
            sys.stderr.write(f"tessera: olddefconfig drops {p}\n")
    else:
        forget_applied()
    bad, msg = apply_app_config(kconf)
    if bad:
        refuse(bad, f"fix those lines of {app_config()}")
    if ask:
        ask_new(kconf)
    before = values(kconf)
    for f in frags:
        bad += check_lines(kconf, load_config(kconf, f, replace=False))
    if bad:
        refuse(bad, f"fix those lines (FRAGMENT= files are applied over {CONFIG})")
    if frags and values(kconf) != before:
        print(f"tessera: applied {' + '.join(frags)} to {CONFIG}")
    write_dotconfig(kconf)
    copy_text(app_config(), APP_APPLIED)
    if msg:
        print(msg)
    return kconf


def values(kconf):
    return {s.name: s.str_value for s in kconf.unique_defined_syms}


def cmd_olddefconfig():
    update(load(), accept=True)


def cmd_oldconfig():
    update(load(), accept=True, ask=True)


def ask_new(kconf):
    """oldconfig's questions (kconfiglib's own prompt, '?' for help), for
    every visible symbol the .config gives no value, until an answer makes
    no new one visible. End of input takes the defaults for the rest."""
    import oldconfig
    try:
        while True:
            oldconfig.conf_changed = False
            for node in kconf.node_iter():
                oldconfig.oldconfig(node)
            if not oldconfig.conf_changed:
                break
    except EOFError:
        print("\ntessera: oldconfig: end of input, the remaining new options "
              "take their defaults")


def new_symbols(kconf):
    """Symbols a user could set that .config gives no value (as Linux's
    listnewconfig: those whose question oldconfig would ask)."""
    out = []
    for sym in kconf.unique_defined_syms:
        if sym.user_value is not None:
            continue
        if len(sym.assignable) > 1 or (sym.visibility and (
                sym.orig_type in (kconfiglib.INT, kconfiglib.HEX,
                                  kconfiglib.STRING) or sym.choice)):
            out.append(sym)
    return out


def cmd_listnewconfig():
    kconf = load()
    if not os.path.isfile(CONFIG):
        die(f"no {CONFIG}: run a *_defconfig first (every option would be new)")
    load_config(kconf, CONFIG)
    for sym in new_symbols(kconf):
        if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
            print(f"CONFIG_{sym.name}={sym.str_value}")
        else:
            print(sym.config_string, end="")


def cmd_allconfig(value, base, *frags):
    """allyesconfig (value 2) and allnoconfig (0). Linux starts from
    nothing; here the target stays: the choices (architecture, platform,
    allocator, ...) and the int and string values come from .config, or
    from BASE (the default target's defconfig) when there is none. Every
    bool outside a choice is then set to the value, as far as the
    dependencies allow (allnoconfig keeps what is selected), and the
    app's app.config and the fragments are applied over that, each line
    having to take effect as for a *_defconfig."""
    kconf = load()
    src = CONFIG if os.path.isfile(CONFIG) else base
    load_config(kconf, src)
    kconf.warn = False
    for sym in kconf.unique_defined_syms:
        if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE) and not sym.choice:
            sym.set_value(2 if value or sym.is_allnoconfig_y else 0)
    kconf.warn = True
    # What a line removed from app.config later falls back to.
    kconf.write_config(BASE_APPLIED + ".tmp", header="", save_old=False)
    bad = []
    layers = [f for f in (app_config(),) if os.path.isfile(f)] + list(frags)
    for f in layers:
        bad += check_lines(kconf, load_config(kconf, f, replace=False))
    if bad:
        os.unlink(BASE_APPLIED + ".tmp")
        refuse(bad, "fix those lines (app.config and FRAGMENT= are applied over the all-"
                    f"{'yes' if value else 'no'} configuration)")
    write_dotconfig(kconf)
    os.replace(BASE_APPLIED + ".tmp", BASE_APPLIED)
    copy_text(app_config(), APP_APPLIED)
    on = sum(1 for s in kconf.unique_defined_syms
             if s.orig_type == kconfiglib.BOOL and s.str_value == "y")
    print(f"tessera: wrote {CONFIG}: {'allyesconfig' if value else 'allnoconfig'} from "
          f"{os.path.basename(src)}{''.join((' + ' + os.path.basename(f) for f in layers))}, "
          f"{on} bool options on")


def cmd_savedefconfig(out):
    kconf = load()
    if not os.path.isfile(CONFIG):
        die(f"no {CONFIG}: run a *_defconfig first")
    bad = load_dotconfig(kconf)
    if bad:
        refuse(bad, HOW_TO_ACCEPT)
    kconf.write_min_config(out, header="")
    print(f"tessera: wrote {out}")


def cmd_menuconfig():
    import menuconfig
    kconf = load()
    before = None
    if os.path.isfile(CONFIG):
        read_lines(CONFIG)  # a byte that is not UTF-8, named by its line
        before = os.stat(CONFIG).st_mtime_ns
    else:
        forget_applied()
    os.environ["KCONFIG_CONFIG"] = CONFIG
    menuconfig.menuconfig(kconf)
    # What menuconfig saved is the build's own writing, not a hand edit.
    if os.path.isfile(CONFIG) and os.stat(CONFIG).st_mtime_ns != before:
        copy_text(CONFIG, WRITTEN)


def make_value(sym):
    """A value as a make variable holds it: strings unquoted, '$' and '#'
    escaped, so Makefile.uk files can use $(CONFIG_FOO) directly."""
    v = sym.str_value
    return v.replace("$", "$$").replace("#", "\\#")


def cmd_syncconfig(*frags):
    kconf = update(load(), accept=False, frags=frags)
    inc = os.environ["TS_INCLUDE"]
    stamps = os.path.join(inc, "config")
    os.makedirs(stamps, exist_ok=True)
    lines = [f"# generated from {CONFIG}; do not edit\n"]
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
        lines.append(f"CONFIG_{sym.name} := {make_value(sym)}\n")
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
            "oldconfig": (cmd_oldconfig, 0),
            "listnewconfig": (cmd_listnewconfig, 0),
            "allyesconfig": (lambda base, *f: cmd_allconfig(2, base, *f), None),
            "allnoconfig": (lambda base, *f: cmd_allconfig(0, base, *f), None),
            "savedefconfig": (cmd_savedefconfig, 1),
            "menuconfig": (cmd_menuconfig, 0),
            "syncconfig": (cmd_syncconfig, None)}
    if len(argv) < 2 or argv[1] not in cmds:
        die(f"usage: tskconfig.py {'|'.join(sorted(cmds))}")
    fn, nargs = cmds[argv[1]]
    args = argv[2:]
    if nargs is not None and len(args) != nargs:
        die(f"tskconfig.py {argv[1]} takes {nargs} argument(s)")
    if argv[1] in ("defconfig", "allyesconfig", "allnoconfig") and not args:
        die(f"tskconfig.py {argv[1]} needs a base defconfig")
    try:
        fn(*args)
    except ConfigFileError as e:
        die(str(e))


if __name__ == "__main__":
    main(sys.argv)
