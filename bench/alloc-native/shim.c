/* lib/alloc on the host, against the host C library's malloc, in one
 * process and on the same loops, bench/allocbench/loops.c, which the
 * image runs (bench/allocbench); this shim holds main(), the allocators
 * and the platform's clock:
 *
 *   pair SIZE   malloc(SIZE), write its first byte, free it: the pairs
 *               per second, for SIZE from 16 B to 64 KiB;
 *   mixed       1024 slots, each step frees a random slot and refills it
 *               with a random size from 16 B to 4 KiB (the region backend
 *               cannot run this: it reuses only the last block).
 *
 * Each backend (TLSF as configured by default, TLSF without its cache of
 * small blocks, buddy, region) is the image's own lib/alloc built for the
 * host, with its symbols prefixed tlsf_, tlsfpure_, buddy_, region_, on a
 * 256 MiB arena of its own. Every allocator is called through the same
 * function pointers, so the compiler can inline or elide none of them.
 * Prints one line per figure, best of RUNS runs:
 *   name glibc tlsf tlsf-nocache buddy region
 * (0 where a backend does not take part).
 *
 * usage: alloc-native [PAIRS [RUNS]]  */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define ARENA ((size_t)256 << 20)

/* ---- the three builds of lib/alloc -------------------------------- */

#define BACKEND(p)                                                          \
	void *p##malloc(size_t n);                                          \
	void p##free(void *ptr);                                            \
	void p##alloc_reset(void);                                          \
	int p##pages_add_memory(uintptr_t base, size_t len);                \
	/* The platform's console, for reports the tree code may print. */  \
	void p##ts_plat_console_write(const char *buf, size_t len);         \
	void p##ts_plat_console_write(const char *buf, size_t len)          \
	{                                                                   \
		fwrite(buf, 1, len, stderr);                                \
	}
BACKEND(tlsf_)
BACKEND(tlsfpure_)
BACKEND(buddy_)
BACKEND(region_)

/* The loops, bench/allocbench/loops.c as the image runs them, built as
 * tree code: its names carry the prefix tsh_. */
#define allocbench_pairs tsh_allocbench_pairs
#define allocbench_mixed tsh_allocbench_mixed
#include "../allocbench/loops.h"

uint64_t tsh_ts_plat_time_ns(void);

uint64_t tsh_ts_plat_time_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

struct allocator {
	const char *name;
	struct allocbench_ops ops;
	void (*reset)(void);
	int (*add)(uintptr_t, size_t);
	int mixed; /* can run the mixed workload */
};

static const struct allocator allocators[] = {
	{ "glibc", { malloc, free }, NULL, NULL, 1 },
	{ "tlsf", { tlsf_malloc, tlsf_free }, tlsf_alloc_reset,
	  tlsf_pages_add_memory, 1 },
	{ "tlsf-nocache", { tlsfpure_malloc, tlsfpure_free },
	  tlsfpure_alloc_reset, tlsfpure_pages_add_memory, 1 },
	{ "buddy", { buddy_malloc, buddy_free }, buddy_alloc_reset,
	  buddy_pages_add_memory, 1 },
	{ "region", { region_malloc, region_free }, region_alloc_reset,
	  region_pages_add_memory, 0 },
};
#define NALLOC (sizeof(allocators) / sizeof(allocators[0]))

int main(int argc, char *argv[])
{
	static const size_t sizes[] = { 16, 32, 64, 128, 256, 512, 1024, 2048,
					4096, 8192, 16384, 32768, 65536 };
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	for (size_t i = 1; i < NALLOC; i++) {
		void *arena = mmap(NULL, ARENA, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
				   -1, 0);

		if (arena == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		allocators[i].reset();
		allocators[i].add((uintptr_t)arena, ARENA);
	}

	for (size_t s = 0; s <= sizeof(sizes) / sizeof(sizes[0]); s++) {
		double best[NALLOC] = { 0 };
		int is_mixed = s == sizeof(sizes) / sizeof(sizes[0]);

		/* Runs alternate between the allocators, so that a slow
		 * moment of the machine hits them all alike. */
		for (int r = 0; r < runs; r++) {
			for (size_t i = 0; i < NALLOC; i++) {
				double v;

				if (is_mixed && !allocators[i].mixed)
					continue;
				v = (double)n * 1e9 / (double)(is_mixed ?
					allocbench_mixed(&allocators[i].ops, n) :
					allocbench_pairs(&allocators[i].ops,
							 sizes[s], n));
				if (v > best[i])
					best[i] = v;
			}
		}
		if (is_mixed)
			printf("mixed");
		else
			printf("pair%zu", sizes[s]);
		for (size_t i = 0; i < NALLOC; i++)
			printf(" %.0f", best[i]);
		printf("\n");
	}
	return 0;
}
