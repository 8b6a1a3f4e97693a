/* The host's side of bench/trace-native: main() and the platform that
 * bench/tracebench/main.c and lib/trace, built for the host with every
 * symbol prefixed tsh_ (support/build/host.mk), take from the image's:
 * the console (stdout) and a nanosecond clock. */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

int tsh_trace_init(void);
int tsh_main(int argc, char **argv);
uint64_t tsh_ts_plat_ticks(void);
uint64_t tsh_ts_plat_ticks_hz(void);
void tsh_ts_plat_console_write(const char *buf, size_t len);

uint64_t tsh_ts_plat_ticks(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

uint64_t tsh_ts_plat_ticks_hz(void)
{
	return 1000000000u;
}

void tsh_ts_plat_console_write(const char *buf, size_t len)
{
	fwrite(buf, 1, len, stdout);
}

int main(int argc, char **argv)
{
	tsh_trace_init();
	return tsh_main(argc, argv);
}
