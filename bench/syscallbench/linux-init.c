/* /init of bench/syscall's Linux guest: the loops of loops.c, through
 * the C library's getpid() and write() (musl when bench/syscall builds
 * this with musl-gcc), then power off. Not part of the image; built
 * static for the host (x86_64) or with the arm64 cross compiler, with
 * bench/linux-guest's counter and power-off (guest.h).
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
#include "calls.h"
#include "guest.h"
#include "loops.h"

int main(int argc, char *argv[])
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	int reps = argc > 2 ? atoi(argv[2]) : 5;
	int fd;

	if (n < 1 || reps < 1) {
		printf("usage: init [CALLS [REPS]]\n");
		linux_guest_power_off("syscallbench", 2);
	}
	fd = open("/dev/null", O_WRONLY);
	if (fd < 0) {
		perror("syscallbench: error /dev/null");
		linux_guest_power_off("syscallbench", 1);
	}
	printf("syscallbench: hz %llu\n", (unsigned long long)linux_guest_counter_hz());
	if (syscallbench_run(n, reps, fd, 1))
		linux_guest_power_off("syscallbench", 1);
	printf("syscallbench: done\n");
	linux_guest_power_off("syscallbench", 0);
	return 0;
}
