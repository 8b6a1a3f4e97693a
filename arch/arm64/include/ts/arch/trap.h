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

/* The report of a fatal exception: <ts/arch/fault.h>. */
#include <ts/arch/fault.h>

#endif
