/* /init of bench/syscall's Linux guest: the loops of loops.c, through
 * the C library's getpid() and write() (musl when bench/syscall builds
 * this with musl-gcc), then power off. Not part of the image; built
 * static for the host (x86_64) or with the arm64 cross compiler.
 *
 * Prints what the image prints ("syscallbench: hz", the loops' lines,
 * "syscallbench: done"); the write loops write to /dev/null (write0 no
 * byte, as in the image; write1 one byte, which Linux's /dev/null costs
 * the same: it never reads the buffer).
 *
 * usage (kernel command line): ... -- [CALLS [REPS]] */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <time.h>
#include <unistd.h>
#include "calls.h"
#include "loops.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The counter's frequency, against the kernel's clock over 200 ms
 * (arm64 could read CNTFRQ_EL0; one way for both keeps it simple). */
static uint64_t counter_hz(void)
{
	uint64_t t0 = now_ns(), c0 = bench_ticks(), t1, c1;

	do {
		t1 = now_ns();
		c1 = bench_ticks();
	} while (t1 - t0 < 200000000u);
	return (uint64_t)((double)(c1 - c0) * 1e9 / (double)(t1 - t0));
}

static void power_off(int status)
{
	printf("syscallbench: exit %d\n", status);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	/* Only if the kernel refused: init exiting panics the kernel,
	 * which panic=-1 and QEMU's -no-reboot turn into QEMU's exit. */
	exit(status);
}

int main(int argc, char *argv[])
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	int reps = argc > 2 ? atoi(argv[2]) : 5;
	int fd;

	if (n < 1 || reps < 1) {
		printf("usage: init [CALLS [REPS]]\n");
		power_off(2);
	}
	fd = open("/dev/null", O_WRONLY);
	if (fd < 0) {
		perror("syscallbench: error /dev/null");
		power_off(1);
	}
	printf("syscallbench: hz %llu\n", (unsigned long long)counter_hz());
	if (syscallbench_run(n, reps, fd, 1))
		power_off(1);
	printf("syscallbench: done\n");
	power_off(0);
	return 0;
}
