/* The Linux guest's counter on arm64: the generic timer's virtual
 * count, which Linux lets user space read (the benchmarks build this
 * file for that target only; the image never does). */
#include <stdint.h>
#include "guest.h"

uint64_t linux_guest_ticks(void)
{
	uint64_t v;

	/* isb: the read waits for the loop's last call. */
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}
