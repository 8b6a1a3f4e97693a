/* The file layer's in-image tests (lib/vfs and the file systems, pipes
 * and events on it) in one image with musl: argv[1] is a filter (see
 * ts_test_run()), by default every suite. Exit status: the number of
 * failures. One image per target for all of them keeps make test's
 * builds few. */
#include <ts/test.h>

int main(int argc, char *argv[])
{
	int failed = ts_test_run(argc > 1 ? argv[1] : "*");

	return failed > 125 ? 125 : failed;
}
