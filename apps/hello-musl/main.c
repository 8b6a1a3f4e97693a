/* musl on Tessera (doc/libc.md): musl's own start-up (constructors,
 * argv and the environment from the command line), stdio with floats,
 * malloc from lib/alloc, the clock, threads with a mutex and a
 * condition variable, atexit and the exit status.
 *
 *   make run ARGS='a b' KARGS='env.GREETING=hi'
 *   make run ARGS='exit=3'       (exits with status 3)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pool.h"

static int constructed;

__attribute__((constructor)) static void construct(void)
{
	constructed = 1;
}

static void at_exit(void)
{
	/* No newline: only the flush at exit writes it. */
	printf("atexit handler ran; stdout flushed at exit");
}

static void show_clock(void)
{
	struct timespec a, b;

	if (clock_gettime(CLOCK_MONOTONIC, &a) ||
	    clock_gettime(CLOCK_MONOTONIC, &b)) {
		printf("clock: not available: %s\n", strerror(errno));
		return;
	}
	printf("clock: monotonic %lld.%09ld s, %s\n", (long long)a.tv_sec,
	       a.tv_nsec,
	       b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec &&
				       b.tv_nsec >= a.tv_nsec) ?
		       "never backwards" : "WENT BACKWARDS");
}

static int show_malloc(void)
{
	size_t n = 10000;
	double *v = malloc(n * sizeof(*v)), sum = 0;

	if (!v) {
		printf("malloc: failed\n");
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		v[i] = 1.0 / (double)((i + 1) * (i + 1));
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	free(v);
	/* sum 1/k^2 -> pi^2/6 = 1.6449... */
	printf("malloc: %zu doubles, sum of 1/k^2 = %.6f\n", n, sum);
	return 0;
}

int main(int argc, char *argv[], char *envp[])
{
	const char *greeting = getenv("GREETING");
	int status = 0, nenv = 0;

	atexit(at_exit);
	printf("Hello from musl: %d argument(s), constructor %s\n", argc,
	       constructed ? "ran" : "DID NOT RUN");
	for (int i = 0; i < argc; i++) {
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
		if (!strncmp(argv[i], "exit=", 5))
			status = atoi(argv[i] + 5);
	}
	while (envp[nenv])
		nenv++;
	printf("environment: %d variable(s), GREETING=%s\n", nenv,
	       greeting ? greeting : "(unset)");
	printf("floats: %.3f %g %e %a\n", 3.14159265358979, 1e-5, 6.02214076e23,
	       0.5);
	if (show_malloc())
		return 1;
	show_clock();
	if (pool_run())
		return 1;
	return status;
}
