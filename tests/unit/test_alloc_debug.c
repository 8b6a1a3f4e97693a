/* lib/alloc with CONFIG_LIB_ALLOC_DEBUG (over TLSF): the common tests
 * still pass with guards around every block, and each kind of misuse is
 * reported, naming the caller and the block's allocator, then crashes. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ts/plat/power.h>

#include "tsh.h"
#include "tsh_alloc.h"

/* The caller the reports must name: the call in here. */
static __attribute__((noinline)) void free_from_here(void *p)
{
	tsh_free(p);
	__asm__ volatile("" ::: "memory"); /* not a tail call */
}

static __attribute__((noinline)) void *alloc_from_here(size_t n)
{
	void *p = tsh_malloc(n);

	__asm__ volatile("" ::: "memory");
	return p;
}

/* Runs fn(p); true if it crashed the "image" (powered off with the crash
 * status) after a report, which is left in host_console. */
static bool crashes(void (*fn)(void *), void *p)
{
	jmp_buf catch;

	host_console_reset();
	host_poweroff_status = -1;
	host_poweroff_catch = &catch;
	if (setjmp(catch) == 0)
		fn(p);
	host_poweroff_catch = NULL;
	return host_poweroff_status == TS_EXIT_CRASH;
}

/* The address after "what" in the report lies in fn's code. */
static void names(const char *what, void *fn)
{
	const char *at = strstr(host_console, what);
	unsigned long a;

	ck_assert_msg(at != NULL, "no '%s' in: %s", what, host_console);
	ck_assert_int_eq(sscanf(at + strlen(what), "%lx", &a), 1);
	ck_assert_msg(a > (uintptr_t)fn && a < (uintptr_t)fn + 512,
		      "%s %#lx is not in %p: %s", what, a, fn, host_console);
}

START_TEST(overrun_is_reported_and_crashes)
{
	char *p = alloc_from_here(24);

	p[24] = 'x';
	ck_assert(crashes(free_from_here, p));
	ck_assert_ptr_nonnull(strstr(host_console, "buffer overrun: byte 24 "
				     "of the 24-byte block"));
	names("called from ", (void *)free_from_here);
	names("allocated by ", (void *)alloc_from_here);
	ck_assert_ptr_nonnull(strstr(host_console, "alloc: stopping"));
}
END_TEST

START_TEST(underrun_is_reported)
{
	char *p = alloc_from_here(100);

	p[-3] = 0;
	ck_assert(crashes(free_from_here, p));
	ck_assert_ptr_nonnull(strstr(host_console, "buffer underrun: byte -3 "
				     "before the 100-byte block"));
}
END_TEST

START_TEST(double_free_is_reported)
{
	char *p = alloc_from_here(40);

	free_from_here(p);
	ck_assert(crashes(free_from_here, p));
	ck_assert_ptr_nonnull(strstr(host_console, "double free of a 40-byte "
				     "block"));
	names("called from ", (void *)free_from_here);
	names("allocated by ", (void *)alloc_from_here);
}
END_TEST

START_TEST(invalid_pointers_are_reported)
{
	char *p = tsh_malloc(100);
	char local[32];

	ck_assert(crashes(free_from_here, p + 32));
	ck_assert_ptr_nonnull(strstr(host_console, "invalid pointer (not the "
				     "start of a block"));
	ck_assert(crashes(free_from_here, local));
	ck_assert_ptr_nonnull(strstr(host_console, "invalid pointer (not from "
				     "this allocator)"));
	ck_assert(crashes(free_from_here, p + 1));
	tsh_free(p);
}
END_TEST

static void realloc_it(void *p)
{
	tsh_realloc(p, 10);
}

START_TEST(realloc_checks_too)
{
	char *p = tsh_malloc(10);

	p[10] = 1;
	ck_assert(crashes(realloc_it, p));
	ck_assert_ptr_nonnull(strstr(host_console, "realloc("));
	ck_assert_ptr_nonnull(strstr(host_console, "buffer overrun"));
}
END_TEST

static void free_page(void *p)
{
	tsh_ts_pages_free(p, 1);
}

START_TEST(page_double_free_is_reported)
{
	void *p = tsh_ts_pages_alloc(4);

	tsh_ts_pages_free(p, 4);
	ck_assert(crashes(free_page, p));
	ck_assert_ptr_nonnull(strstr(host_console, "ts_pages_free("));
	ck_assert_ptr_nonnull(strstr(host_console, "double free"));
	ck_assert(crashes(free_page, (char *)alloc_arena + 100));
	ck_assert_ptr_nonnull(strstr(host_console, "not pages of this "
				     "allocator"));
}
END_TEST

START_TEST(memory_is_poisoned)
{
	unsigned char *p = tsh_malloc(64);

	for (int i = 0; i < 64; i++)
		ck_assert_uint_eq(p[i], 0xa5);
	tsh_free(p);
	/* Past the free-list links the backend keeps at the start. */
	for (int i = 16; i < 64; i++)
		ck_assert_uint_eq(p[i], 0xdd);
}
END_TEST

static const char *hooked;

static void hook(const char *what)
{
	hooked = what;
}

START_TEST(a_hooked_report_leaves_the_block_alone)
{
	char *p = tsh_malloc(8);

	p[8] = 1;
	tsh_debug_report_hook = hook;
	host_console_reset();
	tsh_free(p);
	ck_assert_str_eq(hooked, "free");
	ck_assert_ptr_nonnull(strstr(host_console, "buffer overrun"));
	p[8] = (char)0xfd;
	tsh_free(p);
	ck_assert_ptr_null(tsh_heap_check(&(struct heap_report){ 0 }));
}
END_TEST

int main(void)
{
	Suite *s;
	TCase *tc = tcase_create("debug");

	alloc_debug = true;
	s = alloc_common_suite();
	tcase_add_checked_fixture(tc, alloc_setup, NULL);
	tcase_add_test(tc, overrun_is_reported_and_crashes);
	tcase_add_test(tc, underrun_is_reported);
	tcase_add_test(tc, double_free_is_reported);
	tcase_add_test(tc, invalid_pointers_are_reported);
	tcase_add_test(tc, realloc_checks_too);
	tcase_add_test(tc, page_double_free_is_reported);
	tcase_add_test(tc, memory_is_poisoned);
	tcase_add_test(tc, a_hooked_report_leaves_the_block_alone);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}
