/* Where the exception entry keeps the FP/SIMD state of the code a trap
 * frame interrupted (<ts/arch/debug.h>): vectors.S saves q0-q31, FPSR
 * and FPCR right below the frame. Apart from traps.c so that the host
 * unit tests can build it. */
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/debug.h>

void *ts_arch_trap_fpstate(struct ts_regs *r)
{
	if (r->vector == (uint64_t)-1)
		return NULL;
	return (uint8_t *)r - TS_FPSTATE_SIZE;
}
