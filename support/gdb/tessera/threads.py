"""`ts threads`: every thread lib/sched knows, with its state and a
backtrace, read from the scheduler's own structures (lib/sched/core.c:
the live-thread list `live_head`, `sched_current`, `sched_idle`)."""
import gdb

from . import util

MAX_FRAMES = 32

# Where a thread that is not running left its frame pointer and its
# resume address: offsets into the switch frame at ctx.sp, from
# arch/*/include/ts/arch/ctx_arch.h (x86_64: MXCSR/FCW, r15, r14, r13, r12,
# rbx, rbp, return address; arm64: x19-x28, x29, x30, ...).
SWITCH_FRAME = {
    "x86-64": (48, 56),
    "aarch64": (80, 88),
}


def switch_frame_offsets():
    arch = util.arch_name()
    for key, offsets in SWITCH_FRAME.items():
        if key in arch:
            return offsets
    raise gdb.GdbError(f"ts threads: no switch-frame layout known for architecture {arch}")


def state_of(t):
    """'ready', 'running', 'blocked (waiting)', 'blocked (sleeping)', ...
    from enum thread_state (lib/sched/internal.h)."""
    s = str(t["state"]).lower()
    s = s[len("thread_"):] if s.startswith("thread_") else s
    if s == "blocked":
        # On a wait queue (semaphore, mutex, join, ...) or only on its
        # timer: the run queue node is linked while it waits.
        s += " (waiting)" if int(t["node"]["next"]) else " (sleeping)"
    return s


def live_threads():
    """The threads of the live list, in list order (newest first)."""
    head = util.lookup("live_head")
    if head is None:
        raise gdb.GdbError(
            "ts threads: this image has no scheduler (lib/sched is not built "
            "in: CONFIG_LIB_SCHED is off), so there is one flow of control: "
            "use 'bt'")
    out, seen = [], set()
    t = head
    while int(t) and int(t) not in seen and len(seen) < 4096:
        seen.add(int(t))
        out.append(t.dereference())
        t = t["all_next"]
    return out


def thread_ids(threads):
    """Each thread's id: its `id` field when struct ts_thread has one
    (lib/trace adds it), else its position in creation order (the live
    list is newest first)."""
    if threads and util.has_field(threads[0], "id"):
        return [int(t["id"]) for t in threads]
    n = len(threads)
    return [n - i for i in range(n)]


def saved_frames(t):
    """(pc, return_address?) of a thread that is not running, from the
    frame-pointer chain its saved switch frame starts. Every frame
    pointer is checked before it is followed: inside the thread's stack
    when the stack is known, aligned, and above the one before."""
    fp_off, pc_off = switch_frame_offsets()
    sp = int(t["ctx"]["sp"])
    lo, hi = int(t["stack_lo"]), int(t["stack_hi"])
    word = util.pointer_size()

    def on_stack(a):
        if a % word:
            return False
        return lo <= a < hi - word if hi > lo else a != 0

    if not on_stack(sp):
        return [], f"saved stack pointer 0x{sp:x} is outside the stack"
    try:
        fp = util.read_word(sp + fp_off)
        pc = util.read_word(sp + pc_off)
    except gdb.MemoryError as e:
        return [], f"cannot read the switch frame: {e}"
    frames = [pc]
    why = None
    while len(frames) < MAX_FRAMES:
        if fp == 0:
            break                       # the end of the chain
        if not on_stack(fp):
            why = f"frame pointer 0x{fp:x} is outside the stack; stopped"
            break
        try:
            nfp = util.read_word(fp)
            ret = util.read_word(fp + word)
        except gdb.MemoryError:
            why = f"cannot read the frame at 0x{fp:x}; stopped"
            break
        if ret == 0:
            break
        frames.append(ret)
        if nfp and nfp <= fp:
            why = "frame pointers do not go up the stack; stopped"
            break
        fp = nfp
    return frames, why


def running_frames():
    """Lines of the running thread's backtrace from gdb's own unwinder
    (the CPU's registers). CPU 0 is the one that runs the scheduler."""
    lines = []
    try:
        f = gdb.newest_frame()
    except gdb.error as e:
        return [f"(no registers: {e})"]
    i = 0
    while f is not None and i < MAX_FRAMES:
        sal = f.find_sal()
        name = f.name() or util.symbol_offset(f.pc()) or "??"
        text = f"#{i:<2d} 0x{f.pc():016x} in {name}"
        if f.type() == gdb.INLINE_FRAME:
            text += " (inlined)"
        if sal.symtab is not None and sal.line:
            text += f" at {sal.symtab.filename}:{sal.line}"
        lines.append(text)
        i += 1
        try:
            f = f.older()
        except gdb.error:
            break
    return lines


def first_cpu_thread():
    """gdb's thread for the first CPU (QEMU reports one per CPU)."""
    inf = gdb.selected_inferior()
    threads = sorted(inf.threads(), key=lambda th: th.num)
    return threads[0] if threads else None


class ThreadsCommand(gdb.Command):
    """List every thread of lib/sched: id, name, state, priority,
    switches, and a backtrace.

Usage: ts threads [NAME]

With NAME only the threads of that name. The running thread's
backtrace comes from the CPU's registers; the others' from the
frame-pointer chain saved when they were switched out (frames are
checked before being followed; the walk stops at the first bad one)."""

    def __init__(self):
        super().__init__("ts threads", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        want = arg.strip()
        threads = live_threads()
        if not threads:
            print("No threads yet: the scheduler starts in the init step "
                  "sched_init (stop later, e.g. 'break main').")
            return
        current = util.lookup("sched_current")
        idle = util.lookup("sched_idle")
        cur = int(current) if current is not None else 0
        idle = int(idle) if idle is not None else 0
        ids = thread_ids(threads)
        rows = sorted(zip(ids, threads), key=lambda r: r[0])
        if want:
            rows = [r for r in rows if r[1]["name"].string() == want]
            if not rows:
                raise gdb.GdbError(f"ts threads: no thread is named '{want}'")
        print(f"  {'ID':<4} {'NAME':<16} {'STATE':<20} {'PRIO':>4} {'SWITCHES':>9}")
        for tid, t in rows:
            mark = "*" if int(t.address) == cur else " "
            print(f"{mark} {tid:<4d} {t['name'].string()!s:<16} {state_of(t)!s:<20} "
                  f"{int(t['node']['prio']):4d} {int(t['switches']):9d}")
        for tid, t in rows:
            name = t["name"].string()
            addr = int(t.address)
            tags = []
            if addr == cur:
                tags.append("current")
            if addr == idle:
                tags.append("idle")
            print()
            tagged = f" [{', '.join(tags)}]" if tags else ""
            print(f'Thread {tid} "{name}" {state_of(t)}{tagged}  (struct ts_thread *){addr:#x}')
            if addr == cur:
                self.print_running()
            else:
                self.print_saved(t)

    def print_running(self):
        orig = gdb.selected_thread()
        cpu0 = first_cpu_thread()
        try:
            if cpu0 is not None and orig is not None and cpu0.num != orig.num:
                cpu0.switch()
            for line in running_frames():
                print("    " + line)
        finally:
            if orig is not None and orig.is_valid():
                orig.switch()

    def print_saved(self, t):
        frames, why = saved_frames(t)
        if not frames:
            print(f"    (no backtrace: {why})")
            return
        start = util.lookup("ts_arch_ctx_start")
        for i, pc in enumerate(frames):
            if start is not None and pc == int(start.address):
                # A thread that has never run: its first switch "returns"
                # into ts_arch_ctx_start, which calls its entry.
                fn = t["fn"]
                print(f"    #{i:<2d} 0x{pc:016x} in ts_arch_ctx_start (not started yet; entry "
                      f"{util.symbol_offset(int(fn)) or f'0x{int(fn):x}'})")
                continue
            print("    " + util.format_frame(i, pc))
        if why:
            print(f"    ({why})")
