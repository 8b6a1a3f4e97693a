/* lib/test's filter (filter.c), declared apart from <ts/test.h> so that
 * a plain C program can compile filter.c with it: the musl suite does. */
#ifndef TS_TEST_FILTER_H
#define TS_TEST_FILTER_H

/* 1 if the test named name ("suite.name") is selected by filter
 * ("include[-exclude]", ':'-separated globs; NULL or "" for all). */
int ts_test_filter_selects(const char *filter, const char *name);

#endif
