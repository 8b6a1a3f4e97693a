/* What each architecture's half of the stub (lib/gdbstub/arch/<arch>/)
 * provides to the image side (image/), declared once: GDB's view of the
 * CPU. The CPU facilities under it (debug exceptions, single step,
 * hardware breakpoints, fault-safe memory, saved registers) are the
 * architecture's own, for any library: <ts/arch/debug.h>. The names and
 * counts these use (GDBSTUB_ARCH_NREGS ...) are in <arch>/gdb_arch.h,
 * which includes this; tdesc.c, regmap.c and the unit tests and fuzzers
 * build for the host too (tests/unit, tests/fuzz). */
#ifndef GDBSTUB_ARCH_INTERFACE_H
#define GDBSTUB_ARCH_INTERFACE_H

#include <stdint.h>
#include <ts/arch/regs.h>

/* The target description (tdesc.c), each register's size, and access to
 * the registers in a trap frame r and the FP/SIMD state fp saved beside
 * it (ts_arch_trap_fpstate()), in GDB's numbering (regmap.c). read puts
 * register regno little-endian into buf (gdbstub_arch_reg_size[regno]
 * bytes) and returns 0, -ENODATA for one that r and fp do not hold (GDB
 * shows it as unavailable) or -EINVAL for a number out of range. With fp
 * NULL (no trap frame, or another thread's switch frame) the FP/SIMD
 * registers are unavailable, and so are x86's fs_base/gs_base: read from
 * the CPU, they are only the stopped thread's. write changes a register:
 * -EPERM for what cannot change under a running kernel (x86 segment
 * selectors and bases; only the condition flags of eflags/cpsr and the
 * defined bits of mxcsr change), -ENODATA for registers not held. */
extern const char gdbstub_arch_target_xml[];
extern const uint8_t gdbstub_arch_reg_size[];
int gdbstub_arch_reg_read(const struct ts_regs *r, const void *fp,
			  unsigned int regno, uint8_t *buf);
int gdbstub_arch_reg_write(struct ts_regs *r, void *fp, unsigned int regno,
			   const uint8_t *buf);

/* GDB's signal number for a fatal exception in r (signal.c: 4 SIGILL,
 * 5 SIGTRAP, 7 SIGBUS, 8 SIGFPE, 11 SIGSEGV), or 0 when r is not an
 * exception (the registers of a ts_panic() call: ts_arch_regs_capture()). */
int gdbstub_arch_fault_signal(const struct ts_regs *r);

#endif
