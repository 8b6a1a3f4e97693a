/* The successors of an A64 instruction (step_targets.h). Only the
 * branches change the flow; every other instruction, exception-
 * generating ones included (SVC, HVC, SMC and BRK return to or report
 * at the next one), goes on at pc + 4. Encodings: Arm ARM C4.1.65
 * ("Branches, Exception Generating and System instructions"). */
#include "step_targets.h"

/* bits wide field v, sign-extended, in units of one instruction. */
static uint64_t offset(uint32_t v, unsigned int bits)
{
	int64_t s = (int64_t)((uint64_t)v << (64 - bits)) >> (64 - bits);

	return (uint64_t)s * 4;
}

static int two(uint64_t pc, uint64_t taken, uint64_t next[2])
{
	next[0] = pc + 4;
	next[1] = taken;
	return taken == pc + 4 ? 1 : 2;
}

int arm64_step_targets(uint32_t insn, uint64_t pc, const uint64_t x[31],
		       uint64_t next[2])
{
	unsigned int rn = (insn >> 5) & 31;

	next[0] = pc + 4;
	/* B, BL: imm26. */
	if ((insn & 0x7c000000) == 0x14000000) {
		next[0] = pc + offset(insn & 0x3ffffff, 26);
		return 1;
	}
	/* B.cond and BC.cond: imm19 at bit 5. */
	if ((insn & 0xff000000) == 0x54000000)
		return two(pc, pc + offset((insn >> 5) & 0x7ffff, 19), next);
	/* CBZ, CBNZ (32 and 64 bits): imm19 at bit 5. */
	if ((insn & 0x7e000000) == 0x34000000)
		return two(pc, pc + offset((insn >> 5) & 0x7ffff, 19), next);
	/* TBZ, TBNZ: imm14 at bit 5. */
	if ((insn & 0x7e000000) == 0x36000000)
		return two(pc, pc + offset((insn >> 5) & 0x3fff, 14), next);
	/* BR, BLR, RET Xn: opc 0-2 in bits 21-22, the rest fixed. Xn 31
	 * is the zero register here. */
	if ((insn & 0xff9ffc1f) == 0xd61f0000 && ((insn >> 21) & 3) != 3) {
		next[0] = rn == 31 ? 0 : x[rn];
		return 1;
	}
	/* The rest of "unconditional branch (register)": ERET, DRPS and
	 * the pointer-authenticating forms, whose targets need ELR or a
	 * key this code does not have. */
	if ((insn & 0xfe000000) == 0xd6000000)
		return -1;
	return 1;
}
