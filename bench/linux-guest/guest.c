/* The Linux guest's counter frequency and power-off, shared by the
 * benchmarks' /init programs (guest.h). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <time.h>
#include <unistd.h>
#include "guest.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* arm64 could read CNTFRQ_EL0; one way for both keeps it simple. */
uint64_t linux_guest_counter_hz(void)
{
	uint64_t t0 = now_ns(), c0 = linux_guest_ticks(), t1, c1;

	do {
		t1 = now_ns();
		c1 = linux_guest_ticks();
	} while (t1 - t0 < 200000000u);
	return (uint64_t)((double)(c1 - c0) * 1e9 / (double)(t1 - t0));
}

void linux_guest_power_off(const char *who, int status)
{
	printf("%s: exit %d\n", who, status);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	/* Only if the kernel refused: init exiting panics the kernel,
	 * which panic=-1 and QEMU's -no-reboot turn into QEMU's exit. */
	exit(status);
}
