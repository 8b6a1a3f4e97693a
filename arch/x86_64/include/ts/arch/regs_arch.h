/* x86_64's part of <ts/arch/regs.h>; included only from there. */
#ifndef TS_ARCH_REGS_H
#error "include <ts/arch/regs.h>, not its architecture part"
#endif

/* Byte offsets of struct ts_regs, for assembly. */
#define TS_REGS_R15	0
#define TS_REGS_RAX	112
#define TS_REGS_VECTOR	120
#define TS_REGS_ERROR	128
#define TS_REGS_RIP	136
#define TS_REGS_CS	144
#define TS_REGS_RFLAGS	152
#define TS_REGS_RSP	160
#define TS_REGS_SS	168
#define TS_REGS_SIZE	176

#ifndef __ASSEMBLER__
/* Layout of the trap stack frame: general registers pushed by the
 * entry code, then the vector number and error code (0 when the CPU
 * pushes none), then the frame the CPU pushed. A handler may change
 * the fields; they are restored on return (rsp/ss through iretq). */
struct ts_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct ts_regs) == TS_REGS_SIZE, "ts_regs layout");
_Static_assert(__builtin_offsetof(struct ts_regs, rax) == TS_REGS_RAX,
	       "ts_regs layout");
_Static_assert(__builtin_offsetof(struct ts_regs, rip) == TS_REGS_RIP,
	       "ts_regs layout");

static inline uint64_t ts_regs_pc(const struct ts_regs *r) { return r->rip; }
static inline uint64_t ts_regs_sp(const struct ts_regs *r) { return r->rsp; }
static inline uint64_t ts_regs_fp(const struct ts_regs *r) { return r->rbp; }
static inline void ts_regs_set_pc(struct ts_regs *r, uint64_t v) { r->rip = v; }
static inline void ts_regs_set_sp(struct ts_regs *r, uint64_t v) { r->rsp = v; }
static inline void ts_regs_set_fp(struct ts_regs *r, uint64_t v) { r->rbp = v; }

#endif /* __ASSEMBLER__ */
