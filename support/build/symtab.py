#!/usr/bin/python3
"""lib/debug's embedded symbol table (two-pass link, support/build/debug.mk).

usage: symtab.py empty OUT.s [--prefix P]
       symtab.py gen (--nm NM ELF | --nm-output FILE) OUT.s [--prefix P]
       symtab.py verify --nm NM PASS1.elf PASS2.elf

gen reads the symbols of the first link pass (nm -n -S --defined-only) and
writes assembly for the table <ts/symbols.h> searches: P_count, then
P_entries, one record per function in address order: the gap from the end
of the one before (from _ts_text_start for the first) and the size, both
ULEB128, then the NUL-terminated name. About 3 bytes plus the name per
function, where fixed 32-bit fields and a name offset took 12: the table
is read only by reports, which can afford a linear walk. Only functions
(symbols inside [_ts_text_start, _ts_text_end)) are listed; several names
at one address keep one (sized before unsized, global before local, then
the name without a leading underscore, then the first in sort order); a
symbol without a size (assembly) reaches to the next one. empty writes a
table with no entries, for the first pass. verify checks that no
function moved or changed size between the passes, which the placement of
the table (after all code) promises.
"""
import argparse
import re
import subprocess
import sys

TEXT_START, TEXT_END = "_ts_text_start", "_ts_text_end"
SECTION = '.section .ts_symbols,"a"'


NM_LINE = re.compile(r"([0-9a-fA-F]+)(?: ([0-9a-fA-F]+))? ([A-Za-z?-]) (\S+)$")


def parse_nm(text, source="nm output"):
    """(address, size or None, type letter, name) per line of
    `nm -n -S --defined-only`. text: str, undecodable bytes kept as
    surrogates (read_nm_bytes). Any other line is an error: a table made
    from half-understood input would name the wrong functions."""
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line:
            continue
        m = NM_LINE.match(line)
        if not m:
            sys.exit(f"symtab.py: {source} line {n} is not 'ADDRESS [SIZE] TYPE NAME': "
                     f"{line[:80]!r}")
        addr, size, typ, name = m.groups()
        bad = next((c for c in name if ord(c) < 0x20 or ord(c) == 0x7f), None)
        if bad is not None:
            sys.exit(f"symtab.py: {source} line {n}: symbol name with control character {bad!r}")
        out.append((int(addr, 16), int(size, 16) if size else None, typ, name))
    return out


def read_nm_bytes(data):
    """nm's output as text; bytes that are not UTF-8 (names are bytes
    in ELF) survive as surrogates and are written back as they were."""
    return data.decode("utf-8", "surrogateescape")


def run_nm(nm, elf):
    p = subprocess.run([nm, "-n", "-S", "--defined-only", elf], capture_output=True)
    if p.returncode:
        sys.exit(f"symtab.py: {nm} {elf} failed: {p.stderr.decode('utf-8', 'replace').strip()}")
    return parse_nm(read_nm_bytes(p.stdout), f"{nm} {elf}")


def text_range(syms):
    where = {name: addr for addr, _, _, name in syms
             if name in (TEXT_START, TEXT_END)}
    if TEXT_START not in where or TEXT_END not in where:
        sys.exit(f"symtab.py: no {TEXT_START}/{TEXT_END} symbols: is this an image linked with "
                 "a platform linker script?")
    lo, hi = where[TEXT_START], where[TEXT_END]
    # The lookup takes 32-bit offsets from the text start (<ts/symbols.h>).
    if not lo <= hi <= lo + 0xffffffff:
        sys.exit(f"symtab.py: {TEXT_START} {lo:#x} and {TEXT_END} {hi:#x} do not bound a text "
                 "of at most 4 GiB")
    return lo, hi


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


def asm_string(raw):
    """bytes as the inside of an assembler string: printable ASCII as it
    is, the rest (UTF-8 of non-ASCII names) as octal escapes."""
    return "".join(chr(b) if 0x20 <= b < 0x7f and b not in b'"\\' else
                   "\\" + chr(b) if b in b'"\\' else f"\\{b:03o}" for b in raw)


def write_table(path, funcs, prefix="ts_symtab"):
    lines = [f"/* Written by support/build/symtab.py: {len(funcs)} functions. */", f"\t.file \"{prefix}.s\"", "\t" + SECTION,
             "\t.balign 4"]
    for sym in ("count", "entries"):
        lines += [f"\t.globl {prefix}_{sym}",
                  f"\t.type {prefix}_{sym}, STT_OBJECT"]
    lines.append(f"{prefix}_count:\n\t.long {len(funcs)}")
    lines.append(f"{prefix}_entries:")
    end = 0
    for start, size, name in funcs:
        raw = name.encode("utf-8", "surrogateescape")
        lines.append(f"\t.uleb128 {start - end:#x}, {size:#x}")
        lines.append(f'\t.asciz "{asm_string(raw)}"')
        end = start + size
    lines.append(f"\t.size {prefix}_count, 4")
    lines.append(f"\t.size {prefix}_entries, . - {prefix}_entries")
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
        return "none" if s is None else f"{s[2]} at {s[0]:#x} size {s[1]}"
    sys.exit("tessera: symbol table: code moved between the two link passes (first difference: "
             f"{show(x)} in pass 1, {show(y)} in pass 2); the table must stay after all code "
             "(plat/common/tables.lds). Build with CONFIG_LIB_DEBUG_SYMBOLS=n to work around it.")


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
            try:
                with open(a.nm_output, "rb") as f:
                    syms = parse_nm(read_nm_bytes(f.read()), a.nm_output)
            except OSError as e:
                sys.exit(f"symtab.py: {a.nm_output}: {e.strerror}")
        elif a.nm and a.elf:
            syms = run_nm(a.nm, a.elf)
        else:
            ap.error("gen needs --nm NM ELF or --nm-output FILE")
        write_table(a.out, functions(syms), a.prefix)
    else:
        verify(a.nm, a.first, a.second)


if __name__ == "__main__":
    main()
