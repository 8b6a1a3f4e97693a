/* What regmap.c cannot find in a trap frame because no trap changes it:
 * GDB's registers 20-23 (ds, es, fs, gs) and 57, 58 (fs_base, gs_base),
 * as the CPU holds them now. Not in regmap.c: the host unit tests and
 * fuzzers build that file (with a stand-in for this one), and rdmsr
 * faults in user mode. */
#include <stdint.h>
#include <ts/arch/tls.h>
#include <ts/arch/x86.h>
#include "gdb_arch.h"

uint64_t gdbstub_x86_live_reg(unsigned int regno)
{
	uint16_t sel = 0;

	switch (regno) {
	case 20: __asm__("mov %%ds, %0" : "=r"(sel)); break;
	case 21: __asm__("mov %%es, %0" : "=r"(sel)); break;
	case 22: __asm__("mov %%fs, %0" : "=r"(sel)); break;
	case 23: __asm__("mov %%gs, %0" : "=r"(sel)); break;
	/* Ring 0: the MSRs read directly (the FS base is the thread
	 * pointer, switched with the thread, so the stopped one's). */
	case 57: return rdmsr(TS_X86_MSR_FS_BASE);
	case 58: return rdmsr(X86_MSR_GS_BASE);
	}
	return sel;
}
