/* The memory calls (memory.c) in an image, through ts_syscall() as a C
 * library calls them: suite sysmem. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include <ts/test.h>

#define SC6(name, a, b, c, d, e, f)                                         \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   (long)(e), (long)(f))
#define PG 4096L
#define RW 3
#define ANON_PRIVATE 0x22
#define MMAP(len, prot) SC6(mmap, 0, len, prot, ANON_PRIVATE, -1, 0)
#define IS_ERR(r) ((unsigned long)(r) > -4096UL)

/* Whether the page at a can be read, as a system call would find it. */
static int readable(long a)
{
	char c;

	return ts_arch_mem_read_safe((uint64_t)a, &c, 1) == 1;
}

static int all_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

TS_TEST(sysmem, mmap_gives_zeroed_pages)
{
	long a = MMAP(3 * PG, RW), b;

	TS_REQUIRE(!IS_ERR(a));
	TS_EXPECT_EQ(a % PG, 0L);
	TS_EXPECT(all_zero((char *)a, 3 * PG));
	memset((char *)a, 0x5a, 3 * PG);
	TS_EXPECT_EQ(SC6(munmap, a, 3 * PG, 0, 0, 0, 0), 0L);
	/* Pages given back and handed out again read as zeros. */
	b = MMAP(3 * PG, RW);
	TS_REQUIRE(!IS_ERR(b));
	TS_EXPECT(all_zero((char *)b, 3 * PG));
	/* A length that is no multiple of the page rounds up. */
	TS_EXPECT_EQ(SC6(munmap, b, 3 * PG - 100, 0, 0, 0, 0), 0L);
}

TS_TEST(sysmem, mmap_bad_arguments)
{
	TS_EXPECT_EQ(MMAP(0, RW), -(long)EINVAL);
	/* No type (neither shared nor private), or an unknown one. */
	TS_EXPECT_EQ(SC6(mmap, 0, PG, RW, 0x20, -1, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(mmap, 0, PG, RW, 0x2f, -1, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(mmap, 0, PG, 0x100, ANON_PRIVATE, -1, 0),
		     -(long)EINVAL);
	TS_EXPECT_EQ(SC6(mmap, 0, PG, RW, ANON_PRIVATE, -1, 100),
		     -(long)EINVAL);
	/* Files: a terminal cannot be mapped, other numbers are no file. */
	TS_EXPECT_EQ(SC6(mmap, 0, PG, RW, 0x02, 1, 0), -(long)ENODEV);
	TS_EXPECT_EQ(SC6(mmap, 0, PG, RW, 0x02, 9, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC6(mmap, 0, PG, RW, 0x02, -1, 0), -(long)EBADF);
	TS_EXPECT_EQ(MMAP(-1L, RW), -(long)ENOMEM);
	/* MAP_SHARED_VALIDATE with a flag it does not know. */
	TS_EXPECT_EQ(SC6(mmap, 0, PG, RW, 0x23 | 0x800000, -1, 0),
		     -(long)EOPNOTSUPP);
	TS_EXPECT_EQ(SC6(munmap, 0x1001, PG, 0, 0, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(munmap, 0x1000, 0, 0, 0, 0, 0), -(long)EINVAL);
}

TS_TEST(sysmem, munmap_part_of_a_mapping)
{
	long a = MMAP(4 * PG, RW), b;

	TS_REQUIRE(!IS_ERR(a));
	memset((char *)a, 1, 4 * PG);
	/* The middle two pages go; the ends stay mapped and keep data. */
	TS_EXPECT_EQ(SC6(munmap, a + PG, 2 * PG, 0, 0, 0, 0), 0L);
	TS_EXPECT_EQ(((char *)a)[0], 1);
	TS_EXPECT_EQ(((char *)a)[3 * PG], 1);
	/* mprotect of the hole finds no mapping there. */
	TS_EXPECT_EQ(SC6(mprotect, a + PG, PG, 1, 0, 0, 0), -(long)ENOMEM);
	TS_EXPECT_EQ(SC6(mprotect, a, PG, RW, 0, 0, 0), 0L);
	/* Unmapping a range with holes is fine. */
	TS_EXPECT_EQ(SC6(munmap, a, 4 * PG, 0, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC6(mprotect, a, PG, RW, 0, 0, 0), -(long)ENOMEM);
	b = MMAP(PG, RW);
	TS_EXPECT(!IS_ERR(b));
	SC6(munmap, b, PG, 0, 0, 0, 0);
}

/* What musl's pthread_create does for a thread's stack: the whole
 * mapping PROT_NONE, then all but the lowest page read-write. */
TS_TEST(sysmem, prot_none_guard_then_mprotect)
{
	long a = MMAP(8 * PG, 0);

	TS_REQUIRE(!IS_ERR(a));
	TS_EXPECT(!readable(a));
	TS_EXPECT(!readable(a + 7 * PG));
	TS_EXPECT_EQ(SC6(mprotect, a + PG, 7 * PG, RW, 0, 0, 0), 0L);
	TS_EXPECT(!readable(a));
	TS_EXPECT(readable(a + PG));
	TS_EXPECT(all_zero((char *)a + PG, 7 * PG));
	memset((char *)a + PG, 7, 7 * PG);
	/* A system call given the guard page says -EFAULT. */
	TS_EXPECT_EQ(SC6(write, 1, a, 1, 0, 0, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC6(mprotect, a, PG, RW, 0, 0, 0), 0L);
	TS_EXPECT(readable(a));
	TS_EXPECT_EQ(SC6(mprotect, a + 2 * PG, PG, 0, 0, 0, 0), 0L);
	TS_EXPECT(!readable(a + 2 * PG));
	/* Unmapping guard pages maps them again for the allocator. */
	TS_EXPECT_EQ(SC6(munmap, a, 8 * PG, 0, 0, 0, 0), 0L);
	TS_EXPECT(readable(a + 2 * PG));
	TS_EXPECT_EQ(SC6(mprotect, a + 1, PG, RW, 0, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(mprotect, a, PG, 0x100, 0, 0, 0), -(long)EINVAL);
}

TS_TEST(sysmem, map_fixed_inside_our_mapping)
{
	long a = MMAP(4 * PG, RW);

	TS_REQUIRE(!IS_ERR(a));
	memset((char *)a, 9, 4 * PG);
	TS_EXPECT_EQ(SC6(mmap, a + PG, PG, RW, ANON_PRIVATE | 0x10, -1, 0),
		     a + PG);
	TS_EXPECT(all_zero((char *)a + PG, PG));
	TS_EXPECT_EQ(((char *)a)[2 * PG], 9);
	TS_EXPECT_EQ(SC6(mmap, a + 1, PG, RW, ANON_PRIVATE | 0x10, -1, 0),
		     -(long)EINVAL);
	/* MAP_FIXED_NOREPLACE over a mapping. */
	TS_EXPECT_EQ(SC6(mmap, a, PG, RW, ANON_PRIVATE | 0x100000, -1, 0),
		     -(long)EEXIST);
	TS_EXPECT_EQ(SC6(mmap, a, PG, RW, ANON_PRIVATE | 0x100010, -1, 0),
		     -(long)EEXIST);
	/* Outside our mappings there is no place we may take. */
	TS_EXPECT_EQ(SC6(mmap, 0x10000, PG, RW, ANON_PRIVATE | 0x10, -1, 0),
		     -(long)ENOMEM);
	SC6(munmap, a, 4 * PG, 0, 0, 0, 0);
}

TS_TEST(sysmem, mremap_moves_and_shrinks)
{
	long a = MMAP(2 * PG, RW), b;

	TS_REQUIRE(!IS_ERR(a));
	memset((char *)a, 4, 2 * PG);
	/* Growing without MREMAP_MAYMOVE cannot move it. */
	TS_EXPECT_EQ(SC6(mremap, a, 2 * PG, 4 * PG, 0, 0, 0), -(long)ENOMEM);
	b = SC6(mremap, a, 2 * PG, 4 * PG, 1, 0, 0);
	TS_REQUIRE(!IS_ERR(b));
	TS_EXPECT_EQ(((char *)b)[2 * PG - 1], 4);
	TS_EXPECT(all_zero((char *)b + 2 * PG, 2 * PG));
	/* The old range is gone. */
	TS_EXPECT_EQ(SC6(mremap, a, 2 * PG, PG, 0, 0, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC6(mremap, b, 4 * PG, PG, 0, 0, 0), b);
	TS_EXPECT_EQ(SC6(mprotect, b + PG, PG, RW, 0, 0, 0), -(long)ENOMEM);
	TS_EXPECT_EQ(SC6(mremap, b, PG, 0, 1, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(mremap, b, PG, PG, 8, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(mremap, b, PG, 2 * PG, 2, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(munmap, b, PG, 0, 0, 0, 0), 0L);
}

TS_TEST(sysmem, madvise_dontneed_zeroes)
{
	long a = MMAP(2 * PG, RW);

	TS_REQUIRE(!IS_ERR(a));
	memset((char *)a, 3, 2 * PG);
	TS_EXPECT_EQ(SC6(madvise, a, PG, 1, 0, 0, 0), 0L);	/* RANDOM */
	TS_EXPECT_EQ(((char *)a)[0], 3);
	TS_EXPECT_EQ(SC6(madvise, a + PG, PG, 4, 0, 0, 0), 0L);
	TS_EXPECT(all_zero((char *)a + PG, PG));
	TS_EXPECT_EQ(((char *)a)[PG - 1], 3);
	TS_EXPECT_EQ(SC6(madvise, a, PG, 77, 0, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(madvise, a + 1, PG, 4, 0, 0, 0), -(long)EINVAL);
	SC6(munmap, a, 2 * PG, 0, 0, 0, 0);
	TS_EXPECT_EQ(SC6(madvise, a, PG, 4, 0, 0, 0), -(long)ENOMEM);
}

TS_TEST(sysmem, brk_grows_and_refuses)
{
	long lo = SC6(brk, 0, 0, 0, 0, 0, 0), cur;

	TS_REQUIRE(lo > 0 && !IS_ERR(lo));
	TS_REQUIRE_EQ(SC6(brk, lo + 3 * PG, 0, 0, 0, 0, 0), lo + 3 * PG);
	memset((char *)lo, 0x77, 3 * PG);
	TS_EXPECT_EQ(SC6(brk, lo + PG, 0, 0, 0, 0, 0), lo + PG);
	/* Grown again over what it gave up: zeros, as fresh pages. */
	TS_REQUIRE_EQ(SC6(brk, lo + 2 * PG, 0, 0, 0, 0, 0), lo + 2 * PG);
	TS_EXPECT(all_zero((char *)lo + PG, PG));
	/* Beyond its heap or below its start: the break stays. */
	cur = SC6(brk, lo + (long)CONFIG_LIB_SYSCALL_BRK_KB * 1024 + PG, 0, 0,
		  0, 0, 0);
	TS_EXPECT_EQ(cur, lo + 2 * PG);
	TS_EXPECT_EQ(SC6(brk, lo - PG, 0, 0, 0, 0, 0), lo + 2 * PG);
	TS_EXPECT_EQ(SC6(brk, lo, 0, 0, 0, 0, 0), lo);
}

#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>

#define OWN_STACK_PAGES 16
static long own_stack;
static int kept_while_running;

static void *unmap_own_stack(void *arg)
{
	struct ts_alloc_stats a, b;

	(void)arg;
	ts_alloc_stats_get(&a);
	TS_EXPECT_EQ(SC6(munmap, own_stack, OWN_STACK_PAGES * PG, 0, 0, 0,
			 0), 0L);
	ts_alloc_stats_get(&b);
	/* Still ours to run on: not handed back to the allocator yet. */
	kept_while_running = b.in_use == a.in_use;
	return NULL;
}

/* An exiting thread unmaps its own stack, as musl's does: the pages
 * go back only once another stack makes a memory call. */
TS_TEST(sysmem, munmap_of_the_running_stack_waits)
{
	struct ts_thread_attr attr = { 0 };
	struct ts_alloc_stats a, b;
	struct ts_thread *t;
	long other;

	own_stack = MMAP(OWN_STACK_PAGES * PG, RW);
	TS_REQUIRE(!IS_ERR(own_stack));
	attr.stack = (void *)own_stack;
	attr.stack_size = OWN_STACK_PAGES * PG;
	kept_while_running = 0;
	TS_REQUIRE_EQ(ts_thread_create(&t, "unmapper", unmap_own_stack, NULL,
				       &attr), 0);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(kept_while_running, 1);
	ts_alloc_stats_get(&a);
	other = MMAP(PG, RW);
	TS_REQUIRE(!IS_ERR(other));
	SC6(munmap, other, PG, 0, 0, 0, 0);
	ts_alloc_stats_get(&b);
	/* The pages, and the mapping's record. */
	TS_EXPECT_GE(a.in_use - b.in_use, (size_t)(OWN_STACK_PAGES * PG));
	TS_EXPECT_LT(a.in_use - b.in_use, (size_t)(OWN_STACK_PAGES * PG + PG));
}
#endif
