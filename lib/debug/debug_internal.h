/* Shared by the files of lib/debug only. */
#ifndef TS_DEBUG_INTERNAL_H
#define TS_DEBUG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

struct ts_regs;

/* For what runs only while the image dies (the fault and panic report,
 * everything below but log.c's): GCC optimizes cold functions for size
 * and puts them apart from the code that runs (.text.unlikely), and
 * calls to them count as unlikely paths. */
#define DEBUG_COLD __attribute__((cold))

/* log.c: the value of the kernel parameter debug.level, and working out
 * the levels once it is applied (log_param.c's init function). */
extern const char *ts_debug_level_arg;
void ts_debug_log_setup(void);

/* where.c: what the report knows about memory. A stack is [lo, hi) with
 * an unmapped guard [guard_lo, lo) below it (guard_lo == lo: none). */
struct debug_stack {
	const char *name;
	uintptr_t guard_lo, lo, hi;
};

/* Ask the scheduler for the running thread (once per report). */
DEBUG_COLD void debug_load_context(void);
/* The running thread's name and stack, or 0 when none. */
DEBUG_COLD const struct debug_stack *debug_thread(const char **name);
/* The stack whose guard page holds a, or NULL. */
DEBUG_COLD const struct debug_stack *debug_guard_of(uint64_t a);
/* What lives at a, in words, or NULL. */
DEBUG_COLD const char *debug_where(uint64_t a);
/* Is [a, a + len) in RAM (the platform's memory map)? */
DEBUG_COLD int debug_in_ram(uint64_t a, uint64_t len);
DEBUG_COLD int debug_in_text(uint64_t a);
/* Whether [a, a + len) lies inside one known stack, out of its guard,
 * in RAM: safe to read. */
DEBUG_COLD int debug_in_stack(uint64_t a, uint64_t len);

/* symbols_words.c: "name+0x1c", "?" outside any function. */
DEBUG_COLD const char *debug_symbol_words(uint64_t addr, char *buf,
				      unsigned long len);

/* unwind.c: the backtrace lines, starting at pc (a return address when
 * pc_is_return: a panic's caller) and following the frame records from
 * fp; r (an exception's registers, or NULL) finds the caller of a
 * function that faulted in its prologue. */
struct ts_regs;
DEBUG_COLD void debug_backtrace(const struct ts_regs *r, uint64_t pc,
				uint64_t fp, int pc_is_return);

/* report.c: the report after its first line (title printed by the
 * caller), for an exception (is_exception) or a panic. */
DEBUG_COLD void debug_report_body(struct ts_regs *regs, int is_exception);
/* Count a report in progress: 1 for the first, more for a fault inside
 * a report. */
int debug_enter_report(void);

#endif
