/* The Linux guest's counter on x86_64: the TSC, as ts_plat_ticks()
 * reads it in the image (the benchmarks build this file for that
 * target only; the image never does). */
#include <stdint.h>
#include "guest.h"

uint64_t linux_guest_ticks(void)
{
	uint32_t lo, hi;

	/* lfence: the read waits for the loop's last call. */
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}
