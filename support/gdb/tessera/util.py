"""What every `ts` command needs: symbols that may be missing, memory
reads, and naming a code address the way a backtrace does."""
import gdb


def lookup(name):
    """The gdb.Value of a global or file-static variable, or None when
    the image has no such symbol (its library is not built in). Static
    ones count, and so do globals that a library's exportsyms.uk made
    local in the ELF symbol table: the debug information still has them.
    gdb's symbol lookups may return an extern declaration from a header
    (no address), so the name is finally evaluated as an expression."""
    for find in (gdb.lookup_static_symbol, gdb.lookup_global_symbol):
        try:
            sym = find(name)
            if sym is not None and sym.is_variable:
                return sym.value()
        except gdb.error:
            pass
    try:
        v = gdb.parse_and_eval(name)
    except gdb.error:
        return None
    if v.type.strip_typedefs().code == gdb.TYPE_CODE_FUNC:
        return None
    return v


def require(name, command, why):
    """lookup(name), or a one-line error for `command` saying why."""
    v = lookup(name)
    if v is None:
        raise gdb.GdbError(f"{command}: {why} (no symbol '{name}' in the loaded symbols)")
    return v


def has_field(value, field):
    t = value.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_PTR:
        t = t.target().strip_typedefs()
    return any(f.name == field for f in t.fields())


def pointer_size():
    return gdb.lookup_type("void").pointer().sizeof


def read_bytes(addr, size):
    return bytes(gdb.selected_inferior().read_memory(addr, size))


def read_word(addr):
    """A target pointer-sized unsigned integer (little-endian: every
    Tessera target is)."""
    n = pointer_size()
    return int.from_bytes(read_bytes(addr, n), "little")


def arch_name():
    """gdb's name of the target architecture ("i386:x86-64", "aarch64")."""
    try:
        return gdb.selected_inferior().architecture().name()
    except (gdb.error, AttributeError):
        return gdb.selected_frame().architecture().name()


def symbol_offset(pc):
    """'function+0xoff' from the symbol table (also for assembly without
    debug information), or None."""
    try:
        out = gdb.execute(f"info symbol 0x{pc:x}", to_string=True).strip()
    except gdb.error:
        return None
    if out.startswith("No symbol"):
        return None
    # "sched_block + 76 in section .text"
    name = out.split(" in section ")[0]
    if " + " in name:
        base, off = name.split(" + ", 1)
        return f"{base}+0x{int(off):x}"
    return name


def describe_code(pc, return_address=True):
    """How a backtrace names pc: the functions at that spot, innermost
    first (inlined ones included, so a frame in schedule() inlined into
    sched_block() names both), 'function+0xoff', and file:line.
    A return address points past the call, maybe into the next
    function: look up the call instruction's byte instead."""
    where = pc - 1 if return_address and pc else pc
    names = []
    try:
        block = gdb.block_for_pc(where)
    except (RuntimeError, gdb.error):
        block = None
    while block is not None:
        if block.function is not None:
            names.append(block.function.print_name)
        block = block.superblock
    sym = symbol_offset(where)
    if sym and return_address:
        # Name the return address itself, as gdb does, not pc - 1.
        base = sym.split("+")[0]
        try:
            start = int(gdb.parse_and_eval(f"(unsigned long)&'{base}'"))
            sym = f"{base}+0x{pc - start:x}"
        except gdb.error:
            pass
    if not names and sym:
        names = [sym.split("+")[0]]
    line = gdb.find_pc_line(where)
    loc = ""
    if line.symtab is not None and line.line:
        loc = f"{line.symtab.filename}:{line.line}"
    return names, sym, loc


def format_frame(index, pc, return_address=True):
    names, sym, loc = describe_code(pc, return_address)
    if not names:
        text = f"#{index:<2d} 0x{pc:016x} in ??"
    else:
        text = f"#{index:<2d} 0x{pc:016x} in {names[0]}"
        if len(names) > 1:
            text += f" (inlined into {' <- '.join(names[1:])})"
        if sym and not sym.startswith(names[-1] + "+") and sym != names[-1]:
            text += f" [{sym}]"
        elif sym and "+" in sym:
            text += f" [{sym}]"
    if loc:
        text += " at " + loc
    return text


def cstring(name):
    """A NUL-terminated char array or pointer variable as text, or None.
    Read through a char pointer: an `extern const char x[]` declaration
    gives gdb an array of unknown size."""
    v = lookup(name)
    if v is None:
        return None
    try:
        if v.type.strip_typedefs().code == gdb.TYPE_CODE_ARRAY:
            v = v.address.cast(gdb.lookup_type("char").pointer())
        return v.string("ascii", "replace")
    except gdb.error:
        return None


def address_of(name):
    """The address of any symbol, with or without debug information
    (linker-made ones such as __start_<section> have none), or None."""
    try:
        return int(gdb.parse_and_eval(f"(unsigned long)&'{name}'"))
    except gdb.error:
        return None
