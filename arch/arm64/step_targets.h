/* Where one A64 instruction can go next (step_targets.c), for stepping
 * with temporary breakpoints where the CPU's own single step is kept
 * from the guest (debug.c: Xen 4.17 traps MDSCR_EL1). Pure: the unit
 * test builds it on the host (tests/unit/test_arm64_step_targets.c). */
#ifndef TS_ARM64_STEP_TARGETS_H
#define TS_ARM64_STEP_TARGETS_H

#include <stdint.h>

/* The addresses the instruction insn at pc ends a step at, with x the
 * general registers x0-x30 (for BR, BLR and RET): 1 or 2 of them in
 * next[], the count returned. -1 for an instruction whose successor the
 * registers here do not tell (ERET, DRPS, the pointer-authenticating
 * branches): such a step is refused rather than let run free. */
int arm64_step_targets(uint32_t insn, uint64_t pc, const uint64_t x[31],
		       uint64_t next[2]);

#endif
