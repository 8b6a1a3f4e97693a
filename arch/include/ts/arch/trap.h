/* CPU exceptions: a hook per exception kind, and the fatal-exception
 * report (<ts/arch/fault.h>) for whatever no hook takes.
 *
 * The architecture interface (arch/README.md): this header declares,
 * <ts/arch/trap_arch.h> of arch/<arch>/include adds the exception
 * numbers (x86_64: vectors TS_X86_VEC_*; arm64: exception classes
 * TS_ARM64_EC_*, ESR_EL1.EC). Include this one. */
#ifndef TS_ARCH_TRAP_H
#define TS_ARCH_TRAP_H

#include <stdint.h>
#include <ts/arch/regs.h>

/* A hook for one kind of exception (a debugger stub takes the
 * breakpoint, step and watchpoint ones). It returns non-zero when it
 * handled the exception: execution then resumes with the (possibly
 * changed) registers. Zero means "not mine": the fatal report follows.
 * For a breakpoint instruction the architecture part says where the pc
 * points. */
typedef int (*ts_arch_trap_fn)(struct ts_regs *regs);

/* Set the hook of exception kind which: an exception vector (0-31) on
 * x86_64, an exception class of synchronous exceptions on arm64.
 * Returns the previous hook. */
ts_arch_trap_fn ts_arch_trap_set_handler(unsigned int which,
					 ts_arch_trap_fn fn);

#include <ts/arch/trap_arch.h>

/* The report of a fatal exception. */
#include <ts/arch/fault.h>

#endif
