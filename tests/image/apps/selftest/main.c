/* Runs the in-image tests of every library in the image: argv[1] is an
 * optional filter (see ts_test_run()); by default all but the suite that
 * fails on purpose. Exit status: the number of failures. */
#include <ts/test.h>

int main(int argc, char *argv[])
{
	int failed = ts_test_run(argc > 1 ? argv[1] : "-selfcheck_fail.*");

	return failed > 125 ? 125 : failed;
}
