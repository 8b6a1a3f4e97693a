/* The fatal-exception report's interface between arch/ and lib/debug.
 * <ts/arch/trap.h> includes it. struct ts_regs is the architecture's
 * (<ts/arch/regs.h>).
 *
 * The architecture interface (arch/README.md): nothing here is the
 * architecture's own, so there is no fault_arch.h. */
#ifndef TS_ARCH_FAULT_H
#define TS_ARCH_FAULT_H

#include <stdint.h>
#include <ts/arch/regs.h>

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

/* A function that has not saved its return address in a frame record
 * (a leaf without one, or a fault in its prologue) is missing from the
 * frame chain. Where its return address is at function entry: 1 with
 * *where the value (a register: arm64's LR), 2 with *where the stack
 * address of the slot (x86_64's top of stack; the caller checks it before
 * reading). And whether the instruction before return address ret is a
 * direct call to start: the report trusts an entry return address only
 * when it is. */
int ts_arch_entry_return(const struct ts_regs *regs, uint64_t *where);
int ts_arch_is_call_to(uint64_t ret, uint64_t start);

/* The registers at the call of this function, as if an exception had
 * happened at its return address (ts_panic()). */
void ts_arch_regs_capture(struct ts_regs *regs);

#endif
