/* The Linux guest's counter frequency and power-off, shared by the
 * benchmarks' /init programs (guest.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
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

void linux_guest_die(const char *who, const char *what, const char *arg)
{
	printf("%s: error %s(%s): errno %d (%s)\n", who, what, arg, errno,
	       strerror(errno));
	linux_guest_power_off(who, 1);
}

void linux_guest_load_modules(const char *who)
{
	char name[128], path[160];
	FILE *order = fopen("/modules/order", "r");

	if (!order)
		linux_guest_die(who, "fopen", "/modules/order");
	while (fgets(name, sizeof(name), order)) {
		int fd;

		name[strcspn(name, "\n")] = 0;
		snprintf(path, sizeof(path), "/modules/%s", name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			linux_guest_die(who, "open", path);
		if (syscall(SYS_finit_module, fd, "", 0) && errno != EEXIST)
			linux_guest_die(who, "finit_module", path);
		close(fd);
	}
	fclose(order);
}
