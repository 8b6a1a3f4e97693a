/* The thread calls in an image, driven as musl drives them: threads
 * started with ts_syscall_clone() on stacks and TLS blocks of the
 * test's own, joined the way pthread_join does (a futex wait on the
 * CLONE_CHILD_CLEARTID word until the exit clears it), futex waits,
 * wakes, timeouts and requeues between them, names through prctl.
 * tests/image/cases_syscall_threads.py runs them on each target. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/arch/tls.h>
#include <ts/plat/console.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include <ts/test.h>
#include <ts/time.h>
#include "threads.h"

#define PR_SET_NAME		15
#define PR_GET_NAME		16

/* What musl's pthread_create passes. */
#define MUSL_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |  \
		    CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |         \
		    CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |          \
		    CLONE_DETACHED)

#define KID_STACK	(32 * 1024)
#define KID_TLS		4096	/* the block; tp in its middle */

#define BAD_LOW		8UL

struct kid {
	char *stack;
	char *tls;
	uintptr_t tp;
	int tid;	/* CLONE_PARENT_SETTID */
	int ctid;	/* CLONE_CHILD_CLEARTID */
};

struct kts {
	long sec, nsec;
};

static long futex(void *addr, long op, long val, const void *ts,
		  void *addr2, long val3)
{
	return ts_syscall(TS_NR_futex, (long)addr, op, val, (long)ts,
			  (long)addr2, val3);
}

static long prctl(long option, const void *arg)
{
	return ts_syscall(TS_NR_prctl, option, (long)arg, 0, 0, 0, 0);
}

/* The image's TLS template copied into a block of the test's at the
 * architecture's place, as a C library lays out a new thread's TLS:
 * tp + offset (below tp for variant II, above the TCB for variant I),
 * and the word at tp pointing to itself (variant II's TCB; variant I's
 * dtv word, unused). */
static int kid_layout(struct kid *k)
{
	const void *data;
	size_t filesz, memsz;
	intptr_t off;

	memset(k, 0, sizeof(*k));
	k->stack = aligned_alloc(16, KID_STACK);
	k->tls = aligned_alloc(64, KID_TLS);
	if (!k->stack || !k->tls)
		return -ENOMEM;
	memset(k->tls, 0, KID_TLS);
	k->tp = (uintptr_t)k->tls + KID_TLS / 2;
	ts_thread_tls_template(&data, &filesz, &memsz, &off);
	if (off < -(intptr_t)(KID_TLS / 2) || off + (intptr_t)memsz >
						      (intptr_t)(KID_TLS / 2))
		return -E2BIG;
	memcpy((char *)(k->tp + off), data, filesz);
	*(uintptr_t *)k->tp = k->tp;
	/* Not 0: the exit's clear is what the join waits for. */
	k->ctid = -1;
	return 0;
}

static long kid_start(struct kid *k, int (*fn)(void *), void *arg)
{
	long r = kid_layout(k);

	if (r)
		return r;
	return ts_syscall_clone(fn, k->stack + KID_STACK, MUSL_FLAGS, arg,
				&k->tid, k->tp, &k->ctid);
}

/* pthread_join's wait: until the thread's exit clears the word. Returns
 * how many of the waits were woken (0) rather than seeing the word
 * changed (-EAGAIN). */
static int kid_join(struct kid *k)
{
	int v, woken = 0;

	while ((v = __atomic_load_n(&k->ctid, __ATOMIC_ACQUIRE)) != 0)
		if (futex(&k->ctid, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, v, NULL,
			  NULL, 0) == 0)
			woken++;
	free(k->stack);
	free(k->tls);
	return woken;
}

/* Wait until the thread of that name blocks (it waits on a futex). */
static int wait_blocked_name(const char *name)
{
	for (int i = 0; i < 1000; i++) {
		struct ts_thread *t = ts_thread_find(name);

		if (t && !strcmp(ts_thread_state(t), "blocked"))
			return 1;
		ts_thread_yield();
	}
	return 0;
}

static int wait_blocked(int tid)
{
	char name[TS_THREAD_NAME_MAX];

	snprintf(name, sizeof(name), "pthread-%d", tid);
	return wait_blocked_name(name);
}

/* --- clone --- */

static __thread int tls_value = 4242;
static __thread int tls_zero;

struct seen {
	struct kid *k;
	uintptr_t tp_hw;
	long tid;
	int ptid_at_start;
	int tls_value, tls_zero;
	uintptr_t tls_addr;
	uintptr_t stack_lo, stack_hi;
	char name[TS_THREAD_NAME_MAX];
};

static int report(void *arg)
{
	struct seen *s = arg;

	s->tp_hw = ts_arch_tp_get();
	s->tid = ts_syscall(TS_NR_gettid, 0, 0, 0, 0, 0, 0);
	s->ptid_at_start = s->k->tid;
	s->tls_value = tls_value;
	s->tls_zero = tls_zero;
	s->tls_addr = (uintptr_t)&tls_value;
	strcpy(s->name, ts_thread_name(ts_thread_self()));
	ts_thread_stack(ts_thread_self(), &s->stack_lo, &s->stack_hi);
	tls_value = 1;
	return 3;
}

TS_TEST(clone, thread_runs_with_its_stack_tls_and_id)
{
	struct kid k;
	struct seen s;
	unsigned int threads = ts_thread_count();
	char want[TS_THREAD_NAME_MAX];
	long tid;

	memset(&s, 0, sizeof(s));
	s.k = &k;
	tid = kid_start(&k, report, &s);
	TS_REQUIRE(tid > 0);
	/* Before it ran: the id is in place, as Linux has it. */
	TS_EXPECT_EQ((long)k.tid, tid);
	TS_EXPECT_EQ(ts_thread_count(), threads + 1);
	TS_EXPECT_NE(tid, ts_syscall(TS_NR_gettid, 0, 0, 0, 0, 0, 0));
	kid_join(&k);
	TS_EXPECT_EQ(k.ctid, 0);
	TS_EXPECT_EQ(ts_thread_count(), threads);
	TS_EXPECT_EQ(s.tid, tid);
	TS_EXPECT_EQ((long)s.ptid_at_start, tid);
	TS_EXPECT_EQ(s.tp_hw, k.tp);
	/* Compiled __thread accesses went to the test's block. */
	TS_EXPECT_EQ(s.tls_value, 4242);
	TS_EXPECT_EQ(s.tls_zero, 0);
	TS_EXPECT(s.tls_addr >= (uintptr_t)k.tls &&
		  s.tls_addr < (uintptr_t)k.tls + KID_TLS);
	TS_EXPECT_EQ(tls_value, 4242);
	/* What the debug tools show as its stack: the top given, and (no
	 * mapping holds a malloc'd stack) musl's default size below. */
	TS_EXPECT_EQ(s.stack_hi, (uintptr_t)k.stack + KID_STACK);
	TS_EXPECT_EQ(s.stack_hi - s.stack_lo, 128 * 1024UL);
	snprintf(want, sizeof(want), "pthread-%ld", tid);
	TS_EXPECT_STREQ(s.name, want);
	/* The caller's thread pointer is its own still. */
	TS_EXPECT_EQ(ts_arch_tp_get(), ts_thread_tp(ts_thread_self()));
}

static int never_runs(void *arg)
{
	*(int *)arg = 1;
	return 0;
}

TS_TEST(clone, bad_flags_and_pointers)
{
	static char stack[8192] __attribute__((aligned(16)));
	char *top = stack + sizeof(stack);
	int ran = 0, ptid, ctid;

	/* fork (SIGCHLD, no CLONE_VM), vfork, a process sharing memory,
	 * a thread with its own files: no second process here. */
	TS_EXPECT_EQ(ts_syscall_clone(never_runs, top, 17, &ran, NULL, 0,
				      NULL), -(long)ENOSYS);
	TS_EXPECT_EQ(ts_syscall_clone(never_runs, top, CLONE_VM | CLONE_VFORK |
				      17, &ran, NULL, 0, NULL), -(long)ENOSYS);
	TS_EXPECT_EQ(ts_syscall_clone(never_runs, top, CLONE_VM | CLONE_FS |
				      CLONE_FILES | CLONE_SIGHAND, &ran, NULL,
				      0, NULL), -(long)ENOSYS);
	TS_EXPECT_EQ(ts_syscall_clone(never_runs, top,
				      MUSL_FLAGS & ~CLONE_FILES, &ran, &ptid,
				      0, &ctid), -(long)ENOSYS);
	TS_EXPECT_EQ(ts_syscall_clone(never_runs, top,
				      MUSL_FLAGS | CLONE_VFORK, &ran, &ptid, 0,
				      &ctid), -(long)ENOSYS);
	/* What Linux itself refuses. */
	TS_EXPECT_EQ(ts_syscall_clone(never_runs, top,
				      MUSL_FLAGS & ~CLONE_SIGHAND, &ran, &ptid,
				      0, &ctid), -(long)EINVAL);
	TS_EXPECT_EQ(ts_syscall_clone(never_runs, top, MUSL_FLAGS |
				      (1UL << 40), &ran, &ptid, 0, &ctid),
		     -(long)EINVAL);
	TS_EXPECT_EQ(ts_syscall_clone(never_runs, NULL, MUSL_FLAGS, &ran,
				      &ptid, 0, &ctid), -(long)EINVAL);
	TS_EXPECT_EQ(ts_syscall_clone(NULL, top, MUSL_FLAGS, &ran, &ptid, 0,
				      &ctid), -(long)EINVAL);
	/* Bad pointers. */
	TS_EXPECT_EQ(ts_syscall_clone(never_runs, top, MUSL_FLAGS, &ran,
				      (int *)BAD_LOW, 0, &ctid),
		     -(long)EFAULT);
	TS_EXPECT_EQ(ts_syscall_clone(never_runs, top, MUSL_FLAGS, &ran,
				      &ptid, 0, (int *)BAD_LOW),
		     -(long)EFAULT);
	/* The raw call, which would have to return twice. */
	TS_EXPECT_EQ(ts_syscall(TS_NR_clone, (long)MUSL_FLAGS, (long)top,
				(long)&ptid, 0, 0, 0), -(long)ENOSYS);
	ts_thread_yield();
	TS_EXPECT_EQ(ran, 0);
}

/* exit from inside the thread, below fn: the thread ends there, the
 * image goes on. */
static int exits_early(void *arg)
{
	int *step = arg;

	*step = 1;
	ts_syscall(TS_NR_exit, 9, 0, 0, 0, 0, 0);
	*step = 2;
	return 0;
}

TS_TEST(clone, exit_ends_only_the_thread)
{
	struct kid k;
	int step = 0;
	unsigned int threads = ts_thread_count();

	TS_REQUIRE(kid_start(&k, exits_early, &step) > 0);
	kid_join(&k);
	TS_EXPECT_EQ(step, 1);
	TS_EXPECT_EQ(ts_thread_count(), threads);
}

/* The CLONE_CHILD_CLEARTID wake-up: the joiner sleeps on the word until
 * the exit clears it and wakes it (not a poll that happens to see 0). */
static int sleeps_then_returns(void *arg)
{
	(void)arg;
	ts_thread_sleep_ns(20 * 1000 * 1000);
	return 0;
}

TS_TEST(clone, exit_clears_and_wakes_the_tid_word)
{
	struct kid k;
	uint64_t t0 = ts_time_now_ns();

	TS_REQUIRE(kid_start(&k, sleeps_then_returns, NULL) > 0);
	TS_EXPECT_EQ(kid_join(&k), 1);
	TS_EXPECT_EQ(k.ctid, 0);
	TS_EXPECT_GE(ts_time_now_ns() - t0, 20 * 1000 * 1000ULL);
}

/* set_tid_address: the word the exit clears, for a thread clone gave
 * none (musl's main thread sets it at start-up). */
static int sets_its_own_word(void *arg)
{
	int *word = arg, stay = 0;

	*word = (int)ts_syscall(TS_NR_set_tid_address, (long)word, 0, 0, 0,
				0, 0);
	/* Blocked a while: the parent looks at the word meanwhile. */
	futex(&stay, FUTEX_WAIT, 0, &(struct kts){ 0, 20 * 1000 * 1000 },
	      NULL, 0);
	return 0;
}

TS_TEST(clone, set_tid_address_word_is_cleared)
{
	static char stack[KID_STACK] __attribute__((aligned(16)));
	int word = 0, tid;
	long r;

	r = ts_syscall_clone(sets_its_own_word, stack + sizeof(stack),
			     MUSL_FLAGS & ~(CLONE_SETTLS | CLONE_PARENT_SETTID |
					    CLONE_CHILD_CLEARTID), &word, NULL,
			     0, NULL);
	TS_REQUIRE(r > 0);
	TS_REQUIRE(wait_blocked((int)r));
	tid = __atomic_load_n(&word, __ATOMIC_ACQUIRE);
	TS_EXPECT_EQ((long)tid, r);
	while ((tid = __atomic_load_n(&word, __ATOMIC_ACQUIRE)) != 0)
		futex(&word, FUTEX_WAIT, tid, NULL, NULL, 0);
	TS_EXPECT_EQ(word, 0);
}

/* prctl names: the thread's lib/sched name, so `ts threads`, the GDB
 * stub and the trace show it. */
static int names_itself(void *arg)
{
	char *got = arg;
	int stop = 0;

	if (prctl(PR_SET_NAME, "worker-one"))
		return 1;
	prctl(PR_GET_NAME, got);
	/* Seen by the parent while it waits here. */
	futex(&stop, FUTEX_WAIT, 0, &(struct kts){ 0, 50 * 1000 * 1000 },
	      NULL, 0);
	prctl(PR_SET_NAME, "a-name-longer-than-fifteen");
	prctl(PR_GET_NAME, got + 16);
	return 0;
}

TS_TEST(clone, prctl_names_the_thread)
{
	struct kid k;
	char got[32], mine[16];
	struct ts_thread *t;
	long tid;

	memset(got, 'x', sizeof(got));
	tid = kid_start(&k, names_itself, got);
	TS_REQUIRE(tid > 0);
	TS_REQUIRE(wait_blocked_name("worker-one"));
	t = ts_thread_find("worker-one");
	TS_EXPECT_NE((void *)t, NULL);
	if (t)
		TS_EXPECT_EQ((long)ts_thread_id(t), tid);
	kid_join(&k);
	TS_EXPECT_STREQ(got, "worker-one");
	/* Linux's 15 characters. */
	TS_EXPECT_STREQ(got + 16, "a-name-longer-t");
	TS_EXPECT_EQ(prctl(PR_SET_NAME, (void *)BAD_LOW), -(long)EFAULT);
	TS_EXPECT_EQ(prctl(PR_GET_NAME, (void *)BAD_LOW), -(long)EFAULT);
	TS_EXPECT_EQ(prctl(12345, mine), -(long)EINVAL);
	TS_EXPECT_EQ(prctl(PR_GET_NAME, mine), 0L);
	TS_EXPECT_STREQ(mine, ts_thread_name(ts_thread_self()));
}

/* --- futex --- */

TS_TEST(futex, checks_value_pointer_and_timeout)
{
	static uint32_t word = 5;
	struct kts bad = { 0, 1000000000 }, neg = { -1, 0 };

	TS_EXPECT_EQ(futex(&word, FUTEX_WAIT, 4, NULL, NULL, 0),
		     -(long)EAGAIN);
	TS_EXPECT_EQ(futex((void *)BAD_LOW, FUTEX_WAIT, 0, NULL, NULL, 0),
		     -(long)EFAULT);
	TS_EXPECT_EQ(futex((char *)&word + 1, FUTEX_WAIT, 5, NULL, NULL, 0),
		     -(long)EINVAL);
	TS_EXPECT_EQ(futex(&word, FUTEX_WAIT, 5, &bad, NULL, 0),
		     -(long)EINVAL);
	TS_EXPECT_EQ(futex(&word, FUTEX_WAIT, 5, &neg, NULL, 0),
		     -(long)EINVAL);
	TS_EXPECT_EQ(futex(&word, FUTEX_WAIT, 5, (void *)BAD_LOW, NULL, 0),
		     -(long)EFAULT);
	TS_EXPECT_EQ(futex(&word, FUTEX_WAIT_BITSET, 5, NULL, NULL, 0),
		     -(long)EINVAL);
	TS_EXPECT_EQ(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0),
		     -(long)EINVAL);
	/* No waiters: none woken. */
	TS_EXPECT_EQ(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0), 0L);
	/* Priority inheritance, WAKE_OP: not here. */
	TS_EXPECT_EQ(futex(&word, 6, 0, NULL, NULL, 0), -(long)ENOSYS);
	TS_EXPECT_EQ(futex(&word, 5, 0, NULL, NULL, 0), -(long)ENOSYS);
	TS_EXPECT_EQ(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL,
			   NULL, 0), -(long)ENOSYS);
}

TS_TEST(futex, timeouts)
{
	static uint32_t word;
	struct kts rel = { 0, 30 * 1000 * 1000 }, abs;
	uint64_t t0 = ts_time_now_ns(), t1, until;

	TS_EXPECT_EQ(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &rel,
			   NULL, 0), -(long)ETIMEDOUT);
	t1 = ts_time_now_ns();
	TS_EXPECT_GE(t1 - t0, 30 * 1000 * 1000ULL);
	/* Absolute, on the monotonic clock. */
	until = t1 + 20 * 1000 * 1000;
	abs.sec = (long)(until / 1000000000);
	abs.nsec = (long)(until % 1000000000);
	TS_EXPECT_EQ(futex(&word, FUTEX_WAIT_BITSET, 0, &abs, NULL, ~0L),
		     -(long)ETIMEDOUT);
	TS_EXPECT_GE(ts_time_now_ns(), until);
	/* Absolute on the wall clock: 20 ms from now, and one in the past
	 * (at once). */
	until = ts_time_wall_ns() + 20 * 1000 * 1000;
	abs.sec = (long)(until / 1000000000);
	abs.nsec = (long)(until % 1000000000);
	t0 = ts_time_now_ns();
	TS_EXPECT_EQ(futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME,
			   0, &abs, NULL, ~0L), -(long)ETIMEDOUT);
	TS_EXPECT_GE(ts_time_now_ns() - t0, 20 * 1000 * 1000ULL);
	abs.sec = 1;
	abs.nsec = 0;
	TS_EXPECT_EQ(futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME,
			   0, &abs, NULL, ~0L), -(long)ETIMEDOUT);
}

/* Waiters in threads of clone's: each waits on a word with a bitset,
 * then counts itself woken. */
struct waitjob {
	uint32_t *word;
	uint32_t bitset;
	long result;
	int done;
};

static int waits(void *arg)
{
	struct waitjob *j = arg;

	j->result = futex(j->word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG,
			  (long)*j->word, NULL, NULL, (long)j->bitset);
	__atomic_store_n(&j->done, 1, __ATOMIC_RELEASE);
	return 0;
}

#define WAITERS 3

static int start_waiters(struct kid *k, struct waitjob *j, uint32_t *word,
			 const uint32_t *bitsets)
{
	for (int i = 0; i < WAITERS; i++) {
		j[i] = (struct waitjob){ word, bitsets[i], -1, 0 };
		if (kid_start(&k[i], waits, &j[i]) <= 0)
			return 0;
	}
	for (int i = 0; i < WAITERS; i++)
		if (!wait_blocked(k[i].tid))
			return 0;
	return 1;
}

static int count_done(const struct waitjob *j)
{
	int n = 0;

	for (int i = 0; i < WAITERS; i++)
		n += __atomic_load_n(&j[i].done, __ATOMIC_ACQUIRE);
	return n;
}

static void settle(void)
{
	for (int i = 0; i < 10; i++)
		ts_thread_yield();
}

TS_TEST(futex, wake_counts_and_order)
{
	static uint32_t word = 1;
	static const uint32_t any[WAITERS] = { ~0u, ~0u, ~0u };
	struct kid k[WAITERS];
	struct waitjob j[WAITERS];

	TS_REQUIRE(start_waiters(k, j, &word, any));
	TS_EXPECT_EQ(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 2, NULL,
			   NULL, 0), 2L);
	settle();
	TS_EXPECT_EQ(count_done(j), 2);
	/* First come, first woken. */
	TS_EXPECT(j[0].done && j[1].done && !j[2].done);
	TS_EXPECT_EQ(futex(&word, FUTEX_WAKE, 0x7fffffff, NULL, NULL, 0), 1L);
	for (int i = 0; i < WAITERS; i++) {
		kid_join(&k[i]);
		TS_EXPECT_EQ(j[i].result, 0L);
	}
}

TS_TEST(futex, bitsets_choose_the_waiters)
{
	static uint32_t word = 2;
	static const uint32_t bits[WAITERS] = { 0x1, 0x2, 0x6 };
	struct kid k[WAITERS];
	struct waitjob j[WAITERS];

	TS_REQUIRE(start_waiters(k, j, &word, bits));
	TS_EXPECT_EQ(futex(&word, FUTEX_WAKE_BITSET, 10, NULL, NULL, 0x4),
		     1L);
	settle();
	TS_EXPECT(!j[0].done && !j[1].done && j[2].done);
	TS_EXPECT_EQ(futex(&word, FUTEX_WAKE_BITSET, 10, NULL, NULL, 0x3),
		     2L);
	for (int i = 0; i < WAITERS; i++)
		kid_join(&k[i]);
}

TS_TEST(futex, requeue_moves_waiters)
{
	static uint32_t a = 3, b;
	static const uint32_t any[WAITERS] = { ~0u, ~0u, ~0u };
	struct kid k[WAITERS];
	struct waitjob j[WAITERS];

	TS_REQUIRE(start_waiters(k, j, &a, any));
	/* The compare fails: nothing moves. */
	TS_EXPECT_EQ(futex(&a, FUTEX_CMP_REQUEUE, 1, (void *)2L, &b, 4),
		     -(long)EAGAIN);
	/* One woken, one moved to b; REQUEUE then moves the last. */
	TS_EXPECT_EQ(futex(&a, FUTEX_CMP_REQUEUE, 1, (void *)1L, &b, 3), 2L);
	settle();
	TS_EXPECT_EQ(count_done(j), 1);
	TS_EXPECT_EQ(futex(&a, FUTEX_REQUEUE, 0, (void *)5L, &b, 0), 1L);
	TS_EXPECT_EQ(futex(&a, FUTEX_WAKE, 10, NULL, NULL, 0), 0L);
	TS_EXPECT_EQ(futex(&a, FUTEX_REQUEUE, -1, (void *)1L, &b, 0),
		     -(long)EINVAL);
	TS_EXPECT_EQ(futex(&b, FUTEX_WAKE, 10, NULL, NULL, 0), 2L);
	for (int i = 0; i < WAITERS; i++) {
		kid_join(&k[i]);
		TS_EXPECT_EQ(j[i].result, 0L);
	}
}

/* --- a detached thread that frees its own stack --- */

static int unmaps_itself(void *arg)
{
	struct kid *k = arg;

	ts_printk("clone-test: thread %ld unmaps %p\n",
		  ts_syscall(TS_NR_gettid, 0, 0, 0, 0, 0, 0), k->stack);
	ts_syscall_exit_unmap(k->stack, KID_STACK);
}

TS_TEST(clone, exit_unmap_after_the_switch)
{
	struct kid k;
	unsigned int threads = ts_thread_count();
	long tid;
	int v;

	TS_REQUIRE_EQ(kid_layout(&k), 0);
	/* Pages, as mmap gives them: munmap gives them back. */
	free(k.stack);
	k.stack = ts_pages_alloc(KID_STACK / TS_PAGE_SIZE);
	TS_REQUIRE_NE(k.stack, NULL);
	tid = ts_syscall_clone(unmaps_itself, k.stack + KID_STACK, MUSL_FLAGS,
			       &k, &k.tid, k.tp, &k.ctid);
	TS_REQUIRE(tid > 0);
	while ((v = __atomic_load_n(&k.ctid, __ATOMIC_ACQUIRE)) != 0)
		futex(&k.ctid, FUTEX_WAIT, v, NULL, NULL, 0);
	settle();
	TS_EXPECT_EQ(ts_thread_count(), threads);
	free(k.tls);
}

/* A stack mapped as musl maps one: [guard, PROT_NONE][stack][TLS] in one
 * anonymous mapping. When the memory calls say which mapping holds an
 * address, the thread's stack is exactly [map + guard, top). */
#define PROT_NONE	0
#define PROT_RW		3
#define MAP_PRIVATE_ANON 0x22

static int stack_bounds(void *arg)
{
	uintptr_t *b = arg;

	ts_thread_stack(ts_thread_self(), &b[0], &b[1]);
	return 0;
}

TS_TEST(clone, stack_bounds_from_the_mapping)
{
	const size_t guard = 8192, size = 64 * 1024, tls = 8192;
	uintptr_t lo, hi, b[2] = { 0, 0 };
	struct kid k;
	char *map;
	long r;

	map = (char *)ts_syscall(TS_NR_mmap, 0, (long)(guard + size + tls),
				 PROT_NONE, MAP_PRIVATE_ANON, -1, 0);
	if ((long)map == -(long)ENOSYS)
		TS_SKIP("no mmap in this image");
	TS_REQUIRE((uintptr_t)map < (uintptr_t)-4096L);
	TS_REQUIRE_EQ(ts_syscall(TS_NR_mprotect, (long)(map + guard),
				 (long)(size + tls), PROT_RW, 0, 0, 0), 0L);
	if (syscall_mapping_bounds((uintptr_t)map + guard, &lo, &hi)) {
		ts_syscall(TS_NR_munmap, (long)map, (long)(guard + size + tls),
			   0, 0, 0, 0);
		TS_SKIP("the memory calls do not tell their mappings "
			"(syscall_mapping_bounds)");
	}
	TS_REQUIRE_EQ(kid_layout(&k), 0);
	r = ts_syscall_clone(stack_bounds, map + guard + size, MUSL_FLAGS, b,
			     &k.tid, k.tp, &k.ctid);
	TS_REQUIRE(r > 0);
	kid_join(&k);
	TS_EXPECT_EQ(b[0], (uintptr_t)map + guard);
	TS_EXPECT_EQ(b[1], (uintptr_t)map + guard + size);
	ts_syscall(TS_NR_munmap, (long)map, (long)(guard + size + tls), 0, 0,
		   0, 0);
}
