/* Internal to lib/test. */
#ifndef TEST_INTERNAL_H
#define TEST_INTERNAL_H

extern int ts_test_failures_in_current;

#endif
