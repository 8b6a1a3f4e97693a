/* PSCI (Arm Power State Coordination Interface, DEN0022): firmware or
 * hypervisor calls that power CPUs and the system on and off. */
#ifndef TS_ARCH_PSCI_H
#define TS_ARCH_PSCI_H

#include <stdint.h>

#define TS_PSCI_VERSION		0x84000000
#define TS_PSCI_CPU_OFF		0x84000002
#define TS_PSCI_CPU_ON_64	0xc4000003
#define TS_PSCI_SYSTEM_OFF	0x84000008
#define TS_PSCI_SYSTEM_RESET	0x84000009

#define TS_PSCI_NOT_SUPPORTED	(-1)

/* How calls reach the PSCI implementation: the device tree's /psci
 * "method" says "hvc" (a hypervisor, or QEMU without EL2) or "smc"
 * (EL3 firmware, or QEMU with EL2 given to the guest). */
enum ts_psci_conduit {
	TS_PSCI_CONDUIT_NONE,
	TS_PSCI_CONDUIT_HVC,
	TS_PSCI_CONDUIT_SMC,
};

void ts_arm64_psci_init(enum ts_psci_conduit conduit);
enum ts_psci_conduit ts_arm64_psci_conduit(void);

/* One call (SMC Calling Convention, 64-bit): x0 = function, x1-x3 =
 * arguments, result in x0. TS_PSCI_NOT_SUPPORTED without a conduit. */
int64_t ts_arm64_psci_call(uint32_t fn, uint64_t a1, uint64_t a2,
			   uint64_t a3);

#endif
