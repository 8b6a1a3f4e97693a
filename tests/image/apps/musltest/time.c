/* Clocks and sleeps. A sleep must never end early; how late it may end
 * is a tolerance: SLEEP_SLACK_MS, generous because the image tests run
 * QEMU under TCG on a loaded two-core machine, where the guest's clock
 * follows the host's and a vCPU may not run for a while. On KVM or real
 * hardware a sleep ends within a timer tick; the measured figures are
 * printed ("musltest: ... took") so that a regression shows even when
 * it stays within the slack. */
#include <errno.h>
#include <stdio.h>
#include <time.h>
#include "musltest.h"

#define SLEEP_SLACK_MS 500
#define MS 1000000LL

MT_TEST(time, monotonic_never_goes_back)
{
	long long prev = mt_now_ns(), now = prev, start = prev;
	int steps = 0;

	MT_REQUIRE(prev >= 0);
	for (int i = 0; i < 20000 && now - start < 20 * MS; i++) {
		now = mt_now_ns();
		if (now < prev) {
			mt_fail(__FILE__, __LINE__,
				"CLOCK_MONOTONIC went back %lld ns", prev - now);
			return;
		}
		steps += now != prev;
		prev = now;
	}
	/* It moves, and in steps much finer than a millisecond. */
	MT_EXPECT_GT(now, start);
	MT_EXPECT_GT(steps, 20);
}

MT_TEST(time, resolution)
{
	struct timespec res;

	MT_EXPECT_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0);
	MT_EXPECT_EQ(res.tv_sec, 0);
	MT_EXPECT_GT(res.tv_nsec, 0);
	MT_EXPECT_LE(res.tv_nsec, 1 * MS);
	MT_EXPECT_EQ(clock_getres(CLOCK_REALTIME, &res), 0);
	MT_EXPECT_GT(res.tv_sec * 1000000000LL + res.tv_nsec, 0);
}

static void check_took(const char *what, long long want_ns, long long took)
{
	printf("musltest: %s %lld ms took %lld.%03lld ms\n", what,
	       want_ns / MS, took / MS, took % MS / 1000);
	if (took < want_ns)
		mt_fail(__FILE__, __LINE__, "%s ended %lld ns early", what,
			want_ns - took);
	if (took > want_ns + SLEEP_SLACK_MS * MS)
		mt_fail(__FILE__, __LINE__, "%s ended %lld ms late", what,
			(took - want_ns) / MS);
}

static const long sleeps_ms[] = { 1, 10, 50, 200 };

MT_TEST(time, nanosleep_accuracy)
{
	for (size_t i = 0; i < sizeof(sleeps_ms) / sizeof(sleeps_ms[0]); i++) {
		struct timespec ts = { 0, sleeps_ms[i] * MS };
		long long start = mt_now_ns();

		MT_EXPECT_EQ(nanosleep(&ts, NULL), 0);
		check_took("nanosleep", sleeps_ms[i] * MS, mt_now_ns() - start);
	}
}

MT_TEST(time, clock_nanosleep_accuracy)
{
	for (size_t i = 0; i < sizeof(sleeps_ms) / sizeof(sleeps_ms[0]); i++) {
		struct timespec ts = { 0, sleeps_ms[i] * MS };
		long long start = mt_now_ns();

		MT_EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL), 0);
		check_took("clock_nanosleep", sleeps_ms[i] * MS,
			   mt_now_ns() - start);
	}
	{
		struct timespec ts = { 1, 0 };
		long long start = mt_now_ns();

		MT_EXPECT_EQ(clock_nanosleep(CLOCK_REALTIME, 0, &ts, NULL), 0);
		check_took("clock_nanosleep(CLOCK_REALTIME)", 1000 * MS,
			   mt_now_ns() - start);
	}
}

MT_TEST(time, clock_nanosleep_absolute)
{
	struct timespec dl;
	long long deadline, woke;

	MT_REQUIRE(clock_gettime(CLOCK_MONOTONIC, &dl) == 0);
	dl.tv_nsec += 30 * MS;
	if (dl.tv_nsec >= 1000000000) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000;
	}
	deadline = dl.tv_sec * 1000000000LL + dl.tv_nsec;
	MT_EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL), 0);
	woke = mt_now_ns();
	MT_EXPECT_GE(woke, deadline);
	MT_EXPECT_LE(woke, deadline + SLEEP_SLACK_MS * MS);
	/* A deadline already past (the same one) returns at once. (Not
	 * one far back: a negative tv_sec is EINVAL on Linux, and the
	 * monotonic clock of an image starts near 0.) */
	MT_EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL), 0);
	MT_EXPECT_LE(mt_now_ns() - woke, SLEEP_SLACK_MS * MS);
}

MT_TEST(time, realtime_follows_monotonic)
{
	struct timespec r0, r1, ts = { 0, 100 * MS };
	long long m0 = mt_now_ns(), m1, dr;

	MT_REQUIRE(clock_gettime(CLOCK_REALTIME, &r0) == 0);
	MT_EXPECT_EQ(nanosleep(&ts, NULL), 0);
	MT_REQUIRE(clock_gettime(CLOCK_REALTIME, &r1) == 0);
	m1 = mt_now_ns();
	dr = (r1.tv_sec - r0.tv_sec) * 1000000000LL + r1.tv_nsec - r0.tv_nsec;
	MT_EXPECT_GE(dr, 100 * MS);
	/* Both clocks count the same seconds (within 5 ms). */
	MT_EXPECT_LE(dr - (m1 - m0), 5 * MS);
	MT_EXPECT_GE(dr - (m1 - m0), -5 * MS);
	MT_EXPECT_EQ(time(NULL) - r1.tv_sec <= 1, 1);
}
