/* lib/debug's symbol lookup on the host, in tables written by the real
 * generator (support/build/symtab.py) from symtab_fixture.nm and from
 * nothing: exact start, middle and last byte of a function, gaps, before
 * the first and after the last, several names at one address, a symbol
 * without a size, an empty table. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "tsh.h"
#include <ts/symbols.h>

int tsh_ts_symtab_search(const struct ts_symtab *t, uintptr_t addr,
			 const char **name, uintptr_t *offset);

extern const uint32_t fixture_count, empty_count;
extern const unsigned char fixture_entries[], empty_entries[];

#define BASE 0x100000

static const char *name;
static uintptr_t off;

static int find(uintptr_t addr)
{
	const struct ts_symtab t = { BASE, fixture_count, fixture_entries };

	name = NULL;
	off = ~(uintptr_t)0;
	return tsh_ts_symtab_search(&t, addr, &name, &off);
}

#define FOUND(addr, fn, o)                                                  \
	do {                                                                \
		ck_assert_int_eq(find(addr), 0);                            \
		ck_assert_str_eq(name, fn);                                 \
		ck_assert_uint_eq(off, o);                                  \
	} while (0)

START_TEST(only_functions_inside_text)
{
	/* first second alias_global after_gap asm_label clipped weak_last */
	ck_assert_uint_eq(fixture_count, 7);
}
END_TEST

START_TEST(start_middle_last_byte)
{
	FOUND(BASE, "first", 0);
	FOUND(BASE + 8, "first", 8);
	FOUND(BASE + 0xf, "first", 0xf);
	FOUND(BASE + 0x10, "second", 0);
	FOUND(BASE + 0x2f, "second", 0x1f);
	FOUND(BASE + 0x50, "after_gap", 0);
	FOUND(BASE + 0x57, "after_gap", 7);
}
END_TEST

START_TEST(gaps_before_and_after)
{
	ck_assert_int_eq(find(BASE - 1), -1);
	ck_assert_int_eq(find(0), -1);
	ck_assert_int_eq(find(BASE + 0x40), -1); /* alias_global ends */
	ck_assert_int_eq(find(BASE + 0x4f), -1);
	ck_assert_int_eq(find(BASE + 0x68), -1); /* after the last */
	ck_assert_int_eq(find(BASE + 0x1000), -1);
	ck_assert_int_eq(find(BASE + 0x100000000ULL), -1);
	ck_assert_int_eq(find(UINTPTR_MAX), -1);
}
END_TEST

START_TEST(aliases_keep_the_sized_global_name)
{
	FOUND(BASE + 0x30, "alias_global", 0);
	FOUND(BASE + 0x3f, "alias_global", 0xf);
}
END_TEST

START_TEST(unsized_reaches_next_and_overlaps_are_clipped)
{
	FOUND(BASE + 0x58, "asm_label", 0);
	FOUND(BASE + 0x5f, "asm_label", 7);
	FOUND(BASE + 0x63, "clipped", 3);
	FOUND(BASE + 0x64, "weak_last", 0);
	FOUND(BASE + 0x67, "weak_last", 3);
}
END_TEST

START_TEST(empty_table_finds_nothing)
{
	const struct ts_symtab t = { BASE, empty_count, empty_entries };

	ck_assert_uint_eq(empty_count, 0);
	ck_assert_int_eq(tsh_ts_symtab_search(&t, BASE, &name, &off), -1);
	ck_assert_int_eq(tsh_ts_symtab_search(&t, 0, &name, &off), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("symtab");
	TCase *tc = tcase_create("lookup");

	tcase_add_test(tc, only_functions_inside_text);
	tcase_add_test(tc, start_middle_last_byte);
	tcase_add_test(tc, gaps_before_and_after);
	tcase_add_test(tc, aliases_keep_the_sized_global_name);
	tcase_add_test(tc, unsized_reaches_next_and_overlaps_are_clipped);
	tcase_add_test(tc, empty_table_finds_nothing);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}
