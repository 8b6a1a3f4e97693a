/* GDB's view of x86_64 for the stub: the register numbering of the
 * target description (tdesc.c), the registers stop replies carry, GDB's
 * breakpoint instruction. Every lib/gdbstub/arch/<arch>/gdb_arch.h
 * offers the same names; the functions are in ../interface.h. */
#ifndef GDBSTUB_ARCH_GDB_ARCH_H
#define GDBSTUB_ARCH_GDB_ARCH_H

/* rax..gs (24): the g packet; st0-st7 and the x87 control registers
 * (16), xmm0-15 and mxcsr (17), fs_base, gs_base, orig_rax only
 * through p. GDB
 * fetches the g packet at nearly every stop, and the FP/SIMD part would
 * triple it (1072 hex digits instead of 328) for registers it rarely
 * shows: over a serial line every byte counts. */
#define GDBSTUB_ARCH_NREGS	60
#define GDBSTUB_ARCH_NREGS_G	24
#define GDBSTUB_ARCH_PC		16	/* rip */
#define GDBSTUB_ARCH_SP		7	/* rsp */
#define GDBSTUB_ARCH_FP		6	/* rbp */
#define GDBSTUB_ARCH_EFLAGS	17
#define GDBSTUB_ARCH_ORIG_RAX	59
/* The registers every stop reply carries: what GDB needs to show the
 * frame and step again. */
#define GDBSTUB_ARCH_EXPEDITE \
	{ GDBSTUB_ARCH_FP, GDBSTUB_ARCH_SP, GDBSTUB_ARCH_PC }

/* int3. After it the CPU reports rip one byte further on: the stub's
 * trap hook rewinds rip before it reports the stop. */
#define GDBSTUB_ARCH_BREAK_INSN	{ 0xcc }
#define GDBSTUB_ARCH_BREAK_LEN	1

#include "../interface.h"

/* GDB's registers no trap frame holds (ds, es, fs, gs, fs_base, gs_base),
 * read from the CPU (live_regs.c; the host tests stand in for it). */
uint64_t gdbstub_x86_live_reg(unsigned int regno);

#endif
