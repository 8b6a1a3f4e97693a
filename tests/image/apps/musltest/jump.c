/* setjmp/longjmp and sigsetjmp/siglongjmp (with and without the signal
 * mask), and the signals a program sends itself: raise runs a handler,
 * a handler may leave by siglongjmp, a blocked signal waits. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include "musltest.h"

static jmp_buf env;

static void __attribute__((noinline)) jump_back(int v)
{
	longjmp(env, v);
}

MT_TEST(jump, setjmp_longjmp)
{
	volatile int calls = 0;
	int r = setjmp(env);

	calls++;
	if (r == 0) {
		MT_EXPECT_EQ(calls, 1);
		jump_back(42);
		mt_fail(__FILE__, __LINE__, "longjmp returned");
		return;
	}
	MT_EXPECT_EQ(r, 42);
	MT_EXPECT_EQ(calls, 2);
}

MT_TEST(jump, longjmp_zero_gives_one)
{
	int r = setjmp(env);

	if (r == 0)
		jump_back(0);
	MT_EXPECT_EQ(r, 1);
}

/* Values in callee-saved registers and on the stack across frames. */
static int __attribute__((noinline)) deep(int n, double x)
{
	volatile char pad[256];

	memset((char *)pad, n, sizeof(pad));
	if (n < 0)
		return 0;
	if (n == 0)
		jump_back((int)x);
	return deep(n - 1, x + 1.0) + pad[n];
}

MT_TEST(jump, through_frames)
{
	volatile double f = 2.5;
	volatile long l = 0x1234567890L;
	int r = setjmp(env);

	if (r == 0) {
		f = 7.25;
		l = -3;
		deep(20, 100.0);
		return;
	}
	MT_EXPECT_EQ(r, 120);
	MT_EXPECT(f == 7.25);
	MT_EXPECT_EQ(l, -3);
}

static sigjmp_buf senv;

static int blocked(int sig)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	return sigismember(&now, sig);
}

static void unblock(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void block(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_BLOCK, &s, NULL);
}

MT_TEST(jump, sigsetjmp_restores_mask)
{
	unblock(SIGUSR1);
	if (sigsetjmp(senv, 1) == 0) {
		block(SIGUSR1);
		MT_EXPECT(blocked(SIGUSR1));
		siglongjmp(senv, 1);
	}
	MT_EXPECT(!blocked(SIGUSR1));
}

MT_TEST(jump, sigsetjmp_without_mask)
{
	unblock(SIGUSR2);
	if (sigsetjmp(senv, 0) == 0) {
		block(SIGUSR2);
		siglongjmp(senv, 1);
	}
	MT_EXPECT(blocked(SIGUSR2));
	unblock(SIGUSR2);
}

static volatile sig_atomic_t got_sig, handler_blocked;

static void count_handler(int sig)
{
	got_sig = sig;
	handler_blocked = blocked(sig);
}

MT_TEST(signal, raise_runs_handler)
{
	struct sigaction sa = { .sa_handler = count_handler }, old;

	sigemptyset(&sa.sa_mask);
	MT_REQUIRE(sigaction(SIGUSR1, &sa, &old) == 0);
	got_sig = 0;
	MT_EXPECT_EQ(raise(SIGUSR1), 0);
	MT_EXPECT_EQ(got_sig, SIGUSR1);
	/* The signal is blocked while its handler runs, not after. */
	MT_EXPECT(handler_blocked);
	MT_EXPECT(!blocked(SIGUSR1));
	MT_EXPECT_EQ(sigaction(SIGUSR1, &old, NULL), 0);
}

static void jump_handler(int sig)
{
	siglongjmp(senv, sig);
}

MT_TEST(signal, siglongjmp_from_handler)
{
	struct sigaction sa = { .sa_handler = jump_handler }, old;
	volatile int ran = 0;
	int r;

	sigemptyset(&sa.sa_mask);
	MT_REQUIRE(sigaction(SIGUSR2, &sa, &old) == 0);
	r = sigsetjmp(senv, 1);
	if (r == 0) {
		ran = 1;
		raise(SIGUSR2);
		mt_fail(__FILE__, __LINE__, "the handler did not jump");
	} else {
		MT_EXPECT_EQ(r, SIGUSR2);
		MT_EXPECT_EQ(ran, 1);
		/* The mask saved by sigsetjmp is back: SIGUSR2 unblocked. */
		MT_EXPECT(!blocked(SIGUSR2));
	}
	MT_EXPECT_EQ(sigaction(SIGUSR2, &old, NULL), 0);
}

MT_TEST(signal, blocked_signal_is_pending)
{
	struct sigaction sa = { .sa_handler = count_handler }, old;
	sigset_t pending;

	sigemptyset(&sa.sa_mask);
	MT_REQUIRE(sigaction(SIGUSR1, &sa, &old) == 0);
	got_sig = 0;
	block(SIGUSR1);
	MT_EXPECT_EQ(raise(SIGUSR1), 0);
	MT_EXPECT_EQ(got_sig, 0);
	MT_EXPECT_EQ(sigpending(&pending), 0);
	MT_EXPECT(sigismember(&pending, SIGUSR1));
	unblock(SIGUSR1);
	MT_EXPECT_EQ(got_sig, SIGUSR1);
	MT_EXPECT_EQ(sigaction(SIGUSR1, &old, NULL), 0);
}
