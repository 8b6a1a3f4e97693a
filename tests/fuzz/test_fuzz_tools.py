#!/usr/bin/python3
"""Fuzzing the host tools that parse outside input, with the seeded
mutation loop of tests/fuzz/mutfuzz.py:

  tstrace-raw     support/scripts/tstrace --raw: a ring buffer's bytes
  tstrace-serial  support/scripts/tstrace --serial: a console log
  tstrace-elf     support/scripts/tstrace --elf: the image's .dbg
                  (each decoded into --json, --svg and --html at once)
  extract-config  support/scripts/extract-config: an image
  symtab          support/build/symtab.py gen --nm-output: nm's output
  xen-console     support/scripts/tsxen.py's ConsoleFilter: Xen's serial
                  console as make run on xen-arm64 reads it (a class, not
                  a command: its oracle is XenConsole's)

Each tool runs in this process on every input (its main(), with argv,
stdin and stdout of its own). The oracle: the tool succeeds, with output
that holds together (checked per tool below), or it exits non-zero with
one line on stderr that starts with its name; a Python traceback, a
MemoryError, a hang (no result after 5 s) or incoherent output is a
finding. `make test` gives each tool TS_FUZZ_TOOL_SECONDS (default 8)
with a fixed seed; inputs that failed are kept in
$TS_TEST_BUILD/fuzz-tools/artifacts.

Longer runs, and replaying one input:

  tests/fuzz/test_fuzz_tools.py --seconds 600 [--seed N] [TOOL...]
  tests/fuzz/test_fuzz_tools.py --replay FILE TOOL

Seeds are real outputs. symtab's are text, committed in
tests/fuzz/corpus/symtab/ (nm -n -S --defined-only of a tracecheck .dbg,
lines 1-70 and 280-300; and tests/unit/symtab_fixture.nm). The others come
from a build, so they are made once per test run, not committed
(make_seeds(), into $TS_TEST_BUILD/fuzz-tools/seeds/): tests/image/apps/
tracecheck built for kvm-x86_64 with CONFIG_LIB_TRACE_RING_RECORDS=16,
CONFIG_LIB_TRACE_PANIC_RAW=16 and CONFIG_LIB_DEBUG_CONFIG=y, booted with
"trace.on=sched_*,alloc_*,boot_*,tracecheck_*,irq_* -- dump":
  tstrace-serial  the serial output of that boot
  tstrace-raw     the ring as ts_trace_rings holds it (header, slots),
                  rebuilt from the dump in that output
  tstrace-elf     the .dbg made small: objcopy --strip-all --keep-symbols=
                  (functions, __ts_tp_*, __start/__stop_ts_trace_points,
                  ts_trace_rings) --update-section .text=/dev/null (and
                  .rodata) -R .multiboot -R .note.ts; it decodes the other
                  two seeds as the whole .dbg does
  extract-config  the bootable image's bytes from 48 before TSCONFIG_START
                  to 48 after TSCONFIG_END
Inputs that once found a bug are kept as changes to a seed (REGRESSIONS
below): every fuzz run starts with them, and test_tool_regressions
checks them all, in this process and through the real commands."""
import argparse
import importlib.machinery
import importlib.util
import io
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
import mutfuzz  # noqa: E402
from mutfuzz import Finding  # noqa: E402
import tstest  # noqa: E402
from tstest import BUILD, ROOT, Failure, chrome_trace_problem, tsqemu  # noqa: E402
import timeline_check  # noqa: E402

CORPUS = os.path.join(HERE, "corpus")
SEEDS = os.path.join(BUILD, "fuzz-tools", "seeds")
ARTIFACTS = os.path.join(BUILD, "fuzz-tools", "artifacts")
ELF_SEED = os.path.join(SEEDS, "tstrace-elf", "tracecheck-x86_64-min.dbg")
RAW_SEED = os.path.join(SEEDS, "tstrace-raw", "tracecheck-x86_64-ring16.bin")
SERIAL = "tracecheck-x86_64-dump.log"
IMAGE = "tracecheck-kvm-x86_64-window.bin"
NM = "tracecheck-x86_64-part.nm"
TRACECHECK_CONFIG = ["CONFIG_LIB_TRACE_RING_RECORDS=16", "CONFIG_LIB_TRACE_PANIC_RAW=16",
                     "CONFIG_LIB_DEBUG_CONFIG=y"]
TRACE_ON = "trace.on=sched_*,alloc_*,boot_*,tracecheck_*,irq_*"


def _load(path, name):
    loader = importlib.machinery.SourceFileLoader(name, path)
    spec = importlib.util.spec_from_loader(name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def _ring_from_dump(tstrace, text):
    """The ring's bytes as they lie in memory (header, then record i in
    slot i % capacity) from the last dump in a serial log."""
    hdr, recs, complete = tstrace.parse_serial(text)[-1]
    if hdr is None or not complete:
        raise Failure("the tracecheck boot printed no whole trace dump")
    _, _, _, cap, flags, head, _, _ = _HEADER.unpack_from(hdr, 0)
    last = head if flags & tstrace.F_OVERWRITE else min(head, cap)
    slots = [bytes(tstrace.RECORD_SIZE)] * cap
    for k, rec in enumerate(recs):
        slots[(last - len(recs) + k) % cap] = rec
    return hdr + b"".join(slots)


def _small_elf(dbg, out):
    syms = subprocess.run(["nm", dbg], capture_output=True, text=True, check=True).stdout
    keep = [l.split()[2] for l in syms.splitlines() if len(l.split()) == 3 and (
        l.split()[1] in "tTwW" or l.split()[2].startswith("__ts_tp_") or l.split()[2] in (
            "__start_ts_trace_points", "__stop_ts_trace_points", "ts_trace_rings"))]
    with tempfile.NamedTemporaryFile("w", suffix=".syms") as f:
        f.write("\n".join(keep) + "\n")
        f.flush()
        subprocess.run(["objcopy", "--strip-all", "--keep-symbols=" + f.name,
                        "--update-section", ".text=/dev/null",
                        "--update-section", ".rodata=/dev/null",
                        "-R", ".multiboot", "-R", ".note.ts", dbg, out],
                       check=True, capture_output=True)


def make_seeds():
    """The seeds that come from a build (module docstring), made once per
    test run: a boot of tracecheck, its .dbg made small, a window of its
    image."""
    def make():
        tstrace = _load(os.path.join(ROOT, "support", "scripts", "tstrace.py"), "seed_tstrace")
        _, image, config = tstest.build_case("tests/image/apps/tracecheck", "kvm-x86_64",
                                             TRACECHECK_CONFIG)
        r = tsqemu.boot(config, image, TRACE_ON, "dump", timeout=60, quiet=True)
        if r.kind != "exited" or "tracecheck: done" not in r.output:
            raise Failure(f"the tracecheck boot for the fuzz seeds {r.kind}:\n{r.output[-2000:]}")
        files = {}
        files[("tstrace-serial", SERIAL)] = r.output.encode()
        files[("tstrace-raw", os.path.basename(RAW_SEED))] = _ring_from_dump(tstrace, r.output)
        with open(image, "rb") as f:
            img = f.read()
        a, b = img.find(b"TSCONFIG_START"), img.find(b"TSCONFIG_END")
        if a < 0 or b < 0:
            raise Failure("no embedded .config in " + image)
        files[("extract-config", IMAGE)] = img[max(0, a - 48):b + len("TSCONFIG_END\n") + 48]
        for (tool, name), data in files.items():
            os.makedirs(os.path.join(SEEDS, tool), exist_ok=True)
            with open(os.path.join(SEEDS, tool, name), "wb") as f:
                f.write(data)
        os.makedirs(os.path.dirname(ELF_SEED), exist_ok=True)
        _small_elf(image + ".dbg", ELF_SEED)
        return SEEDS
    return tstest.once_per_run(os.path.join(BUILD, "fuzz-tools", "seeds-made"), make)


class Tool:
    """A command-line tool's main(), run in this process; real: run the
    command itself instead (slower; test_tool_regressions checks that
    both judge alike)."""

    def __init__(self, path, prefix, real=False):
        self.path, self.prefix, self.real = path, prefix, real
        self.mod = _load(path, "fuzzed_" + re.sub(r"\W", "_", os.path.basename(path)))

    def run(self, argv, stdin=b""):
        """(exit status, stdout, stderr) as the command would give them;
        stdin and stdout are UTF-8 text streams as in a UTF-8 locale."""
        if self.real:
            p = subprocess.run([self.path] + argv, input=stdin, capture_output=True,
                               timeout=60, env=dict(os.environ, LC_ALL="C.UTF-8"))
            return p.returncode, p.stdout, p.stderr
        saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
        out, err = io.BytesIO(), io.BytesIO()
        sys.argv = [self.prefix] + argv
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
        try:
            try:
                status = self.mod.main() or 0
            except SystemExit as e:
                if e.code is None or isinstance(e.code, int):
                    status = e.code or 0
                else:
                    sys.stderr.write(f"{e.code}\n")
                    status = 1
            sys.stdout.flush()
            sys.stderr.flush()
            return status, out.getvalue(), err.getvalue()
        finally:
            for f in (sys.stdin, sys.stdout, sys.stderr):
                f.detach()      # or dropping the wrapper closes the buffer
            sys.argv, sys.stdin, sys.stdout, sys.stderr = saved

    def judge(self, status, stderr, warnings=True):
        """The signature of a failure that is a clear one-line error, or
        None for success; a Finding otherwise."""
        text = stderr.decode("utf-8", "replace")
        lines = text.splitlines()
        if status == 0:
            bad = [l for l in lines if not l.startswith(self.prefix + ": ")]
            if bad or (lines and not warnings):
                raise Finding(f"succeeded with stray stderr: {text[:300]!r}")
            return None
        if len(lines) != 1 or not lines[0].startswith(self.prefix + ": "):
            raise Finding(f"exit {status} without a one-line '{self.prefix}: ...' error: "
                          f"{text[-500:]!r}")
        return re.sub(r"0x[0-9a-f]+|\d+", "N", lines[0])[:80]


# ---- tstrace ----------------------------------------------------------------

EVENT_LINE = re.compile(r"^\[ *\d+\.\d{9}\] cpu\d+ .+$")
_HEADER = struct.Struct("<IHHIIQQQ")


class Tstrace:
    """Every input is decoded into all three outputs: Chrome JSON, the
    SVG timeline and the HTML page (tstrace_timeline.py)."""

    def __init__(self, tmp, real=False):
        self.tool = Tool(os.path.join(ROOT, "support", "scripts", "tstrace"), "tstrace", real)
        self.tmp = tmp
        self.out = {k: os.path.join(tmp, "out." + k) for k in ("json", "svg", "html")}

    def run(self, args, stdin=b""):
        for path in self.out.values():
            if os.path.exists(path):
                os.unlink(path)
        outs = [a for k, path in self.out.items() for a in ("--" + k, path)]
        status, out, err = self.tool.run(args + outs, stdin)
        sig = self.tool.judge(status, err)
        if sig:
            return sig, None
        text = out.decode("utf-8")
        events = 0
        for line in text.splitlines():
            if not (EVENT_LINE.match(line) or line.startswith("# ")):
                raise Finding("decoded, but an output line is neither an event nor a note: "
                              f"{line[:200]!r}")
            events += not line.startswith("# ")
        with open(self.out["json"]) as f:
            problem = chrome_trace_problem(json.load(f))
        if problem:
            raise Finding("JSON: " + problem)
        self.picture(events)
        return "ok", err.decode("utf-8")

    def picture(self, events):
        """The SVG parses and stands alone, with one marker per event or
        a boot slice for it, and a track label per track; the HTML page
        holds it and nothing that loads or runs anything."""
        with open(self.out["svg"], encoding="utf-8") as f:
            root, problem = timeline_check.parse_svg(f.read())
        if problem:
            raise Finding("SVG: " + problem)
        tracks = timeline_check.tracks(root)
        drawn = sum(t["instant"] for t in tracks.values()) + tracks.get(
            "boot", {"slice": 0})["slice"]
        if drawn != events:
            raise Finding(f"SVG: {events} events decoded, {drawn} drawn")
        if any(t["label"] is None for t in tracks.values()):
            raise Finding("SVG: something drawn on a track that has no label")
        with open(self.out["html"], encoding="utf-8") as f:
            problem = timeline_check.html_problem(f.read())
        if problem:
            raise Finding("HTML: " + problem)

    def raw(self, data):
        sig, err = self.run(["--elf", ELF_SEED, "--raw", "-"], data)
        if err is not None and len(data) >= 64:
            # A first ring shorter than its header's capacity must be
            # reported, not decoded as if complete.
            cap = _HEADER.unpack_from(data, 0)[3]
            if len(data) < 64 + cap * 64 and "truncated" not in err:
                raise Finding(f"a ring of capacity {cap} in {len(data)} bytes decoded without a "
                              "truncation warning")
        return sig

    def serial(self, data):
        sig, err = self.run(["--elf", ELF_SEED, "--serial", "-"], data)
        if err is not None:
            text = data.decode("utf-8", "replace")
            last = text.rfind("--- trace dump begin")
            if last < 0:
                raise Finding("decoded a log without a trace dump")
            if "--- trace dump end ---" not in text[last:] and "truncated" not in err:
                raise Finding("a dump without its end line decoded without a "
                              "truncation warning")
        return sig

    def elf(self, data):
        path = os.path.join(self.tmp, "fuzzed.dbg")
        with open(path, "wb") as f:
            f.write(data)
        return self.run(["--elf", path, "--raw", RAW_SEED])[0]


# ---- extract-config ------------------------------------------------------------

CONFIG_LINE = re.compile(r"^(#.*|CONFIG_[A-Za-z0-9_]+=.*|)$")


class ExtractConfig:
    def __init__(self, tmp, real=False):
        self.tool = Tool(os.path.join(ROOT, "support", "scripts", "extract-config"),
                         "extract-config", real)
        self.path = os.path.join(tmp, "image")

    def __call__(self, data):
        with open(self.path, "wb") as f:
            f.write(data)
        status, out, err = self.tool.run([self.path])
        sig = self.tool.judge(status, err, warnings=False)
        if sig:
            return sig
        if out not in data:
            raise Finding(f"printed text that is not in the image: {out[:200]!r}")
        text = out.decode("utf-8")
        bad = [l for l in text.split("\n")[:-1] if not CONFIG_LINE.match(l)]
        if not out.endswith(b"\n") or bad:
            raise Finding(f"printed something that is not a .config: {bad[:1] or text[-80:]!r}")
        return "ok"


# ---- tsxen.py's ConsoleFilter -----------------------------------------------

class XenConsole:
    """Xen's console output through the filter that splits the guest's
    output from Xen's (support/scripts/tsxen.py), as the run feeds it:
    whole, in pieces of 7 bytes and a byte at a time. The oracle: no
    exception; the same guest output, end (a panic or crash) and
    shutdown whichever way the bytes came; nothing in the output that
    the input did not hold (Xen's prefixes taken off, a newline at most
    per line added where Xen cut a line or held its end)."""

    def __init__(self, tmp=None, real=False):
        self.tsxen = _load(os.path.join(ROOT, "support", "scripts", "tsxen.py"), "fuzzed_tsxen")

    def run(self, data, piece):
        f = self.tsxen.ConsoleFilter()
        out = b"".join(f.feed(data[i:i + piece]) for i in range(0, len(data), piece))
        out += f.flush()
        return out, f.ended, f.shutdown, f.want_input

    def __call__(self, data):
        whole = self.run(data, max(len(data), 1))
        out, ended, shutdown, _ = whole
        for piece in (7, 1):
            other = self.run(data, piece)
            if other[:3] != whole[:3]:
                raise Finding(f"fed in pieces of {piece} bytes: {other[:3]!r:.300}, whole: "
                              f"{whole[:3]!r:.300}")
        if len(out) > len(data) + data.count(b"\n") + 1:
            raise Finding(f"{len(out)} bytes out of {len(data)} in")
        if shutdown is not None and not (
                shutdown[0] == "poweroff" and isinstance(shutdown[1], int)
                or shutdown in (("crash", None), ("reboot", None))):
            raise Finding(f"shutdown read as {shutdown!r}")
        if ended is not None and not isinstance(ended, str):
            raise Finding(f"ended as {ended!r}")
        return "ended" if ended else "shutdown" if shutdown else "ok"


XEN_SEED_LINES = [
    b"(XEN) Xen version 4.17.7 (Debian 4.17.7) debug=n",
    b"(XEN) *** LOADING DOMU cpus=1 memory=20000KB ***",
    b"(XEN) *** Serial input to DOM0 (type 'CTRL-a' three times to switch input)",
    b"(XEN) Freed 348kB init memory.",
    b"(XEN) DOM1: xen: Xen 4.17.7, console vpl011",
    b"(XEN) DOM1: " + b"x" * 126,
    b"(XEN) DOM1: tail of the long line",
    b"(XEN) *** Serial input to DOM1 (type 'CTRL-a' three times to switch input)",
    b"(XEN) Hello, world!",
    b"(XEN) d1v0 opcode->ldr_str.rt = 0x2, opcode->ldr_str.size = 0x2",
    b"(d1) console_io line",
    b"(XEN) lua> ",
]


def _xen_focused(rest):
    """Xen's boot, the domain given the input, then rest."""
    return b"\n".join(XEN_SEED_LINES[:4] + XEN_SEED_LINES[7:8]) + b"\n" + rest


def xen_seeds():
    ends = [b"(XEN) xen: shutdown: poweroff, exit status 3",
            b"(XEN) ****************************************\n(XEN) Panic on CPU 0:\n"
            b"(XEN) Unable to copy the kernel in the hwdom memory\n"
            b"(XEN) ****************************************\n(XEN) Reboot in five seconds...",
            b"(XEN) Domain 1 (vcpu#0) crashed on cpu#0:"]
    return [b"\n".join(XEN_SEED_LINES + [end]) + b"\n" for end in ends] + [
        b"\n".join(XEN_SEED_LINES[:4]) + b"\r\n(XEN) DOM1: no newline at the end"]


# ---- symtab.py --------------------------------------------------------------

def _asciz(literal):
    """The bytes of a .asciz string literal as GNU as reads it."""
    out, i = bytearray(), 0
    while i < len(literal):
        c = literal[i]
        if c == "\\":
            m = re.match(r"[0-7]{1,3}", literal[i + 1:])
            if m:
                out.append(int(m.group(0), 8) & 0xff)
                i += 1 + len(m.group(0))
                continue
            nxt = literal[i + 1:i + 2]
            if nxt not in ('"', "\\"):
                raise Finding(f"assembly: unexpected escape \\{nxt}")
            out += nxt.encode()
            i += 2
            continue
        if c == '"' or not " " <= c <= "~":
            raise Finding(f"assembly: {c!r} unescaped in a string")
        out += c.encode()
        i += 1
    return bytes(out) + b"\0"


def _table(text):
    """count and entries [(start, size, name bytes)] of the assembly
    symtab.py writes (records: .uleb128 gap, size, then .asciz name)."""
    count = None
    rows, section, end, pending = [], None, 0, None
    for line in text.splitlines():
        s = line.strip()
        if s.endswith(":"):
            section = s[:-1].rsplit("_", 1)[-1]
            continue
        if section == "count" and s.startswith(".long"):
            count = int(s.split()[1], 0)
        elif section == "entries" and s.startswith(".uleb128"):
            if pending is not None:
                raise Finding(f"assembly: a record without a name at {pending[0]:#x}")
            gap, size = (int(x, 0) for x in s[len(".uleb128"):].split(","))
            pending = (end + gap, size)
            end += gap + size
        elif section == "entries" and s.startswith(".asciz"):
            m = re.fullmatch(r'\.asciz "(.*)"', s)
            if not m or pending is None:
                raise Finding(f"assembly: bad .asciz line {s[:200]!r}")
            rows.append(pending + (_asciz(m.group(1))[:-1],))
            pending = None
    if pending is not None:
        raise Finding("assembly: the last record has no name")
    return count, rows


class Symtab:
    def __init__(self, tmp, real=False):
        self.tool = Tool(os.path.join(ROOT, "support", "build", "symtab.py"), "symtab.py", real)
        self.nm, self.out = os.path.join(tmp, "nm.txt"), os.path.join(tmp, "table.s")

    def __call__(self, data):
        with open(self.nm, "wb") as f:
            f.write(data)
        if os.path.exists(self.out):
            os.unlink(self.out)
        status, _, err = self.tool.run(["gen", "--nm-output", self.nm, self.out])
        sig = self.tool.judge(status, err, warnings=False)
        if sig:
            return sig
        with open(self.out) as f:
            count, rows = _table(f.read())
        if count != len(rows):
            raise Finding(f"table: count {count}, {len(rows)} entries")
        end = 0
        for start, size, name in rows:
            if not (0 < size <= 0xffffffff and start <= 0xffffffff):
                raise Finding(f"table: entry {start:#x} size {size:#x} does not fit")
            if start < end:
                raise Finding(f"table: entry at {start:#x} overlaps the one before")
            end = start + size
            if not name or b"\0" in name:
                raise Finding(f"table: entry at {start:#x} has an empty name")
        return "ok"


# ---- regression inputs ---------------------------------------------------------
# Inputs that found a bug, as changes to a seed (the seeds are a few KiB;
# a copy of each would repeat them). Every fuzz run checks these first,
# and test_tool_regressions runs them all through the oracle.

def _seed_dir(name):
    """Where a tool's seeds are: committed (symtab), or made by make_seeds()."""
    return os.path.join(CORPUS, name) if name == "symtab" else os.path.join(make_seeds(), name)


def _seed(name, file):
    with open(os.path.join(_seed_dir(name), file), "rb") as f:
        return bytearray(f.read())


def _sections(elf):
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shnum, = struct.unpack_from("<H", elf, 0x3C)
    return [shoff + 64 * i for i in range(shnum)]


SH_FIELD = {"type": (4, "I"), "offset": (24, "Q"), "size": (32, "Q"), "link": (40, "I"),
            "entsize": (56, "Q")}


def _elf(patch):
    """The ELF seed changed by patch(bytearray)."""
    def make():
        d = _seed("tstrace-elf", "tracecheck-x86_64-min.dbg")
        patch(d)
        return bytes(d)
    return make


def _sh(kind, field, value):
    """Set a field of the first section header of type kind."""
    def patch(d):
        for h in _sections(d):
            if struct.unpack_from("<I", d, h + 4)[0] == kind:
                off, fmt = SH_FIELD[field]
                struct.pack_into("<" + fmt, d, h + off, value)
                return
    return patch


def _same_length(d, old, new):
    if len(new) > len(old):
        raise AssertionError(f"{new!r} is longer than {old!r}")
    i = bytes(d).index(old)
    d[i:i + len(old)] = new.ljust(len(old), b" ")


def _small_headers(d):
    """e_shentsize 1 and the table moved to the last bytes of the file:
    shoff + shnum * shentsize fits, a 64-byte header read does not."""
    shnum, = struct.unpack_from("<H", d, 0x3C)
    struct.pack_into("<H", d, 0x3A, 1)
    struct.pack_into("<Q", d, 0x28, len(d) - shnum)


def _symbol_value(name, value):
    def patch(d):
        hs = _sections(d)
        sym = next(h for h in hs if struct.unpack_from("<I", d, h + 4)[0] == 2)
        off, size, link = (struct.unpack_from("<Q", d, sym + 24)[0],
                           struct.unpack_from("<Q", d, sym + 32)[0],
                           struct.unpack_from("<I", d, sym + 40)[0])
        stroff = struct.unpack_from("<Q", d, hs[link] + 24)[0]
        for e in range(off, off + size, 24):
            n = struct.unpack_from("<I", d, e)[0]
            if d[stroff + n:stroff + n + len(name) + 1] == name.encode() + b"\0":
                struct.pack_into("<Q", d, e + 8, value)
                return
        raise AssertionError("no symbol " + name)
    return patch


def _ring(cap, head):
    def make():
        d = _seed("tstrace-raw", "tracecheck-x86_64-ring16.bin")
        struct.pack_into("<I", d, 8, cap)
        struct.pack_into("<Q", d, 16, head)
        return bytes(d)
    return make


def _replace(name, file, old, new):
    def make():
        d = bytes(_seed(name, file))
        if old not in d:
            raise AssertionError(f"{name}/{file} has no {old!r}")
        return d.replace(old, new, 1)
    return make


def _text(data):
    return lambda: data


REGRESSIONS = {
    "tstrace-raw": [
        ("a header claiming 2^31 slots and 2^32 records: the decoder walked "
         "every record number (a hang)", _ring(0x80000000, 1 << 32)),
        ("a newline in a string argument, printed raw: an event split over two "
         "lines", _replace("tstrace-raw", "tracecheck-x86_64-ring16.bin", b"ponger",
                           b"po\nger")),
    ],
    "tstrace-serial": [
        ("a byte that is not UTF-8 on stdin (UnicodeDecodeError)",
         _replace("tstrace-serial", SERIAL, b"tracecheck: done", b"tracecheck: \xc3(done")),
    ],
    "tstrace-elf": [
        ("section headers of 1 byte, the last 64-byte read past the end of the file "
         "(struct.error)", _elf(_small_headers)),
        ("name table index past the sections (IndexError)", _elf(lambda d: struct.pack_into(
            "<H", d, 0x3E, 200))),
        ("symbol table past the end of the file (struct.error)",
         _elf(_sh(2, "offset", 0xff000000))),
        ("symbol table linked to section 99 (IndexError)", _elf(_sh(2, "link", 99))),
        ("__stop_ts_trace_points far past __start (a list of 2^58 names: MemoryError)",
         _elf(_symbol_value("__stop_ts_trace_points", 1 << 62))),
        ("a newline in a format, printed raw: an event split over two lines",
         _elf(lambda d: _same_length(d, b"prev %u next %u\0", b"prev %u\nnext %u\0"))),
        ("a format asking for a field width of 10^11 characters (MemoryError, or a "
         "100 GB string)", _elf(lambda d: _same_length(d, b"prev %u next %u\0",
                                                      b"%99999999999u%u\0"))),
    ],
    "extract-config": [
        ("a setting damaged by one bit, printed as if fine",
         _replace("extract-config", IMAGE, b"CONFIG_PLAT_KVM=y", b"CONFIGOPLAT_KVM=y")),
        ("a byte that is not UTF-8, printed as U+FFFD",
         _replace("extract-config", IMAGE, b"CONFIG_PLAT_KVM=y", b"CONFIG_PLAT_KVM=\xff")),
        ("an empty block, printed as an empty .config",
         _text(b"junk TSCONFIG_START\n\0TSCONFIG_END\n junk")),
        ("a last line without its newline", _text(b"TSCONFIG_START\nCONFIG_A=y\0TSCONFIG_END\n")),
    ],
    "symtab": [
        ("an address that is not hex (ValueError)",
         _replace("symtab", NM, b"0000000000100000 R _ts_text_start",
                  b"R _ts_text_start 0000000000100000")),
        ("a name that is not UTF-8 (UnicodeDecodeError)",
         _replace("symtab", NM, b" t boot32", b" t boo\xb1t32")),
        ("a non-ASCII name: name offsets counted in characters, not bytes",
         _replace("symtab", NM, b" t boot32", b" t boo\xc3\xa9t32")),
        ("a control character in a name, written raw into the assembly",
         _replace("symtab", NM, b" t boot32", b" t boo\x06t32")),
        ("a text over 4 GiB: an unsized function's size does not fit the table's "
         "32 bits", _text(b"0000000000100000 T _ts_text_start\n0000000000100000 T f\n"
                          b"0000000200100000 T _ts_text_end\n")),
    ],
    "xen-console": [
        ("the domain's 'DOM1: ' line while it has the input: read as Xen's vpl011 line "
         "when whole, passed on with its prefix when it came in pieces",
         lambda: _xen_focused(b"(XEN) DOM1: text\n")),
        ("a line ending in \\r\\n while the domain has the input: the \\r dropped when "
         "whole, kept when in pieces", lambda: _xen_focused(b"(XEN) text\r\n(XEN) more\n")),
        ("the shutdown line with more than 256 bytes after it in one read: not seen",
         lambda: _xen_focused(b"(XEN) xen: shutdown: poweroff, exit status 3\n"
                              + b"(XEN) " + b"y" * 300 + b"\n")),
        ("a shutdown line that goes on after its digits: read as the status so far when "
         "a read ended there", lambda: _xen_focused(
             b"(XEN) xen: shutdown: poweroff, exit status 4.17.7) 3\n")),
        ("the shutdown words in the middle of a line, read as the line when fed a byte at a "
         "time (the window of the last 256 bytes began inside that line)", lambda: _xen_focused(
             b"(XEN) " + b"9" * 64 + b"xen: shutdown: poweroff, exit status 3\n(XEN) "
             + b"y" * 300 + b"\n")),
        ("an empty line of the domain's while it has the input: dropped as if Xen's when "
         "whole (an empty start is a prefix of all of Xen's), passed on in pieces",
         lambda: _xen_focused(b"(XEN) \r\n(XEN) more\n")),
        ("Xen's line of 40 stars ending in \\r\\n: the guest's when the \\r came alone",
         lambda: _xen_focused(b"(XEN) " + b"*" * 40 + b"\r\n(XEN) Panic on CPU 0:\n")),
        ("the last line ending in \\r without its \\n: a newline added when it waited",
         lambda: _xen_focused(b"(XEN) more\n(XEN) text\r")),
        ("a 126-byte piece still waiting for the rest of its line at the end: put before "
         "the last line when that waited, after it when it was passed on as it came",
         lambda: b"\n".join(XEN_SEED_LINES[:6]) + b"\n" + XEN_SEED_LINES[7] + b"\n(XEN) text\r"),
    ],
}


def regressions(name):
    return [make() for _, make in REGRESSIONS[name]]


def test_tool_regressions():
    """Each input that once found a bug now meets the oracle, judged in
    this process as the fuzzer runs the tools and by running the
    commands themselves."""
    failed = []
    with tempfile.TemporaryDirectory(prefix="tessera-fuzz-") as tmp:
        for real in (False, True):
            ts = targets(tmp, real)
            for name, cases in REGRESSIONS.items():
                check = ts[name][0]
                for why, make in cases:
                    sig, bad, _ = mutfuzz.run_one(check, make(), 30.0 if real else 5.0)
                    how = "command" if real else "in-process"
                    first = bad.split("\n")[0] if bad else sig
                    print(f"{name} ({how}): {why}: {first}")
                    if bad:
                        failed.append(f"{name} ({how}), {why}:\n    {bad[:1500]}")
    if failed:
        listed = "\n".join(failed)
        raise Failure(f"{len(failed)} of the regression inputs fail:\n{listed}")


# ---- targets -------------------------------------------------------------------

def _seeds(name, extra=()):
    d = _seed_dir(name)
    out = []
    for p in sorted(os.listdir(d)) + list(extra):
        with open(os.path.join(d, p), "rb") as f:
            out.append(f.read())
    return out


TOKENS = {
    "tstrace-raw": [b"TSTR", b"\x01\x00\x40\x00", b"\x10\x00\x00\x00",
                    b"\x00\x00\x00\x80", b"\x00\x00\x00\x00\x00\x01\x00\x00"],
    "tstrace-serial": [b"--- trace dump begin ---\n", b"--- trace dump end ---\n",
                       b"\nH ", b"\nR ", b"0" * 128, b"f" * 128, b"\xff", b"\xc3("],
    "tstrace-elf": [b"\x7fELF", b".ts_trace_meta\0", b"__ts_tp_", b"%pS", b"%999d",
                    b"%s", b"%lld", b"\x01sched_switch\0", b"__start_ts_trace_points"],
    "extract-config": [b"TSCONFIG_START\n", b"\0TSCONFIG_END\n", b"CONFIG_", b"=y\n",
                       b"\xff\xfe"],
    "symtab": [b"_ts_text_start", b"_ts_text_end", b" T ", b" t ", b" W ", b" R ",
               b"ffffffffffffffff", b"0000000000000000 ", b'"', b"\\", b"\xc3\xa9",
               b"\x01", b"\n"],
    "xen-console": [b"(XEN) ", b"(XEN) DOM1: ", b"(d1) ", b"\n", b"\r", b"*" * 40,
                    b"*** Serial input to DOM1 ", b"Serial input to DOM0",
                    b"Freed 1kB init memory", b"Panic on CPU 0:", b"Domain 1 ", b"d1v0 ",
                    b"xen: shutdown: ", b"poweroff, exit status ", b"crash", b"reboot",
                    b"x" * 126, b"Reboot in"],
}


def targets(tmp, real=False):
    """{name: (check, seeds)}; real: checks that run the commands."""
    t = Tstrace(tmp, real)
    return {
        "tstrace-raw": (t.raw, _seeds("tstrace-raw")),
        "tstrace-serial": (t.serial, _seeds("tstrace-serial")),
        "tstrace-elf": (t.elf, _seeds("tstrace-elf")),
        "extract-config": (ExtractConfig(tmp, real), _seeds("extract-config")),
        "symtab": (Symtab(tmp, real), _seeds("symtab", [os.path.join(
            ROOT, "tests", "unit", "symtab_fixture.nm")])),
        "xen-console": (XenConsole(tmp, real), xen_seeds()),
    }


def fuzz_one(name, seconds=None, iterations=None, seed=1, log=print):
    """Fuzz one tool from its seeds and regression inputs."""
    with tempfile.TemporaryDirectory(prefix="tessera-fuzz-") as tmp:
        check, seeds = targets(tmp)[name]
        return mutfuzz.fuzz(name, check, seeds + regressions(name), seed=seed,
                            seconds=seconds, iterations=iterations, tokens=TOKENS[name],
                            artifacts=ARTIFACTS, log=log)



def _test(name):
    def test():
        seconds = float(os.environ.get("TS_FUZZ_TOOL_SECONDS", "8"))
        stats = fuzz_one(name, seconds=seconds)
        print(stats.summary(), flush=True)
        if stats.findings:
            found = "\n".join(f"input {k} ({path}): {msg[:2000]}"
                              for k, msg, path in stats.findings)
            raise Failure(f"{stats.summary()}\n{found}\n"
                          f"replay: tests/fuzz/test_fuzz_tools.py --replay FILE {name}")
    test.__name__ = "test_tool_" + name.replace("-", "_")
    return test


NAMES = ["tstrace-raw", "tstrace-serial", "tstrace-elf", "extract-config", "symtab",
         "xen-console"]
for _n in NAMES:
    globals()["test_tool_" + _n.replace("-", "_")] = _test(_n)


def main():
    ap = argparse.ArgumentParser(description="Fuzz the host tools (tests/fuzz/mutfuzz.py).")
    ap.add_argument("tools", nargs="*", metavar="TOOL", help="some of: " + ", ".join(NAMES))
    ap.add_argument("--seconds", type=float, help="per tool (default 60)")
    ap.add_argument("--iterations", type=int, help="per tool, instead of --seconds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--replay", metavar="FILE", help="run one input through one TOOL")
    a = ap.parse_args()
    bad = [t for t in a.tools if t not in NAMES]
    if bad:
        ap.error(f"no tool {', '.join(bad)} (there are: {', '.join(NAMES)})")
    if a.replay:
        if len(a.tools) != 1:
            ap.error("--replay wants one TOOL")
        with open(a.replay, "rb") as f:
            data = f.read()
        with tempfile.TemporaryDirectory(prefix="tessera-fuzz-") as tmp:
            check, _ = targets(tmp)[a.tools[0]]
            sig, bad, _ = mutfuzz.run_one(check, data, 5.0)
        print(bad or f"no finding ({sig})")
        return 1 if bad else 0
    seconds = a.seconds if a.seconds or a.iterations else 60
    failed = 0
    for name in a.tools or NAMES:
        stats = fuzz_one(name, seconds=seconds, iterations=a.iterations, seed=a.seed)
        print(stats.summary(), flush=True)
        failed += len(stats.findings)
    if failed:
        print(f"inputs kept in {ARTIFACTS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
