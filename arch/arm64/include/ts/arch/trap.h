/* CPU exceptions (arm64): exception classes and handler hooks. */
#ifndef TS_ARCH_TRAP_H
#define TS_ARCH_TRAP_H

#include <stdint.h>
#include <ts/arch/regs.h>

/* Exception classes (ESR_EL1.EC) a handler may want. */
#define TS_ARM64_EC_UNKNOWN	0x00	/* undefined instruction */
#define TS_ARM64_EC_FP_ACCESS	0x07	/* FP/SIMD access trapped */
#define TS_ARM64_EC_ILLEGAL	0x0e	/* illegal execution state */
#define TS_ARM64_EC_SVC64	0x15
#define TS_ARM64_EC_HVC64	0x16
#define TS_ARM64_EC_SMC64	0x17
#define TS_ARM64_EC_SYS64	0x18	/* MSR, MRS or system instruction */
#define TS_ARM64_EC_IABT_LOW	0x20	/* instruction abort, lower EL */
#define TS_ARM64_EC_IABT_CUR	0x21	/* instruction abort, same EL */
#define TS_ARM64_EC_PC_ALIGN	0x22
#define TS_ARM64_EC_DABT_LOW	0x24	/* data abort, lower EL */
#define TS_ARM64_EC_DABT_CUR	0x25	/* data abort, same EL */
#define TS_ARM64_EC_SP_ALIGN	0x26
#define TS_ARM64_EC_FP_EXC64	0x2c
#define TS_ARM64_EC_SERROR	0x2f
#define TS_ARM64_EC_BKPT_LOW	0x30	/* hardware breakpoint */
#define TS_ARM64_EC_BKPT_CUR	0x31
#define TS_ARM64_EC_STEP_LOW	0x32	/* software step */
#define TS_ARM64_EC_STEP_CUR	0x33
#define TS_ARM64_EC_WATCH_LOW	0x34	/* watchpoint */
#define TS_ARM64_EC_WATCH_CUR	0x35
#define TS_ARM64_EC_BRK64	0x3c	/* brk instruction */
#define TS_ARM64_NR_EC		64

#define TS_ARM64_ESR_EC(esr)	(((esr) >> 26) & 0x3f)
#define TS_ARM64_ESR_ISS(esr)	((esr) & 0x1ffffff)

/* A hook for one exception class of synchronous exceptions (a debugger
 * stub takes BRK64, the step and the watchpoint classes). It returns
 * non-zero when it handled the exception: execution then resumes with
 * the (possibly changed) registers; for brk, pc still points at the
 * brk instruction, so the hook must step over it. Zero means "not
 * mine": the crash report follows. Returns the previous hook. */
typedef int (*ts_arch_trap_fn)(struct ts_regs *regs);
ts_arch_trap_fn ts_arch_trap_set_handler(unsigned int ec, ts_arch_trap_fn fn);

/* The thread a report names. lib/sched implements the hook: it fills t
 * for the running thread and returns 0, or returns -1 while no thread
 * runs. The report refers to it weakly, so images without a scheduler
 * name no thread. */
struct ts_fault_thread {
	const char *name;
	uintptr_t stack_lo, stack_hi;	/* the stack [lo, hi) */
	uintptr_t guard_lo, guard_hi;	/* its unmapped guard, or 0, 0 */
};
int ts_sched_fault_thread(struct ts_fault_thread *t);

/* The report of a fatal exception belongs to lib/debug, one report for
 * every architecture: the trap code hands it every exception that no
 * hook took, and it does not return. The report asks the architecture
 * back, through the functions below, for what only the architecture
 * knows. That function is the only one of lib/debug that arch/ calls:
 * no link-time cycle. */
_Noreturn void ts_debug_fatal_exception(struct ts_regs *regs);

/* What the report lends the architecture's cause lines: what lives at
 * an address in words (NULL: nothing known), and an address as
 * "function+0x1c" ("?" when unknown). */
struct ts_fault_words {
	const char *(*where)(uint64_t addr);
	const char *(*symbol)(uint64_t addr, char *buf, unsigned long len);
};

/* The report's first line after "*** CPU exception: ". */
void ts_arch_fault_title(const struct ts_regs *regs, char *buf,
			 unsigned long len);
/* The data address the exception is about (page fault, abort): 0 with
 * *addr set, or -1. */
int ts_arch_fault_address(const struct ts_regs *regs, uint64_t *addr);
/* The cause in words: indented lines. */
void ts_arch_fault_describe(const struct ts_regs *regs,
			    const struct ts_fault_words *words);
/* Every register: indented lines. */
void ts_arch_regs_print(const struct ts_regs *regs);
/* For a fault inside the report: the rest of one line, written with
 * ts_plat_console_puts/puthex only (no C library). */
void ts_arch_fault_raw(const struct ts_regs *regs);
/* What lives at addr that only the architecture can tell (an address
 * the CPU cannot use at all), or NULL. */
const char *ts_arch_addr_words(uint64_t addr);

/* The stacks the architecture owns (boot stack, exception stacks), for
 * the backtrace's checks and the report's words. A stack is [lo, hi)
 * with an unmapped guard [guard_lo, lo) below it (guard_lo == lo when
 * it has none). Returns how many; *stacks points to a static table. */
struct ts_arch_stack {
	const char *name;
	uintptr_t guard_lo, lo, hi;
};
int ts_arch_stacks(const struct ts_arch_stack **stacks);

/* The registers at the call of this function, as if an exception had
 * happened at its return address (ts_panic()). */
void ts_arch_regs_capture(struct ts_regs *regs);

#endif
