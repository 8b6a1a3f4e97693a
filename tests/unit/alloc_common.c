/* Tests every lib/alloc backend passes (each test_alloc_*.c program builds
 * the library with one backend and runs these): the C/POSIX semantics, a
 * long random sequence checked against a shadow model, exhaustion and
 * recovery, and the statistics. The allocator gets a fresh 8 MiB arena
 * before each test. */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsh.h"
#include "tsh_alloc.h"

unsigned char *alloc_arena;
bool alloc_debug;

/* Check records every passing ck_assert (a write to its log), which
 * dominates loops of millions of checks: these only call it on failure. */
#define require(cond)                                                       \
	do {                                                                \
		if (!(cond))                                                \
			ck_abort_msg("%s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

bool alloc_is(const char *backend)
{
	return strcmp(tsh_ts_alloc_backend, backend) == 0;
}

void alloc_setup(void)
{
	if (!alloc_arena) {
		alloc_arena = aligned_alloc(ALLOC_ARENA, ALLOC_ARENA);
		ck_assert_ptr_nonnull(alloc_arena);
	}
	tsh_alloc_reset();
	tsh_ts_alloc_set_lock(NULL, NULL);
	if (&tsh_debug_report_hook)
		tsh_debug_report_hook = NULL;
	ck_assert_int_eq(tsh_pages_add_memory((uintptr_t)alloc_arena,
					      ALLOC_ARENA), 0);
}

static struct ts_alloc_stats stats(void)
{
	struct ts_alloc_stats st;

	tsh_ts_alloc_stats_get(&st);
	return st;
}

static void heap_ok(void)
{
	struct heap_report r;
	const char *err = tsh_heap_check(&r);

	ck_assert_msg(err == NULL, "heap check: %s", err);
}

/* ---- semantics ------------------------------------------------------ */

START_TEST(zero_sizes_and_null)
{
	void *a = tsh_malloc(0), *b = tsh_malloc(0);

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(a, b);
	tsh_free(a);
	tsh_free(b);
	tsh_free(NULL);
	a = tsh_realloc(NULL, 10);
	ck_assert_ptr_nonnull(a);
	tsh_errno = 0;
	ck_assert_ptr_null(tsh_realloc(a, 0));
	ck_assert_int_eq(tsh_errno, 0);
	ck_assert_uint_eq(stats().allocs, 3);
	ck_assert_uint_eq(stats().frees, 3);
	ck_assert_uint_eq(stats().in_use, 0);
	ck_assert_uint_eq(tsh_malloc_usable_size(NULL), 0);
	heap_ok();
}
END_TEST

START_TEST(overflow_and_huge_requests)
{
	void *p = tsh_malloc(8);

	tsh_errno = 0;
	ck_assert_ptr_null(tsh_calloc(SIZE_MAX / 2, 3));
	ck_assert_int_eq(tsh_errno, ENOMEM);
	tsh_errno = 0;
	ck_assert_ptr_null(tsh_malloc(SIZE_MAX));
	ck_assert_int_eq(tsh_errno, ENOMEM);
	ck_assert_ptr_null(tsh_malloc(SIZE_MAX - 8));
	ck_assert_ptr_null(tsh_malloc(ALLOC_ARENA));
	ck_assert_ptr_null(tsh_aligned_alloc(1 << 20, SIZE_MAX - 100));
	ck_assert_ptr_null(tsh_aligned_alloc((size_t)1 << 62, 1));
	ck_assert_ptr_null(tsh_realloc(p, SIZE_MAX - 16));
	ck_assert_ptr_null(tsh_reallocarray(p, SIZE_MAX / 2, 4));
	ck_assert_int_eq(tsh_errno, ENOMEM);
	ck_assert_ptr_null(tsh_ts_pages_alloc(SIZE_MAX / 4096));
	ck_assert_ptr_null(tsh_ts_pages_alloc(ALLOC_ARENA / 4096));
	ck_assert_uint_eq(stats().failed, 10);
	ck_assert_ptr_null(tsh_ts_pages_alloc(0));
	ck_assert_uint_eq(stats().failed, 10);
	ck_assert_uint_eq(stats().allocs, 1);
	tsh_free(p);
	heap_ok();
}
END_TEST

START_TEST(calloc_zeroes)
{
	unsigned char *p = tsh_malloc(4000);

	memset(p, 0xee, 4000);
	tsh_free(p);
	p = tsh_calloc(1000, 4);
	ck_assert_ptr_nonnull(p);
	for (int i = 0; i < 4000; i++)
		ck_assert_uint_eq(p[i], 0);
	tsh_free(p);
	ck_assert_ptr_nonnull(p = tsh_calloc(0, 5));
	tsh_free(p);
}
END_TEST

START_TEST(alignment_rules)
{
	static const size_t bad[] = { 0, 1, 2, 4, 12, 24, 48, 96, 4097 };
	void *p = (void *)1;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(tsh_posix_memalign(&p, bad[i], 8), EINVAL);
		ck_assert_ptr_eq(p, (void *)1);
	}
	for (size_t a = 8; a <= (1 << 20); a *= 2) {
		ck_assert_int_eq(tsh_posix_memalign(&p, a, a / 2 + 1), 0);
		ck_assert_uint_eq((uintptr_t)p % a, 0);
		ck_assert_uint_ge(tsh_malloc_usable_size(p), a / 2 + 1);
		memset(p, 1, a / 2 + 1);
		tsh_free(p);
	}
	for (size_t a = 1; a <= 4096; a *= 2) {
		p = tsh_aligned_alloc(a, 3 * a);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % (a < 16 ? 16 : a), 0);
		tsh_free(p);
		p = tsh_memalign(a, 1);
		ck_assert_uint_eq((uintptr_t)p % a, 0);
		tsh_free(p);
	}
	tsh_errno = 0;
	ck_assert_ptr_null(tsh_aligned_alloc(24, 48));
	ck_assert_int_eq(tsh_errno, EINVAL);
	ck_assert_ptr_null(tsh_memalign(0, 48));
	ck_assert_int_eq(tsh_posix_memalign(&p, 64, SIZE_MAX), ENOMEM);
	ck_assert_uint_eq(stats().in_use, 0);
	heap_ok();
}
END_TEST

START_TEST(realloc_moves_keep_contents)
{
	unsigned char *p = tsh_malloc(10), *q, *block;

	for (int i = 0; i < 10; i++)
		p[i] = (unsigned char)i;
	/* Something after p, so that it has to move on every backend. */
	block = tsh_malloc(100);
	q = tsh_realloc(p, 100000);
	ck_assert_ptr_nonnull(q);
	for (int i = 0; i < 10; i++)
		ck_assert_uint_eq(q[i], i);
	tsh_free(block);
	tsh_free(q);
	ck_assert_uint_eq(stats().in_use, 0);
	ck_assert_uint_eq(stats().allocs, stats().frees);
	heap_ok();
}
END_TEST

static int locks, unlocks;

static void count_lock(void)
{
	ck_assert_int_eq(locks, unlocks);
	locks++;
}

static void count_unlock(void)
{
	unlocks++;
	ck_assert_int_eq(locks, unlocks);
}

START_TEST(every_entry_point_takes_the_lock)
{
	struct ts_alloc_stats st;
	void *p;

	tsh_ts_alloc_set_lock(count_lock, count_unlock);
	p = tsh_malloc(10);
	p = tsh_realloc(p, 20);
	tsh_free(p);
	tsh_free(tsh_calloc(2, 2));
	tsh_free(tsh_aligned_alloc(64, 2));
	tsh_ts_pages_free(tsh_ts_pages_alloc(1), 1);
	tsh_ts_alloc_stats_get(&st);
	ck_assert_int_eq(locks, 10);
	ck_assert_int_eq(unlocks, 10);
	tsh_ts_alloc_set_lock(NULL, NULL);
}
END_TEST

/* ---- the shadow model ------------------------------------------------ */

#define MAXLIVE 400

struct live {
	unsigned char *p;
	size_t size, usable;
	unsigned char seed;
};

static struct live live[MAXLIVE];
static int nlive;
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t random_size(void)
{
	uint64_t r = next_rand();

	switch (r % 16) {
	case 0:
		return 0;
	case 1 ... 9:
		return (r >> 8) % 256;
	case 10 ... 13:
		return (r >> 8) % 4096;
	case 14:
		return (r >> 8) % 65536;
	default:
		/* Now and then a block bigger than a TLSF pool. */
		return (r >> 8) % (r & 0x300 ? 65536 : 512 * 1024);
	}
}

/* Byte i of a block holds a function of i and the block's seed, so that
 * a block overwritten by another, or moved by a shifted copy, shows. */
static inline unsigned char pattern(const struct live *l, size_t i)
{
	return (unsigned char)(l->seed + i * 7 + (i >> 8));
}

static void fill(struct live *l)
{
	for (size_t i = 0; i < l->size; i++)
		l->p[i] = pattern(l, i);
}

static void verify(const struct live *l, size_t n)
{
	if (n > l->size)
		n = l->size;
	for (size_t i = 0; i < n; i++)
		if (l->p[i] != pattern(l, i))
			ck_abort_msg("byte %zu of a %zu-byte block changed", i,
				     l->size);
}

/* A new block: aligned, inside the arena, overlapping no live block. */
static void admit(unsigned char *p, size_t size, size_t align)
{
	struct live *l = &live[nlive];

	require((uintptr_t)p % align == 0);
	require(p >= alloc_arena && p + size <= alloc_arena + ALLOC_ARENA);
	for (int i = 0; i < nlive; i++) {
		if (p + size > live[i].p && live[i].p + live[i].size > p &&
		    size && live[i].size)
			ck_abort_msg("new block %p+%zu overlaps %p+%zu",
				     (void *)p, size, (void *)live[i].p,
				     live[i].size);
	}
	l->p = p;
	l->size = size;
	l->usable = tsh_malloc_usable_size(p);
	l->seed = (unsigned char)next_rand();
	require(l->usable >= size);
	fill(l);
	nlive++;
}

static void drop(int i)
{
	live[i] = live[--nlive];
}

static void check_stats(unsigned long failed)
{
	struct ts_alloc_stats st = stats();
	size_t in_use = 0;

	for (int i = 0; i < nlive; i++)
		in_use += live[i].usable;
	require(st.in_use == in_use);
	require(st.allocs - st.frees == (unsigned long)nlive);
	require(st.failed == failed);
	require(st.peak >= st.in_use);
	require(st.free + st.in_use <= st.total);
}

START_TEST(random_sequence_matches_the_model)
{
	int steps = alloc_is("region") ? 3000 : 30000;
	unsigned long failed = 0;
	size_t free_at_start = stats().free;
	struct heap_report start, end;

	tsh_heap_check(&start);

	nlive = 0;
	rng += (uint64_t)_i * 7919;
	for (int step = 0; step < steps; step++) {
		unsigned int op = (unsigned int)(next_rand() % 100);
		size_t size = random_size(), align = 16;
		unsigned char *p = NULL;
		int victim = nlive ? (int)(next_rand() % (unsigned)nlive) : -1;

		if (nlive == MAXLIVE && (op < 40 || op >= 90))
			op = 80;
		if (victim < 0 && op >= 40 && op < 90)
			op = 0;
		tsh_errno = 0;
		if (op < 30) {
			p = tsh_malloc(size);
		} else if (op < 40) {
			p = tsh_calloc(size / 8 + 1, 8);
			if (p) {
				for (size_t i = 0; i < size / 8 + 1; i++)
					require(p[i * 8] == 0);
				size = size / 8 * 8 + 8;
			}
		} else if (op < 60) {
			struct live *l = &live[victim];

			if (size == 0)
				size = 1;
			p = tsh_realloc(l->p, size);
			if (!p) {
				require(tsh_errno == ENOMEM);
				verify(l, l->size);
				failed++;
			} else {
				size_t keep = l->size < size ? l->size : size;
				struct live old = *l;

				old.p = p;
				verify(&old, keep);
				drop(victim);
				admit(p, size, 16);
				/* The new seed refills it; old bytes were
				 * checked above. */
			}
			check_stats(failed);
			continue;
		} else if (op < 90) {
			verify(&live[victim], live[victim].size);
			tsh_free(live[victim].p);
			drop(victim);
			check_stats(failed);
			continue;
		} else if (op < 95) {
			void *q = NULL;
			int r;

			align = (size_t)8 << (next_rand() % 10);
			r = tsh_posix_memalign(&q, align, size);
			require(r == 0 || r == ENOMEM);
			p = q;
		} else if (op < 98) {
			align = (size_t)1 << (next_rand() % 14);
			p = tsh_aligned_alloc(align, size);
		} else {
			align = (size_t)16 << (next_rand() % 8);
			p = tsh_memalign(align, size);
		}
		if (p) {
			admit(p, size, align);
		} else {
			if (op < 90 || op >= 95)
				require(tsh_errno == ENOMEM);
			failed++;
		}
		check_stats(failed);
		if (step % 256 == 0)
			heap_ok();
	}
	heap_ok();
	/* Everything back: the memory is whole again. */
	while (nlive) {
		verify(&live[nlive - 1], live[nlive - 1].size);
		tsh_free(live[nlive - 1].p);
		nlive--;
	}
	check_stats(failed);
	require(stats().in_use == 0);
	heap_ok();
	tsh_heap_flush();
	tsh_heap_check(&end);
	if (alloc_is("tlsf")) {
		/* One pool is kept, with its header and sentinel. */
		require(end.pools == 1);
		require(end.free_blocks == 1);
		require(stats().free + 48 == free_at_start);
	} else if (alloc_is("buddy")) {
		require(end.free_blocks == start.free_blocks);
		require(stats().free == free_at_start);
	}
	require(stats().allocs > (unsigned long)steps / 4);
}
END_TEST

/* Fill memory with equal blocks until it runs out, give them back newest
 * first (the region backend reuses only the last block), and again: as
 * many fit, and the failure was counted once each time. */
START_TEST(exhaustion_and_recovery)
{
	static const size_t sizes[] = { 24, 1000, 70000 };
	static void *blocks[1 << 19];

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t counts[2];

		for (int round = 0; round < 2; round++) {
			size_t n = 0;
			unsigned long failed = stats().failed;

			while ((blocks[n] = tsh_malloc(sizes[s])))
				require(++n < sizeof(blocks) /
						      sizeof(blocks[0]));
			ck_assert_int_eq(tsh_errno, ENOMEM);
			ck_assert_uint_eq(stats().failed, failed + 1);
			/* Most memory was used, counting 64 bytes per
			 * block for headers (and debug guards). */
			ck_assert_uint_gt(n * (sizes[s] + 64), ALLOC_ARENA / 2);
			heap_ok();
			counts[round] = n;
			while (n)
				tsh_free(blocks[--n]);
			ck_assert_uint_eq(stats().in_use, 0);
		}
		/* TLSF keeps a pool, which may sit elsewhere this time and
		 * split the page allocator's memory differently. */
		ck_assert_uint_ge(counts[1] + counts[0] / 100, counts[0]);
	}
	heap_ok();
}
END_TEST

START_TEST(pages_exhaustion_and_recovery)
{
	static unsigned char *pages[ALLOC_ARENA / 4096 + 1];
	size_t counts[2];

	for (int round = 0; round < 2; round++) {
		size_t n = 0;

		while ((pages[n] = tsh_ts_pages_alloc(1))) {
			require((uintptr_t)pages[n] % 4096 == 0);
			pages[n][4095] = 1;
			n++;
		}
		ck_assert_int_eq(tsh_errno, ENOMEM);
		ck_assert_uint_eq(stats().in_use, n * 4096);
		ck_assert_uint_gt(n, ALLOC_ARENA / 4096 / 2);
		counts[round] = n;
		while (n)
			tsh_ts_pages_free(pages[--n], 1);
	}
	ck_assert_uint_eq(counts[0], counts[1]);
	ck_assert_uint_eq(stats().in_use, 0);
	heap_ok();
}
END_TEST

Suite *alloc_common_suite(void)
{
	static char name[64];
	TCase *tc = tcase_create("common");
	Suite *s;

	snprintf(name, sizeof(name), "%s%s", tsh_ts_alloc_backend,
		 alloc_debug ? " with debug checks" : "");
	s = suite_create(name);

	tcase_add_checked_fixture(tc, alloc_setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, zero_sizes_and_null);
	tcase_add_test(tc, overflow_and_huge_requests);
	tcase_add_test(tc, calloc_zeroes);
	tcase_add_test(tc, alignment_rules);
	tcase_add_test(tc, realloc_moves_keep_contents);
	tcase_add_test(tc, every_entry_point_takes_the_lock);
	tcase_add_loop_test(tc, random_sequence_matches_the_model, 0, 3);
	tcase_add_test(tc, exhaustion_and_recovery);
	tcase_add_test(tc, pages_exhaustion_and_recovery);
	suite_add_tcase(s, tc);
	return s;
}
