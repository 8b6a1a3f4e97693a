/* Suite lwip_dev: lwIP over eth0 (virtio-net) on QEMU's user network
 * (tests/image/cases_lwip.py; skipped without a device). eth0 has the
 * address DHCP or net.ip gave it (the console line is checked by the
 * case), answers come back from QEMU's gateway 10.0.2.2 to an ICMP echo
 * (ARP, IPv4, ICMP both ways), and a TCP connection attempt to it gets
 * its answer: QEMU's network checks the TCP checksum. (QEMU's user
 * network offers no checksum offload, a TAP backend does: the offload
 * path is checked by tests/fuzz's fuzz_lwip against lwIP's own sums.) */
#include <string.h>
#include <lwip/api.h>
#include <lwip/icmp.h>
#include <lwip/inet_chksum.h>
#include <lwip/netif.h>
#include <lwip/prot/icmp.h>
#include <lwip/raw.h>
#include <lwip/tcpip.h>
#include <ts/netdev.h>
#include <ts/sync.h>
#include <ts/test.h>

static const ip_addr_t gateway = IPADDR4_INIT_BYTES(10, 0, 2, 2);

static struct netif *eth0(void)
{
	struct netif *n;

	if (!ts_netdev_count())
		TS_SKIP("no network device");
	LOCK_TCPIP_CORE();
	n = netif_get_by_index(2);	/* 1 is the loopback interface */
	UNLOCK_TCPIP_CORE();
	TS_REQUIRE(n != NULL);
	return n;
}

TS_TEST(lwip_dev, eth0_is_up_with_an_address_in_qemus_network)
{
	struct netif *n = eth0();
	uint32_t a;

	LOCK_TCPIP_CORE();
	a = lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(n)));
	TS_EXPECT(netif_is_up(n));
	TS_EXPECT(netif_is_link_up(n));
	TS_EXPECT(netif_default == n);
	UNLOCK_TCPIP_CORE();
	TS_EXPECT_EQ(a >> 8, 0x0a0002u);	/* 10.0.2.x/24 */
	TS_EXPECT_NE(a & 0xff, 0u);
}

static struct ts_sem echo_reply = TS_SEM_INIT(echo_reply, 0);
#define PING_ID		0x7453
#define PING_SEQ	1

static u8_t ping_recv(void *arg, struct raw_pcb *pcb, struct pbuf *p,
		      const ip_addr_t *addr)
{
	struct icmp_echo_hdr h;
	u16_t hlen = (u16_t)(IPH_HL_BYTES((struct ip_hdr *)p->payload));

	(void)arg;
	(void)pcb;
	if (ip_addr_cmp(addr, &gateway) && p->tot_len >= hlen + sizeof(h) &&
	    pbuf_copy_partial(p, &h, sizeof(h), hlen) == sizeof(h) &&
	    h.type == ICMP_ER && h.id == lwip_htons(PING_ID) &&
	    h.seqno == lwip_htons(PING_SEQ)) {
		pbuf_free(p);
		ts_sem_post(&echo_reply);
		return 1;
	}
	return 0;
}

TS_TEST(lwip_dev, qemus_gateway_answers_an_echo_request)
{
	struct raw_pcb *pcb;
	struct icmp_echo_hdr *h;
	struct pbuf *p;
	int r = -1;

	eth0();
	LOCK_TCPIP_CORE();
	pcb = raw_new(IP_PROTO_ICMP);
	TS_REQUIRE(pcb != NULL);
	raw_recv(pcb, ping_recv, NULL);
	raw_bind(pcb, IP_ADDR_ANY);
	p = pbuf_alloc(PBUF_IP, sizeof(*h) + 32, PBUF_RAM);
	TS_REQUIRE(p != NULL);
	h = p->payload;
	memset(h, 0, p->len);
	ICMPH_TYPE_SET(h, ICMP_ECHO);
	h->id = lwip_htons(PING_ID);
	h->seqno = lwip_htons(PING_SEQ);
	memset(h + 1, 'p', 32);
	h->chksum = inet_chksum(h, p->len);
	TS_EXPECT_EQ(raw_sendto(pcb, p, &gateway), ERR_OK);
	pbuf_free(p);
	UNLOCK_TCPIP_CORE();
	/* The first try also resolves the gateway's MAC (ARP). */
	r = ts_sem_timedwait(&echo_reply, ts_time_deadline_in(5 * TS_NSEC_PER_SEC));
	LOCK_TCPIP_CORE();
	raw_remove(pcb);
	UNLOCK_TCPIP_CORE();
	TS_EXPECT_EQ(r, 0);
}

TS_TEST(lwip_dev, tcp_to_the_gateway_gets_an_answer)
{
	struct netconn *c;
	err_t e;

	eth0();
	c = netconn_new(NETCONN_TCP);
	TS_REQUIRE(c != NULL);
	e = netconn_connect(c, &gateway, 9);
	/* Refused (an RST) or connected: either is an answer to a SYN
	 * whose checksum QEMU found right; a wrong one is dropped and the
	 * connection times out. */
	TS_EXPECT(e == ERR_RST || e == ERR_OK || e == ERR_CONN);
	netconn_delete(c);
}
