/* The loops of bench/allocbench, in loops.c: the image runs them, and
 * bench/alloc-native builds that very file for the host (there with the
 * prefix tsh_). Each returns the ns of the whole run, timed with
 * ts_plat_time_ns(). */
#ifndef ALLOCBENCH_LOOPS_H
#define ALLOCBENCH_LOOPS_H

#include <stddef.h>
#include <stdint.h>

struct allocbench_ops {
	void *(*malloc)(size_t);
	void (*free)(void *);
};

/* malloc(size), write its first byte, free it; n times. */
uint64_t allocbench_pairs(const struct allocbench_ops *a, size_t size, long n);
/* 1024 slots, each step frees a random slot and refills it with a
 * random size from 16 B to 4 KiB; n steps, then the slots are freed. */
uint64_t allocbench_mixed(const struct allocbench_ops *a, long n);

#endif
