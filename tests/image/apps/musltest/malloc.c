/* The malloc family as the C library hands it out (in the image, lib/
 * alloc serves it): contents kept, zeroing, alignment, overflow checks,
 * threads allocating at once, and lib/alloc's statistics moving when the
 * image has them. */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "musltest.h"

#if __has_include(<ts/alloc.h>)
#include <ts/alloc.h>
#define HAVE_TS_ALLOC 1
#endif

static int filled(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

MT_TEST(malloc, sizes_and_patterns)
{
	static unsigned char *blocks[64];
	size_t size[64];

	for (int i = 0; i < 64; i++) {
		size[i] = (size_t)1 << (i % 17);
		size[i] += (size_t)i * 3;
		blocks[i] = malloc(size[i]);
		MT_REQUIRE(blocks[i]);
		MT_EXPECT_EQ((uintptr_t)blocks[i] % 16, 0);
		MT_EXPECT_GE(malloc_usable_size(blocks[i]), size[i]);
		memset(blocks[i], i, size[i]);
	}
	/* Free every other one, allocate again, check nobody overlaps. */
	for (int i = 0; i < 64; i += 2) {
		free(blocks[i]);
		blocks[i] = malloc(size[i]);
		MT_REQUIRE(blocks[i]);
		memset(blocks[i], i, size[i]);
	}
	for (int i = 0; i < 64; i++) {
		if (!filled(blocks[i], size[i], (unsigned char)i))
			mt_fail(__FILE__, __LINE__, "block %d overwritten", i);
		free(blocks[i]);
	}
}

MT_TEST(malloc, calloc_zeroes)
{
	for (size_t n = 1; n <= 65536; n *= 4) {
		unsigned char *p = malloc(n), *q;

		MT_REQUIRE(p);
		memset(p, 0xaa, n);
		free(p);
		/* Likely the same memory again: calloc must clear it. */
		q = calloc(n, 1);
		MT_REQUIRE(q);
		MT_EXPECT(filled(q, n, 0));
		free(q);
	}
}

MT_TEST(malloc, calloc_overflow)
{
	errno = 0;
	MT_EXPECT(calloc(mt_huge, 4) == NULL);
	MT_EXPECT_ERRNO(errno, ENOMEM);
	errno = 0;
	MT_EXPECT(calloc(mt_opaque((size_t)1 << 33), (size_t)1 << 33) == NULL);
	MT_EXPECT_ERRNO(errno, ENOMEM);
	errno = 0;
	MT_EXPECT(reallocarray(NULL, mt_huge, 4) == NULL);
	MT_EXPECT_ERRNO(errno, ENOMEM);
}

static void *(*volatile realloc_hidden)(void *, size_t) = realloc;

MT_TEST(malloc, realloc)
{
	unsigned char *p = realloc(NULL, 16), *q;

	MT_REQUIRE(p);
	for (int i = 0; i < 16; i++)
		p[i] = (unsigned char)i;
	for (size_t n = 32; n <= 1 << 20; n *= 2) {
		q = realloc(p, n);
		MT_REQUIRE(q);
		p = q;
		for (int i = 0; i < 16; i++)
			if (p[i] != i)
				mt_fail(__FILE__, __LINE__, "byte %d lost at %zu", i, n);
		memset(p + 16, 0x55, n - 16);
	}
	q = realloc(p, 8);
	MT_REQUIRE(q);
	p = q;
	for (int i = 0; i < 8; i++)
		MT_EXPECT_EQ(p[i], i);
	/* A refused growth leaves the block as it was (through a pointer
	 * the compiler cannot follow: it assumes realloc always frees). */
	errno = 0;
	MT_EXPECT(realloc_hidden(p, mt_huge) == NULL);
	MT_EXPECT_ERRNO(errno, ENOMEM);
	for (int i = 0; i < 8; i++)
		MT_EXPECT_EQ(p[i], i);
	free(p);
}

MT_TEST(malloc, aligned)
{
	for (size_t a = 16; a <= 65536; a *= 4) {
		void *p = aligned_alloc(a, a * 2), *q = NULL;

		MT_REQUIRE(p);
		MT_EXPECT_EQ((uintptr_t)p % a, 0);
		memset(p, 1, a * 2);
		MT_EXPECT_EQ(posix_memalign(&q, a, 100), 0);
		MT_REQUIRE(q);
		MT_EXPECT_EQ((uintptr_t)q % a, 0);
		free(p);
		free(q);
		p = memalign(a, 1);
		MT_REQUIRE(p);
		MT_EXPECT_EQ((uintptr_t)p % a, 0);
		free(p);
	}
	{
		void *q = (void *)1;

		MT_EXPECT_EQ(posix_memalign(&q, 24, 100), EINVAL);
		MT_EXPECT_EQ(posix_memalign(&q, 4, 100), EINVAL);
		MT_EXPECT(q == (void *)1);
	}
}

MT_TEST(malloc, zero_size)
{
	void *a = malloc(0), *b = malloc(0);

	/* Linux's C libraries give a unique pointer for malloc(0). */
	MT_EXPECT(a != NULL && b != NULL && a != b);
	free(a);
	free(b);
	free(NULL);
}

MT_TEST(malloc, large)
{
	size_t n = 8 << 20;
	unsigned char *p = malloc(n);

	MT_REQUIRE(p);
	for (size_t i = 0; i < n; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	for (size_t i = 0; i < n; i += 4096)
		if (p[i] != (unsigned char)(i >> 12)) {
			mt_fail(__FILE__, __LINE__, "page %zu lost", i >> 12);
			break;
		}
	free(p);
	p = malloc(n);
	MT_EXPECT(p != NULL);
	free(p);
}

static void *churn(void *arg)
{
	unsigned seed = (unsigned)(uintptr_t)arg;
	unsigned char *held[32] = { 0 };
	size_t len[32] = { 0 };
	intptr_t bad = 0;

	for (int i = 0; i < 3000; i++) {
		int k;

		seed = seed * 1103515245 + 12345;
		k = (int)(seed >> 16) % 32;
		if (held[k]) {
			if (!filled(held[k], len[k], (unsigned char)k))
				bad++;
			free(held[k]);
			held[k] = NULL;
		} else {
			len[k] = (seed >> 8) % 2000 + 1;
			held[k] = malloc(len[k]);
			if (!held[k]) {
				bad++;
				continue;
			}
			memset(held[k], k, len[k]);
		}
	}
	for (int k = 0; k < 32; k++)
		free(held[k]);
	return (void *)bad;
}

MT_TEST(malloc, threads)
{
	pthread_t t[4];

	for (int i = 0; i < 4; i++)
		MT_REQUIRE(pthread_create(&t[i], NULL, churn, (void *)(uintptr_t)(i + 1)) == 0);
	for (int i = 0; i < 4; i++) {
		void *bad;

		MT_EXPECT_EQ(pthread_join(t[i], &bad), 0);
		MT_EXPECT_EQ((intptr_t)bad, 0);
	}
}

MT_TEST(malloc, heap_statistics)
{
#ifdef HAVE_TS_ALLOC
	struct ts_alloc_stats before, during, after;
	void *p;

	ts_alloc_stats_get(&before);
	p = malloc(100000);
	MT_REQUIRE(p);
	ts_alloc_stats_get(&during);
	free(p);
	ts_alloc_stats_get(&after);
	MT_EXPECT_EQ(during.allocs, before.allocs + 1);
	MT_EXPECT_GE(during.in_use, before.in_use + 100000);
	MT_EXPECT_EQ(after.frees, during.frees + 1);
	MT_EXPECT_EQ(after.in_use, before.in_use);
	errno = 0;
	MT_EXPECT(malloc(mt_huge) == NULL);
	ts_alloc_stats_get(&after);
	MT_EXPECT_EQ(after.failed, before.failed + 1);
#else
	MT_SKIP("no lib/alloc here (<ts/alloc.h>)");
#endif
}
