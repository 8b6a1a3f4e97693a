/* Thread-local storage: every thread starts from the initial values
 * (.tdata) and zeros (.tbss), writes only its own copy, at the alignment
 * asked for; errno is one of them. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include "musltest.h"

static __thread int counter = 42;
static __thread char name[32] = "initial";
static _Thread_local long zeroed[64];
static __thread _Alignas(64) char aligned[64] = { 1 };
/* 64 by default; 256 with the app's option (Config.uk: Tessera's limit
 * was 64, and the template's alignment is the whole image's). */
#ifdef CONFIG_APP_MUSLTEST_TLS_ALIGN_256
#define WIDE_ALIGN 256
#else
#define WIDE_ALIGN 64
#endif
static _Thread_local _Alignas(WIDE_ALIGN) long wide = 7;

struct seen {
	int id, counter;
	char name[32];
	int zeros_ok, aligned_ok;
	uintptr_t where;
	int err;
};

static pthread_barrier_t all_there;

static void *look(void *arg)
{
	struct seen *s = arg;

	s->counter = counter;
	memcpy(s->name, name, sizeof(name));
	s->zeros_ok = 1;
	for (int i = 0; i < 64; i++)
		if (zeroed[i])
			s->zeros_ok = 0;
	s->aligned_ok = (uintptr_t)aligned % 64 == 0 && aligned[0] == 1 &&
			(uintptr_t)&wide % WIDE_ALIGN == 0 && wide == 7;
	s->where = (uintptr_t)&counter;
	/* Now write this thread's copies, wait until every thread has,
	 * and check nobody else's writes show. */
	counter = 1000 + s->id;
	strcpy(name, "changed");
	zeroed[s->id] = s->id + 1;
	wide = s->id;
	pthread_barrier_wait(&all_there);
	if (counter != 1000 + s->id || strcmp(name, "changed") ||
	    wide != s->id)
		s->zeros_ok = -1;
	for (int i = 0; i < 64; i++)
		if (zeroed[i] != (i == s->id ? s->id + 1 : 0))
			s->zeros_ok = -1;
	return NULL;
}

#define N 6

MT_TEST(tls, initial_values_per_thread)
{
	pthread_t t[N];
	struct seen s[N];

	MT_REQUIRE(pthread_barrier_init(&all_there, NULL, N) == 0);
	/* The main thread's changes are not what new threads start from. */
	counter = -1;
	strcpy(name, "main's");
	for (int i = 0; i < N; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		s[i].id = i;
		MT_REQUIRE(pthread_create(&t[i], NULL, look, &s[i]) == 0);
	}
	for (int i = 0; i < N; i++)
		MT_EXPECT_EQ(pthread_join(t[i], NULL), 0);
	for (int i = 0; i < N; i++) {
		MT_EXPECT_EQ(s[i].counter, 42);
		MT_EXPECT_STREQ(s[i].name, "initial");
		MT_EXPECT_NE(s[i].where, (uintptr_t)&counter);
		for (int j = 0; j < i; j++)
			MT_EXPECT_NE(s[i].where, s[j].where);
	}
	MT_EXPECT_EQ(counter, -1);
	MT_EXPECT_STREQ(name, "main's");
	counter = 42;
	strcpy(name, "initial");
	pthread_barrier_destroy(&all_there);
}

MT_TEST(tls, zeroed_per_thread)
{
	pthread_t t[N];
	struct seen s[N];

	MT_REQUIRE(pthread_barrier_init(&all_there, NULL, N) == 0);
	zeroed[0] = 99;
	for (int i = 0; i < N; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		s[i].id = i;
		MT_REQUIRE(pthread_create(&t[i], NULL, look, &s[i]) == 0);
	}
	for (int i = 0; i < N; i++) {
		MT_EXPECT_EQ(pthread_join(t[i], NULL), 0);
		/* 1: zero at the start and only its own write seen after. */
		MT_EXPECT_EQ(s[i].zeros_ok, 1);
	}
	MT_EXPECT_EQ(zeroed[0], 99);
	zeroed[0] = 0;
	pthread_barrier_destroy(&all_there);
}

MT_TEST(tls, aligned)
{
	pthread_t t;
	struct seen s = { .id = 0 };

	MT_EXPECT_EQ((uintptr_t)aligned % 64, 0);
	MT_EXPECT_EQ((uintptr_t)&wide % WIDE_ALIGN, 0);
	MT_REQUIRE(pthread_barrier_init(&all_there, NULL, 1) == 0);
	MT_REQUIRE(pthread_create(&t, NULL, look, &s) == 0);
	MT_EXPECT_EQ(pthread_join(t, NULL), 0);
	MT_EXPECT_EQ(s.aligned_ok, 1);
	pthread_barrier_destroy(&all_there);
}

static void *set_errno(void *arg)
{
	int before = errno;

	errno = (int)(intptr_t)arg;
	sched_yield();
	return (void *)(intptr_t)(before == 0 && errno == (int)(intptr_t)arg);
}

MT_TEST(tls, errno_per_thread)
{
	pthread_t t[4];

	errno = EDOM;
	for (int i = 0; i < 4; i++)
		MT_REQUIRE(pthread_create(&t[i], NULL, set_errno,
					 (void *)(intptr_t)(100 + i)) == 0);
	for (int i = 0; i < 4; i++) {
		void *ok;

		MT_EXPECT_EQ(pthread_join(t[i], &ok), 0);
		MT_EXPECT_EQ((intptr_t)ok, 1);
	}
	MT_EXPECT_ERRNO(errno, EDOM);
}
