/* Tests of lib/test itself. The "selfcheck_fail" suite fails on purpose:
 * the image tests run it alone and check the failure report. */
#include <stddef.h>
#include <ts/test.h>

TS_TEST(selfcheck, expectations_pass)
{
	int x = 3;
	unsigned long u = 5;
	const char *s = "abc";

	TS_EXPECT_EQ(x, 3);
	TS_EXPECT_NE(u, 4UL);
	TS_EXPECT_LT(-1, x);
	TS_EXPECT_GE(u, 5UL);
	TS_EXPECT_STREQ(s, "abc");
	TS_EXPECT(s != NULL);
	TS_REQUIRE_EQ(x + 1, 4);
}

TS_TEST(selfcheck, skip)
{
	TS_SKIP("shows how a test is skipped");
}

TS_TEST(selfcheck_fail, values_are_printed)
{
	int x = 3;
	long big = -5;

	TS_EXPECT_EQ(x, 4);
	TS_EXPECT_GT(big, 0L);
	TS_EXPECT_STREQ("abc", "abd");
}

TS_TEST(selfcheck_fail, assert_stops_the_test)
{
	TS_REQUIRE_EQ(1, 2);
	TS_FAIL("not reached: TS_REQUIRE returned");
}
