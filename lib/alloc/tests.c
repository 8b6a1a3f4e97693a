/* In-image tests of lib/alloc: the C/POSIX semantics on the real image and
 * its real memory map, whichever backend is configured. The host unit
 * tests (tests/unit/test_alloc_*.c) cover the backends in depth; these
 * check that the image's allocator behaves the same.
 *
 * With CONFIG_LIB_ALLOC_DEBUG, the suite alloc_crash ends the image on
 * purpose (the debug reports); it runs only with the kernel parameter
 * alloc.crash_tests, from the image cases that expect the crash. */
#include <errno.h>
#include <stdint.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/param.h>
#include <ts/test.h>
#include "backend.h"

#ifdef CONFIG_LIB_ALLOC_DEBUG
#define DEBUG 1
#else
#define DEBUG 0
#endif
#ifdef CONFIG_LIB_ALLOC_REGION
#define REGION 1
#else
#define REGION 0
#endif

#ifdef CONFIG_LIB_ALLOC_DEBUG
static bool crash_tests;
TS_PARAM_BOOL(alloc, crash_tests, crash_tests,
	      "run the alloc_crash tests, which crash the image on purpose");
#endif

static bool aligned_to(const void *p, size_t a)
{
	return ((uintptr_t)p & (a - 1)) == 0;
}

TS_TEST(alloc, every_result_is_16_byte_aligned)
{
	static const size_t sizes[] = { 1, 7, 16, 17, 100, 1000, 4096, 65536 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *p = malloc(sizes[i]);

		TS_REQUIRE(p != NULL);
		TS_EXPECT(aligned_to(p, 16));
		memset(p, 0x5a, sizes[i]);
		TS_EXPECT_GE(malloc_usable_size(p), sizes[i]);
		free(p);
	}
}

TS_TEST(alloc, malloc_zero_is_unique_and_freeable)
{
	void *a = malloc(0), *b = malloc(0);

	TS_EXPECT(a != NULL);
	TS_EXPECT(b != NULL);
	TS_EXPECT_NE(a, b);
	free(a);
	free(b);
	free(NULL);
}

TS_TEST(alloc, calloc_zeroes_and_refuses_overflow)
{
	struct ts_alloc_stats before, after;
	unsigned char *p = malloc(256);

	/* Leave garbage behind for calloc to clear (not on region, which
	 * would hand out the same bytes anyway). */
	TS_REQUIRE(p != NULL);
	memset(p, 0xee, 256);
	free(p);
	p = calloc(16, 16);
	TS_REQUIRE(p != NULL);
	for (int i = 0; i < 256; i++)
		TS_REQUIRE_EQ(p[i], 0);
	free(p);

	ts_alloc_stats_get(&before);
	errno = 0;
	TS_EXPECT(calloc(SIZE_MAX / 2, 3) == NULL);
	TS_EXPECT_EQ(errno, ENOMEM);
	ts_alloc_stats_get(&after);
	TS_EXPECT_EQ(after.failed, before.failed + 1);
}

TS_TEST(alloc, realloc_null_and_zero)
{
	struct ts_alloc_stats before, after;
	char *p = realloc(NULL, 40);

	TS_REQUIRE(p != NULL);
	ts_alloc_stats_get(&before);
	errno = 0;
	TS_EXPECT(realloc(p, 0) == NULL);
	TS_EXPECT_EQ(errno, 0);
	ts_alloc_stats_get(&after);
	TS_EXPECT_EQ(after.frees, before.frees + 1);
}

TS_TEST(alloc, realloc_keeps_contents)
{
	unsigned char *p = malloc(100), *q;

	TS_REQUIRE(p != NULL);
	for (int i = 0; i < 100; i++)
		p[i] = (unsigned char)i;
	q = realloc(p, 5000);
	TS_REQUIRE(q != NULL);
	for (int i = 0; i < 100; i++)
		TS_REQUIRE_EQ(q[i], i);
	p = realloc(q, 10);
	TS_REQUIRE(p != NULL);
	for (int i = 0; i < 10; i++)
		TS_REQUIRE_EQ(p[i], i);
	free(p);
}

TS_TEST(alloc, realloc_shrinks_and_grows_in_place)
{
	char *p, *q;

	if (DEBUG)
		TS_SKIP("debug builds always move a reallocated block");
	p = malloc(3000);
	TS_REQUIRE(p != NULL);
	q = realloc(p, 100);
	TS_EXPECT_EQ(q, p);
	/* The bytes freed by the shrink follow the block. */
	p = realloc(q, 2000);
	TS_EXPECT_EQ(p, q);
	free(p);
}

TS_TEST(alloc, failed_realloc_keeps_the_block)
{
	struct ts_alloc_stats before, after;
	char *p = malloc(32), *q;

	TS_REQUIRE(p != NULL);
	strcpy(p, "still here");
	ts_alloc_stats_get(&before);
	errno = 0;
	q = realloc(p, SIZE_MAX - 4096);
	TS_EXPECT(q == NULL);
	TS_EXPECT_EQ(errno, ENOMEM);
	TS_EXPECT_STREQ(p, "still here");
	ts_alloc_stats_get(&after);
	TS_EXPECT_EQ(after.failed, before.failed + 1);
	TS_EXPECT(reallocarray(p, SIZE_MAX / 4, 8) == NULL);
	TS_EXPECT_STREQ(p, "still here");
	free(p);
}

TS_TEST(alloc, posix_memalign_checks_the_alignment)
{
	static const size_t bad[] = { 0, 1, 2, 4, 12, 24, 48, 4097 };
	void *p = (void *)1;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TS_EXPECT_EQ(posix_memalign(&p, bad[i], 8), EINVAL);
		TS_EXPECT_EQ(p, (void *)1);
	}
	for (size_t a = sizeof(void *); a <= 65536; a *= 2) {
		TS_REQUIRE_EQ(posix_memalign(&p, a, 40), 0);
		TS_EXPECT(aligned_to(p, a));
		memset(p, 1, 40);
		free(p);
	}
	TS_EXPECT_EQ(posix_memalign(&p, 64, SIZE_MAX), ENOMEM);
}

TS_TEST(alloc, aligned_alloc_and_memalign)
{
	void *p;

	for (size_t a = 1; a <= 65536; a *= 4) {
		p = aligned_alloc(a, 3 * a);
		TS_REQUIRE(p != NULL);
		TS_EXPECT(aligned_to(p, a));
		memset(p, 2, 3 * a);
		free(p);
		p = memalign(a, 10);
		TS_REQUIRE(p != NULL);
		TS_EXPECT(aligned_to(p, a < 16 ? 16 : a));
		free(p);
	}
	errno = 0;
	TS_EXPECT(aligned_alloc(24, 48) == NULL);
	TS_EXPECT_EQ(errno, EINVAL);
}

TS_TEST(alloc, huge_requests_fail_with_enomem)
{
	struct ts_alloc_stats before, after;

	ts_alloc_stats_get(&before);
	errno = 0;
	TS_EXPECT(malloc(SIZE_MAX) == NULL);
	TS_EXPECT_EQ(errno, ENOMEM);
	TS_EXPECT(malloc(before.total + 1) == NULL);
	TS_EXPECT(ts_pages_alloc(SIZE_MAX / 2) == NULL);
	ts_alloc_stats_get(&after);
	TS_EXPECT_EQ(after.failed, before.failed + 3);
}

TS_TEST(alloc, statistics_follow_allocations)
{
	struct ts_alloc_stats a, b, c;
	void *p;

	ts_alloc_stats_get(&a);
	TS_EXPECT_GT(a.total, (size_t)1 << 20);
	TS_EXPECT_LE(a.free, a.total);
	TS_EXPECT_GE(a.peak, a.in_use);
	p = malloc(1000);
	TS_REQUIRE(p != NULL);
	ts_alloc_stats_get(&b);
	TS_EXPECT_EQ(b.allocs, a.allocs + 1);
	TS_EXPECT_EQ(b.in_use, a.in_use + malloc_usable_size(p));
	TS_EXPECT_GE(b.peak, b.in_use);
	if (!REGION)
		TS_EXPECT_LT(b.free, a.free);
	free(p);
	ts_alloc_stats_get(&c);
	TS_EXPECT_EQ(c.frees, a.frees + 1);
	TS_EXPECT_EQ(c.in_use, a.in_use);
}

TS_TEST(alloc, pages)
{
	struct ts_alloc_stats a, b;
	unsigned char *p;

	ts_alloc_stats_get(&a);
	p = ts_pages_alloc(3);
	TS_REQUIRE(p != NULL);
	TS_EXPECT(aligned_to(p, TS_PAGE_SIZE));
	memset(p, 0x33, 3 * TS_PAGE_SIZE);
	ts_alloc_stats_get(&b);
	TS_EXPECT_EQ(b.in_use, a.in_use + 3 * TS_PAGE_SIZE);
	ts_pages_free(p, 3);
	ts_alloc_stats_get(&b);
	TS_EXPECT_EQ(b.in_use, a.in_use);
	TS_EXPECT(ts_pages_alloc(0) == NULL);
	ts_pages_free(NULL, 4);
}

/* Fill memory with big blocks (1 MiB, or more on big machines), see the
 * failure counted, give them back (newest first, which even the region
 * backend can reuse) and fill it again: memory comes back. */
TS_TEST(alloc, exhaustion_and_recovery)
{
	static void *blocks[1024];
	struct ts_alloc_stats a, b;
	size_t size = 1 << 20;
	int n = 0, m = 0;

	ts_alloc_stats_get(&a);
	while (a.free / size > 512)
		size *= 2;
	while (n < 1024 && (blocks[n] = malloc(size)))
		n++;
	TS_REQUIRE(n < 1024);
	ts_alloc_stats_get(&b);
	TS_EXPECT_EQ(b.failed, a.failed + 1);
	TS_EXPECT_GT(n, 8);
	for (int i = n - 1; i >= 0; i--)
		free(blocks[i]);
	while (m < 1024 && (blocks[m] = malloc(size)))
		m++;
	/* TLSF keeps one pool, which may split memory differently. */
	TS_EXPECT_GE(m + n / 100, n);
	for (int i = m - 1; i >= 0; i--)
		free(blocks[i]);
	ts_alloc_stats_get(&b);
	TS_EXPECT_EQ(b.in_use, a.in_use);
}

#ifdef CONFIG_LIB_ALLOC_DEBUG
static const char *reported;

static void catch_report(const char *what)
{
	reported = what;
}

/* The misuse below is deliberate: the compiler must not see through it. */
static char *volatile launder_p;

static char *launder(char *p)
{
	launder_p = p;
	return launder_p;
}

TS_TEST(alloc_debug, overrun_underrun_double_free_invalid_pointer)
{
	char *p = launder(malloc(24));
	char saved;

	TS_REQUIRE(p != NULL);
	debug_report_hook = catch_report;

	reported = NULL;
	saved = p[24];
	p[24] = 'x';
	free(p);
	TS_EXPECT(reported != NULL);
	p[24] = saved;

	reported = NULL;
	saved = p[-1];
	p[-1] = 'x';
	TS_EXPECT(realloc(p, 100) == NULL);
	TS_EXPECT(reported != NULL);
	p[-1] = saved;

	reported = NULL;
	free(p);
	TS_EXPECT(reported == NULL);
	free(p);
	TS_EXPECT(reported != NULL);

	reported = NULL;
	free(launder(p + 16));
	TS_EXPECT(reported != NULL);

	reported = NULL;
	free(launder(&saved));
	TS_EXPECT(reported != NULL);

	debug_report_hook = NULL;
}

TS_TEST(alloc_debug, new_and_freed_memory_is_poisoned)
{
	unsigned char *p = malloc(64);

	TS_REQUIRE(p != NULL);
	TS_EXPECT_EQ(p[0], 0xa5);
	TS_EXPECT_EQ(p[63], 0xa5);
	free(p);
	TS_EXPECT_EQ(((volatile unsigned char *)launder((char *)p))[63], 0xdd);
}

TS_TEST(alloc_crash, overrun)
{
	char *p;

	if (!crash_tests)
		TS_SKIP("needs the kernel parameter alloc.crash_tests");
	p = launder(malloc(24));
	TS_REQUIRE(p != NULL);
	p[24] = '!';
	free(p);
	TS_FAIL("the overrun went unnoticed");
}

TS_TEST(alloc_crash, double_free)
{
	char *p;

	if (!crash_tests)
		TS_SKIP("needs the kernel parameter alloc.crash_tests");
	p = launder(malloc(24));
	TS_REQUIRE(p != NULL);
	free(p);
	free(p);
	TS_FAIL("the double free went unnoticed");
}
#endif
