/* arm64's part of <ts/arch/regs.h>; included only from there. */
#ifndef TS_ARCH_REGS_H
#error "include <ts/arch/regs.h>, not its architecture part"
#endif

/* Byte offsets of struct ts_regs, for assembly. */
#define TS_REGS_X0	0
#define TS_REGS_X30	240
#define TS_REGS_SP	248
#define TS_REGS_PC	256
#define TS_REGS_PSTATE	264
#define TS_REGS_ESR	272
#define TS_REGS_FAR	280
#define TS_REGS_VECTOR	288
#define TS_REGS_SIZE	304	/* a multiple of 16: sp stays aligned */

/* The FP/SIMD state the entry code saves below struct ts_regs: q0-q31,
 * then FPSR and FPCR. */
#define TS_FPSTATE_SIZE	528

/* vector: which of the 16 entries of the vector table was taken, as
 * group * 4 + kind. */
#define TS_ARM64_VEC_SYNC	0
#define TS_ARM64_VEC_IRQ	1
#define TS_ARM64_VEC_FIQ	2
#define TS_ARM64_VEC_SERROR	3
#define TS_ARM64_VEC_KIND(v)	((v) & 3)
/* Current EL on SP_EL0: the normal case, code runs on SP_EL0 and the
 * exception on its own stack (SP_EL1). */
#define TS_ARM64_VEC_EL1_SP0	0
/* Current EL on SP_EL1: an exception inside an exception handler. */
#define TS_ARM64_VEC_EL1_SPX	1
#define TS_ARM64_VEC_LOWER64	2
#define TS_ARM64_VEC_LOWER32	3
#define TS_ARM64_VEC_GROUP(v)	(((v) >> 2) & 3)

#ifndef __ASSEMBLER__
/* A handler may change the fields; x0-x30, sp (for an exception taken
 * on SP_EL0), pc and pstate are restored on return. */
struct ts_regs {
	uint64_t x[31];		/* x29 is the frame pointer, x30 the LR */
	uint64_t sp;		/* the interrupted code's stack pointer */
	uint64_t pc;		/* ELR_EL1 */
	uint64_t pstate;	/* SPSR_EL1 */
	uint64_t esr;		/* ESR_EL1: class and syndrome */
	uint64_t far;		/* FAR_EL1: faulting address, if any */
	uint64_t vector;	/* TS_ARM64_VEC_* group * 4 + kind */
	uint64_t reserved;
};

_Static_assert(sizeof(struct ts_regs) == TS_REGS_SIZE, "ts_regs layout");
_Static_assert(__builtin_offsetof(struct ts_regs, x[30]) == TS_REGS_X30,
	       "ts_regs layout");
_Static_assert(__builtin_offsetof(struct ts_regs, sp) == TS_REGS_SP,
	       "ts_regs layout");
_Static_assert(__builtin_offsetof(struct ts_regs, vector) == TS_REGS_VECTOR,
	       "ts_regs layout");

static inline uint64_t ts_regs_pc(const struct ts_regs *r) { return r->pc; }
static inline uint64_t ts_regs_sp(const struct ts_regs *r) { return r->sp; }
static inline uint64_t ts_regs_fp(const struct ts_regs *r) { return r->x[29]; }
static inline void ts_regs_set_pc(struct ts_regs *r, uint64_t v) { r->pc = v; }
static inline void ts_regs_set_sp(struct ts_regs *r, uint64_t v) { r->sp = v; }
static inline void ts_regs_set_fp(struct ts_regs *r, uint64_t v) { r->x[29] = v; }

#endif /* __ASSEMBLER__ */
