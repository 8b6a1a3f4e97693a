/* AT_HWCAP on arm64: HWCAP_FP | HWCAP_ASIMD, which every ARMv8-A core
 * Tessera runs on has (the kernel saves their registers per thread).
 * musl reads no other bit on aarch64. */
#include "start.h"

unsigned long musl_hwcap(void)
{
	return (1ul << 0) | (1ul << 1);
}
