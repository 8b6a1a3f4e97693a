/* libFuzzer target for lwIP's input path: every input is a series of
 * Ethernet frames handed to an interface as lib/lwip's netif.c hands a
 * device's frames over (a PBUF_REF custom pbuf over a buffer of exactly
 * the frame's length, freed through its callback), into ethernet_input
 * if lib/lwip's check (rx_check.c) lets it through:
 * ARP, IPv4 and IPv6 (fragments, options, ND, MLD), ICMP, IGMP, UDP and
 * TCP, with a listener on port 80 that echoes and a UDP echo on port 7,
 * and lwIP's timers run as the input says time passes. lwIP is built
 * for the host from Debian's source package (the Makefile fetches it
 * as the image build does) with NO_SYS and small pools
 * (tests/fuzz/lwip/lwipopts.h); its assertions abort. Checked beyond
 * the sanitizers:
 *   - every frame lwIP sends is well-formed enough for lib/lwip's TCP
 *     checksum offload (tx_csum.c): the device's sum over the pseudo-
 *     header sum it writes gives exactly lwIP's own TCP checksum;
 *   - every received buffer is given back once (a second free or a
 *     use after it: the sanitizers) and no more are given back than
 *     were handed over;
 *   - the kernel parameters' parsers (params.c) on the input's text:
 *     an address list they accept has 1-3 entries, a netmask they make
 *     is contiguous.
 *
 * lwIP cannot be started twice in a process, so its caches (ARP,
 * neighbours, addresses from router advertisements, TIME-WAIT
 * connections, reassembly queues) outlive an input: a crash may need
 * the inputs before it. Each input's connections are ended after it;
 * a bug found is kept as a regress-* input made to fail on its own.
 *
 * Input: byte 0 bit 0: the device checked TCP/UDP checksums (lwIP's
 * checks off, as for frames the device marked); then records of a
 * 2-byte little-endian length (its top bit: first advance lwIP's clock
 * by 1.5 s) and that many bytes of frame. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/init.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/memp.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "lwip/udp.h"
#include "netif/ethernet.h"

#define lwip_tx_csum_prepare tsh_lwip_tx_csum_prepare
#define lwip_parse_ip4 tsh_lwip_parse_ip4
#define lwip_rx_frame_ok tsh_lwip_rx_frame_ok
#define lwip_parse_ip4_prefix tsh_lwip_parse_ip4_prefix
#define lwip_parse_ip4_list tsh_lwip_parse_ip4_list
#include "rx_check.h"
#include "tx_csum.h"
#include "params.h"
#include "fuzz_common.h"

static struct netif nif;
static uint32_t now_ms;
static int rx_live;		/* received buffers lwIP still holds */
static struct tcp_pcb *conns[MEMP_NUM_TCP_PCB];

u32_t sys_now(void)
{
	return now_ms;
}

struct rx_buf {
	struct pbuf_custom pc;
	uint8_t *data;
};

static void rx_free(struct pbuf *p)
{
	struct rx_buf *r = (struct rx_buf *)p;

	free(r->data);
	free(r);
	rx_live--;
}

/* The device's checksum over a frame lib/lwip's offload prepared:
 * ones' complement of the sum from start to the end. */
static uint16_t device_sum(const uint8_t *f, size_t len, size_t start)
{
	uint32_t s = 0;
	size_t i;

	for (i = start; i + 1 < len; i += 2)
		s += (uint32_t)f[i] << 8 | f[i + 1];
	if (i < len)
		s += (uint32_t)f[i] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static err_t linkoutput(struct netif *n, struct pbuf *p)
{
	uint8_t f[2048];
	uint16_t start, off, lwip_sum, dev;
	size_t len = p->tot_len;

	(void)n;
	CHECK(len >= 14 && len <= sizeof(f));
	CHECK(pbuf_copy_partial(p, f, (u16_t)len, 0) == len);
	/* lwIP computed the TCP checksum (its checksums are on here):
	 * the offload path must arrive at the same. */
	if (lwip_tx_csum_prepare(f, len, len, &start, &off) ==
	    LWIP_TX_CSUM_DEVICE) {
		uint8_t g[2048];

		memcpy(g, f, len);
		CHECK(pbuf_copy_partial(p, &lwip_sum, 2, start + off) == 2);
		/* What the offload saw: lwIP's frame with the field empty. */
		CHECK(pbuf_copy_partial(p, g, (u16_t)len, 0) == len);
		g[start + off] = g[start + off + 1] = 0;
		CHECK(lwip_tx_csum_prepare(g, len, len, &start, &off) ==
		      LWIP_TX_CSUM_DEVICE);
		dev = device_sum(g, len, start);
		dev = (uint16_t)(dev >> 8 | dev << 8);	/* as stored */
		CHECK(dev == lwip_sum);
	}
	return ERR_OK;
}

static err_t nif_init(struct netif *n)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

	n->name[0] = 'e';
	n->name[1] = 'n';
	n->hwaddr_len = 6;
	memcpy(n->hwaddr, mac, 6);
	n->mtu = 1500;
	n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		   NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	n->output = etharp_output;
	n->output_ip6 = ethip6_output;
	n->linkoutput = linkoutput;
	return ERR_OK;
}

static void forget(struct tcp_pcb *pcb)
{
	for (size_t i = 0; i < MEMP_NUM_TCP_PCB; i++)
		if (conns[i] == pcb)
			conns[i] = NULL;
}

static void conn_err(void *arg, err_t err)
{
	(void)err;
	forget(arg);
}

static err_t conn_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p,
		       err_t err)
{
	(void)arg;
	(void)err;
	if (!p) {
		forget(pcb);
		tcp_arg(pcb, NULL);
		tcp_recv(pcb, NULL);
		tcp_err(pcb, NULL);
		if (tcp_close(pcb) != ERR_OK)
			tcp_abort(pcb);
		return ERR_OK;
	}
	tcp_recved(pcb, p->tot_len);
	for (struct pbuf *q = p; q; q = q->next)
		if (tcp_write(pcb, q->payload, q->len, TCP_WRITE_FLAG_COPY))
			break;
	tcp_output(pcb);
	pbuf_free(p);
	return ERR_OK;
}

static err_t conn_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	(void)arg;
	if (err != ERR_OK || !pcb)
		return ERR_VAL;
	for (size_t i = 0; i < MEMP_NUM_TCP_PCB; i++)
		if (!conns[i]) {
			conns[i] = pcb;
			tcp_arg(pcb, pcb);
			tcp_recv(pcb, conn_recv);
			tcp_err(pcb, conn_err);
			return ERR_OK;
		}
	tcp_abort(pcb);
	return ERR_ABRT;
}

static void udp_echo(void *arg, struct udp_pcb *pcb, struct pbuf *p,
		     const ip_addr_t *addr, u16_t port)
{
	(void)arg;
	udp_sendto(pcb, p, addr, port);
	pbuf_free(p);
}

static void setup(void)
{
	ip4_addr_t a, m, g;
	struct tcp_pcb *l;
	struct udp_pcb *u;

	lwip_init();
	IP4_ADDR(&a, 10, 0, 2, 15);
	IP4_ADDR(&m, 255, 255, 255, 0);
	IP4_ADDR(&g, 10, 0, 2, 2);
	CHECK(netif_add(&nif, &a, &m, &g, NULL, nif_init, ethernet_input));
	netif_set_default(&nif);
	netif_set_up(&nif);
	netif_set_link_up(&nif);
	netif_create_ip6_linklocal_address(&nif, 1);
	netif_set_ip6_autoconfig_enabled(&nif, 1);
	l = tcp_new_ip_type(IPADDR_TYPE_ANY);
	CHECK(l && tcp_bind(l, IP_ANY_TYPE, 80) == ERR_OK);
	l = tcp_listen(l);
	CHECK(l);
	tcp_accept(l, conn_accept);
	u = udp_new_ip_type(IPADDR_TYPE_ANY);
	CHECK(u && udp_bind(u, IP_ANY_TYPE, 7) == ERR_OK);
	udp_recv(u, udp_echo, NULL);
}

static void parsers(const uint8_t *data, size_t size)
{
	char s[40];
	uint32_t a, m, list[3];
	size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1;
	int k;

	memcpy(s, data, n);
	s[n] = 0;
	lwip_parse_ip4(s, &a);
	if (!lwip_parse_ip4_prefix(s, &a, &m))
		CHECK((~m & (~m + 1)) == 0);	/* ones, then zeros */
	k = lwip_parse_ip4_list(s, list, 3);
	CHECK(k == -EINVAL || k == -E2BIG || (k >= 1 && k <= 3));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	size_t at = 1;

	if (!ready) {
		setup();
		ready = 1;
	}
	if (!size)
		return 0;
	parsers(data + 1, size - 1);
	NETIF_SET_CHECKSUM_CTRL(&nif, (data[0] & 1) ?
		NETIF_CHECKSUM_ENABLE_ALL & ~(NETIF_CHECKSUM_CHECK_TCP |
					      NETIF_CHECKSUM_CHECK_UDP) :
		NETIF_CHECKSUM_ENABLE_ALL);
	while (at + 2 <= size) {
		unsigned int len = (unsigned int)(data[at] |
						  (data[at + 1] & 0x7f) << 8);
		struct rx_buf *r;
		struct pbuf *p;

		if (data[at + 1] & 0x80) {
			now_ms += 1500;
			sys_check_timeouts();
		}
		at += 2;
		if (len > size - at)
			len = (unsigned int)(size - at);
		if (!len || len > 1514)
			break;
		/* What netif.c's dev_rx() drops before lwIP. */
		if (!lwip_rx_frame_ok(data + at, len)) {
			at += len;
			continue;
		}
		r = malloc(sizeof(*r));
		r->data = malloc(len);
		CHECK(r && r->data);
		memcpy(r->data, data + at, len);
		at += len;
		r->pc.custom_free_function = rx_free;
		p = pbuf_alloced_custom(PBUF_RAW, (u16_t)len, PBUF_REF, &r->pc,
					r->data, (u16_t)len);
		CHECK(p);
		rx_live++;
		if (nif.input(p, &nif) != ERR_OK)
			pbuf_free(p);
	}
	/* End the input's connections: the next input starts with free
	 * pools but for lwIP's own caches (ARP, neighbours, TIME-WAIT). */
	for (size_t i = 0; i < MEMP_NUM_TCP_PCB; i++)
		if (conns[i]) {
			struct tcp_pcb *pcb = conns[i];

			conns[i] = NULL;
			tcp_arg(pcb, NULL);
			tcp_err(pcb, NULL);
			tcp_abort(pcb);
		}
	now_ms += 1500;
	sys_check_timeouts();
	/* Queued out-of-order segments and fragments may keep buffers
	 * until their timers drop them; never more than exist. */
	CHECK(rx_live >= 0);
	return 0;
}
