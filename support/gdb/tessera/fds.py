"""`ts fds`: the open descriptors of lib/vfs, read from its descriptor
table in memory (lib/vfs/fdtable.c: static struct fd_slot table[]), with
the columns of the in-image stub's `monitor fds` (lib/vfs/fdinfo.c):
descriptor, its flags, access mode, offset, references to the open
file, kind, status flags, path. No code runs in the target, so it works
wherever the image is stopped, through QEMU's gdbstub or the image's."""
import gdb

from . import util

HEADER = "  fd fd-flags mode          pos refs kind     flags            path"
TS_FD_CLOEXEC = 1
O_ACCMODE = 0o3
O_CLOEXEC = 0o2000000
# Status flags in fdinfo.c's order; the four after O_ASYNC differ
# between the architectures (musl's bits/fcntl.h: generic for x86_64).
COMMON_HEAD = [(0o100, "creat"), (0o200, "excl"), (0o400, "noctty"),
               (0o1000, "trunc"), (0o2000, "append"), (0o4000, "nonblock"),
               (0o4010000, "sync"), (0o10000, "dsync"), (0o20000, "async")]
COMMON_TAIL = [(0o1000000, "noatime"), (0o10000000, "path")]
ARCH_FLAGS = {
    "x86-64": [(0o40000, "direct"), (0o100000, "largefile"),
               (0o200000, "directory"), (0o400000, "nofollow")],
    "aarch64": [(0o200000, "direct"), (0o400000, "largefile"),
                (0o40000, "directory"), (0o100000, "nofollow")],
}
# struct ts_vnode's mode: S_IFMT's kinds, as fdinfo.c names them.
NODE_KINDS = {0o100000: "file", 0o040000: "dir", 0o020000: "chr",
              0o060000: "blk", 0o010000: "fifo", 0o140000: "sock",
              0o120000: "link"}


def status_names():
    arch = util.arch_name()
    for key, names in ARCH_FLAGS.items():
        if key in arch:
            return COMMON_HEAD + names + COMMON_TAIL
    raise gdb.GdbError(f"ts fds: no O_* flag values known for architecture {arch}")


def status_text(flags, names):
    flags &= ~(O_ACCMODE | O_CLOEXEC)
    out = []
    for bits, name in names:
        if flags & bits == bits:
            out.append(name)
            flags &= ~bits
    if flags:
        out.append(f"0{flags:o}")
    return ",".join(out) or "-"


def fd_table():
    """lib/vfs's table (a static with a common name: the one defined in
    fdtable.c), or None when the image has no lib/vfs."""
    try:
        syms = gdb.lookup_static_symbols("table")
    except (AttributeError, gdb.error):
        syms = [gdb.lookup_static_symbol("table")]
    for sym in syms:
        if sym is None or not sym.is_variable or sym.symtab is None:
            continue
        if sym.symtab.filename.endswith("vfs/fdtable.c"):
            return sym.value()
    try:
        return gdb.parse_and_eval("'fdtable.c'::table")
    except gdb.error:
        return None


def cstr(ptr, limit=4096):
    """The NUL-terminated string at ptr (at most limit bytes: PATH_MAX),
    read in small pieces so that a short string near the end of mapped
    memory reads too; None for NULL."""
    addr = int(ptr)
    if not addr:
        return None
    data = b""
    try:
        while len(data) < limit and b"\0" not in data:
            data += util.read_bytes(addr + len(data), 64 - (addr + len(data)) % 64)
    except gdb.error:
        if b"\0" not in data:
            return f"<unreadable 0x{addr:x}>"
    return data.split(b"\0")[0][:limit].decode("utf-8", "replace")


def rows():
    """(fd, fd flags, struct ts_file value) of every open descriptor."""
    table = fd_table()
    if table is None:
        raise gdb.GdbError(
            "ts fds: this image has no file layer (lib/vfs is not built in: "
            "CONFIG_LIB_VFS is off)")
    lo, hi = table.type.strip_typedefs().range()
    out = []
    for fd in range(lo, hi + 1):
        slot = table[fd]
        if int(slot["file"]):
            out.append((fd, int(slot["flags"]), slot["file"].dereference()))
    return out


def line(fd, fdflags, f, names):
    ops = f["ops"]
    kind = cstr(ops["kind"]) if int(ops) else None
    if kind is None:
        node = f["node"]
        kind = NODE_KINDS.get(int(node["mode"]) & 0o170000, "?") if int(node) else "-"
    flags = int(f["flags"])
    mode = ["r", "w", "rw", "?"][flags & O_ACCMODE]
    path = cstr(f["path"]) or "-"
    return (f"{fd:4d} {'cloexec' if fdflags & TS_FD_CLOEXEC else '-':<8s} {mode:<4s} "
            f"{int(f['pos']):12d} {int(f['refs']):4d} {kind:<8s} "
            f"{status_text(flags, names):<16s} {path}")


class FdsCommand(gdb.Command):
    """List the open file descriptors of lib/vfs.

Usage: ts fds

Columns, as the in-image stub's 'monitor fds' prints them: fd, the
descriptor's flags (cloexec), access mode (r, w, rw), the file offset,
how many references share the open file (dup'ed descriptors, calls in
progress), its kind (console, pipe... or the node's type: file, dir,
chr, fifo, sock), the status flags (append, nonblock...; bits without a
name in octal) and the path it was opened with."""

    def __init__(self):
        super().__init__("ts fds", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("ts fds: takes no arguments")
        names = status_names()
        found = rows()
        print(HEADER)
        for fd, fdflags, f in found:
            print(line(fd, fdflags, f, names))
