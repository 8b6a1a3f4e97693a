/* Without lib/netdev: loopback only. */
#include "lwip_internal.h"

int lwip_devices_start(void)
{
	return 0;
}
