/* Where one A64 instruction goes next (step_next.c), for stepping with a
 * temporary breakpoint where the CPU's own single step is kept from the
 * guest (debug.c: Xen 4.17 traps MDSCR_EL1). Pure: the unit test builds
 * it on the host (tests/unit/test_arm64_step_next.c). */
#ifndef TS_ARM64_STEP_NEXT_H
#define TS_ARM64_STEP_NEXT_H

#include <stdint.h>

/* The address the instruction insn at pc hands over to, with x the
 * general registers x0-x30 and pstate the saved PSTATE (its NZCV flags):
 * conditional branches are decided as the CPU will decide them, so
 * there is one address, into *next, and 0 is returned. -1 for an
 * instruction whose successor these do not tell (ERET, DRPS, the
 * pointer-authenticating branches): such a step is refused rather than
 * let run free. */
int arm64_step_next(uint32_t insn, uint64_t pc, const uint64_t x[31],
		    uint64_t pstate, uint64_t *next);

#endif
