/* What the GDB stub (lib/gdbstub) needs from x86_64: GDB's register
 * numbering of the target description (gdb_tdesc.c), reading and
 * writing those registers in a trap frame, the breakpoint instruction.
 * Every architecture offers the same names. */
#ifndef TS_ARCH_GDB_H
#define TS_ARCH_GDB_H

#include <stdint.h>
#include <ts/arch/regs.h>

/* rax..gs (24), st0-st7 and the x87 control registers (16), xmm0-15 and
 * mxcsr (17): the g packet; fs_base, gs_base only through p. */
#define TS_ARCH_GDB_NREGS	59
#define TS_ARCH_GDB_NREGS_G	57
#define TS_ARCH_GDB_PC		16	/* rip */
#define TS_ARCH_GDB_EFLAGS	17

/* int3. After it the CPU reports rip one byte further on: the stub's
 * trap hook rewinds rip before it reports the stop. */
#define TS_ARCH_GDB_BREAK_INSN	{ 0xcc }
#define TS_ARCH_GDB_BREAK_LEN	1

extern const char ts_arch_gdb_target_xml[];
extern const uint8_t ts_arch_gdb_reg_size[TS_ARCH_GDB_NREGS];

/* Register regno of the frame r, little-endian into buf
 * (ts_arch_gdb_reg_size[regno] bytes). Returns 0, -ENODATA for one the
 * trap frame does not hold (the value is shown as unavailable), -EINVAL
 * for a number out of range. */
int ts_arch_gdb_reg_read(const struct ts_regs *r, unsigned int regno,
			 uint8_t *buf);
/* Change it; -EPERM for registers that cannot change under a running
 * kernel (segment selectors), -ENODATA for ones not in the frame. */
int ts_arch_gdb_reg_write(struct ts_regs *r, unsigned int regno,
			  const uint8_t *buf);

/* Debug exceptions, safe memory, saved registers: <ts/arch/debug.h>. */
#include <ts/arch/debug.h>

#endif
