"""`ts trace`: lib/trace's ring buffers read from memory and decoded by
support/scripts/tstrace.py, the decoder the panic dump's output goes
through too (one decoder for both paths). Also switches tracepoints on
and off by writing their enable flags, so tracing can be started from
GDB without a reboot."""
import fnmatch
import os
import sys

import gdb

from . import threads, util

SCRIPTS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "scripts")
TRACE_MAGIC = 0x52545354        # TS_TRACE_MAGIC, <ts/trace.h>


def no_trace():
    return gdb.GdbError("ts trace: this image has no tracing (lib/trace is "
                        "not built in: CONFIG_LIB_TRACE is off)")


def decoder():
    """The tstrace module; imported on first use, so the other commands
    work without it."""
    if SCRIPTS not in sys.path:
        sys.path.insert(0, SCRIPTS)
    try:
        import tstrace
    except ImportError as e:
        raise gdb.GdbError(f"ts trace: cannot load the decoder {SCRIPTS}/tstrace.py ({e})")
    return tstrace


def elf_path():
    path = gdb.current_progspace().filename
    if not path:
        raise gdb.GdbError("ts trace: no symbols loaded: the decoder reads "
                           "the tracepoints' formats from the .dbg ELF")
    return path


def ring_bytes():
    """All of ts_trace_rings as the image holds it, headers included."""
    rings = util.lookup("ts_trace_rings")
    if rings is None:
        raise no_trace()
    size = rings.type.sizeof
    try:
        raw = util.read_bytes(int(rings.address), size)
    except gdb.MemoryError as e:
        raise gdb.GdbError(f"ts trace: cannot read ts_trace_rings: {e}")
    if int.from_bytes(raw[:4], "little") != TRACE_MAGIC:
        raise gdb.GdbError("ts trace: the ring has no header yet (lib/trace "
                           "sets it up during boot; stop later, e.g. "
                           "'break main')")
    return raw


def thread_names():
    """{thread id: name} of the live threads (the scheduler's list);
    empty without lib/sched or before it starts."""
    try:
        live = threads.live_threads()
    except gdb.GdbError:
        return {}
    if not live or not util.has_field(live[0], "id"):
        return {}
    return {int(t["id"]): t["name"].string() for t in live}


def tracepoints():
    """[(name, enable flag address)] from the ts_trace_points section."""
    first = util.address_of("__start_ts_trace_points")
    end = util.address_of("__stop_ts_trace_points")
    if first is None or end is None:
        raise no_trace()
    word = util.pointer_size()
    out = []
    for a in range(first, end, 2 * word):
        name_p = util.read_word(a)
        flag = util.read_word(a + word)
        name = gdb.Value(name_p).cast(
            gdb.lookup_type("char").pointer()).string("ascii", "replace")
        out.append((name, flag))
    return out


def write_file(path, data, what):
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as e:
        raise gdb.GdbError(f"ts trace: cannot write {path}: {e}")
    print(f"ts trace: {what} written to {path} ({len(data)} bytes)")


USAGE = ("usage: ts trace [--json FILE] [--svg FILE] [--html FILE] [--raw FILE] "
         "| ts trace points | ts trace on|off GLOB")
# The outputs tstrace writes, by option (tstrace.write_output).
OUTPUTS = {"--json": ".json", "--svg": ".svg", "--html": ".html"}


class TraceCommand(gdb.Command):
    """Decode the trace ring buffers (lib/trace).

Usage: ts trace                 print the recorded events as text
       ts trace --json FILE     write Chrome Trace Event JSON (Perfetto,
                                chrome://tracing): a track per thread,
                                scheduler switches as slices
       ts trace --svg FILE      an SVG timeline any browser shows offline
       ts trace --html FILE     that timeline and the events in one page
       ts trace --raw FILE      save the raw ring bytes (for
                                support/scripts/tstrace later)
       ts trace points          list the tracepoints, on or off
       ts trace on|off GLOB     enable or disable tracepoints by name,
                                e.g. 'ts trace on sched_*'

The rings are read from memory; formats come from the .dbg's
.ts_trace_meta section; thread names from the scheduler."""

    def __init__(self):
        super().__init__("ts trace", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if argv and argv[0] == "points":
            if len(argv) != 1:
                raise gdb.GdbError(USAGE)
            for name, flag in tracepoints():
                on = util.read_bytes(flag, 1)[0]
                print(f"{'on' if on else 'off'!s:<3} {name}")
            return
        if argv and argv[0] in ("on", "off"):
            if len(argv) != 2:
                raise gdb.GdbError(USAGE)
            self.switch(argv[1], argv[0] == "on")
            return
        outputs, raw_path = [], None
        i = 0
        while i < len(argv):
            if argv[i] in list(OUTPUTS) + ["--raw"] and i + 1 < len(argv):
                if argv[i] == "--raw":
                    raw_path = argv[i + 1]
                else:
                    outputs.append((argv[i + 1], OUTPUTS[argv[i]]))
                i += 2
            else:
                raise gdb.GdbError(f"ts trace: bad argument '{argv[i]}'; {USAGE}")
        raw = ring_bytes()
        if raw_path:
            write_file(raw_path, raw, "raw ring")
            if not outputs:
                return
        tstrace = decoder()
        names = thread_names()
        try:
            meta = tstrace.load_meta(elf_path())
            events = tstrace.decode(meta, raw, thread_names=names)
        except Exception as e:  # the decoder's own errors, in one line
            raise gdb.GdbError(f"ts trace: decoding failed: {e}")
        for path, ext in outputs:
            try:
                tstrace.write_output(path, events, names, ext)
            except OSError as e:
                raise gdb.GdbError(f"ts trace: cannot write {path}: {e.strerror}")
            print(f"ts trace: {tstrace.OUTPUTS[ext]} written to {path} ({len(events)} events)")
        if outputs:
            return
        text = tstrace.to_text(events)
        if isinstance(text, (list, tuple)):
            text = "\n".join(text)
        print(text.rstrip("\n") if text else "ts trace: no events recorded")

    def switch(self, pattern, on):
        hits = [(n, f) for n, f in tracepoints() if fnmatch.fnmatchcase(n, pattern)]
        if not hits:
            raise gdb.GdbError(f"ts trace: no tracepoint matches '{pattern}' ('ts trace "
                               "points' lists them)")
        inf = gdb.selected_inferior()
        for _, flag in hits:
            inf.write_memory(flag, bytes([1 if on else 0]))
        print(f"ts trace: {'enabled' if on else 'disabled'} {', '.join((n for n, _ in hits))}")
