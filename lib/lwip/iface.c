/* Tracepoint lwip_iface: an interface went up or down, or its link
 * did, or its IPv4 address changed (lwIP's status and link callbacks,
 * LWIP_NETIF_STATUS_CALLBACK, LWIP_NETIF_LINK_CALLBACK). */
#include <lwip/netif.h>
#include <ts/trace.h>
#include "lwip_internal.h"

TS_TRACEPOINT(lwip_iface, "%s up %d link %d address %08x netmask %08x",
	      ts_trace_str8, int, int, uint32_t, uint32_t);

static void iface_changed(struct netif *n)
{
	char name[8] = { n->name[0], n->name[1] };
	uint32_t addr = 0, mask = 0;

	if (!TS_TRACEPOINT_ENABLED(lwip_iface))
		return;
	if (n->num < 10)
		name[2] = (char)('0' + n->num);
#if LWIP_IPV4
	addr = lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(n)));
	mask = lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(n)));
#endif
	trace_lwip_iface(ts_trace_str(name), netif_is_up(n) ? 1 : 0,
			 netif_is_link_up(n) ? 1 : 0, addr, mask);
}

void lwip_iface_watch(struct netif *n)
{
	netif_set_status_callback(n, iface_changed);
	netif_set_link_callback(n, iface_changed);
	iface_changed(n);
}
