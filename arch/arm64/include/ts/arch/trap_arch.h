/* arm64's part of <ts/arch/trap.h>; included only from there: the
 * exception numbers hooks are set for. */
#ifndef TS_ARCH_TRAP_H
#error "include <ts/arch/trap.h>, not its architecture part"
#endif

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

/* A hook for TS_ARM64_EC_BRK64 finds pc still at the brk instruction: it
 * must step over it. */
