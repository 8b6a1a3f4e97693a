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

/* ---- Debug exceptions and safe memory: the stub's hardware side ------
 * (arch/<arch>/gdb_debug.c; the same declarations on every architecture.
 * Arch code must not include lib/gdbstub's header, hence its own enum.) */
#include <stdbool.h>
#include <stddef.h>

enum ts_arch_dbg_event {
	TS_ARCH_DBG_BREAK_INSN,	/* a breakpoint instruction: GDB's or ts_breakpoint() */
	TS_ARCH_DBG_STEP,	/* a single step completed */
	TS_ARCH_DBG_HWBREAK,	/* a hardware breakpoint */
	TS_ARCH_DBG_WATCH_WRITE,	/* watchpoints, by what triggered them */
	TS_ARCH_DBG_WATCH_READ,
	TS_ARCH_DBG_WATCH_ACCESS,
};

struct ts_arch_dbg_info {
	enum ts_arch_dbg_event event;
	uint64_t insn_addr;	/* BREAK_INSN: address of the instruction
				 * (x86: rip - 1; arm64: pc) */
	uint64_t data_addr;	/* WATCH_*: the watched address that hit */
};

/* The handler of every debug exception (breakpoint instruction, single
 * step, hardware breakpoint, watchpoint). It returns non-zero when it
 * handled the exception (execution resumes with *r as changed), zero to
 * let the fatal report follow. NULL uninstalls. Also clears the OS lock
 * and enables debug exceptions on arm64. */
typedef int (*ts_arch_dbg_fn)(struct ts_regs *r,
			      const struct ts_arch_dbg_info *info);
void ts_arch_dbg_set_handler(ts_arch_dbg_fn fn);

/* Execution continues after the breakpoint instruction at insn_addr
 * (a compiled-in ts_breakpoint(): x86 nothing to do, arm64 pc += 4). */
void ts_arch_dbg_skip_break(struct ts_regs *r,
			    const struct ts_arch_dbg_info *info);
/* Single-step the context r once when it is resumed (on) or not. */
void ts_arch_dbg_single_step(struct ts_regs *r, bool on);

/* Hardware breakpoints (type 1) and watchpoints (2 write, 3 read,
 * 4 access: the Z packet numbers) of len bytes at addr. Return 0,
 * -ENOSPC (no free debug register), -EINVAL (length or alignment the
 * hardware cannot watch), -ENOSYS (type not supported: x86 has no
 * read-only watchpoint), -ENOENT (remove: none there). */
int ts_arch_dbg_hw_insert(int type, uint64_t addr, uint64_t len);
int ts_arch_dbg_hw_remove(int type, uint64_t addr, uint64_t len);
void ts_arch_dbg_hw_clear(void);
/* How many hardware breakpoints and watchpoints the CPU offers. */
unsigned int ts_arch_dbg_hw_count(int type);

/* Memory on a debugger's behalf, never faulting: the page tables are
 * checked first; unmapped pages, guard pages and device memory are
 * refused. read returns the bytes read from the start (fewer when the
 * range runs into a refused page; -EFAULT when the first is refused).
 * write returns 0 or -EFAULT, writes read-only text through a temporary
 * writable alias and does the cache maintenance that code needs. */
long ts_arch_mem_read_safe(uint64_t addr, void *buf, size_t len);
int ts_arch_mem_write_safe(uint64_t addr, const void *buf, size_t len);

#endif
