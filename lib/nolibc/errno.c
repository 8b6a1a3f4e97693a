/* The error number. One global until the scheduler brings thread-local
 * storage; <errno.h> reaches it only through this function, so that
 * change stays here. */
#include <errno.h>

static int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}
