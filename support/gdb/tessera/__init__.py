"""Tessera's GDB helpers: commands under the `ts` prefix that read the
image's own structures (threads, allocator, embedded .config, trace
rings). Loaded by <image>.dbg-gdb.py, which the build writes beside the
symbols (support/build/image.mk); `ts help` lists the commands."""
import gdb

from . import config, fds, heap, net, threads, trace


class TsPrefix(gdb.Command):
    """Tessera helpers: ts threads, ts heap, ts config, ts trace, ts fds,
ts net.

Each reads the image's own data structures from memory (no code runs in
the target) and says so in one line when the image lacks the library
behind it. 'help ts <command>' for details."""

    def __init__(self):
        super().__init__("ts", gdb.COMMAND_USER, gdb.COMPLETE_COMMAND,
                         prefix=True)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError(f"ts: unknown command '{arg.strip()}'; try 'help ts'")
        gdb.execute("help ts")


class TsHelp(gdb.Command):
    """List Tessera's commands (the same as 'help ts')."""

    def __init__(self):
        super().__init__("ts help", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        gdb.execute("help ts")


TsPrefix()
TsHelp()
threads.ThreadsCommand()
heap.HeapCommand()
config.ConfigCommand()
trace.TraceCommand()
fds.FdsCommand()
net.NetCommand()
