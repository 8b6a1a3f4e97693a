/* Test app for lib/debug, chosen by argv[1]: a panic, a CPU exception,
 * a fault in a leaf function, a failed assertion (TS_ASSERT_EQ: "assert",
 * TS_ASSERT: "check") and a corrupt frame-pointer chain, each deep in a
 * call chain (the report must name the functions in order), and leveled
 * messages. The image tests (tests/image/cases_debug.py) drive it. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ts/debug.h>

/* noipa: never inlined, cloned or turned into a tail call by the
 * optimiser, so every level keeps a frame of its own under its name. */
#define LEVEL __attribute__((noipa))

static volatile int sink;

LEVEL static void touch(int n)
{
	sink += n;
}

LEVEL static void panic_level3(int n)
{
	touch(n);
	ts_panic("level3 gives up after %d levels", n);
}

LEVEL static void panic_level2(int n)
{
	panic_level3(n + 1);
	touch(n);
}

LEVEL static void panic_level1(int n)
{
	panic_level2(n + 1);
	touch(n);
}

LEVEL static void crash_level3(volatile int *p)
{
	touch(3);
	sink = *p;
	touch(4);
}

LEVEL static void crash_level2(volatile int *p)
{
	crash_level3(p);
	touch(2);
}

LEVEL static void crash_level1(volatile int *p)
{
	crash_level2(p);
	touch(1);
}

/* A leaf that faults in its first instructions, before (or without) a
 * frame record of its own: the report must still name its caller. */
LEVEL static void crash_leaf(volatile int *p)
{
	*p = 5;
}

LEVEL static void leaf_caller(volatile int *p)
{
	crash_leaf(p);
	touch(5);
}

LEVEL static void assert_level2(int count)
{
	touch(count);
	TS_ASSERT_EQ(count + 1, 5);
	touch(0);
}

LEVEL static void assert_level1(int count)
{
	assert_level2(count);
	touch(0);
}

/* TS_ASSERT without values: its own failure function. */
LEVEL static void check_level2(int count)
{
	touch(count);
	TS_ASSERT(count == 5);
	touch(0);
}

LEVEL static void check_level1(int count)
{
	check_level2(count);
	touch(0);
}

/* Not a frame record: what a stray write leaves in one. */
static uint64_t garbage[4] = { 0x4141414141414141ULL, 0x4242424242424242ULL,
			       0x4343434343434343ULL, 0x4444444444444444ULL };

LEVEL static void garbage_level3(void)
{
	touch(3);
	ts_panic("frame chain corrupted on purpose");
}

/* Overwrites the frame pointer its caller saved in this function's
 * frame record: the chain above here is garbage. */
LEVEL static void garbage_level2(void)
{
	uint64_t *record = __builtin_frame_address(0);

	record[0] = (uint64_t)(uintptr_t)garbage;
	garbage_level3();
	touch(2);
}

LEVEL static void garbage_level1(void)
{
	garbage_level2();
	touch(1);
}

static void log_messages(void)
{
	ts_log_err("an error message");
	ts_log_warn("a warning");
	ts_log_info("some information");
	ts_log_debug("a debug message (level %d)", TS_LOG_DEBUG);
	printf("log done\n");
}

int main(int argc, char *argv[])
{
	const char *what = argc > 1 ? argv[1] : "log";

	if (!strcmp(what, "panic"))
		panic_level1(1);
	else if (!strcmp(what, "null"))
		crash_level1(NULL);
	else if (!strcmp(what, "leaf"))
		leaf_caller(NULL);
	else if (!strcmp(what, "assert"))
		assert_level1(3);
	else if (!strcmp(what, "check"))
		check_level1(4);
	else if (!strcmp(what, "garbage"))
		garbage_level1();
	else if (!strcmp(what, "log"))
		log_messages();
	else
		printf("debugcheck: unknown test '%s'\n", what);
	return 0;
}
