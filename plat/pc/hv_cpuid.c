/* Finding a hypervisor's CPUID leaves by their signature. Kept apart
 * from the CPU (the cpuid function is a parameter) so that the search
 * runs in tests/unit on given register values. */
#include <stdint.h>
#include <string.h>
#include <ts/pc.h>

#define HV_FIRST	0x40000000U
#define HV_STRIDE	0x100U
#define HV_RANGES	256U	/* 0x40000000 .. 0x4000ff00 */

uint32_t ts_pc_hypervisor_base(const char *sig, uint32_t min_leaves,
			       ts_pc_cpuid_fn *cpuid)
{
	uint32_t n, r[4];

	if (min_leaves == 0)
		min_leaves = 1;
	for (n = 0; n < HV_RANGES; n++) {
		uint32_t base = HV_FIRST + n * HV_STRIDE;

		cpuid(base, 0, r);
		/* EAX: the highest leaf of this range. Outside the range
		 * (a CPU without hypervisor leaves echoes a basic leaf's
		 * values) it is no hypervisor's. */
		if (r[0] < base || r[0] >= base + HV_STRIDE ||
		    r[0] - base < min_leaves - 1)
			continue;
		if (!memcmp(&r[1], sig, 4) && !memcmp(&r[2], sig + 4, 4) &&
		    !memcmp(&r[3], sig + 8, 4))
			return base;
	}
	return 0;
}
