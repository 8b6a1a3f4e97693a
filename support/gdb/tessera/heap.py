"""`ts heap`: lib/alloc's statistics, read from memory (no inferior
call, so it works wherever the target is stopped, even inside the
allocator). The figures are the ones ts_alloc_stats_get() returns
(lib/alloc/stats.c): the front ends' counters plus what the page layer
and the backend's heap report as free; the formulas below mirror
pages_free_bytes(), pages_total_bytes() and heap_free_bytes() of each
backend, and tests/gdb checks them against the image's own numbers."""
import gdb

from . import util

# lib/alloc/tlsf.h: bytes from a TLSF block to its payload, the flag
# bits in a block's size word, and second-level lists per first level.
TLSF_HEADER = 16
TLSF_F_MASK = 15
TLSF_SL_COUNT = 32


def highest_bit(x):
    return x.bit_length() - 1


def buddy_pages():
    """(free, total, largest free block) of the buddy page layer
    (lib/alloc/buddy.c: static struct buddy)."""
    b = util.lookup("buddy")
    if b is None or not util.has_field(b, "free_bytes"):
        return None
    nonempty = int(b["nonempty"])
    largest = 1 << highest_bit(nonempty) if nonempty else 0
    return int(b["free_bytes"]), int(b["total_bytes"]), largest


def region_pages():
    """(free, total, largest free range) of the region backend
    (lib/alloc/region.c: arenas[narenas])."""
    arenas, n = util.lookup("arenas"), util.lookup("narenas")
    if arenas is None or n is None:
        return None
    free = total = largest = 0
    for i in range(int(n)):
        a = arenas[i]
        gap = int(a["hi"]) - int(a["lo"])
        free += gap
        total += int(a["end"]) - int(a["base"])
        largest = max(largest, gap)
    return free, total, largest


def tlsf_heap():
    """(free bytes, pools, largest free block) of the TLSF heap
    (lib/alloc/tlsf.c: static struct tlsf, tlsf_cache). Cached blocks
    count as free, as in heap_free_bytes()."""
    t = util.lookup("tlsf")
    if t is None or not util.has_field(t, "pool_bytes"):
        return None
    pool_overhead = t["pools"].type.target().sizeof + TLSF_HEADER
    npools = int(t["npools"])
    cache = util.lookup("tlsf_cache")
    cached = int(cache["bytes"]) if cache is not None else 0
    free = (int(t["pool_bytes"]) - npools * pool_overhead
            - int(t["used_bytes"]) + cached)
    largest = 0
    fl_map = int(t["fl_map"])
    if fl_map:
        fl = highest_bit(fl_map)
        sl_map = int(t["sl_map"][fl])
        if sl_map:
            # The highest non-empty list holds the largest blocks.
            b = t["heads"][fl * TLSF_SL_COUNT + highest_bit(sl_map)]
            seen = 0
            while int(b) and seen < 10000:
                largest = max(largest, int(b["head"]) & ~TLSF_F_MASK)
                b = b["next_free"]
                seen += 1
    return free, npools, largest


def size(n):
    """Bytes, with KiB/MiB for the large ones."""
    for unit, div in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= div:
            return f"{n} ({n / div:.1f} {unit})"
    return f"{n}"


def collect():
    """The statistics as a dict; raises gdb.GdbError when the image has
    no lib/alloc."""
    counters = util.lookup("alloc_counters")
    if counters is None:
        raise gdb.GdbError("ts heap: this image has no allocator (lib/alloc "
                           "is not built in: CONFIG_LIB_ALLOC is off)")
    backend = util.cstring("ts_alloc_backend") or "?"
    st = {name: int(counters[name])
          for name in ("in_use", "peak", "allocs", "frees", "failed")}
    st["backend"] = backend
    pages = region_pages() if backend == "region" else buddy_pages()
    if pages is None:
        raise gdb.GdbError(f"ts heap: backend '{backend}': its page layer's state is not "
                           "in the symbols")
    st["pages_free"], st["total"], st["largest_page_block"] = pages
    st["heap_free"], st["pools"], st["largest_heap_block"] = 0, None, None
    if backend == "tlsf":
        heap = tlsf_heap()
        if heap is None:
            raise gdb.GdbError("ts heap: the TLSF heap's state is not in the "
                               "symbols")
        st["heap_free"], st["pools"], st["largest_heap_block"] = heap
    st["free"] = st["pages_free"] + st["heap_free"]
    return st


class HeapCommand(gdb.Command):
    """Show the allocator's statistics (lib/alloc).

Usage: ts heap

Backend, memory under management, bytes in use (peak), free bytes (free
pages plus free space inside the heap's pools), allocation and free
counts, failed requests, and the largest free block. The numbers are
those ts_alloc_stats_get() would return, read from memory."""

    def __init__(self):
        super().__init__("ts heap", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("ts heap: takes no arguments")
        st = collect()
        print(f"backend          {st['backend']}")
        print(f"total            {size(st['total'])}")
        print(f"in use           {size(st['in_use'])}")
        print(f"peak             {size(st['peak'])}")
        print(f"free             {size(st['free'])}")
        print(f"  free pages     {size(st['pages_free'])}")
        if st["pools"] is not None:
            print(f"  free in pools  {size(st['heap_free'])} ({st['pools']} pool"
                  f"{'' if st['pools'] == 1 else 's'})")
        print(f"allocs           {st['allocs']}")
        print(f"frees            {st['frees']}")
        print(f"live             {st['allocs'] - st['frees']}")
        print(f"failed           {st['failed']}")
        print(f"largest free     {size(st['largest_page_block'])} (page layer)")
        if st["largest_heap_block"] is not None:
            print(f"                 {size(st['largest_heap_block'])} (heap block)")
