/* CPU exception vectors and handler hooks (x86_64). */
#ifndef TS_ARCH_TRAP_H
#define TS_ARCH_TRAP_H

#include <stdint.h>
#include <ts/arch/regs.h>

#define TS_X86_VEC_DE	0	/* divide error */
#define TS_X86_VEC_DB	1	/* debug */
#define TS_X86_VEC_NMI	2
#define TS_X86_VEC_BP	3	/* breakpoint (int3) */
#define TS_X86_VEC_OF	4
#define TS_X86_VEC_BR	5
#define TS_X86_VEC_UD	6	/* invalid opcode */
#define TS_X86_VEC_NM	7
#define TS_X86_VEC_DF	8	/* double fault */
#define TS_X86_VEC_TS	10
#define TS_X86_VEC_NP	11
#define TS_X86_VEC_SS	12
#define TS_X86_VEC_GP	13	/* general protection */
#define TS_X86_VEC_PF	14	/* page fault */
#define TS_X86_VEC_MF	16
#define TS_X86_VEC_AC	17
#define TS_X86_VEC_MC	18	/* machine check */
#define TS_X86_VEC_XM	19
#define TS_X86_NR_EXCEPTIONS 32

/* A hook for one exception vector (a debugger stub takes #DB and #BP).
 * It returns non-zero when it handled the exception: execution then
 * resumes with the (possibly changed) registers. Zero means "not mine":
 * the crash report follows. Returns the previous hook. */
typedef int (*ts_arch_trap_fn)(struct ts_regs *regs);
ts_arch_trap_fn ts_arch_trap_set_handler(unsigned int vector,
					 ts_arch_trap_fn fn);

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
