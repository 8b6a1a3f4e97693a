/* lib/alloc in the image: the loops of loops.c, which bench/alloc-native
 * runs on the host as well, each against a reference loop in the same
 * image (guests run under TCG here, so only such ratios mean something;
 * bench/alloc prints them):
 *
 *   pairN    malloc(N), write its first byte, free it: ns per pair
 *   mixed    1024 slots, each step frees a random slot and refills it
 *            with a random size from 16 B to 4 KiB: ns per step
 *   ref      the pair loop over a stand-in allocator that hands out one
 *            static buffer: the loop and the two calls, no allocation;
 *            measured before every run of the others, best of all
 *
 * Every figure is the best of RUNS runs, in ns per pair or step. The
 * region backend skips the mixed loop (it reuses only the block handed
 * out last).
 *
 * usage: allocbench [PAIRS [RUNS]] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/alloc.h>
#include "loops.h"

static char buffer[64 * 1024];

static __attribute__((noinline)) void *ref_malloc(size_t n)
{
	return n <= sizeof(buffer) ? buffer : NULL;
}

static __attribute__((noinline)) void ref_free(void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

static const struct allocbench_ops lib = { malloc, free };
static const struct allocbench_ops ref = { ref_malloc, ref_free };

int main(int argc, char *argv[])
{
	static const size_t sizes[] = { 16, 32, 64, 128, 256, 512, 1024, 2048,
					4096, 8192, 16384, 32768, 65536 };
	long n = argc > 1 ? atol(argv[1]) : 20000;
	int runs = argc > 2 ? atoi(argv[2]) : 3;
	uint64_t best, ref_best, t;

	if (n < 1 || runs < 1) {
		printf("usage: allocbench [PAIRS [RUNS]]\n");
		return 2;
	}
	printf("allocbench: backend %s, %ld pairs, best of %d\n",
	       ts_alloc_backend, n, runs);
	/* The reference runs before every measurement: its best is the
	 * emulator's best moment, which the others are held against. */
	ref_best = UINT64_MAX;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		best = UINT64_MAX;
		for (int r = 0; r < runs; r++) {
			if ((t = allocbench_pairs(&ref, 16, n)) < ref_best)
				ref_best = t;
			if ((t = allocbench_pairs(&lib, sizes[s], n)) < best)
				best = t;
		}
		printf("allocbench: pair%zu %llu\n", sizes[s],
		       (unsigned long long)(best / n));
	}
	if (strcmp(ts_alloc_backend, "region")) {
		best = UINT64_MAX;
		for (int r = 0; r < runs; r++) {
			if ((t = allocbench_pairs(&ref, 16, n)) < ref_best)
				ref_best = t;
			if ((t = allocbench_mixed(&lib, n)) < best)
				best = t;
		}
		printf("allocbench: mixed %llu\n",
		       (unsigned long long)(best / n));
	}
	printf("allocbench: ref %llu\n", (unsigned long long)(ref_best / n));
	printf("allocbench: done\n");
	return 0;
}
