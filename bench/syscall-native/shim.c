/* bench/syscall-native: the loops of bench/syscallbench/loops.c in real
 * CPU cycles, on one side through lib/syscall's dispatcher built for the
 * host (every symbol prefixed tsh_) with stand-in calls (calls.c), on
 * the other through the host's C library and kernel: getpid() and a
 * write of no byte to /dev/null (write1: one byte). Prints the lines the
 * image prints; bench/syscall runs the two sides alternately.
 *
 * usage: syscall-native tessera|linux [CALLS [REPS]] */
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int tsh_syscallbench_run(long n, int reps, int fd, int with_write1);
int syscallbench_run(long n, int reps, int fd, int with_write1);
uint64_t tsh_ts_plat_ticks(void);
uint64_t linux_guest_ticks(void);
void tsh_ts_plat_console_write(const char *buf, size_t len);

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

uint64_t tsh_ts_plat_ticks(void)
{
	return rdtsc();
}

uint64_t linux_guest_ticks(void)
{
	return rdtsc();
}

void tsh_ts_plat_console_write(const char *buf, size_t len)
{
	fwrite(buf, 1, len, stdout);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The TSC's frequency against the host's clock over 100 ms. */
static uint64_t tsc_hz(void)
{
	uint64_t t0 = now_ns(), c0 = rdtsc(), t1, c1;

	do {
		t1 = now_ns();
		c1 = rdtsc();
	} while (t1 - t0 < 100000000u);
	return (uint64_t)((double)(c1 - c0) * 1e9 / (double)(t1 - t0));
}

int main(int argc, char *argv[])
{
	int tessera = argc > 1 && !strcmp(argv[1], "tessera");
	long n = argc > 2 ? atol(argv[2]) : 10000;
	int reps = argc > 3 ? atoi(argv[3]) : 20;
	int rc, fd;

	if (argc < 2 || (!tessera && strcmp(argv[1], "linux")) || n < 1 ||
	    reps < 1) {
		fprintf(stderr, "usage: syscall-native tessera|linux [CALLS [REPS]]\n");
		return 2;
	}
	printf("syscallbench: hz %llu\n", (unsigned long long)tsc_hz());
	fflush(stdout);
	if (tessera) {
		rc = tsh_syscallbench_run(n, reps, 1, 0);
	} else {
		fd = open("/dev/null", O_WRONLY);
		if (fd < 0) {
			perror("syscallbench: error /dev/null");
			return 1;
		}
		rc = syscallbench_run(n, reps, fd, 1);
	}
	fflush(stdout);
	if (rc)
		return 1;
	printf("syscallbench: done\n");
	return 0;
}
