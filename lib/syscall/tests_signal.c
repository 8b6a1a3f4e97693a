/* Signals a process sends itself (signal.c) in an image: suite syssig,
 * and syssig_end.abort, which ends the image as musl's abort() would
 * (run with syscall.test_abort). */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ts/param.h>
#include <ts/syscall.h>
#include <ts/test.h>

static bool test_abort;
TS_PARAM_BOOL(syscall, test_abort, test_abort,
	      "run the signal test that ends the image as abort() does");

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)
#define BAD_HIGH 0x7ff000000000UL
#define SIGUSR1 10
#define SIGUSR2 12
#define SIGCHLD 17
#define SIGABRT 6
#define SIGKILL 9
#define BIT(s) (1ULL << ((s) - 1))

struct ksa {
	unsigned long handler, flags, restorer;
	uint64_t mask;
};

static int hits[65], last_sig, last_code, nested;
static uint64_t mask_in_handler;

static long tid(void)
{
	return SC(gettid, 0, 0, 0, 0);
}

static uint64_t cur_mask(void)
{
	uint64_t m = 0;

	SC(rt_sigprocmask, 0, 0, &m, 8);
	return m;
}

static void on_sig(int sig)
{
	hits[sig]++;
	last_sig = sig;
	mask_in_handler = cur_mask();
	/* With SA_NODEFER the handler may take its own signal again. */
	if (sig == SIGUSR2 && !nested++)
		SC(tkill, tid(), SIGUSR2, 0, 0);
}

struct info {
	int signo, err, code, pad, pid;
};

static void on_info(int sig, void *si, void *uc)
{
	const struct info *i = si;

	(void)uc;
	hits[sig]++;
	last_sig = i->signo;
	last_code = i->code;
}

static void set_action(int sig, unsigned long h, unsigned long flags,
		       uint64_t mask)
{
	struct ksa a = { h, flags, 0, mask };

	SC(rt_sigaction, sig, &a, 0, 8);
}

static void reset(void)
{
	uint64_t none = 0;

	for (int s = 1; s <= 64; s++)
		if (s != SIGKILL && s != 19)
			set_action(s, 0, 0, 0);
	SC(rt_sigprocmask, 2, &none, 0, 8);
	memset(hits, 0, sizeof(hits));
	last_sig = last_code = nested = 0;
}

TS_TEST(syssig, handler_runs_before_kill_returns)
{
	struct ksa old;

	reset();
	set_action(SIGUSR1, (unsigned long)on_sig, 0, BIT(SIGUSR2));
	TS_EXPECT_EQ(SC(kill, 1, SIGUSR1, 0, 0), 0L);
	TS_EXPECT_EQ(hits[SIGUSR1], 1);
	/* The signal itself and the action's mask, during the handler;
	 * the old mask after. */
	TS_EXPECT_EQ(mask_in_handler, BIT(SIGUSR1) | BIT(SIGUSR2));
	TS_EXPECT_EQ(cur_mask(), 0ULL);
	TS_EXPECT_EQ(SC(tkill, tid(), SIGUSR1, 0, 0), 0L);
	TS_EXPECT_EQ(SC(tgkill, 1, tid(), SIGUSR1, 0), 0L);
	TS_EXPECT_EQ(hits[SIGUSR1], 3);
	TS_EXPECT_EQ(SC(rt_sigaction, SIGUSR1, 0, &old, 8), 0L);
	TS_EXPECT_EQ(old.handler, (unsigned long)on_sig);
	TS_EXPECT_EQ(old.mask, BIT(SIGUSR2));
	reset();
}

TS_TEST(syssig, siginfo_resethand_nodefer)
{
	reset();
	set_action(SIGUSR1, (unsigned long)on_info, 4 /* SA_SIGINFO */, 0);
	SC(kill, 0, SIGUSR1, 0, 0);
	TS_EXPECT_EQ(last_sig, SIGUSR1);
	TS_EXPECT_EQ(last_code, 0);		/* SI_USER */
	SC(tkill, tid(), SIGUSR1, 0, 0);
	TS_EXPECT_EQ(last_code, -6);		/* SI_TKILL */
	/* SA_RESETHAND: once, then the default (ignore, for SIGCHLD). */
	set_action(SIGCHLD, (unsigned long)on_sig, 0x80000000UL, 0);
	SC(kill, 1, SIGCHLD, 0, 0);
	SC(kill, 1, SIGCHLD, 0, 0);
	TS_EXPECT_EQ(hits[SIGCHLD], 1);
	/* SA_NODEFER: the handler's own tkill runs it again, nested. */
	set_action(SIGUSR2, (unsigned long)on_sig, 0x40000000UL, 0);
	SC(tkill, tid(), SIGUSR2, 0, 0);
	TS_EXPECT_EQ(hits[SIGUSR2], 2);
	/* Without it, the nested one waits for the handler to end. */
	nested = 0;
	hits[SIGUSR2] = 0;
	set_action(SIGUSR2, (unsigned long)on_sig, 0, 0);
	SC(tkill, tid(), SIGUSR2, 0, 0);
	TS_EXPECT_EQ(hits[SIGUSR2], 2);
	reset();
}

TS_TEST(syssig, blocked_signal_waits_for_unblock)
{
	uint64_t set = BIT(SIGUSR1), pend = 0, old = 1;

	reset();
	set_action(SIGUSR1, (unsigned long)on_sig, 0, 0);
	TS_EXPECT_EQ(SC(rt_sigprocmask, 0, &set, &old, 8), 0L);
	TS_EXPECT_EQ(old, 0ULL);
	SC(tkill, tid(), SIGUSR1, 0, 0);
	SC(kill, 1, SIGUSR1, 0, 0);
	TS_EXPECT_EQ(hits[SIGUSR1], 0);
	TS_EXPECT_EQ(SC(rt_sigpending, &pend, 8, 0, 0), 0L);
	TS_EXPECT_EQ(pend, BIT(SIGUSR1));
	/* Unblocking delivers before rt_sigprocmask returns: once per
	 * queue (the thread's and the process's). */
	TS_EXPECT_EQ(SC(rt_sigprocmask, 1, &set, 0, 8), 0L);
	TS_EXPECT_EQ(hits[SIGUSR1], 2);
	/* SIGKILL cannot be blocked. */
	set = BIT(SIGKILL) | BIT(SIGUSR2);
	SC(rt_sigprocmask, 2, &set, 0, 8);
	TS_EXPECT_EQ(cur_mask(), BIT(SIGUSR2));
	/* A pending signal whose action becomes SIG_IGN is dropped. */
	SC(kill, 1, SIGUSR2, 0, 0);
	set_action(SIGUSR2, 1, 0, 0);
	pend = 1;
	SC(rt_sigpending, &pend, 8, 0, 0);
	TS_EXPECT_EQ(pend, 0ULL);
	reset();
}

TS_TEST(syssig, ignored_signals)
{
	reset();
	/* SIG_IGN, and SIGCHLD's default, do nothing. */
	set_action(SIGUSR1, 1, 0, 0);
	TS_EXPECT_EQ(SC(kill, 1, SIGUSR1, 0, 0), 0L);
	TS_EXPECT_EQ(SC(kill, 1, SIGCHLD, 0, 0), 0L);
	TS_EXPECT_EQ(SC(kill, 1, 28, 0, 0), 0L);	/* SIGWINCH */
	TS_EXPECT_EQ(SC(kill, 1, 0, 0, 0), 0L);	/* exists? */
	reset();
}

TS_TEST(syssig, bad_arguments)
{
	struct ksa a = { 0, 0, 0, 0 };
	uint64_t set = 0;
	struct {
		unsigned long sp;
		int flags;
		unsigned long size;
	} ss = { 0, 0, 100 }, old;

	reset();
	TS_EXPECT_EQ(SC(kill, 42, SIGUSR1, 0, 0), -(long)ESRCH);
	TS_EXPECT_EQ(SC(kill, 1, 65, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(kill, 1, -1, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(tkill, 0, SIGUSR1, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(tkill, 99999, SIGUSR1, 0, 0), -(long)ESRCH);
	TS_EXPECT_EQ(SC(tgkill, 7, tid(), SIGUSR1, 0), -(long)ESRCH);
	TS_EXPECT_EQ(SC(tgkill, 1, 99999, SIGUSR1, 0), -(long)ESRCH);
	TS_EXPECT_EQ(SC(tgkill, 0, tid(), SIGUSR1, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(rt_sigaction, SIGUSR1, &a, 0, 4), -(long)EINVAL);
	TS_EXPECT_EQ(SC(rt_sigaction, 0, &a, 0, 8), -(long)EINVAL);
	TS_EXPECT_EQ(SC(rt_sigaction, 65, &a, 0, 8), -(long)EINVAL);
	TS_EXPECT_EQ(SC(rt_sigaction, SIGKILL, &a, 0, 8), -(long)EINVAL);
	TS_EXPECT_EQ(SC(rt_sigaction, SIGKILL, 0, &a, 8), 0L);
	TS_EXPECT_EQ(SC(rt_sigaction, SIGUSR1, BAD_HIGH, 0, 8), -(long)EFAULT);
	TS_EXPECT_EQ(SC(rt_sigaction, SIGUSR1, 0, BAD_HIGH, 8), -(long)EFAULT);
	TS_EXPECT_EQ(SC(rt_sigprocmask, 0, &set, 0, 16), -(long)EINVAL);
	TS_EXPECT_EQ(SC(rt_sigprocmask, 7, &set, 0, 8), -(long)EINVAL);
	TS_EXPECT_EQ(SC(rt_sigprocmask, 7, 0, 0, 8), 0L);
	TS_EXPECT_EQ(SC(rt_sigprocmask, 0, BAD_HIGH, 0, 8), -(long)EFAULT);
	/* sigaltstack: recorded, checked as Linux checks it. */
	TS_EXPECT_EQ(SC(sigaltstack, &ss, 0, 0, 0), -(long)ENOMEM);
	ss.size = 65536;
	ss.sp = 0x1000;
	ss.flags = 7;
	TS_EXPECT_EQ(SC(sigaltstack, &ss, 0, 0, 0), -(long)EINVAL);
	ss.flags = 0;
	TS_EXPECT_EQ(SC(sigaltstack, &ss, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(sigaltstack, 0, &old, 0, 0), 0L);
	TS_EXPECT_EQ(old.size, 65536UL);
	ss.flags = 2;	/* SS_DISABLE */
	TS_EXPECT_EQ(SC(sigaltstack, &ss, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(sigaltstack, 0, &old, 0, 0), 0L);
	TS_EXPECT_EQ(old.flags, 2);
	reset();
}

/* musl 1.2.3's abort(): raise(SIGABRT) with the application's signals
 * blocked around tkill, then SIG_DFL, tkill and unblock. */
TS_TEST(syssig_end, abort)
{
	uint64_t all = ~0ULL, old = 0, abrt = BIT(SIGABRT);

	if (!test_abort)
		TS_SKIP("ends the image: syscall.test_abort runs it");
	set_action(SIGABRT, (unsigned long)on_sig, 0, 0);
	SC(rt_sigprocmask, 0, &all, &old, 8);
	SC(tkill, tid(), SIGABRT, 0, 0);
	SC(rt_sigprocmask, 2, &old, 0, 8);
	TS_EXPECT_EQ(hits[SIGABRT], 1);
	SC(rt_sigprocmask, 0, &all, 0, 8);
	set_action(SIGABRT, 0, 0, 0);
	SC(tkill, tid(), SIGABRT, 0, 0);
	SC(rt_sigprocmask, 1, &abrt, 0, 8);
	TS_FAIL("SIGABRT's default action did not end the image");
}

#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>

static volatile long handled_in;
static volatile int go;

static void on_usr1_where(int sig)
{
	(void)sig;
	handled_in = tid();
}

static void *peer(void *arg)
{
	(void)arg;
	while (!go)
		ts_thread_sleep_ns(TS_NSEC_PER_MSEC);
	/* Changing its mask (here: not at all) delivers what waits. */
	SC(rt_sigprocmask, 0, 0, 0, 8);
	return NULL;
}

/* A signal for another thread waits for that thread, and its handler
 * runs there. */
TS_TEST(syssig, signal_for_another_thread)
{
	struct ts_thread *t;
	long ptid;

	reset();
	handled_in = 0;
	go = 0;
	set_action(SIGUSR1, (unsigned long)on_usr1_where, 0, 0);
	TS_REQUIRE_EQ(ts_thread_create(&t, "signal-peer", peer, NULL, NULL),
		      0);
	ptid = (long)ts_thread_id(t);
	TS_EXPECT_EQ(SC(tkill, ptid, SIGUSR1, 0, 0), 0L);
	TS_EXPECT_EQ(SC(tgkill, 1, ptid, SIGUSR1, 0), 0L);
	TS_EXPECT_EQ(handled_in, 0L);
	go = 1;
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(handled_in, ptid);
	/* An ended thread is no target. */
	TS_EXPECT_EQ(SC(tkill, ptid, SIGUSR1, 0, 0), -(long)ESRCH);
	reset();
}
#endif

/* A real-time signal's default action ends the image too, named as the
 * kernel numbers it. */
TS_TEST(syssig_end, realtime_default)
{
	if (!test_abort)
		TS_SKIP("ends the image: syscall.test_abort runs it");
	SC(kill, 1, 40, 0, 0);
	TS_FAIL("signal 40's default action did not end the image");
}
