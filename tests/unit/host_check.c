/* Running a Check suite, for every unit test (kept out of host_plat.c,
 * which the fuzzers in tests/fuzz link without Check). */
#include <check.h>
#include <stdlib.h>

#include "tsh.h"

int host_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
