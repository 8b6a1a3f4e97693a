/* The clocks and sleeps (time.c) in an image: suite systime. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/syscall.h>
#include <ts/test.h>
#include <ts/time.h>

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)
#define BAD_HIGH 0x7ff000000000UL

struct tspec {
	long sec, nsec;
};

static uint64_t ns_of(struct tspec t)
{
	return (uint64_t)t.sec * TS_NSEC_PER_SEC + (uint64_t)t.nsec;
}

TS_TEST(systime, clock_gettime_clocks)
{
	struct tspec a, b, w;
	uint64_t before = ts_time_now_ns();

	TS_REQUIRE_EQ(SC(clock_gettime, 1, &a, 0, 0), 0L);
	TS_EXPECT_GE(ns_of(a), before);
	TS_EXPECT_LE(ns_of(a), ts_time_now_ns());
	TS_EXPECT(a.nsec >= 0 && a.nsec < (long)TS_NSEC_PER_SEC);
	TS_REQUIRE_EQ(SC(clock_gettime, 0, &w, 0, 0), 0L);
	TS_EXPECT_LE(ns_of(w), ts_time_wall_ns());
	TS_EXPECT_GE(ns_of(w) + TS_NSEC_PER_SEC, ts_time_wall_ns());
	/* Every clock Linux has but the dynamic ones. */
	for (long c = 0; c <= 11; c++) {
		long r = SC(clock_gettime, c, &b, 0, 0);

		if (c == 10)
			TS_EXPECT_EQ(r, -(long)EINVAL);
		else
			TS_EXPECT_EQ(r, 0L);
	}
	TS_EXPECT_EQ(SC(clock_gettime, 12, &b, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(clock_gettime, -6, &b, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(clock_gettime, 1, BAD_HIGH, 0, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(clock_getres, 1, &b, 0, 0), 0L);
	TS_EXPECT_EQ(b.sec, 0L);
	TS_EXPECT_EQ(b.nsec, 1L);
	TS_EXPECT_EQ(SC(clock_getres, 0, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(clock_getres, 99, &b, 0, 0), -(long)EINVAL);
}

TS_TEST(systime, gettimeofday_matches_realtime)
{
	struct tspec tv;
	int tz[2] = { 5, 5 };
	uint64_t w = ts_time_wall_ns();

	TS_REQUIRE_EQ(SC(gettimeofday, &tv, tz, 0, 0), 0L);
	TS_EXPECT(tv.sec >= (long)(w / TS_NSEC_PER_SEC));
	TS_EXPECT(tv.nsec >= 0 && tv.nsec < 1000000);	/* tv_usec */
	TS_EXPECT_EQ(tz[0], 0);
	TS_EXPECT_EQ(tz[1], 0);
	TS_EXPECT_EQ(SC(gettimeofday, 0, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(gettimeofday, BAD_HIGH, 0, 0, 0), -(long)EFAULT);
}

TS_TEST(systime, sleeps_last_long_enough)
{
	struct tspec d = { 0, 20 * (long)TS_NSEC_PER_MSEC }, abs;
	uint64_t t0 = ts_time_now_ns();

	TS_EXPECT_EQ(SC(nanosleep, &d, 0, 0, 0), 0L);
	TS_EXPECT_GE(ts_time_now_ns() - t0, 20 * TS_NSEC_PER_MSEC);
	t0 = ts_time_now_ns();
	TS_EXPECT_EQ(SC(clock_nanosleep, 1, 0, &d, 0), 0L);
	TS_EXPECT_GE(ts_time_now_ns() - t0, 20 * TS_NSEC_PER_MSEC);
	/* TIMER_ABSTIME on the monotonic and the wall clock. */
	t0 = ts_time_now_ns();
	SC(clock_gettime, 1, &abs, 0, 0);
	abs.nsec += 30 * (long)TS_NSEC_PER_MSEC;
	if (abs.nsec >= (long)TS_NSEC_PER_SEC) {
		abs.nsec -= (long)TS_NSEC_PER_SEC;
		abs.sec++;
	}
	TS_EXPECT_EQ(SC(clock_nanosleep, 1, 1, &abs, 0), 0L);
	TS_EXPECT_GE(ts_time_now_ns(), ns_of(abs));
	t0 = ts_time_now_ns();
	SC(clock_gettime, 0, &abs, 0, 0);
	abs.nsec += 20 * (long)TS_NSEC_PER_MSEC;
	if (abs.nsec >= (long)TS_NSEC_PER_SEC) {
		abs.nsec -= (long)TS_NSEC_PER_SEC;
		abs.sec++;
	}
	TS_EXPECT_EQ(SC(clock_nanosleep, 0, 1, &abs, 0), 0L);
	TS_EXPECT_GE(ts_time_now_ns() - t0, 19 * TS_NSEC_PER_MSEC);
	/* A deadline already past returns at once. */
	abs.sec = 1;
	abs.nsec = 0;
	TS_EXPECT_EQ(SC(clock_nanosleep, 1, 1, &abs, 0), 0L);
}

TS_TEST(systime, sleep_bad_arguments)
{
	struct tspec d = { 0, (long)TS_NSEC_PER_SEC };

	TS_EXPECT_EQ(SC(nanosleep, &d, 0, 0, 0), -(long)EINVAL);
	d.nsec = -1;
	TS_EXPECT_EQ(SC(clock_nanosleep, 1, 0, &d, 0), -(long)EINVAL);
	d.nsec = 0;
	d.sec = -1;
	TS_EXPECT_EQ(SC(nanosleep, &d, 0, 0, 0), -(long)EINVAL);
	d.sec = 0;
	TS_EXPECT_EQ(SC(nanosleep, BAD_HIGH, 0, 0, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(clock_nanosleep, 3, 0, &d, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(clock_nanosleep, 4, 0, &d, 0), -(long)EOPNOTSUPP);
	TS_EXPECT_EQ(SC(clock_nanosleep, 42, 0, &d, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(clock_nanosleep, 1, 0, &d, 0), 0L);
}

#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>

static volatile int ran;

static void *note_run(void *arg)
{
	(void)arg;
	ran = 1;
	return NULL;
}

/* A sleeping thread leaves the CPU to the others (the scheduler is
 * cooperative: a busy wait would not let the new thread run). */
TS_TEST(systime, sleep_lets_other_threads_run)
{
	struct tspec d = { 0, 10 * (long)TS_NSEC_PER_MSEC };
	struct ts_thread *t;

	ran = 0;
	TS_REQUIRE_EQ(ts_thread_create(&t, "sleeper-peer", note_run, NULL,
				       NULL), 0);
	TS_EXPECT_EQ(SC(nanosleep, &d, 0, 0, 0), 0L);
	TS_EXPECT_EQ(ran, 1);
	ts_thread_join(t, NULL);
}
#endif
