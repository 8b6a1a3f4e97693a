/* The file layer's in-image tests (lib/vfs and the file systems, pipes
 * and events on it) in one image with musl: argv[1] is a filter (see
 * ts_test_run()), by default every suite; argv[2] the MAC QEMU gave the
 * network card (suite net, net.c), argv[3] "link" when the host turns
 * its link off and on. Exit status: the number of failures.
 * One image per target for all of them keeps make test's builds few. */
#include <ts/test.h>

/* The MAC QEMU was given ("52:54:00:..."), or NULL; argv[3] "link":
 * the host turns the card's link off and on (suite net_link). */
const char *vfstest_mac, *vfstest_net_link;

int main(int argc, char *argv[])
{
	int failed;

	if (argc > 2)
		vfstest_mac = argv[2];
	if (argc > 3)
		vfstest_net_link = argv[3];
	failed = ts_test_run(argc > 1 ? argv[1] : "*");

	return failed > 125 ? 125 : failed;
}
