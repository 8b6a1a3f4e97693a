/* The allocator loops both sides run (loops.h): the same file in the
 * image (bench/allocbench) and on the host (bench/alloc-native). Every
 * allocator is called through the same function pointers, so the
 * compiler can inline or elide none of them. */
#include <stdint.h>
#include <ts/plat/time.h>
#include "loops.h"

#define SLOTS 1024

__attribute__((noinline)) uint64_t allocbench_pairs(const struct allocbench_ops *a,
						     size_t size, long n)
{
	uint64_t t0 = ts_plat_time_ns();

	for (long i = 0; i < n; i++) {
		char *p = a->malloc(size);

		p[0] = (char)i;
		a->free(p);
	}
	return ts_plat_time_ns() - t0;
}

static uint32_t next_rand(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

__attribute__((noinline)) uint64_t allocbench_mixed(const struct allocbench_ops *a,
						     long n)
{
	static char *slot[SLOTS];
	uint32_t x = 2463534242U;
	uint64_t t0 = ts_plat_time_ns(), t;

	for (long i = 0; i < n; i++) {
		uint32_t r = next_rand(&x);
		char **s = &slot[r % SLOTS];

		a->free(*s);
		*s = a->malloc(16 + (r >> 16) % 4081);
		**s = (char)i;
	}
	t = ts_plat_time_ns() - t0;
	for (int i = 0; i < SLOTS; i++) {
		a->free(slot[i]);
		slot[i] = NULL;
	}
	return t;
}
