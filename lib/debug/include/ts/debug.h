/* Leveled messages per library, assertions and panics (lib/debug).
 *
 *   ts_log_warn("heap below %zu KiB", kib);   ->  "alloc: heap below 4 KiB"
 *   TS_ASSERT_EQ(n, 4);
 *   ts_panic("queue %p corrupt", q);
 *
 * Every message starts with the name of the library it was compiled in
 * (the build passes it as TS_LIB_NAME). Whether it prints depends on its
 * level and that library's level: the Kconfig default (LIB_DEBUG_LEVEL),
 * per-library overrides (LIB_DEBUG_LEVELS), then the kernel parameter
 * debug.level ("debug.level=alloc:debug,sched:warn", or
 * "debug.level=debug" for every library). Messages above
 * LIB_DEBUG_MAX_LEVEL are not compiled at all. */
#ifndef TS_DEBUG_H
#define TS_DEBUG_H

#include <stdint.h>

#define TS_LOG_OFF	0
#define TS_LOG_ERR	1
#define TS_LOG_WARN	2
#define TS_LOG_INFO	3
#define TS_LOG_DEBUG	4

/* Code built outside the image build (host unit tests) has no name. */
#ifndef TS_LIB_NAME
#define TS_LIB_NAME "?"
#endif

#ifdef CONFIG_LIB_DEBUG_MAX_LEVEL
#define TS_LOG_MAX_LEVEL CONFIG_LIB_DEBUG_MAX_LEVEL
#else
#define TS_LOG_MAX_LEVEL TS_LOG_DEBUG
#endif

/* The highest level any library prints at right now: one compare keeps
 * a disabled message from even calling ts_log_print(). */
extern unsigned char ts_log_threshold;

/* Print "<lib>: <message>" if lib's level lets messages of this level
 * through. Use the macros below; they pass TS_LIB_NAME. */
void ts_log_print(int level, const char *lib, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Whether lib prints messages of this level. */
int ts_log_enabled(int level, const char *lib);

#define ts_log(level, ...)                                                  \
	do {                                                                \
		if ((level) <= TS_LOG_MAX_LEVEL &&                          \
		    (level) <= ts_log_threshold)                            \
			ts_log_print(level, TS_LIB_NAME, __VA_ARGS__);      \
	} while (0)

#define ts_log_err(...)		ts_log(TS_LOG_ERR, __VA_ARGS__)
#define ts_log_warn(...)	ts_log(TS_LOG_WARN, __VA_ARGS__)
#define ts_log_info(...)	ts_log(TS_LOG_INFO, __VA_ARGS__)
#define ts_log_debug(...)	ts_log(TS_LOG_DEBUG, __VA_ARGS__)

/* Parse a level specification ("debug", "alloc:debug,sched:warn") and
 * apply it: known (library, level) pairs are set with set(), everything
 * else is reported through warn() with the offending word, and the rest
 * still applies. libs is the space-separated list of library names in
 * the image. Returns the number of problems. Pure: unit-tested on the
 * host. */
int ts_log_parse_levels(const char *spec, const char *libs,
			void (*set)(const char *lib, int len, int level,
				    void *ctx),
			void (*warn)(const char *what, const char *word,
				     int len, void *ctx),
			void *ctx);

/* "*** PANIC: <message>", then the report of a CPU exception (thread,
 * registers at the call, backtrace from the caller, last trace events)
 * and the machine stops as after a crash (exit status 127 under QEMU). */
_Noreturn void ts_panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noinline));

/* Assertions: on failure they print the expression, both values, the
 * file, line and function, then panic. Off (LIB_DEBUG_ASSERT=n), the
 * expressions are type-checked but never evaluated. */
#define TS__AKIND(x)                                                        \
	_Generic((x), _Bool: 1, char: 2, signed char: 2, short: 2, int: 2,  \
		 long: 2, long long: 2, unsigned char: 1,                   \
		 unsigned short: 1, unsigned int: 1, unsigned long: 1,      \
		 unsigned long long: 1, float: 3, double: 3,                \
		 long double: 3, default: 0)

_Noreturn void ts__assert_fail(const char *expr, const char *file, int line,
			       const char *func)
	__attribute__((noinline, cold));
_Noreturn void ts__assert_cmp_fail(const char *a_text, const char *op,
				   const char *b_text,
				   unsigned long long a, int a_kind,
				   unsigned long long b, int b_kind,
				   const char *file, int line,
				   const char *func)
	__attribute__((noinline, cold));

#ifdef CONFIG_LIB_DEBUG_ASSERT
#define TS_ASSERT(cond)                                                     \
	do {                                                                \
		if (__builtin_expect(!(cond), 0))                           \
			ts__assert_fail(#cond, __FILE__, __LINE__, __func__); \
	} while (0)

/* Each operand is evaluated once. Pointers print in hex, integers in
 * decimal; floating-point values print truncated to integers. */
#define TS__ASSERT_CMP(a, op, b)                                            \
	do {                                                                \
		__auto_type ts__a = (a);                                    \
		__auto_type ts__b = (b);                                    \
		if (__builtin_expect(!(ts__a op ts__b), 0))                 \
			ts__assert_cmp_fail(#a, #op, #b,                    \
				(unsigned long long)(long long)ts__a,       \
				TS__AKIND(ts__a),                           \
				(unsigned long long)(long long)ts__b,       \
				TS__AKIND(ts__b),                           \
				__FILE__, __LINE__, __func__);              \
	} while (0)
#else
#define TS_ASSERT(cond) ((void)sizeof(!(cond)))
#define TS__ASSERT_CMP(a, op, b) ((void)sizeof((a) op (b)))
#endif

#define TS_ASSERT_EQ(a, b)	TS__ASSERT_CMP(a, ==, b)
#define TS_ASSERT_NE(a, b)	TS__ASSERT_CMP(a, !=, b)
#define TS_ASSERT_LT(a, b)	TS__ASSERT_CMP(a, <, b)
#define TS_ASSERT_LE(a, b)	TS__ASSERT_CMP(a, <=, b)
#define TS_ASSERT_GT(a, b)	TS__ASSERT_CMP(a, >, b)
#define TS_ASSERT_GE(a, b)	TS__ASSERT_CMP(a, >=, b)

/* Where every fatal report ends (CPU exception, panic, failed
 * assertion), with the registers of the fault or of the panic's call:
 * stops the machine like a crash (ts_plat_crash()). This is the one
 * place for a debugger stub (lib/gdbstub, issue 6) to take over instead
 * of halting; nothing else stops the machine after a report. */
struct ts_regs;
_Noreturn void ts_debug_fatal_stop(struct ts_regs *regs);

/* Who takes over in ts_debug_fatal_stop() once the report is printed (a
 * debugger stub: lib/gdbstub with LIB_GDBSTUB_STOP_ON_FATAL); NULL: none.
 * When fn returns, the machine stops as without it. A pointer, so that
 * lib/debug, which every image has, depends on no debugger. */
void ts_debug_set_fatal_hook(void (*fn)(struct ts_regs *regs));

/* In that hook, for a ts_panic() or a failed assertion: the registers
 * inside ts_panic() (or the assertion's function) where it took the
 * registers of the call, every one exact (the callee-saved registers
 * of the call's may not be: the panic function's prologue ran before).
 * A debugger shows the stop there, and unwinds from it to the caller
 * with the right values in every frame. NULL before any panic. */
const struct ts_regs *ts_debug_panic_regs(void);

/* The embedded .config (LIB_DEBUG_CONFIG): the lines that set something,
 * NUL-terminated; ts_debug_config_size is its length without the NUL.
 * Defined in assembly (support/build/debug-config), so a debugger sees
 * them without a type: (const char *)&ts_debug_config. */
extern const char ts_debug_config[];
extern const uint32_t ts_debug_config_size;

#endif
