"""`ts config`: the .config the image was built from, embedded in it by
lib/debug (symbols ts_debug_config, a NUL-terminated char array, and
ts_debug_config_size), so a board's image says how it was configured
even when its build folder is long gone."""
import os

import gdb

from . import util

MAX_CONFIG = 1 << 20    # a sanity bound on the size word


def build_copy():
    """The .config the build left beside the image, if there is one:
    <image>.dbg's folder holds <image>.config."""
    path = gdb.current_progspace().filename or ""
    if path.endswith(".dbg"):
        cfg = path[:-len(".dbg")] + ".config"
        if os.path.isfile(cfg):
            return cfg
    return None


def embedded_config():
    """The embedded text, or raises gdb.GdbError saying why not. Both
    symbols are defined in assembly (support/build/debug-config), so they
    have no type in the debug information: read them by address."""
    addr = util.address_of("ts_debug_config")
    if addr is None:
        copy = build_copy()
        raise gdb.GdbError(
            "ts config: this image carries no .config (built with "
            "CONFIG_LIB_DEBUG_CONFIG off)"
            + (f"; the build's copy is {copy}" if copy else ""))
    size_addr = util.address_of("ts_debug_config_size")
    try:
        size = (int.from_bytes(util.read_bytes(size_addr, 4), "little")
                if size_addr is not None else 0)
        if not 0 < size <= MAX_CONFIG:
            raise gdb.GdbError(f"ts config: ts_debug_config_size is {size}: not a "
                               "plausible length")
        raw = util.read_bytes(addr, size)
    except gdb.MemoryError as e:
        raise gdb.GdbError(f"ts config: cannot read ts_debug_config: {e}")
    return raw.split(b"\0", 1)[0].decode("utf-8", "replace")


class ConfigCommand(gdb.Command):
    """Print the .config embedded in the image.

Usage: ts config [WORD]

With WORD only the lines that contain it (case-insensitive), e.g.
'ts config SCHED'. The text comes from the image's memory (lib/debug
embeds it), so it is the configuration of what runs, not of the build
folder."""

    def __init__(self):
        super().__init__("ts config", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        word = arg.strip()
        lines = embedded_config().splitlines()
        if word:
            lines = [l for l in lines if word.lower() in l.lower()]
            if not lines:
                raise gdb.GdbError(f"ts config: no line contains '{word}'")
        for l in lines:
            print(l)
