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
import re
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
        die("Kconfig error: %s" % str(e).strip())
    except OSError as e:
        die("Kconfig error: %s" % e)
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
        sys.stderr.write("tessera: %s: %s\n" % (where, w))
    n = len(kconf.warnings)
    del kconf.warnings[:]
    if fatal and n:
        die("%s has %d problem(s), see above" % (where, n))


# --- config files, line by line ---------------------------------------------
# kconfiglib reads a config file silently past what it cannot use (unknown
# symbols, a choice set twice, unmet dependencies). The build reads each
# file itself as well, so that every line that does not take effect is
# reported with its file and line.

SET_RE = re.compile(r"^CONFIG_([A-Za-z0-9_]+)=(.*)$")
UNSET_RE = re.compile(r"^# CONFIG_([A-Za-z0-9_]+) is not set$")
STRING_RE = re.compile(r'^"((?:[^"\\]|\\.)*)"$')


class Line:
    """One line of a config file: kind is "set", "unset", "bad" (neither
    an assignment nor a comment) or "skip" (blank, comment)."""

    def __init__(self, path, lineno, text):
        self.path, self.lineno, self.text = path, lineno, text
        self.name = self.value = None
        m = SET_RE.match(text)
        if m:
            self.kind, self.name, self.value = "set", m.group(1), m.group(2)
            return
        m = UNSET_RE.match(text)
        if m:
            self.kind, self.name, self.value = "unset", m.group(1), "n"
            return
        self.kind = "skip" if not text or text.lstrip().startswith("#") else "bad"

    def where(self):
        return "%s:%d" % (self.path, self.lineno)


def read_lines(path):
    """The lines of a config file; one that is not UTF-8 stops everything
    with its line (kconfiglib would only show the bytes around it)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        die("%s: %s" % (path, e.strerror))
    raws = data.split(b"\n")
    if raws[-1] == b"":
        raws.pop()  # the end of the last line, not a line
    out = []
    for n, raw in enumerate(raws, 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            die("%s:%d: not UTF-8 text (byte 0x%02x in column %d); config "
                "files are UTF-8" % (path, n, raw[e.start], e.start + 1))
        out.append(Line(path, n, text.rstrip()))
    return out


def load_config(kconf, path, replace=True):
    """Load a config file into kconf; returns its lines."""
    lines = read_lines(path)
    try:
        kconf.load_config(path, replace=replace)
    except (kconfiglib.KconfigError, OSError) as e:
        die("%s: %s" % (path, e))
    # Everything kconfiglib warns about here, check_lines reports by line.
    del kconf.warnings[:]
    return lines


def wanted(sym, line):
    """(value the line asks for, None) or (None, why it is not a value)."""
    t = sym.orig_type
    if line.kind == "unset":
        if t not in (kconfiglib.BOOL, kconfiglib.TRISTATE):
            return None, ("'is not set' only applies to bool options; CONFIG_%s "
                          "is a %s" % (sym.name, kconfiglib.TYPE_TO_STR[t]))
        return "n", None
    v = line.value
    if t == kconfiglib.BOOL:
        if v[:1] not in ("y", "n"):
            return None, "'%s' is not a valid bool value (y or n)" % v
        return v[0], None
    if t == kconfiglib.TRISTATE:
        if v[:1] not in ("y", "m", "n"):
            return None, "'%s' is not a valid tristate value (y, m or n)" % v
        return v[0], None
    if t == kconfiglib.STRING:
        m = STRING_RE.match(v)
        if not m:
            return None, ('not a valid string value: write CONFIG_%s="text" '
                          '(\\" and \\\\ inside)' % sym.name)
        return kconfiglib.unescape(m.group(1)), None
    if t == kconfiglib.INT and not re.match(r"^-?[0-9]+$", v):
        return None, "'%s' is not a valid int value" % v
    if t == kconfiglib.HEX and not re.match(r"^(0[xX])?[0-9a-fA-F]+$", v):
        return None, "'%s' is not a valid hex value" % v
    return v, None


def why_not(kconf, line, last):
    """None if line (the last one setting its symbol in its file) took
    effect, else why not. last: symbol name -> its last line in the file."""
    sym = kconf.syms.get(line.name)
    if sym is None or not sym.nodes:
        return "not a known symbol (no Config.uk defines CONFIG_%s)" % line.name
    want, bad = wanted(sym, line)
    if bad:
        return bad
    if sym.str_value == want:
        return None
    is_now = "it is %s" % (sym.str_value or '""') if sym.orig_type in (
        kconfiglib.STRING,) else "it is %s" % (sym.str_value or "unset")
    if sym.choice is not None and want == "y" and sym.choice.selection not in (None, sym):
        other = sym.choice.selection
        at = last.get(other.name)
        return ("CONFIG_%s%s is chosen instead: a choice takes one of its "
                "members, the last one set wins; set the other to "
                "'# CONFIG_%s is not set' or delete it"
                % (other.name, " (line %d)" % at.lineno if at else "",
                   other.name))
    if not any(n.prompt for n in sym.nodes):
        return ("CONFIG_%s has no prompt: its value comes from Config.uk (%s)"
                % (sym.name, is_now))
    if kconfiglib.expr_value(sym.direct_dep) == 0:
        return "it depends on %s, which is not met (%s)" % (
            kconfiglib.expr_str(sym.direct_dep), is_now)
    if want == "n" and kconfiglib.expr_value(sym.rev_dep) > 0:
        return "it is selected by %s (%s)" % (
            kconfiglib.expr_str(sym.rev_dep), is_now)
    if sym.orig_type in (kconfiglib.INT, kconfiglib.HEX) and sym.ranges:
        return "out of range (%s)" % is_now
    return "it did not take effect (%s)" % is_now


def check_lines(kconf, lines, only=None):
    """The lines of one config file, just loaded into kconf, that did not
    take effect: 'path:line: text: why'. only: the lines to check (a set
    of line numbers; default all)."""
    last = {}
    for l in lines:
        if l.name:
            last[l.name] = l
    bad = []
    for l in lines:
        if l.kind == "skip" or (only is not None and l.lineno not in only):
            continue
        if l.kind == "bad":
            bad.append("%s: %s: not a config line (CONFIG_NAME=value or "
                       "'# CONFIG_NAME is not set')" % (l.where(), l.text))
            continue
        final = last[l.name]
        if final is not l:
            if final.value != l.value:
                bad.append("%s: %s: set again at line %d (%s), which wins; "
                           "delete one of the two" % (l.where(), l.text,
                                                     final.lineno, final.text))
            continue
        why = why_not(kconf, l, last)
        if why:
            bad.append("%s: %s: %s" % (l.where(), l.text, why))
    return bad


def report(problems):
    for p in problems:
        sys.stderr.write("tessera: %s\n" % p)


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


def load_dotconfig(kconf):
    """Load .config; returns the hand edits in it that did not take effect."""
    lines = load_config(kconf, CONFIG)
    written = set()
    if os.path.isfile(WRITTEN):
        written = set(l.text for l in read_lines(WRITTEN))
    hand = set(l.lineno for l in lines if l.text not in written)
    return check_lines(kconf, lines, only=hand)


HOW_TO_ACCEPT = ("fix or delete those lines, or run 'make olddefconfig' to "
                 "accept the configuration without them")


def assignments(lines):
    out = {}
    for l in lines:
        if l.name:
            out[l.name] = l
    return out


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
    changed |= set(l.lineno for l in new if l.kind == "bad" and l.text not in old_texts)
    removed = [n for n in oldd if n not in newd]
    for name in removed:
        sym = kconf.syms.get(name)
        if sym is None or not sym.nodes:
            continue
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
        f.write("".join((l.text if l.lineno in changed and l.kind != "bad" else "")
                        + "\n" for l in new))
    kconf.load_config(tmp, replace=False)
    os.unlink(tmp)
    del kconf.warnings[:]
    problems = check_lines(kconf, new, only=changed)
    what = ["line %d %s" % (l.lineno, l.text) for l in new if l.lineno in changed]
    what += ["removed %s" % oldd[n].text for n in removed]
    return problems, "tessera: %s changed, applied to .config: %s" % (
        path, "; ".join(what))


def refuse(problems, how):
    report(problems)
    die("%d setting(s) above cannot take effect: %s" % (len(problems), how))


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
        refuse(bad, "fix those lines")
    write_dotconfig(kconf)
    app = app_config()
    real = [os.path.realpath(f) for f in frags]
    copy_text(app if os.path.realpath(app) in real else None, APP_APPLIED)
    copy_text(base, BASE_APPLIED)
    print("tessera: wrote %s from %s" % (CONFIG, " + ".join(
        os.path.basename(p) for p in (base,) + frags)))


def update(kconf, accept):
    """.config brought up to date: loaded (hand edits that do not take
    effect refused, or, with accept, reported and dropped), then a changed
    app.config applied."""
    if os.path.isfile(CONFIG):
        bad = load_dotconfig(kconf)
        if bad and not accept:
            refuse(bad, HOW_TO_ACCEPT)
        for p in bad:
            sys.stderr.write("tessera: olddefconfig drops %s\n" % p)
    bad, msg = apply_app_config(kconf)
    if bad:
        refuse(bad, "fix those lines of %s" % app_config())
    write_dotconfig(kconf)
    copy_text(app_config(), APP_APPLIED)
    if msg:
        print(msg)
    return kconf


def cmd_olddefconfig():
    update(load(), accept=True)


def cmd_savedefconfig(out):
    kconf = load()
    if not os.path.isfile(CONFIG):
        die("no %s: run a *_defconfig first" % CONFIG)
    bad = load_dotconfig(kconf)
    if bad:
        refuse(bad, HOW_TO_ACCEPT)
    kconf.write_min_config(out, header="")
    print("tessera: wrote %s" % out)


def cmd_menuconfig():
    import menuconfig
    kconf = load()
    before = None
    if os.path.isfile(CONFIG):
        read_lines(CONFIG)  # a byte that is not UTF-8, named by its line
        before = os.stat(CONFIG).st_mtime_ns
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


def cmd_syncconfig():
    kconf = update(load(), accept=False)
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
