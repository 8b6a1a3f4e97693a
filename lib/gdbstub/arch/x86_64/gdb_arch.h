/* What the GDB stub (lib/gdbstub) needs from x86_64: GDB's register
 * numbering of the target description (gdb_tdesc.c), reading and
 * writing those registers in a trap frame, the breakpoint instruction.
 * Every architecture offers the same names. */
#ifndef TS_ARCH_GDB_H
#define TS_ARCH_GDB_H

#include <stdint.h>
#include <ts/arch/regs.h>

/* rax..gs (24): the g packet; st0-st7 and the x87 control registers
 * (16), xmm0-15 and mxcsr (17), fs_base, gs_base only through p. GDB
 * fetches the g packet at nearly every stop, and the FP/SIMD part would
 * triple it (1072 hex digits instead of 328) for registers it rarely
 * shows: over a serial line every byte counts. */
#define TS_ARCH_GDB_NREGS	59
#define TS_ARCH_GDB_NREGS_G	24
#define TS_ARCH_GDB_PC		16	/* rip */
#define TS_ARCH_GDB_SP		7	/* rsp */
#define TS_ARCH_GDB_FP		6	/* rbp */
#define TS_ARCH_GDB_EFLAGS	17
/* The registers every stop reply carries: what GDB needs to show the
 * frame and step again. */
#define TS_ARCH_GDB_EXPEDITE { TS_ARCH_GDB_FP, TS_ARCH_GDB_SP, TS_ARCH_GDB_PC }

/* int3. After it the CPU reports rip one byte further on: the stub's
 * trap hook rewinds rip before it reports the stop. */
#define TS_ARCH_GDB_BREAK_INSN	{ 0xcc }
#define TS_ARCH_GDB_BREAK_LEN	1

/* The register access, debug exceptions, safe memory and saved
 * registers every architecture offers: <ts/arch/debug.h>. */
#include <ts/arch/debug.h>

#endif
