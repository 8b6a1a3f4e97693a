/* bench/syscall's image side: the loops of loops.c against the same
 * loops in a Linux guest. Prints "syscallbench: hz HZ" (the counter's
 * frequency), the loops' lines, then "syscallbench: done".
 *
 * The write loop writes zero bytes to descriptor 1: there is no
 * discarding descriptor (/dev/null) before a VFS, and a write of no
 * byte to the console goes through the dispatcher, the descriptor and
 * length checks and returns before any copy or output, which is what
 * Linux's /dev/null does with any length (its write never reads the
 * buffer).
 *
 * usage: syscallbench [CALLS [REPS]] */
#include <stdio.h>
#include <stdlib.h>
#include <ts/plat/time.h>
#include "loops.h"

int main(int argc, char *argv[])
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	int reps = argc > 2 ? atoi(argv[2]) : 5;

	if (n < 1 || reps < 1) {
		printf("usage: syscallbench [CALLS [REPS]]\n");
		return 2;
	}
	printf("syscallbench: hz %llu\n",
	       (unsigned long long)ts_plat_ticks_hz());
	if (syscallbench_run(n, reps, 1, 0))
		return 1;
	printf("syscallbench: done\n");
	return 0;
}
