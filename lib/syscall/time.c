/* Clocks and sleeps on lib/time: clock_gettime, clock_getres,
 * clock_nanosleep, nanosleep, gettimeofday.
 *
 * CLOCK_REALTIME (and _COARSE, _ALARM, TAI: no leap seconds are kept)
 * is lib/time's wall clock; CLOCK_MONOTONIC, _RAW, _COARSE, BOOTTIME
 * (and _ALARM) its monotonic counter since boot (nothing suspends,
 * nothing slews it). The CPU-time clocks count the time since boot too,
 * idle time included: one process on one CPU, and lib/sched keeps no
 * per-thread CPU time, so that is an upper bound, not a measure.
 *
 * Sleeps block on lib/sched's sleep, so that other threads run, or,
 * without lib/sched, halt the CPU until a timer (ts_time_halt_until).
 * No signal interrupts them (signals are delivered synchronously, see
 * signal.c), so they never return -EINTR and never write rem. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include <ts/time.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define CLOCK_TAI			11

#define TIMER_ABSTIME	1

struct timespec_abi {
	long sec, nsec;
};

struct timeval_abi {
	long sec, usec;
};

enum kind { BAD, WALL, MONO };

static enum kind clock_kind(long clk)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		return WALL;
	case CLOCK_MONOTONIC:
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		return MONO;
	default:
		/* Negative ids name another process's or thread's CPU
		 * clock: none exists here. */
		return BAD;
	}
}

static uint64_t now(enum kind k)
{
	return k == WALL ? ts_time_wall_ns() : ts_time_now_ns();
}

static int put_ts(long addr, uint64_t ns)
{
	struct timespec_abi ts = { (long)(ns / TS_NSEC_PER_SEC),
				   (long)(ns % TS_NSEC_PER_SEC) };

	return ts_arch_mem_write_safe((uint64_t)addr, &ts, sizeof(ts)) ?
		       -EFAULT : 0;
}

static long sys_clock_gettime(long clk, long tp, long c, long d, long e,
			      long f)
{
	enum kind k = clock_kind(clk);

	(void)c, (void)d, (void)e, (void)f;
	if (k == BAD)
		return -EINVAL;
	return put_ts(tp, now(k));
}
TS_SYSCALL(clock_gettime, sys_clock_gettime);

/* The counters tick at MHz rates or faster and lib/time converts them
 * to nanoseconds: 1 ns is what Linux says for its high-resolution
 * clocks too. */
static long sys_clock_getres(long clk, long res, long c, long d, long e,
			     long f)
{
	(void)c, (void)d, (void)e, (void)f;
	if (clock_kind(clk) == BAD)
		return -EINVAL;
	return res ? put_ts(res, 1) : 0;
}
TS_SYSCALL(clock_getres, sys_clock_getres);

static void sleep_until_mono(uint64_t deadline)
{
#ifdef CONFIG_LIB_SCHED
	if (ts_thread_self()) {
		ts_thread_sleep_until(deadline);
		return;
	}
#endif
	while (ts_time_now_ns() < deadline)
		ts_time_halt_until(deadline);
}

/* Read and check a timespec: 0, -EFAULT, -EINVAL; *ns its value,
 * saturated. */
static int get_ts(long addr, uint64_t *ns)
{
	struct timespec_abi ts;

	if (ts_arch_mem_read_safe((uint64_t)addr, &ts, sizeof(ts)) !=
	    (long)sizeof(ts))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= (long)TS_NSEC_PER_SEC)
		return -EINVAL;
	if ((uint64_t)ts.sec >= (TS_TIME_NEVER - (uint64_t)ts.nsec) /
					TS_NSEC_PER_SEC)
		*ns = TS_TIME_NEVER;
	else
		*ns = (uint64_t)ts.sec * TS_NSEC_PER_SEC + (uint64_t)ts.nsec;
	return 0;
}

static long do_sleep(long clk, long flags, long req)
{
	enum kind k = clock_kind(clk);
	uint64_t ns, deadline;
	int r;

	if (k == BAD)
		return -EINVAL;
	/* Linux sleeps on these clocks only; the thread's CPU time does
	 * not advance while it sleeps. */
	if (clk == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (clk == CLOCK_MONOTONIC_RAW || clk == CLOCK_REALTIME_COARSE ||
	    clk == CLOCK_MONOTONIC_COARSE)
		return -EOPNOTSUPP;
	r = get_ts(req, &ns);
	if (r)
		return r;
	if (!(flags & TIMER_ABSTIME)) {
		deadline = ts_time_deadline_in(ns);
	} else {
		uint64_t t = now(k);

		if (ns <= t)
			return 0;
		deadline = ts_time_deadline_in(ns - t);
	}
	sleep_until_mono(deadline);
	return 0;
}

static long sys_clock_nanosleep(long clk, long flags, long req, long rem,
				long e, long f)
{
	(void)rem, (void)e, (void)f;
	return do_sleep(clk, flags, req);
}
TS_SYSCALL(clock_nanosleep, sys_clock_nanosleep);

static long sys_nanosleep(long req, long rem, long c, long d, long e, long f)
{
	(void)rem, (void)c, (void)d, (void)e, (void)f;
	return do_sleep(CLOCK_MONOTONIC, 0, req);
}
TS_SYSCALL(nanosleep, sys_nanosleep);

static long sys_gettimeofday(long tv, long tz, long c, long d, long e,
			     long f)
{
	(void)c, (void)d, (void)e, (void)f;
	if (tv) {
		uint64_t ns = ts_time_wall_ns();
		struct timeval_abi v = {
			(long)(ns / TS_NSEC_PER_SEC),
			(long)(ns % TS_NSEC_PER_SEC / TS_NSEC_PER_USEC)
		};

		if (ts_arch_mem_write_safe((uint64_t)tv, &v, sizeof(v)))
			return -EFAULT;
	}
	if (tz) {
		/* UTC, no daylight saving: struct timezone's two ints. */
		int z[2] = { 0, 0 };

		if (ts_arch_mem_write_safe((uint64_t)tz, z, sizeof(z)))
			return -EFAULT;
	}
	return 0;
}
TS_SYSCALL(gettimeofday, sys_gettimeofday);
