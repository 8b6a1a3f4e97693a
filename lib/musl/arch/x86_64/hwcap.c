/* AT_HWCAP on x86_64, as Linux gives it: CPUID leaf 1's EDX. */
#include <cpuid.h>
#include "start.h"

unsigned long musl_hwcap(void)
{
	unsigned int a, b, c, d;

	return __get_cpuid(1, &a, &b, &c, &d) ? d : 0;
}
