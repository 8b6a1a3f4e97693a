/* GDB's view of arm64 for the stub: the register numbering of the target
 * description (tdesc.c), the registers stop replies carry, GDB's
 * breakpoint instruction. Every lib/gdbstub/arch/<arch>/gdb_arch.h
 * offers the same names; the functions are in ../interface.h. */
#ifndef GDBSTUB_ARCH_GDB_ARCH_H
#define GDBSTUB_ARCH_GDB_ARCH_H

/* x0-x7 (the arguments): the g packet; x8-x30, sp, pc, cpsr, v0-v31,
 * fpsr, fpcr through p. GDB fetches the g packet at nearly every stop
 * to show a frame's arguments; x0-x30 would make it 540 hex digits
 * instead of 128, and over a serial line every byte counts. The
 * registers GDB needs at every stop come with the stop reply. */
#define GDBSTUB_ARCH_NREGS	68
#define GDBSTUB_ARCH_NREGS_G	8
#define GDBSTUB_ARCH_PC		32
#define GDBSTUB_ARCH_SP		31
#define GDBSTUB_ARCH_FP		29	/* x29 */
#define GDBSTUB_ARCH_LR		30	/* x30: where a function returns */
#define GDBSTUB_ARCH_CPSR	33
/* The registers every stop reply carries: what GDB needs to show the
 * frame and step again, and the link register (GDB read it with a p
 * packet at every stop). */
#define GDBSTUB_ARCH_EXPEDITE \
	{ GDBSTUB_ARCH_FP, GDBSTUB_ARCH_SP, GDBSTUB_ARCH_PC, GDBSTUB_ARCH_LR }

/* brk #0x4744 ("GD"): not ts_arch_breakpoint()'s brk #0, so the stub
 * tells GDB's breakpoints from the ones compiled into the program. The
 * bytes are the little-endian instruction word. */
#define GDBSTUB_ARCH_BRK_IMM	0x4744u
#define GDBSTUB_ARCH_BRK_WORD	(0xd4200000u | GDBSTUB_ARCH_BRK_IMM << 5)
#define GDBSTUB_ARCH_BREAK_INSN	{ GDBSTUB_ARCH_BRK_WORD & 0xff, \
				  (GDBSTUB_ARCH_BRK_WORD >> 8) & 0xff, \
				  (GDBSTUB_ARCH_BRK_WORD >> 16) & 0xff, \
				  GDBSTUB_ARCH_BRK_WORD >> 24 }
#define GDBSTUB_ARCH_BREAK_LEN	4

#include "../interface.h"

#endif
