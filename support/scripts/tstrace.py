"""Tessera trace decoder (lib/trace): reads the tracepoint metadata from an
image's .dbg ELF and a ring buffer (raw bytes read from memory by GDB, a
file, or the panic dump's hex block in a serial log) and turns the records
into events, text, or Chrome Trace Event JSON for https://ui.perfetto.dev.

Python 3 standard library only. The memory layout it reads is described
in lib/trace/include/ts/trace.h:

    ring   = header (64 bytes) + capacity records (64 bytes each)
    header = u32 magic, u16 version, u16 record_size, u32 capacity,
             u32 flags (bit 0: overwrite), u64 head, u64 dropped,
             u64 ticks_hz, padding
    record = u64 ticks, u32 tid, u16 tracepoint id, u8 cpu, u8 nargs,
             u64 args[6]

Used by support/scripts/tstrace (the command line) and the GDB helpers:

    meta = load_meta("app_kvm-x86_64.dbg")
    events = decode(meta, raw_bytes)            # or decode_serial(meta, text)
    print(to_text(events))
    json.dump(to_chrome(events), f)
    write_output("trace.svg", events)         # .json, .svg or .html
"""
import re
import struct

__all__ = ["TraceError", "Meta", "Event", "Events", "load_meta", "decode",
           "decode_serial", "parse_serial", "to_text", "to_chrome",
           "running_slices", "format_event", "OUTPUTS", "output_kind", "write_output",
           "DUMP_BEGIN", "DUMP_END"]

MAGIC = 0x52545354
HEADER_SIZE = 64
RECORD_SIZE = 64
MAX_ARGS = 6
F_OVERWRITE = 0x1
DUMP_BEGIN = "--- trace dump begin"
DUMP_END = "--- trace dump end ---"
POINT_SIZE = 16         # struct ts_trace_point: two pointers

_HEADER = struct.Struct("<IHHIIQQQ")
_RECORD = struct.Struct("<QIHBB6Q")


class TraceError(Exception):
    """Input the decoder cannot use; the message says why in words."""


# ---- a small ELF64 reader -------------------------------------------------

class _Elf:
    SHT_SYMTAB, SHT_NOBITS = 2, 8
    SHF_ALLOC = 0x2
    STT_OBJECT, STT_FUNC = 1, 2

    def __init__(self, path):
        try:
            with open(path, "rb") as f:
                self.data = f.read()
        except OSError as e:
            raise TraceError(f"cannot read {path}: {e.strerror}")
        self.path = path
        d = self.data
        if len(d) < 64 or d[:4] != b"\x7fELF":
            raise TraceError(f"{path} is not an ELF file (give the image's .dbg)")
        if d[4] != 2:
            raise TraceError(f"{path} is a 32-bit ELF; Tessera images are 64-bit")
        if d[5] not in (1, 2):
            raise TraceError(f"{path}: ELF byte order {d[5]} is neither little (1) nor "
                             "big (2) endian")
        self.endian = "<" if d[5] == 1 else ">"
        e = self.endian
        self.machine = struct.unpack_from(e + "H", d, 18)[0]
        shoff = struct.unpack_from(e + "Q", d, 0x28)[0]
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", d, 0x3A)
        if shoff == 0 or shnum == 0 or shoff + shnum * shentsize > len(d):
            raise TraceError(f"{path} has no section headers (truncated?)")
        # Every offset and size below is checked against the file before
        # use: a damaged file gets a sentence, not a Python traceback.
        if shentsize < 64:
            raise TraceError(f"{path}: section header entries of {shentsize} bytes "
                             "(ELF64 has 64)")
        if shstrndx >= shnum:
            raise TraceError(f"{path}: section name table index {shstrndx}, but {shnum} sections")
        self.sections = []
        for i in range(shnum):
            (name, typ, flags, addr, off, size, link, info, align,
             entsize) = struct.unpack_from(e + "IIQQQQIIQQ", d, shoff + i * shentsize)
            if typ != self.SHT_NOBITS and off + size > len(d):
                raise TraceError(f"{path}: section {i} (bytes {off} to {off + size}) lies "
                                 f"outside the file of {len(d)} bytes (truncated?)")
            self.sections.append(dict(name_off=name, type=typ, flags=flags,
                                      addr=addr, offset=off, size=size,
                                      link=link, entsize=entsize))
        strtab = self.sections[shstrndx]
        for s in self.sections:
            s["name"] = self._string(strtab, s["name_off"], "section name")
        self._symbols = None

    def _string(self, table, off, what):
        """The NUL-terminated string at off in a string table section."""
        if table["type"] == self.SHT_NOBITS or off >= table["size"]:
            raise TraceError(f"{self.path}: a {what} lies outside its string table (offset {off}"
                             f" of {table['size']} bytes)")
        return self._cstr(table["offset"] + off, table["offset"] + table["size"])

    def _cstr(self, off, limit):
        end = self.data.find(b"\0", off, limit)
        if end < 0:
            end = limit
        return self.data[off:end].decode("utf-8", "replace")

    def section(self, name):
        for s in self.sections:
            if s["name"] == name:
                return s
        return None

    def contents(self, s):
        if s["type"] == self.SHT_NOBITS:
            return b""
        return self.data[s["offset"]:s["offset"] + s["size"]]

    def symbols(self):
        """[(name, value, size, type)] of the .symtab."""
        if self._symbols is None:
            sym = next((s for s in self.sections if s["type"] == self.SHT_SYMTAB), None)
            if sym is None:
                raise TraceError(f"{self.path} has no symbol table (stripped image? give "
                                 "the .dbg file)")
            if sym["link"] >= len(self.sections):
                raise TraceError(f"{self.path}: the symbol table names string table "
                                 f"{sym['link']}, but there are {len(self.sections)} sections")
            strtab = self.sections[sym["link"]]
            out = []
            ent = sym["entsize"] or 24
            if ent < 24:
                raise TraceError(f"{self.path}: symbol table entries of {ent} bytes "
                                 "(ELF64 has 24)")
            end = sym["offset"] + sym["size"] - 24
            for off in range(sym["offset"], end + 1, ent):
                name, info, _other, shndx, value, size = struct.unpack_from(
                    self.endian + "IBBHQQ", self.data, off)
                if name:
                    out.append((self._string(strtab, name, "symbol name"), value, size,
                                info & 0xf))
            self._symbols = out
        return self._symbols

    def read(self, addr, n):
        """n bytes at a loaded address, or None (not in the file)."""
        for s in self.sections:
            if (s["flags"] & self.SHF_ALLOC and s["type"] != self.SHT_NOBITS
                    and s["addr"] <= addr and addr + n <= s["addr"] + s["size"]):
                off = s["offset"] + addr - s["addr"]
                return self.data[off:off + n]
        return None


# ---- metadata ---------------------------------------------------------------

class Point:
    def __init__(self, pid, name, fmt=None, types=()):
        self.id, self.name, self.fmt, self.types = pid, name, fmt, list(types)

    def __repr__(self):
        return f"Point({self.id}, {self.name!r}, {self.fmt!r}, {self.types!r})"


class Meta:
    """What the .dbg says about tracing: points[id] (name, fmt, types),
    the ring symbol's address and size, and code symbols for %pS."""

    def __init__(self, path, points, ring_addr, ring_size, funcs, warnings):
        self.path = path
        self.points = points
        self.ring_addr, self.ring_size = ring_addr, ring_size
        self._funcs = sorted(funcs)
        self._starts = [f[0] for f in self._funcs]
        self.warnings = warnings

    def point(self, pid):
        return self.points[pid] if 0 <= pid < len(self.points) else None

    def symbolize(self, addr):
        """'function+0xoff' for a code address, else None."""
        import bisect
        i = bisect.bisect_right(self._starts, addr) - 1
        if i < 0:
            return None
        start, size, name = self._funcs[i]
        if addr >= start + max(size, 1) and size:
            return None
        off = addr - start
        return name if off == 0 else f"{name}+0x{off:x}"


def _meta_entries(blob):
    """Entries of .ts_trace_meta: byte 1, then name, format, types."""
    out, i = [], 0
    while i < len(blob):
        if blob[i] != 1:
            i += 1          # alignment padding between objects
            continue
        parts, j = [], i + 1
        for _ in range(3):
            end = blob.find(b"\0", j)
            if end < 0:
                return out
            parts.append(_printable(blob[j:end].decode("utf-8", "replace")))
            j = end + 1
        name, fmt, types = parts
        out.append((name, fmt, [t.strip() for t in types.split(",") if t.strip()]))
        i = j
    return out


def _find_symbol(syms, name):
    """A symbol by name, also under the host tests' prefix (tsh_...)."""
    exact = [s for s in syms if s[0] == name]
    if exact:
        return exact[0]
    suffix = [s for s in syms if s[0].endswith("_" + name)]
    return suffix[0] if suffix else None


def load_meta(elf_path):
    elf = _Elf(elf_path)
    meta_sec = elf.section(".ts_trace_meta")
    if meta_sec is None:
        raise TraceError(f"{elf_path} has no .ts_trace_meta section: the image was built "
                         "without CONFIG_LIB_TRACE, or this is the bootable image "
                         "rather than its .dbg")
    if meta_sec["flags"] & elf.SHF_ALLOC:
        raise TraceError(f"{elf_path}: .ts_trace_meta is loaded (SHF_ALLOC); it must not be")
    entries = _meta_entries(elf.contents(meta_sec))
    syms = elf.symbols()
    warnings = []
    start = _find_symbol(syms, "__start_ts_trace_points")
    stop = _find_symbol(syms, "__stop_ts_trace_points")
    if start is None or stop is None:
        raise TraceError(f"{elf_path} has no __start_ts_trace_points/__stop_ts_trace_points "
                         "symbols (not a Tessera image with tracing?)")
    # A record's tracepoint id is 16 bits: no image has more points.
    if not 0 <= stop[1] - start[1] <= POINT_SIZE * 65536:
        raise TraceError(f"{elf_path}: __start_ts_trace_points {start[1]:#x} and "
                         f"__stop_ts_trace_points {stop[1]:#x} do not bound a tracepoint table")
    count = (stop[1] - start[1]) // POINT_SIZE
    names = [None] * count
    # The descriptors' own symbols (__ts_tp_<name>, local) name them;
    # reading the name pointers would need the image's relocations in a
    # position-independent host program.
    rx = re.compile(r"__ts_tp_(\w+)$")
    for name, value, _size, _typ in syms:
        m = rx.search(name)
        if m and start[1] <= value < stop[1] and (value - start[1]) % POINT_SIZE == 0:
            names[(value - start[1]) // POINT_SIZE] = m.group(1)
    for i in range(count):
        if names[i] is None:
            raw = elf.read(start[1] + i * POINT_SIZE, 8)
            ptr = struct.unpack(elf.endian + "Q", raw)[0] if raw else 0
            s = elf.read(ptr, 1) and elf.read(ptr, 64)
            names[i] = (_printable(s.split(b"\0")[0].decode("utf-8", "replace")) if s
                        else f"tracepoint_{i}")
    by_name = {}
    for name, fmt, types in entries:
        why = _format_problem(fmt)
        if why:
            warnings.append(f"tracepoint {name}: format {fmt[:60]!r} {why}; its arguments are "
                            "printed as numbers")
            fmt = None
        if name in by_name and by_name[name] != (fmt, types):
            warnings.append(f"tracepoint {name} is declared twice with different formats; "
                            "using the first")
        by_name.setdefault(name, (fmt, types))
    if len(set(names)) != len(names):
        warnings.append("some tracepoint names are declared more than once")
    points = []
    for i, name in enumerate(names):
        fmt, types = by_name.get(name, (None, []))
        points.append(Point(i, name, fmt, types))
    ring = _find_symbol(syms, "ts_trace_rings")
    funcs = [(v, s, n) for n, v, s, t in syms if t == elf.STT_FUNC and v]
    return Meta(elf_path, points, ring[1] if ring else None,
                ring[2] if ring else None, funcs, warnings)


# ---- records to events -----------------------------------------------------

class Event(dict):
    """One decoded record: a dict whose keys also read as attributes:
    index (record number since boot), ticks, seconds, cpu, tid, id, name,
    args (list of ints), text (the formatted arguments)."""
    __getattr__ = dict.__getitem__


class Events(list):
    """The decoded events, oldest first, and what the decoder noticed:
    head, capacity, dropped (stop policy), overwrite, ticks_hz, lost
    (records overwritten before they were read), truncated (a message,
    or None), warnings."""

    def __init__(self):
        super().__init__()
        self.head = self.capacity = self.dropped = self.lost = 0
        self.ticks_hz = 0
        self.overwrite = False
        self.truncated = None
        self.warnings = []


def _header(raw, where):
    if len(raw) < HEADER_SIZE:
        raise TraceError(f"truncated input: {len(raw)} bytes, a ring header alone is "
                         f"{HEADER_SIZE}{where}")
    magic, version, rsize, cap, flags, head, dropped, hz = _HEADER.unpack_from(raw, 0)
    if magic == 0:
        raise TraceError(f"the ring is all zeros{where}: tracing was not set up yet (or this is "
                         "not ts_trace_rings)")
    if magic != MAGIC:
        raise TraceError(f"bad magic 0x{magic:08x}{where} (expected 0x{MAGIC:08x}): not a "
                         "Tessera trace ring")
    if version != 1:
        raise TraceError(f"ring version {version}{where}: this decoder knows version 1")
    if rsize != RECORD_SIZE or cap == 0 or cap & (cap - 1):
        raise TraceError(f"implausible ring header{where}: record size {rsize}, capacity {cap}")
    return dict(capacity=cap, flags=flags, head=head, dropped=dropped, hz=hz)


_CONV = re.compile(r"%(?P<flags>[-+ #0]*)(?P<width>\d+)?(?:\.(?P<prec>\d+))?"
                   r"(?P<len>hh|h|ll|l|z|j|t|L)?(?P<conv>[diuxXocsp%])")
_BITS = {"hh": 8, "h": 16, None: 32, "l": 64, "ll": 64, "z": 64, "j": 64,
         "t": 64, "L": 64}


MAX_FIELD = 256         # widths and precisions a format may ask for


def _format_problem(fmt):
    """Why format_event should not use fmt (it comes from the ELF, which
    may be damaged), or None. A width of 10^11 would be a 100 GB string."""
    for m in _CONV.finditer(fmt):
        for part in ("width", "prec"):
            if m.group(part) and int(m.group(part)) > MAX_FIELD:
                return f"asks for a field of {m.group(part)} characters"
    return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _printable(s):
    """Control characters as \\xNN: bytes from the image (a string
    argument, a %c) must not start a line of their own in the output."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", s)


def _str8(v):
    b = v.to_bytes(8, "little")
    return _printable(b.split(b"\0")[0].decode("utf-8", "replace"))


def format_event(meta, point, args):
    """The arguments through the tracepoint's format (host side only)."""
    if point is None or point.fmt is None:
        return " ".join(f"0x{a:x}" for a in args)
    out, pos, n = [], 0, 0
    fmt = point.fmt
    while pos < len(fmt):
        m = _CONV.search(fmt, pos)
        if not m:
            out.append(fmt[pos:])
            break
        out.append(fmt[pos:m.start()])
        pos = m.end()
        conv = m.group("conv")
        if conv == "%":
            out.append("%")
            continue
        if n >= len(args):
            out.append("<missing>")
            continue
        v = args[n]
        n += 1
        spec = "%" + (m.group("flags") or "") + (m.group("width") or "")
        if m.group("prec") is not None:
            spec += "." + m.group("prec")
        if conv == "p":
            if fmt[pos:pos + 1] == "S":
                pos += 1
                out.append(meta.symbolize(v) or f"0x{v:x}")
            else:
                out.append(f"0x{v:x}")
            continue
        if conv == "s":
            out.append((spec + "s") % _str8(v))
            continue
        bits = _BITS[m.group("len")]
        v &= (1 << bits) - 1
        if conv in "di":
            if v >> (bits - 1):
                v -= 1 << bits
            out.append((spec + "d") % v)
        elif conv == "u":
            out.append((spec + "d") % v)
        elif conv == "c":
            out.append(_printable(chr(v & 0xff)))
        else:
            out.append((spec + conv) % v)
    if n < len(args):
        out.append(" " + " ".join(f"0x{a:x}" for a in args[n:]))
    return "".join(out)


def _event(meta, index, rec, hz):
    ticks, tid, pid, cpu, nargs, *args = _RECORD.unpack_from(rec, 0)
    point = meta.point(pid)
    args = args[:min(nargs, MAX_ARGS)]
    name = point.name if point else f"unknown_tracepoint_{pid}"
    return Event(index=index, ticks=ticks, seconds=ticks / hz if hz else 0.0,
                 cpu=cpu, tid=tid, id=pid, name=name, args=args,
                 text=format_event(meta, point, args))


def _from_records(meta, hdr, records, first_index, events, where=""):
    """records: (bytes) oldest first, numbered from first_index."""
    for k, rec in enumerate(records):
        ev = _event(meta, first_index + k, rec, hdr["hz"])
        if meta.point(ev.id) is None:
            events.warnings.append(f"record {ev.index}{where} names tracepoint id {ev.id}, "
                                   "which the ELF does not have (another image's .dbg?)")
        events.append(ev)


def _start(events, hdr):
    events.capacity = hdr["capacity"]
    events.head = hdr["head"]
    events.dropped += hdr["dropped"]
    events.ticks_hz = hdr["hz"]
    events.overwrite = bool(hdr["flags"] & F_OVERWRITE)


def decode(meta, raw, thread_names=None):
    """Events from the bytes of ts_trace_rings (one ring per CPU, each a
    header and its capacity's records). A short buffer decodes what is
    complete and sets events.truncated. thread_names (tid -> name) is
    kept for to_text/to_chrome."""
    raw = bytes(raw)
    events = Events()
    events.thread_names = dict(thread_names or {})
    off, ring = 0, 0
    while off < len(raw):
        where = f" (ring {ring} at byte {off})" if ring else ""
        if ring and len(raw) - off < HEADER_SIZE:
            break           # padding after the last ring
        hdr = _header(raw[off:], where)
        _start(events, hdr)
        cap, head = hdr["capacity"], hdr["head"]
        slots = raw[off + HEADER_SIZE:off + HEADER_SIZE + cap * RECORD_SIZE]
        have = len(slots) // RECORD_SIZE
        if have < cap:
            events.truncated = (f"ring {ring} truncated: {have} of {cap} record slots present ("
                                f"{len(raw) - off} bytes of {HEADER_SIZE + cap * RECORD_SIZE})")
        first = head - cap if head > cap else 0
        if head > cap:
            events.lost += head - cap
        # Record i (first <= i < head) lives in slot i % cap; at most one
        # i per slot. Walking the slots present, not the range of i,
        # keeps a header that claims a huge ring from costing that much
        # time. Records keep their numbers (a truncated wrapped ring has
        # a hole in the middle).
        idx = []
        for slot in range(have):
            i = first + (slot - first) % cap
            if i < head:
                idx.append((i, slot))
        for i, slot in sorted(idx):
            rec = slots[slot * RECORD_SIZE:(slot + 1) * RECORD_SIZE]
            _from_records(meta, hdr, [rec], i, events, where)
        off += HEADER_SIZE + cap * RECORD_SIZE
        ring += 1
    events.sort(key=lambda e: (e.ticks, e.cpu, e.index))
    return events


def parse_serial(text):
    """The panic dump blocks of a serial log: [(header bytes, [record
    bytes], complete)] in order. Lines may carry a prefix (timestamps,
    the console's own); other output between them is ignored."""
    blocks, cur = [], None
    for line in text.splitlines():
        if DUMP_BEGIN in line:
            if cur is not None:
                blocks.append((cur[0], cur[1], False))
            cur = [None, []]
            continue
        if cur is None:
            continue
        if DUMP_END in line:
            blocks.append((cur[0], cur[1], True))
            cur = None
            continue
        m = re.search(r"(?:^|\s)([HR]) ([0-9a-f]+)\s*$", line)
        if not m:
            continue
        hexs = m.group(2)
        if len(hexs) != 2 * RECORD_SIZE:
            continue        # a line cut short: incomplete record
        b = bytes.fromhex(hexs)
        if m.group(1) == "H":
            cur[0] = b
        elif cur[0] is not None:
            cur[1].append(b)
    if cur is not None:
        blocks.append((cur[0], cur[1], False))
    return blocks


def decode_serial(meta, text, thread_names=None):
    """Events from the last panic dump in a serial log."""
    blocks = parse_serial(text)
    if not blocks:
        raise TraceError(f"no '{DUMP_BEGIN} ...' line in the serial log: no trace dump (tracing "
                         "off, or nothing was recorded)")
    events = Events()
    events.thread_names = dict(thread_names or {})
    hdr_bytes, recs, complete = blocks[-1]
    if hdr_bytes is None:
        raise TraceError("the trace dump has no header line (truncated log)")
    hdr = _header(hdr_bytes, " (serial dump)")
    _start(events, hdr)
    if not complete:
        events.truncated = (f"the serial dump ends without '{DUMP_END}' after "
                            f"{len(recs)} records")
    # The dump holds the last len(recs) records up to head; a truncated
    # one holds the oldest of those.
    last = min(hdr["head"], hdr["capacity"]) if not hdr["flags"] & F_OVERWRITE \
        else hdr["head"]
    expected = None
    if complete:
        first = last - len(recs)
    else:
        # Not knowing how many were to come, number them from the
        # earliest possible start; exact when the dump was complete.
        expected = min(last, hdr["capacity"])
        first = last - expected
    events.lost = first
    _from_records(meta, hdr, recs, first, events, " (serial dump)")
    events.sort(key=lambda e: (e.ticks, e.cpu, e.index))
    return events


# ---- output ----------------------------------------------------------------

def _thread_names(events, thread_names=None):
    """tid -> name: from the scheduler's create/rename tracepoints, then
    the names given (GDB's, read from the live threads) over them."""
    names = {0: "(no thread)"}
    for e in events:
        if e.name in ("sched_thread_create", "sched_thread_name") and len(e.args) >= 3:
            names[e.args[0]] = _str8(e.args[1]) + _str8(e.args[2])
    names.update(getattr(events, "thread_names", {}) or {})
    names.update(thread_names or {})
    return {tid: _printable(n) for tid, n in names.items()}


def to_text(events, thread_names=None):
    names = _thread_names(events, thread_names)
    lines = []
    for e in events:
        tname = names.get(e.tid)
        who = f"{e.tid} {tname}" if tname and e.tid else str(e.tid)
        lines.append(f"[{e.seconds:14.9f}] cpu{e.cpu} {who!s:<12} {e.name!s:<22} {e.text}")
    notes = []
    if getattr(events, "lost", 0):
        notes.append(f"{events.lost} older records were overwritten")
    if getattr(events, "dropped", 0):
        notes.append(f"{events.dropped} records dropped: the ring was full (stop policy)")
    if getattr(events, "truncated", None):
        notes.append("truncated input: " + events.truncated)
    for w in getattr(events, "warnings", []):
        notes.append(w)
    return "\n".join(lines + ["# " + n for n in notes]) + ("\n" if lines or notes else "")


def running_slices(events):
    """Each thread's running time from sched_switch, as marks in event
    order: [(k, ph, tid, ticks)], ph "B" where a slice begins and "E"
    where it ends, placed before event k (k = len(events): after the
    last). Every B has its E: the thread running when recording began
    opens at the first event, those still running close at the last."""
    marks, opened, last = [], {}, None
    for k, e in enumerate(events):
        last = e.ticks
        if k == 0 and e.tid:
            marks.append((k, "B", e.tid, e.ticks))  # running when recording began
            opened[e.tid] = True
        if e.name == "sched_switch" and len(e.args) >= 2:
            prev, nxt = e.args[0], e.args[1]
            for tid in (prev, nxt):     # nxt open: a switch we did not see
                if tid in opened:
                    marks.append((k, "E", tid, e.ticks))
                    del opened[tid]
            marks.append((k, "B", nxt, e.ticks))
            opened[nxt] = True
    for tid in list(opened):
        marks.append((len(events), "E", tid, last))
    return marks


# Tracepoints that come in pairs on one thread: NAME_entry then NAME_exit
# (irq_entry/irq_exit, syscall_entry/syscall_exit), NAME_begin/NAME_end.
PAIRS = (("_entry", "_exit"), ("_begin", "_end"))
# The Chrome JSON's track of thread tid's pairs is PAIR_TRACK + tid.
PAIR_TRACK = 1 << 20
_CALL = re.compile(r"([A-Za-z_]\w*)\(")


def begin_end_pairs(events):
    """Each pair's two events, as [(tid, name, begin, end)] in the order
    they end; a pair nests in another of the same thread. name is what
    the begin event's text calls ("write" for "write(0x1, ...)": a
    system call) or else the tracepoints' common prefix ("irq")."""
    out, opened = [], {}
    for e in events:
        for begin, end in PAIRS:
            if e.name.endswith(begin):
                opened.setdefault((e.tid, e.name[:-len(begin)]), []).append(e)
            elif e.name.endswith(end):
                key = (e.tid, e.name[:-len(end)])
                if opened.get(key):
                    b = opened[key].pop()
                    m = _CALL.match(b.text or "")
                    out.append((e.tid, m.group(1) if m else key[1], b, e))
    return out


def to_chrome(events, thread_names=None):
    """A Chrome Trace Event JSON object (dict): one track per thread (pid
    1, tid = thread id), each thread's running time as B/E slices that
    always pair up (from sched_switch), begin/end pairs (a system call's
    entry and exit) as X slices named after the call on a track beside
    the thread's ("main calls"), every event as an instant event on its
    thread's track with its text in args."""
    names = _thread_names(events, thread_names)
    hz = getattr(events, "ticks_hz", 0) or 0
    if not hz:
        hz = 1e9    # unknown rate: ticks shown as ns

    def us(ticks):
        return ticks * 1e6 / hz

    out = [{"name": "process_name", "ph": "M", "pid": 1, "tid": 0,
            "args": {"name": "tessera"}}]
    seen = set()
    marks = running_slices(events)
    m = 0

    def slices_before(k):
        nonlocal m
        while m < len(marks) and marks[m][0] == k:
            _, ph, tid, ticks = marks[m]
            seen.add(tid)
            out.append({"name": names.get(tid, f"thread {tid}"), "cat": "sched",
                        "ph": ph, "pid": 1, "tid": tid, "ts": us(ticks)})
            m += 1

    for k, e in enumerate(events):
        seen.add(e.tid)
        slices_before(k)
        out.append({"name": e.name, "cat": e.name.split("_")[0], "ph": "i",
                    "s": "t", "pid": 1, "tid": e.tid, "ts": us(e.ticks),
                    "args": {"text": e.text, "record": e.index,
                             "args": [f"0x{a:x}" for a in e.args]}})
    slices_before(len(events))
    # Pairs (a system call, an interrupt) as complete slices named after
    # what they are, on a track of their own beside their thread's: a
    # call that blocks outlasts the thread's running slice, and slices
    # of one track must nest.
    paired = set()
    for tid, name, b, e in begin_end_pairs(events):
        paired.add(tid)
        out.append({"name": name, "cat": b.name.split("_")[0], "ph": "X",
                    "pid": 1, "tid": PAIR_TRACK + tid, "ts": us(b.ticks),
                    "dur": us(e.ticks) - us(b.ticks),
                    "args": {"begin": b.text, "end": e.text}})
    for tid in sorted(paired):
        out.append({"name": "thread_name", "ph": "M", "pid": 1, "tid": PAIR_TRACK + tid,
                    "args": {"name": names.get(tid, f"thread {tid}") + " calls"}})
        out.append({"name": "thread_sort_index", "ph": "M", "pid": 1,
                    "tid": PAIR_TRACK + tid, "args": {"sort_index": tid}})
    for tid in sorted(seen):
        out.append({"name": "thread_name", "ph": "M", "pid": 1, "tid": tid,
                    "args": {"name": names.get(tid, f"thread {tid}")}})
        out.append({"name": "thread_sort_index", "ph": "M", "pid": 1, "tid": tid,
                    "args": {"sort_index": tid}})
    return {"traceEvents": out, "displayTimeUnit": "ns",
            "otherData": {"ticks_hz": getattr(events, "ticks_hz", 0),
                          "records": len(events),
                          "dropped": getattr(events, "dropped", 0),
                          "overwritten": getattr(events, "lost", 0)}}


# What a file name's extension asks for (tstrace --out, make run TRACE=).
OUTPUTS = {".json": "Chrome Trace Event JSON for https://ui.perfetto.dev",
           ".svg": "an SVG timeline",
           ".html": "an HTML page: the SVG timeline and the events as text"}


def output_kind(path):
    """The extension of path that OUTPUTS knows, or a TraceError saying
    which ones there are."""
    base = path.rsplit("/", 1)[-1]
    ext = base[base.rfind("."):].lower() if "." in base else ""
    if ext not in OUTPUTS:
        raise TraceError(f"{path}: give a file name ending in .json (Chrome JSON, for "
                         "Perfetto), .svg (a timeline picture) or .html (the picture "
                         "and the events)")
    return ext


def write_output(path, events, thread_names=None, ext=None):
    """Write events to path in the format ext names (".json", ".svg",
    ".html"; by default the one path's extension names)."""
    import json
    import tstrace_timeline
    ext = ext or output_kind(path)
    with open(path, "w", encoding="utf-8") as f:
        if ext == ".json":
            json.dump(to_chrome(events, thread_names), f, indent=0)
            f.write("\n")
        elif ext == ".svg":
            f.write(tstrace_timeline.to_svg(events, thread_names))
        else:
            f.write(tstrace_timeline.to_html(events, thread_names))
