"""Config files (.config, target defconfigs, app.config, FRAGMENT= files)
read line by line, for support/kconfig/tskconfig.py.

kconfiglib reads a config file silently past what it cannot use (unknown
symbols, a choice set twice, unmet dependencies, a value of the wrong
type). The build reads each file itself as well, so that every line that
does not take effect is reported with its file and line.
"""
import enum
import os
import re

import kconfiglib


class ConfigFileError(Exception):
    """A config file that cannot be read at all (the message names it)."""


SET_RE = re.compile(r"^CONFIG_([A-Za-z0-9_]+)=(.*)$")
UNSET_RE = re.compile(r"^# CONFIG_([A-Za-z0-9_]+) is not set$")
STRING_RE = re.compile(r'^"((?:[^"\\]|\\.)*)"$')


class Kind(enum.Enum):
    SET = "set"         # CONFIG_X=value
    UNSET = "unset"     # "# CONFIG_X is not set"
    SKIP = "skip"       # blank, comment
    BAD = "bad"         # neither an assignment nor a comment


class Line:
    """One line of a config file and its Kind."""

    def __init__(self, path, lineno, text):
        self.path, self.lineno, self.text = path, lineno, text
        self.name = self.value = None
        m = SET_RE.match(text)
        if m:
            self.kind, self.name, self.value = Kind.SET, m.group(1), m.group(2)
            return
        m = UNSET_RE.match(text)
        if m:
            self.kind, self.name, self.value = Kind.UNSET, m.group(1), "n"
            return
        self.kind = Kind.SKIP if not text or text.lstrip().startswith("#") else Kind.BAD

    def where(self):
        return f"{self.path}:{self.lineno}"


def renamed_options(path=os.path.join(os.path.dirname(os.path.abspath(__file__)), "renamed")):
    """{old name: new name} from support/kconfig/renamed."""
    out = {}
    for l in read_lines(path):
        words = l.text.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 2:
            raise ConfigFileError(f"{l.where()}: expected 'OLD NEW', two option names")
        out[words[0]] = words[1]
    return out


RENAMED = None


def renamed(name):
    """The new name of a renamed option, or None."""
    global RENAMED
    if RENAMED is None:
        RENAMED = renamed_options()
    return RENAMED.get(name)


def carry_renamed(lines):
    """Lines of a machine-written .config with each renamed option under
    its new name: (the lines, one note per renamed line)."""
    notes = []
    for l in lines:
        new = l.name and renamed(l.name)
        if not new:
            continue
        notes.append(f"{l.where()}: CONFIG_{l.name} is now CONFIG_{new}: its value carried over")
        l.text = l.text.replace(f"CONFIG_{l.name}", f"CONFIG_{new}", 1)
        l.name = new
    return lines, notes


def read_lines(path):
    """The lines of a config file; one that is not UTF-8 stops everything
    with its line (kconfiglib would only show the bytes around it)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ConfigFileError(f"{path}: {e.strerror}")
    raws = data.split(b"\n")
    if raws[-1] == b"":
        raws.pop()  # the end of the last line, not a line
    out = []
    for n, raw in enumerate(raws, 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ConfigFileError(f"{path}:{n}: not UTF-8 text (byte 0x{raw[e.start]:02x} in "
                                  f"column {e.start + 1}); config files are UTF-8")
        out.append(Line(path, n, text.rstrip()))
    return out


def wanted(sym, line):
    """(value the line asks for, None) or (None, why it is not a value)."""
    t = sym.orig_type
    if line.kind == Kind.UNSET:
        if t not in (kconfiglib.BOOL, kconfiglib.TRISTATE):
            return None, (f"'is not set' only applies to bool options; CONFIG_{sym.name} is a "
                          f"{kconfiglib.TYPE_TO_STR[t]}")
        return "n", None
    v = line.value
    if t == kconfiglib.BOOL:
        if v[:1] not in ("y", "n"):
            return None, f"'{v}' is not a valid bool value (y or n)"
        return v[0], None
    if t == kconfiglib.TRISTATE:
        if v[:1] not in ("y", "m", "n"):
            return None, f"'{v}' is not a valid tristate value (y, m or n)"
        return v[0], None
    if t == kconfiglib.STRING:
        m = STRING_RE.match(v)
        if not m:
            return None, (f'not a valid string value: write CONFIG_{sym.name}="text" (\\" '
                          'and \\\\ inside)')
        return kconfiglib.unescape(m.group(1)), None
    if t == kconfiglib.INT and not re.match(r"^-?[0-9]+$", v):
        return None, f"'{v}' is not a valid int value"
    if t == kconfiglib.HEX and not re.match(r"^(0[xX])?[0-9a-fA-F]+$", v):
        return None, f"'{v}' is not a valid hex value"
    return v, None


def why_not(kconf, line, last):
    """None if line (the last one setting its symbol in its file) took
    effect, else why not. last: symbol name -> its last line in the file."""
    sym = kconf.syms.get(line.name)
    if (sym is None or not sym.nodes) and renamed(line.name):
        return f"CONFIG_{line.name} was renamed: write CONFIG_{renamed(line.name)}"
    if sym is None or not sym.nodes:
        return f"not a known symbol (no Config.uk defines CONFIG_{line.name})"
    want, bad = wanted(sym, line)
    if bad:
        return bad
    if sym.str_value == want:
        return None
    empty = '""' if sym.orig_type == kconfiglib.STRING else "unset"
    is_now = f"it is {sym.str_value or empty}"
    if sym.choice is not None and want == "y" and sym.choice.selection not in (None, sym):
        other = sym.choice.selection
        at = last.get(other.name)
        return (f"CONFIG_{other.name}{f' (line {at.lineno})' if at else ''} is chosen instead: "
                "a choice takes one of its members, the last one set wins; set the other to '# "
                f"CONFIG_{other.name} is not set' or delete it")
    if sym.choice is not None and want == "n" and sym.choice.selection is sym:
        return ("no other member of its choice is set, and a choice needs "
                "one: set another member to y instead")
    if not any(n.prompt for n in sym.nodes):
        return (f"CONFIG_{sym.name} has no prompt: its value comes from Config.uk ({is_now})")
    if kconfiglib.expr_value(sym.direct_dep) == 0:
        return f"it depends on {kconfiglib.expr_str(sym.direct_dep)}, which is not met ({is_now})"
    if want == "n" and kconfiglib.expr_value(sym.rev_dep) > 0:
        return f"it is selected by {kconfiglib.expr_str(sym.rev_dep)} ({is_now})"
    if sym.orig_type in (kconfiglib.INT, kconfiglib.HEX) and sym.ranges:
        return f"out of range ({is_now})"
    return f"it did not take effect ({is_now})"


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
        if l.kind == Kind.SKIP or (only is not None and l.lineno not in only):
            continue
        if l.kind == Kind.BAD:
            bad.append(f"{l.where()}: {l.text}: not a config line (CONFIG_NAME=value or '# "
                       "CONFIG_NAME is not set')")
            continue
        final = last[l.name]
        if final is not l:
            if final.value != l.value:
                bad.append(f"{l.where()}: {l.text}: set again at line {final.lineno} ("
                           f"{final.text}), which wins; delete one of the two")
            continue
        why = why_not(kconf, l, last)
        if why:
            bad.append(f"{l.where()}: {l.text}: {why}")
    return bad


def assignments(lines):
    out = {}
    for l in lines:
        if l.name:
            out[l.name] = l
    return out
