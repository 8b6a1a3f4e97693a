/* What the CPU needs before any exception can be reported. The boot
 * code (entry.S) did the same before the first C function ran; doing it
 * here again keeps the state owned by C code that a debugger stub or a
 * future secondary-CPU path can call. */
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/cpu.h>
#include "internal.h"

#define CPACR_FPEN	(3ULL << 20)	/* no FP/SIMD traps at EL1/EL0 */

void ts_arch_init(void)
{
	ts_arm64_write_sysreg(vbar_el1, (uintptr_t)ts_arm64_vectors);
	ts_arm64_write_sysreg(cpacr_el1, CPACR_FPEN);
	ts_arm64_isb();
}
