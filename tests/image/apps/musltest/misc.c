/* Start-up and exit: constructors before main, argv, atexit handlers in
 * reverse order, stdio flushed at exit, abort's report; and qsort. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "musltest.h"

static int constructed;

static void __attribute__((constructor)) construct(void)
{
	constructed = 1;
}

MT_TEST(misc, constructor_ran)
{
	MT_EXPECT_EQ(constructed, 1);
}

MT_TEST(misc, argv)
{
	extern char **environ;

	MT_REQUIRE(mt_argc >= 1);
	MT_EXPECT(mt_argv[0] != NULL && mt_argv[0][0] != '\0');
	MT_EXPECT(mt_argv[mt_argc] == NULL);
	/* The environment follows argv's NULL, as the kernel lays it out. */
	MT_EXPECT(environ == mt_argv + mt_argc + 1);
	for (int i = 0; i < mt_argc; i++)
		printf("musltest: argv[%d]=<%s>\n", i, mt_argv[i]);
}

/* C11 5.1.2.2.1: the strings argv points to are the program's to
 * modify, and programs do: setproctitle (redis, nginx) clears argv[0]
 * and the strings after it to write its title there. Each string of argv
 * and of the environment is reversed in place twice. */
static void flip(char *s)
{
	for (size_t i = 0, n = strlen(s); i < n / 2; i++) {
		char c = s[i];

		s[i] = s[n - 1 - i];
		s[n - 1 - i] = c;
	}
}

MT_TEST(misc, argv_writable)
{
	extern char **environ;

	for (int i = 0; i < mt_argc; i++) {
		char keep[256];

		snprintf(keep, sizeof(keep), "%s", mt_argv[i]);
		flip(mt_argv[i]);
		flip(mt_argv[i]);
		MT_EXPECT_STREQ(mt_argv[i], keep);
	}
	for (char **e = environ; *e; e++) {
		flip(*e);
		flip(*e);
	}
}

static int by_value(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

MT_TEST(misc, qsort_and_bsearch)
{
	static int v[5000];
	unsigned seed = 7;
	long sum = 0, sum2 = 0;

	for (int i = 0; i < 5000; i++) {
		seed = seed * 1103515245 + 12345;
		v[i] = (int)(seed >> 8) % 100000 - 50000;
		sum += v[i];
	}
	qsort(v, 5000, sizeof(v[0]), by_value);
	for (int i = 0; i < 5000; i++) {
		sum2 += v[i];
		if (i && v[i - 1] > v[i]) {
			mt_fail(__FILE__, __LINE__, "out of order at %d", i);
			break;
		}
	}
	MT_EXPECT_EQ(sum, sum2);
	for (int i = 0; i < 5000; i += 97) {
		int *hit = bsearch(&v[i], v, 5000, sizeof(v[0]), by_value);

		MT_EXPECT(hit && *hit == v[i]);
	}
	{
		int missing = 60000;

		MT_EXPECT(bsearch(&missing, v, 5000, sizeof(v[0]), by_value) == NULL);
	}
	qsort(v, 0, sizeof(v[0]), by_value);
}

static FILE *full;

static void last(void)
{
	printf("musltest: atexit 1 of 3, leaving a line without a newline: ");
	printf("unflushed tail");
}

static void second(void)
{
	printf("musltest: atexit 2 of 3\n");
}

static void first(void)
{
	printf("musltest: atexit 3 of 3 (registered last, runs first)\n");
	fputs("musltest: fully buffered, written before exit\n", full);
}

/* Leaves by exit(3): atexit handlers in reverse order, then every stream
 * flushed: the case checks the lines, the tail and the status. */
MT_TEST(end, exit)
{
	static char buf[512];

	full = fdopen(1, "w");
	MT_REQUIRE(full);
	MT_REQUIRE(setvbuf(full, buf, _IOFBF, sizeof(buf)) == 0);
	MT_REQUIRE(atexit(last) == 0);
	MT_REQUIRE(atexit(second) == 0);
	MT_REQUIRE(atexit(first) == 0);
	printf("musltest: calling exit(3)\n");
	exit(3);
}

/* abort() raises SIGABRT: the image's crash report names it. */
MT_TEST(end, abort)
{
	printf("musltest: calling abort()\n");
	fflush(stdout);
	abort();
}
