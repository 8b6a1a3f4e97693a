/* The successor of an A64 instruction (step_next.h). Only the branches
 * change the flow; every other instruction, exception-generating ones
 * included (SVC, HVC, SMC and BRK return to or report at the next one),
 * goes on at pc + 4. Encodings and condition codes: Arm ARM C4.1.65
 * ("Branches, Exception Generating and System instructions") and C1.2.4
 * (condition code). */
#include <stdbool.h>
#include "step_next.h"

#define PSTATE_N	(1ULL << 31)
#define PSTATE_Z	(1ULL << 30)
#define PSTATE_C	(1ULL << 29)
#define PSTATE_V	(1ULL << 28)

/* A bits wide field v, sign-extended, in units of one instruction. */
static uint64_t offset(uint32_t v, unsigned int bits)
{
	int64_t s = (int64_t)((uint64_t)v << (64 - bits)) >> (64 - bits);

	return (uint64_t)s * 4;
}

/* Register n as a branch reads it: 31 is the zero register. */
static uint64_t reg(const uint64_t x[31], unsigned int n)
{
	return n == 31 ? 0 : x[n];
}

/* Does condition cond (0-15) hold for these flags? */
static bool holds(unsigned int cond, uint64_t pstate)
{
	bool n = pstate & PSTATE_N, z = pstate & PSTATE_Z;
	bool c = pstate & PSTATE_C, v = pstate & PSTATE_V, r;

	switch (cond >> 1) {
	case 0: r = z; break;			/* EQ */
	case 1: r = c; break;			/* CS */
	case 2: r = n; break;			/* MI */
	case 3: r = v; break;			/* VS */
	case 4: r = c && !z; break;		/* HI */
	case 5: r = n == v; break;		/* GE */
	case 6: r = n == v && !z; break;	/* GT */
	default: return true;			/* AL, NV */
	}
	return cond & 1 ? !r : r;
}

int arm64_step_next(uint32_t insn, uint64_t pc, const uint64_t x[31],
		    uint64_t pstate, uint64_t *next)
{
	unsigned int rt = insn & 31, rn = (insn >> 5) & 31;
	bool taken;

	*next = pc + 4;
	/* B, BL: imm26. */
	if ((insn & 0x7c000000) == 0x14000000) {
		*next = pc + offset(insn & 0x3ffffff, 26);
		return 0;
	}
	/* B.cond and BC.cond: imm19 at bit 5, the condition in bits 0-3. */
	if ((insn & 0xff000000) == 0x54000000) {
		if (holds(insn & 15, pstate))
			*next = pc + offset((insn >> 5) & 0x7ffff, 19);
		return 0;
	}
	/* CBZ, CBNZ (bit 24), of Wt or Xt (bit 31): imm19 at bit 5. */
	if ((insn & 0x7e000000) == 0x34000000) {
		uint64_t v = reg(x, rt);

		if (!(insn >> 31))
			v = (uint32_t)v;
		taken = (v == 0) != ((insn >> 24) & 1);
		if (taken)
			*next = pc + offset((insn >> 5) & 0x7ffff, 19);
		return 0;
	}
	/* TBZ, TBNZ (bit 24): bit b5:b40 of Rt; imm14 at bit 5. */
	if ((insn & 0x7e000000) == 0x36000000) {
		unsigned int bit = ((insn >> 26) & 32) | ((insn >> 19) & 31);

		taken = ((reg(x, rt) >> bit) & 1) == ((insn >> 24) & 1);
		if (taken)
			*next = pc + offset((insn >> 5) & 0x3fff, 14);
		return 0;
	}
	/* BR, BLR, RET Xn: opc 0-2 in bits 21-22, the rest fixed. */
	if ((insn & 0xff9ffc1f) == 0xd61f0000 && ((insn >> 21) & 3) != 3) {
		*next = reg(x, rn);
		return 0;
	}
	/* The rest of "unconditional branch (register)": ERET, DRPS and
	 * the pointer-authenticating forms, whose targets need ELR or a
	 * key this code does not have. */
	if ((insn & 0xfe000000) == 0xd6000000)
		return -1;
	return 0;
}
