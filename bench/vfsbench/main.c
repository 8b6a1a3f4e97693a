/* bench/vfs's image side: the loops of ops.c through musl and lib/vfs,
 * against the same loops in a Linux guest. Prints "vfsbench: hz HZ" (the
 * counter's frequency), the loops' lines, then "vfsbench: done".
 *
 * RAMDIR is made on the root (ramfs) if it is not there; SHAREDIR is
 * where the kernel parameters mounted the 9p share (bench/vfs passes
 * both).
 *
 * usage: vfsbench OPS REPS P9OPS RAMDIR [SHAREDIR] */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/plat/time.h>
#include "ops.h"

int main(int argc, char *argv[])
{
	struct vfsbench_args a;

	if (vfsbench_args(argc, argv, &a))
		return 2;
	if (mkdir(a.ram, 0755) && errno != EEXIST) {
		printf("vfsbench: error mkdir(%s): errno %d (%s)\n", a.ram,
		       errno, strerror(errno));
		return 1;
	}
	printf("vfsbench: hz %llu\n",
	       (unsigned long long)ts_plat_ticks_hz());
	if (vfsbench_run(&a))
		return 1;
	printf("vfsbench: done\n");
	return 0;
}
