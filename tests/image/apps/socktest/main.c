/* The socket layer's in-image tests in one image with musl and lwIP:
 * lib/socket's suites (socket, sockunix) and lib/lwipsock's (sockinet,
 * over lwIP's loopback). argv[1] is a filter (see ts_test_run()), by
 * default every suite. Exit status: the number of failures. */
#include <ts/test.h>

int main(int argc, char *argv[])
{
	int failed = ts_test_run(argc > 1 ? argv[1] : "*");

	return failed > 125 ? 125 : failed;
}
