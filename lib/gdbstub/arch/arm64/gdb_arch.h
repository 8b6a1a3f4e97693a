/* What the GDB stub (lib/gdbstub) needs from arm64: GDB's register
 * numbering of the target description (gdb_tdesc.c), reading and
 * writing those registers in a trap frame, the breakpoint instruction.
 * Every architecture offers the same names. */
#ifndef TS_ARCH_GDB_H
#define TS_ARCH_GDB_H

#include <stdint.h>
#include <ts/arch/regs.h>

/* x0-x7 (the arguments): the g packet; x8-x30, sp, pc, cpsr, v0-v31,
 * fpsr, fpcr through p. GDB fetches the g packet at nearly every stop
 * to show a frame's arguments; x0-x30 would make it 540 hex digits
 * instead of 128, and over a serial line every byte counts. The
 * registers GDB needs at every stop come with the stop reply. */
#define TS_ARCH_GDB_NREGS	68
#define TS_ARCH_GDB_NREGS_G	8
#define TS_ARCH_GDB_PC		32
#define TS_ARCH_GDB_SP		31
#define TS_ARCH_GDB_FP		29	/* x29 */
#define TS_ARCH_GDB_LR		30	/* x30: where a function returns */
#define TS_ARCH_GDB_CPSR	33
/* The registers every stop reply carries: what GDB needs to show the
 * frame and step again, and the link register (GDB read it with a p
 * packet at every stop). */
#define TS_ARCH_GDB_EXPEDITE \
	{ TS_ARCH_GDB_FP, TS_ARCH_GDB_SP, TS_ARCH_GDB_PC, TS_ARCH_GDB_LR }

/* brk #0x4744 ("GD"): not ts_arch_breakpoint()'s brk #0, so the trap hook
 * tells GDB's breakpoints from the ones compiled into the program. The
 * bytes are the little-endian instruction word. */
#define TS_ARCH_GDB_BRK_IMM	0x4744u
#define TS_ARCH_GDB_BRK_WORD	(0xd4200000u | TS_ARCH_GDB_BRK_IMM << 5)
#define TS_ARCH_GDB_BREAK_INSN	{ TS_ARCH_GDB_BRK_WORD & 0xff, \
				  (TS_ARCH_GDB_BRK_WORD >> 8) & 0xff, \
				  (TS_ARCH_GDB_BRK_WORD >> 16) & 0xff, \
				  TS_ARCH_GDB_BRK_WORD >> 24 }
#define TS_ARCH_GDB_BREAK_LEN	4

/* The register access, debug exceptions, safe memory and saved
 * registers every architecture offers: <ts/arch/debug.h>. */
#include <ts/arch/debug.h>

#endif
