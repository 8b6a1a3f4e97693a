/* Cores 1-3. The firmware (and QEMU, for a raw kernel8.img) leaves them
 * in a loop that waits for an address in a spin table in page 0 (the
 * device tree's "cpu-release-addr": 0xe0, 0xe8, 0xf0) and jumps there.
 * Until there is SMP support they are sent to raspi_park_core (park.S)
 * and stay there. A core that was started at the entry anyway (an ELF
 * kernel under QEMU) never gets here: the boot code parked it. */
#include <stdint.h>
#include <ts/arch/arm64.h>
#include "raspi.h"

#define SPIN_TABLE	0xd8UL	/* core n's entry: SPIN_TABLE + 8 * n */
#define NR_CORES	4

void raspi_park_core(void);

void raspi_cores_park(void)
{
	uintptr_t a;
	unsigned int n;

	/* Runs with the boot map, in which page 0 is RAM. */
	for (n = 1; n < NR_CORES; n++) {
		a = SPIN_TABLE + 8 * n;
		/* Hide the constant from the compiler, which takes any
		 * pointer into page 0 for an out-of-bounds NULL. */
		__asm__("" : "+r"(a));
		ts_mmio_write64(a, (uintptr_t)raspi_park_core);
		/* The waiting cores read with their caches off: the
		 * address must reach memory. */
		__asm__ __volatile__("dc civac, %0" :: "r"(a) : "memory");
	}
	ts_arm64_dsb_sy();
	__asm__ __volatile__("sev" ::: "memory");
}
