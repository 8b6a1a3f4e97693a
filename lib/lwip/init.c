/* Starting lwIP at boot (init level FS, after the drivers of level
 * PLAT registered their devices): the tcpip thread, which runs
 * lwip_init() (the loopback interface, 127.0.0.1 and ::1, among it),
 * then the devices of lib/netdev with their addresses (netif.c). main()
 * starts with the network up, or with one line saying why not. */
#include <lwip/init.h>
#include <lwip/netif.h>
#include <lwip/tcpip.h>
#include <ts/debug.h>
#include <ts/init.h>
#include <ts/sync.h>
#include "lwip_internal.h"

static struct ts_sem tcpip_ready = TS_SEM_INIT(tcpip_ready, 0);

static void tcpip_started(void *unused)
{
	(void)unused;
	ts_sem_post(&tcpip_ready);
}

static int lwip_start(void)
{
	struct netif *n;

	tcpip_init(tcpip_started, NULL);
	ts_sem_wait(&tcpip_ready);
	LOCK_TCPIP_CORE();
	NETIF_FOREACH(n)
		lwip_iface_watch(n);
	UNLOCK_TCPIP_CORE();
	return lwip_devices_start();
}
TS_INIT(lwip_start, TS_INIT_FS);
