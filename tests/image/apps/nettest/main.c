/* Runs the network tests in the image: argv[1] is an optional filter
 * (ts_test_run()), argv[2] the MAC QEMU gave the card (suite net checks
 * it). Exit status: the number of failures. */
#include <ts/test.h>
#include "nettest.h"

const char *nettest_mac;

int main(int argc, char *argv[])
{
	int failed;

	if (argc > 2)
		nettest_mac = argv[2];
	failed = ts_test_run(argc > 1 ? argv[1] : "");
	return failed > 125 ? 125 : failed;
}
