/* Where the trap entry keeps the FP/SIMD state of the code a trap frame
 * interrupted (<ts/arch/debug.h>): trap_entry.S saves it with fxsave64
 * below the frame. Apart from traps.c so that the host unit tests can
 * build it. */
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/debug.h>

/* The fxsave64 area (Intel SDM vol. 1, 10.5.1). */
#define FX_SIZE		512

void *ts_arch_trap_fpstate(struct ts_regs *r)
{
	if (r->vector == (uint64_t)-1)
		return NULL;
	/* trap_entry.S: subq $512 and 16-byte alignment below the frame. */
	return (void *)(((uintptr_t)r - FX_SIZE) & ~(uintptr_t)15);
}
