#!/usr/bin/python3
"""lib/debug's embedded symbol table (two-pass link, support/build/debug.mk).

usage: symtab.py empty OUT.s [--prefix P]
       symtab.py gen (--nm NM ELF | --nm-output FILE) OUT.s [--prefix P]
       symtab.py verify --nm NM PASS1.elf PASS2.elf

gen reads the symbols of the first link pass (nm -n -S --defined-only) and
writes assembly for the table <ts/symbols.h> searches: P_count, then
P_entries (start relative to _ts_text_start, size, name offset; sorted,
never overlapping), then P_names (NUL-terminated names). Only functions
(symbols inside [_ts_text_start, _ts_text_end)) are listed; several names
at one address keep one (sized before unsized, global before local, then
the name without a leading underscore, then the first in sort order); a
symbol without a size (assembly) reaches to the next one. empty writes a
table with no entries, for the first pass. verify checks that no
function moved or changed size between the passes, which the placement of
the table (after all code) promises.
"""
import argparse
import subprocess
import sys

TEXT_START, TEXT_END = "_ts_text_start", "_ts_text_end"
SECTION = '.section .ts_symbols,"a"'


def parse_nm(text):
    """(address, size or None, type letter, name) per line."""
    out = []
    for line in text.splitlines():
        f = line.split()
        if len(f) == 4:
            out.append((int(f[0], 16), int(f[1], 16), f[2], f[3]))
        elif len(f) == 3:
            out.append((int(f[0], 16), None, f[1], f[2]))
    return out


def run_nm(nm, elf):
    p = subprocess.run([nm, "-n", "-S", "--defined-only", elf],
                       capture_output=True, text=True)
    if p.returncode:
        sys.exit("symtab.py: %s %s failed: %s" % (nm, elf, p.stderr.strip()))
    return parse_nm(p.stdout)


def text_range(syms):
    where = {name: addr for addr, _, _, name in syms
             if name in (TEXT_START, TEXT_END)}
    if TEXT_START not in where or TEXT_END not in where:
        sys.exit("symtab.py: no %s/%s symbols: is this an image linked "
                 "with a platform linker script?" % (TEXT_START, TEXT_END))
    return where[TEXT_START], where[TEXT_END]


def text_symbols(syms):
    lo, hi = text_range(syms)
    return [s for s in syms if lo <= s[0] < hi and s[2] in "tTwW"
            and s[3] not in (TEXT_START, TEXT_END)
            and not s[3].startswith((".L", "$"))]


def rank(sym):
    addr, size, typ, name = sym
    return (0 if size else 1, 0 if typ.isupper() else 1,
            1 if name.startswith("_") else 0, name)


def functions(syms):
    """Sorted, non-overlapping (start, size, name), start from text."""
    lo, hi = text_range(syms)
    best = {}
    for s in text_symbols(syms):
        if s[0] not in best or rank(s) < rank(best[s[0]]):
            best[s[0]] = s
    addrs = sorted(best)
    out = []
    for i, a in enumerate(addrs):
        nxt = addrs[i + 1] if i + 1 < len(addrs) else hi
        size = best[a][1]
        size = nxt - a if size is None else min(size, nxt - a)
        if size > 0:
            out.append((a - lo, size, best[a][3]))
    return out


def write_table(path, funcs, prefix="ts_symtab"):
    names, blob = {}, []
    off = 0
    for _, _, name in funcs:
        if name not in names:
            names[name] = off
            blob.append(name)
            off += len(name) + 1
    lines = ["/* Written by support/build/symtab.py: %d functions. */"
             % len(funcs), "\t.file \"%s.s\"" % prefix, "\t" + SECTION,
             "\t.balign 4"]
    for sym, size in (("count", 4), ("entries", 12 * len(funcs)),
                      ("names", off or 1)):
        lines += ["\t.globl %s_%s" % (prefix, sym),
                  "\t.type %s_%s, STT_OBJECT" % (prefix, sym),
                  "\t.size %s_%s, %d" % (prefix, sym, size)]
    lines.append("%s_count:\n\t.long %d" % (prefix, len(funcs)))
    lines.append("%s_entries:" % prefix)
    for start, size, name in funcs:
        lines.append("\t.long %#x, %#x, %d" % (start, size, names[name]))
    lines.append("%s_names:" % prefix)
    for name in blob:
        lines.append('\t.asciz "%s"' % name.replace("\\", "\\\\")
                     .replace('"', '\\"'))
    if not blob:
        lines.append("\t.byte 0")
    text = "\n".join(lines) + "\n"
    # Rewritten only when different: an unchanged table keeps its date.
    try:
        with open(path) as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path, "w") as f:
        f.write(text)


def verify(nm, first, second):
    a = [(s[0], s[1], s[3]) for s in text_symbols(run_nm(nm, first))]
    b = [(s[0], s[1], s[3]) for s in text_symbols(run_nm(nm, second))]
    if a == b:
        return
    for x, y in zip(a + [None] * len(b), b + [None] * len(a)):
        if x != y:
            break
    def show(s):
        return "none" if s is None else "%s at %#x size %s" % (s[2], s[0], s[1])
    sys.exit("tessera: symbol table: code moved between the two link passes "
             "(first difference: %s in pass 1, %s in pass 2); the table must "
             "stay after all code (plat/common/tables.lds). Build with "
             "CONFIG_LIB_DEBUG_SYMBOLS=n to work around it."
             % (show(x), show(y)))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("empty")
    e.add_argument("--prefix", default="ts_symtab")
    e.add_argument("out")
    g = sub.add_parser("gen")
    g.add_argument("--nm")
    g.add_argument("--nm-output")
    g.add_argument("--prefix", default="ts_symtab")
    g.add_argument("elf", nargs="?")
    g.add_argument("out")
    v = sub.add_parser("verify")
    v.add_argument("--nm", required=True)
    v.add_argument("first")
    v.add_argument("second")
    a = ap.parse_args()
    if a.cmd == "empty":
        write_table(a.out, [], a.prefix)
    elif a.cmd == "gen":
        if a.nm_output:
            with open(a.nm_output) as f:
                syms = parse_nm(f.read())
        elif a.nm and a.elf:
            syms = run_nm(a.nm, a.elf)
        else:
            ap.error("gen needs --nm NM ELF or --nm-output FILE")
        write_table(a.out, functions(syms), a.prefix)
    else:
        verify(a.nm, a.first, a.second)


if __name__ == "__main__":
    main()
