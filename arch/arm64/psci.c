/* PSCI calls through the conduit the device tree names. */
#include <stdint.h>
#include <ts/arch/psci.h>

static enum ts_psci_conduit conduit;

void ts_arm64_psci_init(enum ts_psci_conduit c)
{
	conduit = c;
}

enum ts_psci_conduit ts_arm64_psci_conduit(void)
{
	return conduit;
}

int64_t ts_arm64_psci_call(uint32_t fn, uint64_t a1, uint64_t a2,
			   uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	/* SMC Calling Convention 1.0: x4-x17 may be changed too. */
	if (conduit == TS_PSCI_CONDUIT_HVC)
		__asm__ __volatile__("hvc #0"
				     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				     :: "x4", "x5", "x6", "x7", "x8", "x9",
				        "x10", "x11", "x12", "x13", "x14",
				        "x15", "x16", "x17", "memory");
	else if (conduit == TS_PSCI_CONDUIT_SMC)
		__asm__ __volatile__("smc #0"
				     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				     :: "x4", "x5", "x6", "x7", "x8", "x9",
				        "x10", "x11", "x12", "x13", "x14",
				        "x15", "x16", "x17", "memory");
	else
		return TS_PSCI_NOT_SUPPORTED;
	return (int64_t)x0;
}
