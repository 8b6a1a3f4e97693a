/* The CPU's debug facilities, the same on every architecture and for any
 * library (lib/gdbstub is the first user; each arch implements them in
 * arch/<arch>/debug.c, hw_breakpoints.c, mem_safe.c, ctx_regs.c,
 * trap_fpstate.c, always built: an image that calls none of them keeps
 * none of them after --gc-sections): debug exceptions (breakpoint
 * instruction, single step, hardware breakpoints and watchpoints), memory
 * access that never faults, and the registers of interrupted and
 * switched-out code. Arch code must not include a library's header, hence
 * an enum of its own. GDB's view of the same CPU (register numbering,
 * target description, signals) is lib/gdbstub's: lib/gdbstub/arch/. */
#ifndef TS_ARCH_DEBUG_H
#define TS_ARCH_DEBUG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/regs.h>

/* The FP/SIMD state the exception entry saved beside trap frame r (x86:
 * the fxsave64 area below it; arm64: q0-q31, fpsr, fpcr below it),
 * restored when r returns; NULL when r is no trap frame (the registers
 * of ts_arch_regs_capture() or ts_arch_ctx_regs(), marked by vector -1). */
void *ts_arch_trap_fpstate(struct ts_regs *r);

enum ts_arch_dbg_event {
	TS_ARCH_DBG_BREAK_INSN,	/* a breakpoint instruction: a debugger's,
				 * or ts_breakpoint() */
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
/* Single-step the context r once when it is resumed (on) or not.
 * 0, or (on) -ENOSYS where the step cannot be done (arm64 under a
 * hypervisor that keeps the debug registers, where steps are emulated
 * with brk: an ERET or a pointer-authenticating branch), -EFAULT where
 * the instruction cannot be read. */
int ts_arch_dbg_single_step(struct ts_regs *r, bool on);

/* Hardware breakpoints (type 1) and watchpoints (2 write, 3 read,
 * 4 access: the Z packet numbers) of len bytes at addr. Return 0,
 * -ENOSPC (no free debug register), -EINVAL (length or alignment the
 * hardware cannot watch), -ENOSYS (type not supported: x86 has no
 * read-only watchpoint), -ENOENT (remove: none there). */
int ts_arch_dbg_hw_insert(int type, uint64_t addr, uint64_t len);
int ts_arch_dbg_hw_remove(int type, uint64_t addr, uint64_t len);
void ts_arch_dbg_hw_clear(void);
/* How many hardware breakpoints and watchpoints the CPU offers: 0 where
 * a hypervisor keeps the debug registers from the guest (arm64 under
 * Xen), and inserts then fail with -ENOSYS. */
unsigned int ts_arch_dbg_hw_count(int type);

/* While a stub serves GDB, none of the program's debug events may fire
 * in the stub's own code: GDB reads the watched variable at a watchpoint
 * stop, a hardware breakpoint may be on a function the stub calls, a
 * step must step the program, not the stub. ts_arch_dbg_stub_enter()
 * holds them (x86: DR7 off, the debug registers kept; arm64: PSTATE.D
 * set, which masks breakpoint, watchpoint and step exceptions; brk and
 * int3 still trap), ts_arch_dbg_stub_leave() puts them back as they are
 * set by then (inserts and removes while held take effect on leave).
 * Pairs nest: the outermost leave puts them back. x86's debug-exception
 * entry holds them itself (trap_entry.S clears DR7), as arm64's
 * exception entry masks them. */
void ts_arch_dbg_stub_enter(void);
void ts_arch_dbg_stub_leave(void);

/* Memory on a debugger's behalf, never faulting: the page tables are
 * checked first; unmapped pages, guard pages and device memory are
 * refused. read returns the bytes read from the start (fewer when the
 * range runs into a refused page; -EFAULT when the first is refused).
 * write returns 0 or -EFAULT, writes read-only text through a temporary
 * writable alias and does the cache maintenance that code needs. */
long ts_arch_mem_read_safe(uint64_t addr, void *buf, size_t len);
int ts_arch_mem_write_safe(uint64_t addr, const void *buf, size_t len);

/* The registers of the code the interrupt being handled interrupted, or
 * NULL outside an interrupt handler. A timer callback that sees Ctrl-C
 * from GDB reports the stop with these, so GDB shows where the program
 * was (a busy loop), not the timer code. */
struct ts_regs *ts_arch_dbg_irq_regs(void);

/* The registers a thread that is not running left in its switch frame
 * (<ts/arch/ctx.h>): pc, sp, frame pointer and the callee-saved ones;
 * the others are 0 (a switch is a call: they are dead). */
struct ts_arch_ctx;
void ts_arch_ctx_regs(const struct ts_arch_ctx *ctx, struct ts_regs *r);

#endif
