/* The file operations bench/vfs times, one file (ops.c) for both sides:
 * the image (main.c, bench/vfsbench, through musl and lib/vfs) and the
 * Linux guest's /init (linux-init.c, through its C library and Linux's
 * ramfs and 9p). */
#ifndef VFSBENCH_OPS_H
#define VFSBENCH_OPS_H

struct vfsbench_args {
	long ops;		/* calls per latency loop */
	int reps;		/* runs of each loop, after a warm-up */
	long p9_ops;		/* calls per 9p loop (each a round trip) */
	const char *ram;	/* a folder on ramfs */
	const char *share;	/* a folder on 9p, or NULL */
};

/* Parses "OPS REPS P9OPS RAMDIR [SHAREDIR]": 0, or -1 after printing
 * the usage. */
int vfsbench_args(int argc, char *argv[], struct vfsbench_args *a);

/* Runs every loop a->reps times (after one unprinted round that also
 * checks what it reads), printing "vfsbench: LOOP COUNT TICKS" per run:
 * COUNT calls (latency loops) or bytes (throughput). 0, or 1 after
 * printing "vfsbench: error ..." naming the failed call. */
int vfsbench_run(const struct vfsbench_args *a);

#endif
