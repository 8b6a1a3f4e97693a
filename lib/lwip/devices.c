/* The devices of lib/netdev at boot: each becomes an interface (netif.c),
 * and the first, eth0, gets its address from the kernel parameters:
 * net.ip=A.B.C.D/LEN (with net.gw= and net.dns=), or DHCP when net.ip is
 * not given or is net.ip=dhcp, waited for up to net.dhcp_wait seconds.
 * Further devices get DHCP without a wait. Each outcome is one line on
 * the console; a bad value is one line naming it, and the interface
 * then stays without an IPv4 address. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <lwip/dhcp.h>
#include <lwip/dns.h>
#include <lwip/netif.h>
#include <lwip/tcpip.h>
#include <ts/debug.h>
#include <ts/netdev.h>
#include <ts/param.h>
#include <ts/sched.h>
#include <ts/time.h>
#include "lwip_internal.h"
#include "params.h"

static const char *net_ip;
static const char *net_gw;
static const char *net_dns;
static unsigned long net_dhcp_wait = 10;

TS_PARAM_STR(net, ip, net_ip,
	     "eth0's IPv4 address/prefix length (10.0.2.15/24), or dhcp "
	     "(the default)");
TS_PARAM_STR(net, gw, net_gw, "the default gateway with a static net.ip "
	     "(10.0.2.2)");
TS_PARAM_STR(net, dns, net_dns, "DNS servers, at most 3, comma-separated "
	     "(10.0.2.3)");
TS_PARAM_UINT(net, dhcp_wait, net_dhcp_wait,
	      "seconds the boot waits for eth0's DHCP address (0: none)");

static struct lwip_dev *devs;

static void ip4_words(uint32_t a, char *out)
{
	char *p = out;

	for (int i = 3; i >= 0; i--) {
		unsigned int v = (a >> (8 * i)) & 0xff;

		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
		if (i)
			*p++ = '.';
	}
	*p = 0;
}

static int prefix_len(uint32_t mask)
{
	int n = 0;

	while (mask & 0x80000000u) {
		n++;
		mask <<= 1;
	}
	return n;
}

/* With the core lock held. */
static void say_address(struct netif *n, const char *how)
{
	char a[16], g[16];
	uint32_t gw = lwip_ntohl(ip4_addr_get_u32(netif_ip4_gw(n)));

	ip4_words(lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(n))), a);
	ip4_words(gw, g);
	ts_log_info("%s: %s/%d%s%s (%s)",
		    ((struct lwip_dev *)n->state)->dev->name,
		    a, prefix_len(lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(n)))),
		    gw ? " gateway " : " no gateway", gw ? g : "", how);
}

static void set_dns(void)
{
#if LWIP_DNS
	uint32_t a[DNS_MAX_SERVERS];
	int n = lwip_parse_ip4_list(net_dns, a, DNS_MAX_SERVERS);

	if (n < 0) {
		ts_log_err("net.dns=%s: not %s (e.g. net.dns=10.0.2.3 or "
			   "net.dns=10.0.2.3,192.0.2.53); no DNS server set",
			   net_dns, n == -E2BIG ? "at most 3 servers" :
			   "IPv4 addresses separated by commas");
		return;
	}
	for (int i = 0; i < n; i++) {
		ip_addr_t s = IPADDR4_INIT(lwip_htonl(a[i]));

		dns_setserver((u8_t)i, &s);
	}
#else
	ts_log_err("net.dns=%s: this image has no DNS client "
		   "(CONFIG_LIB_LWIP_DNS)", net_dns);
#endif
}

/* eth0 from net.ip / net.gw. With the core lock held. */
static void eth0_static(struct netif *n)
{
	uint32_t a, m, g = 0;
	ip4_addr_t ia, im, ig;

	if (lwip_parse_ip4_prefix(net_ip, &a, &m)) {
		ts_log_err("net.ip=%s: not an IPv4 address with a prefix "
			   "length (e.g. net.ip=10.0.2.15/24) or dhcp; %s has "
			   "no IPv4 address", net_ip, n->state ?
			   ((struct lwip_dev *)n->state)->dev->name : "eth0");
		return;
	}
	if (net_gw && lwip_parse_ip4(net_gw, &g)) {
		ts_log_err("net.gw=%s: not an IPv4 address (e.g. "
			   "net.gw=10.0.2.2); no gateway set", net_gw);
		g = 0;
	}
	ip4_addr_set_u32(&ia, lwip_htonl(a));
	ip4_addr_set_u32(&im, lwip_htonl(m));
	ip4_addr_set_u32(&ig, lwip_htonl(g));
	netif_set_addr(n, &ia, &im, &ig);
	netif_set_up(n);
	say_address(n, "net.ip");
}

static bool want_dhcp(void)
{
	return !net_ip || !strcmp(net_ip, "dhcp");
}

/* Wait for eth0's DHCP address, up to net.dhcp_wait seconds. */
static void eth0_dhcp_wait(struct netif *n)
{
#if LWIP_DHCP
	uint64_t end = ts_time_deadline_in(net_dhcp_wait * TS_NSEC_PER_SEC);
	int got;

	for (;;) {
		LOCK_TCPIP_CORE();
		got = dhcp_supplied_address(n);
		if (got)
			say_address(n, "DHCP");
		UNLOCK_TCPIP_CORE();
		if (got || ts_time_now_ns() >= end)
			break;
		ts_thread_sleep_ns(10 * TS_NSEC_PER_MSEC);
	}
	if (!got && net_dhcp_wait)
		ts_log_warn("%s: no DHCP answer in %lu s; no IPv4 address yet "
			    "(DHCP goes on; net.ip=ADDR/LEN sets one)",
			    ((struct lwip_dev *)n->state)->dev->name,
			    net_dhcp_wait);
#else
	(void)n;
#endif
}

/* Up, with DHCP if there is a client. With the core lock held. */
static void start_dhcp(struct netif *n)
{
	netif_set_up(n);
#if LWIP_DHCP
	if (dhcp_start(n) != ERR_OK)
		ts_log_err("%s: DHCP could not start (no memory)",
			   ((struct lwip_dev *)n->state)->dev->name);
#else
	ts_log_warn("%s: no address: this image has no DHCP client "
		    "(CONFIG_LIB_LWIP_DHCP); give one with net.ip=ADDR/LEN",
		    ((struct lwip_dev *)n->state)->dev->name);
#endif
}

int lwip_devices_start(void)
{
	unsigned int count = ts_netdev_count(), i;
	int r;

	if (!count) {
		if (net_ip || net_gw || net_dns)
			ts_log_warn("net.ip, net.gw or net.dns given, but the "
				    "image has no network device (ignored)");
		return 0;
	}
	devs = calloc(count, sizeof(*devs));
	if (!devs)
		return -ENOMEM;
	LOCK_TCPIP_CORE();
	for (i = 0; i < count; i++) {
		r = lwip_dev_attach(&devs[i], ts_netdev_get(i));
		if (r) {
			UNLOCK_TCPIP_CORE();
			ts_log_err("%s: cannot attach to lwIP (error %d)",
				   ts_netdev_get(i)->name, r);
			return r;
		}
	}
	if (net_dns)
		set_dns();
	if (want_dhcp()) {
		if (net_gw)
			ts_log_warn("net.gw=%s: used with a static net.ip "
				    "only (ignored: DHCP gives the gateway)",
				    net_gw);
		start_dhcp(&devs[0].netif);
	} else {
		eth0_static(&devs[0].netif);
	}
	netif_set_default(&devs[0].netif);
	for (i = 1; i < count; i++)
		start_dhcp(&devs[i].netif);
	UNLOCK_TCPIP_CORE();
	if (want_dhcp())
		eth0_dhcp_wait(&devs[0].netif);
	return 0;
}
