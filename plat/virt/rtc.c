/* QEMU virt's real-time clock, an Arm PL031 ("arm,pl031" in the device
 * tree): the date at boot, for lib/time's wall clock. QEMU sets it from
 * the host's clock (UTC). Without it the wall clock started at 1970 at
 * boot, and a program starting within the first second saw the same
 * second as the zeroed caches it keeps per second (nginx crashed on its
 * first log line: its cached time string was never made). */
#include <stdint.h>
#include <ts/plat/time.h>
#include "virt.h"

#define RTCDR	0x000	/* data register: seconds since 1970 */

static uint64_t rtc_base;

void virt_rtc_found(uint64_t base)
{
	rtc_base = base;
}

uint64_t ts_plat_wall_clock_ns(void)
{
	if (!rtc_base)
		return 0;
	return (uint64_t)*(volatile uint32_t *)(uintptr_t)(rtc_base + RTCDR) *
	       1000000000ULL;
}
