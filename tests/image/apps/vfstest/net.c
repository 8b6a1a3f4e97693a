/* Suite net: lib/netdev and the virtio-net driver on QEMU's user-mode
 * network, with no stack but this file's: an ARP request for the
 * gateway 10.0.2.2 and its reply, an ICMP echo to it, frames refused,
 * a full send ring, the counters. Receive waits for the device's
 * interrupt (rx_ready posts a semaphore) and polls only then, so a
 * driver without working interrupts fails here by timing out.
 *
 * The MAC QEMU was given is the application's second argument
 * (tests/build/test_net_run.py). Built in the images with lib/netdev
 * (tests/image/cases_9p.py's configuration, which has virtio-net too). */
#ifdef CONFIG_LIB_NETDEV
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ts/netdev.h>
#include <ts/sync.h>
#include <ts/test.h>
#include <ts/time.h>

/* How long a reply, a SYN or a link change may take. They come from
 * QEMU and from the host's test, which on a loaded 2-core CI machine can
 * be seconds late; a wait ends as soon as they come, so a long limit
 * costs a passing run nothing. With 5 s, build/test_make_run_net_kvm_x86_64
 * failed once in CI; its trace ended with no frame received after the
 * send-ring test, so most likely the SYN came later than that. */
#define WAIT_NS		(30ULL * 1000000000ULL)
#define ETH_ARP		0x0806
#define ETH_IP		0x0800
#define MAX_HELD	64

static const uint8_t our_ip[4] = { 10, 0, 2, 15 };
static const uint8_t gw_ip[4] = { 10, 0, 2, 2 };
static uint8_t gw_mac[TS_ETH_ALEN];
static int gw_known;

static struct ts_netdev *dev;
static struct ts_sem ready;
static struct ts_netbuf *held[MAX_HELD];
static unsigned int nheld, tx_done, wakeups, links;

static void s_rx(void *arg, struct ts_netbuf *nb)
{
	(void)arg;
	if (nheld < MAX_HELD)
		held[nheld++] = nb;
	else
		ts_netbuf_free(nb);
}

static void s_rx_ready(void *arg)
{
	(void)arg;
	wakeups++;
	ts_sem_post(&ready);
}

static void s_tx_done(void *arg, void *cookie)
{
	(void)arg;
	(void)cookie;
	tx_done++;
}

static int link_seen[2];

static void s_link(void *arg, int up)
{
	(void)arg;
	links++;
	link_seen[!!up]++;
}

static const struct ts_netdev_user user = {
	.rx = s_rx, .rx_ready = s_rx_ready, .tx_done = s_tx_done,
	.link = s_link,
};

static struct ts_netdev *net(void)
{
	if (!dev) {
		ts_sem_init(&ready, 0);
		dev = ts_netdev_get(0);
		TS_REQUIRE(dev != NULL);
		TS_REQUIRE_EQ(ts_netdev_open(dev, &user, NULL), 0);
	}
	return dev;
}

extern const char *vfstest_mac, *vfstest_net_link;

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t csum(const uint8_t *p, size_t len)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		s += be16(p + i);
	if (i < len)
		s += (uint32_t)p[i] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* Wait for a frame match() accepts: frames that are not it are freed.
 * Polls once at first (frames from before), then only when the
 * interrupt said so. Returns the frame (the caller frees it) or NULL. */
static struct ts_netbuf *wait_for(int (*match)(const uint8_t *, uint32_t))
{
	uint64_t deadline = ts_time_deadline_in(WAIT_NS);
	int woken = 1;

	for (;;) {
		if (woken)
			while (ts_netdev_poll(dev, 16) == 16)
				;
		while (nheld) {
			struct ts_netbuf *nb = held[--nheld];

			if (match(nb->data, nb->len))
				return nb;
			ts_netbuf_free(nb);
		}
		woken = ts_sem_timedwait(&ready, deadline) == 0;
		if (!woken)
			return NULL;
	}
}

static int is_arp_reply(const uint8_t *f, uint32_t len)
{
	return len >= 42 && be16(f + 12) == ETH_ARP && be16(f + 20) == 2 &&
	       !memcmp(f + 28, gw_ip, 4) && !memcmp(f + 38, our_ip, 4) &&
	       !memcmp(f + 32, dev->mac, TS_ETH_ALEN);
}

static uint16_t echo_id;

static int is_echo_reply(const uint8_t *f, uint32_t len)
{
	const uint8_t *ip = f + 14, *icmp = ip + 20;

	return len >= 14 + 20 + 8 && be16(f + 12) == ETH_IP &&
	       ip[0] == 0x45 && ip[9] == 1 && !memcmp(ip + 12, gw_ip, 4) &&
	       icmp[0] == 0 && be16(icmp + 4) == echo_id;
}

TS_TEST(net, device_and_registry)
{
	struct ts_netdev *d = net();
	char mac[18];

	TS_EXPECT(ts_netdev_count() >= 1);
	TS_EXPECT_STREQ(d->name, "eth0");
	TS_EXPECT(ts_netdev_by_name("eth0") == d);
	TS_EXPECT(ts_netdev_by_name("eth9") == NULL);
	TS_EXPECT(ts_netdev_get(ts_netdev_count()) == NULL);
	TS_EXPECT_EQ(d->mtu, 1500);
	TS_EXPECT(d->link_up);
	TS_EXPECT(d->features & TS_NETDEV_F_MAC);
	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", d->mac[0],
		 d->mac[1], d->mac[2], d->mac[3], d->mac[4], d->mac[5]);
	printf("net: %s at %s mac %s features %#x\n", d->name, d->where, mac,
	       d->features);
	if (vfstest_mac)
		TS_EXPECT_STREQ(mac, vfstest_mac);
	/* One user at a time; a user needs rx and rx_ready. */
	TS_EXPECT_EQ(ts_netdev_open(d, &user, NULL), -EBUSY);
	TS_EXPECT_EQ(ts_netdev_open(d, NULL, NULL), -EINVAL);
}

/* Who has 10.0.2.2, in three parts (Ethernet header, ARP, padding to
 * the 60-byte minimum): several descriptors for one frame. */
TS_TEST(net, arp_gateway)
{
	static uint8_t eth[14], arp[28], pad[18];
	struct ts_netdev_sg sg[3] = {
		{ eth, sizeof(eth) }, { arp, sizeof(arp) }, { pad, sizeof(pad) },
	};
	struct ts_netdev *d = net();
	struct ts_netbuf *nb;
	uint64_t tx = d->stats.tx_packets;

	memset(eth, 0xff, 6);
	memcpy(eth + 6, d->mac, 6);
	put16(eth + 12, ETH_ARP);
	put16(arp, 1);			/* Ethernet */
	put16(arp + 2, ETH_IP);
	arp[4] = 6;
	arp[5] = 4;
	put16(arp + 6, 1);		/* request */
	memcpy(arp + 8, d->mac, 6);
	memcpy(arp + 14, our_ip, 4);
	memset(arp + 18, 0, 6);
	memcpy(arp + 24, gw_ip, 4);
	TS_REQUIRE_EQ(ts_netdev_xmit(d, sg, 3, NULL, arp), 0);
	TS_EXPECT_EQ(d->stats.tx_packets, tx + 1);
	nb = wait_for(is_arp_reply);
	TS_REQUIRE(nb != NULL);
	memcpy(gw_mac, (uint8_t *)nb->data + 22, TS_ETH_ALEN);
	gw_known = 1;
	printf("net: 10.0.2.2 is at %02x:%02x:%02x:%02x:%02x:%02x\n",
	       gw_mac[0], gw_mac[1], gw_mac[2], gw_mac[3], gw_mac[4],
	       gw_mac[5]);
	TS_EXPECT(nb->dev == d);
	ts_netbuf_free(nb);
}

/* An echo request to the gateway (slirp answers those itself), in
 * three parts again; the reply's ICMP checksum must hold. */
TS_TEST(net, icmp_echo_gateway)
{
	static uint8_t eth[14], ip[20], icmp[8 + 56];
	struct ts_netdev_sg sg[3] = {
		{ eth, sizeof(eth) }, { ip, sizeof(ip) }, { icmp, sizeof(icmp) },
	};
	struct ts_netdev *d = net();
	struct ts_netbuf *nb;
	const uint8_t *r;
	unsigned int i;
	uint64_t start;

	TS_REQUIRE(gw_known);
	echo_id = (uint16_t)(0x7400 | (ts_time_now_ns() & 0xff));
	memcpy(eth, gw_mac, 6);
	memcpy(eth + 6, d->mac, 6);
	put16(eth + 12, ETH_IP);
	memset(ip, 0, sizeof(ip));
	ip[0] = 0x45;
	put16(ip + 2, sizeof(ip) + sizeof(icmp));
	put16(ip + 4, echo_id);
	ip[8] = 64;
	ip[9] = 1;
	memcpy(ip + 12, our_ip, 4);
	memcpy(ip + 16, gw_ip, 4);
	put16(ip + 10, csum(ip, sizeof(ip)));
	memset(icmp, 0, sizeof(icmp));
	icmp[0] = 8;
	put16(icmp + 4, echo_id);
	put16(icmp + 6, 1);
	for (i = 8; i < sizeof(icmp); i++)
		icmp[i] = (uint8_t)(i * 3);
	put16(icmp + 2, csum(icmp, sizeof(icmp)));
	start = ts_time_now_ns();
	TS_REQUIRE_EQ(ts_netdev_xmit(d, sg, 3, NULL, icmp), 0);
	nb = wait_for(is_echo_reply);
	TS_REQUIRE(nb != NULL);
	printf("net: echo reply from 10.0.2.2 after %llu us\n",
	       (unsigned long long)(ts_time_now_ns() - start) / 1000);
	r = (const uint8_t *)nb->data + 14 + 20;
	TS_EXPECT_EQ(nb->len, 14 + sizeof(ip) + sizeof(icmp));
	TS_EXPECT_EQ(csum(r, nb->len - 34), 0);
	TS_EXPECT(!memcmp(r + 8, icmp + 8, sizeof(icmp) - 8));
	ts_netbuf_free(nb);
}

/* Bad frames are refused with -EINVAL, before the device sees them. */
TS_TEST(net, bad_frames_refused)
{
	static uint8_t frame[1600];
	struct ts_netdev_sg sg[TS_NETDEV_MAX_SG + 1];
	struct ts_netdev_tx_offload off = { 14, 200 };
	struct ts_netdev *d = net();
	uint64_t errors = d->stats.tx_errors, tx = d->stats.tx_packets;
	unsigned int i;

	for (i = 0; i <= TS_NETDEV_MAX_SG; i++) {
		sg[i].addr = frame;
		sg[i].len = 20;
	}
	TS_EXPECT_EQ(ts_netdev_xmit(d, sg, 0, NULL, NULL), -EINVAL);
	TS_EXPECT_EQ(ts_netdev_xmit(d, sg, TS_NETDEV_MAX_SG + 1, NULL, NULL),
		     -EINVAL);
	sg[0].len = 13;			/* no whole Ethernet header */
	TS_EXPECT_EQ(ts_netdev_xmit(d, sg, 1, NULL, NULL), -EINVAL);
	sg[0].len = 1515;		/* longer than MTU + header */
	TS_EXPECT_EQ(ts_netdev_xmit(d, sg, 1, NULL, NULL), -EINVAL);
	sg[0].len = 60;			/* checksum field past the end */
	TS_EXPECT_EQ(ts_netdev_xmit(d, sg, 1, &off, NULL), -EINVAL);
	TS_EXPECT_EQ(d->stats.tx_errors, errors + 5);
	TS_EXPECT_EQ(d->stats.tx_packets, tx);
}

/* Many frames at once without polling: each send returns at once, 0 or
 * -EAGAIN when the ring is full (counted as dropped), never waits; the
 * device's reclaimed chains come back through tx_done. */
TS_TEST(net, full_send_ring_is_bounded)
{
	static uint8_t eth[14], body[46];
	struct ts_netdev_sg sg[TS_NETDEV_MAX_SG];
	struct ts_netdev *d = net();
	uint64_t dropped = d->stats.tx_dropped, start;
	unsigned int i, sent = 0, refused = 0, done = tx_done;
	int rc;

	/* To nobody (a locally administered address slirp ignores), an
	 * experimental ethertype. */
	memset(eth, 0, sizeof(eth));
	eth[0] = 0x02;
	memcpy(eth + 6, d->mac, 6);
	put16(eth + 12, 0x88b5);
	sg[0].addr = eth;
	sg[0].len = sizeof(eth);
	for (i = 1; i < TS_NETDEV_MAX_SG; i++) {
		sg[i].addr = body + i;
		sg[i].len = 2;
	}
	start = ts_time_now_ns();
	for (i = 0; i < 400; i++) {
		rc = ts_netdev_xmit(d, sg, TS_NETDEV_MAX_SG, NULL, NULL);
		TS_EXPECT(rc == 0 || rc == -EAGAIN);
		if (rc == 0)
			sent++;
		else
			refused++;
	}
	printf("net: 400 sends of %d parts in %llu us: %u taken, %u refused\n",
	       TS_NETDEV_MAX_SG,
	       (unsigned long long)(ts_time_now_ns() - start) / 1000, sent,
	       refused);
	TS_EXPECT_EQ(d->stats.tx_dropped, dropped + refused);
	TS_EXPECT(sent > 0);
	/* The device finishes what it took: polls give every one back. */
	start = ts_time_deadline_in(WAIT_NS);
	while (tx_done - done < sent && ts_time_now_ns() < start)
		ts_netdev_poll(d, 16);
	TS_EXPECT_EQ(tx_done - done, sent);
}

/* Receive was interrupt-driven: the frames came with interrupts, and
 * the counters add up. */
TS_TEST(net, zz_counters)
{
	struct ts_netdev *d = net();
	struct ts_netdev_stats *s = &d->stats;

	printf("net: rx %llu packets %llu bytes, %llu dropped, %llu errors, "
	       "%llu interrupts, %llu polls; tx %llu packets %llu bytes, "
	       "%llu dropped, %llu errors; %u wakeups\n",
	       (unsigned long long)s->rx_packets,
	       (unsigned long long)s->rx_bytes,
	       (unsigned long long)s->rx_dropped,
	       (unsigned long long)s->rx_errors,
	       (unsigned long long)s->rx_interrupts,
	       (unsigned long long)s->rx_polls,
	       (unsigned long long)s->tx_packets,
	       (unsigned long long)s->tx_bytes,
	       (unsigned long long)s->tx_dropped,
	       (unsigned long long)s->tx_errors, wakeups);
	TS_EXPECT(s->rx_packets >= 2);
	TS_EXPECT(s->rx_bytes >= 42 + 98);
	TS_EXPECT(s->rx_interrupts > 0);
	TS_EXPECT(s->rx_polls > 0);
	TS_EXPECT(s->tx_packets >= 2);
	TS_EXPECT_EQ(s->rx_errors, 0);
	TS_EXPECT_EQ(links, 0);
}

static int is_syn_to_80(const uint8_t *f, uint32_t len)
{
	const uint8_t *ip = f + 14, *tcp = ip + 20;

	return len >= 14 + 20 + 20 && be16(f + 12) == ETH_IP &&
	       ip[0] == 0x45 && ip[9] == 6 && !memcmp(ip + 16, our_ip, 4) &&
	       be16(tcp + 2) == 80 && (tcp[13] & 0x12) == 0x02;
}

/* make run PORTS=H:80: a connection to 127.0.0.1:H on the host comes in
 * as a SYN to port 80 from QEMU (tests/build/test_net_run.py connects
 * once it sees the line). A suite of its own: "net.*" does not wait,
 * and it waits only when the host said it would connect (argv[2]). */
TS_TEST(net_fwd, syn_from_forwarded_port)
{
	struct ts_netbuf *nb;

	if (!vfstest_mac)
		TS_SKIP("no host connects (the MAC, argv[2], says one does)");
	net();
	printf("net: waiting for a TCP SYN to port 80\n");
	nb = wait_for(is_syn_to_80);
	TS_REQUIRE(nb != NULL);
	printf("net: SYN to port 80 from %u.%u.%u.%u\n",
	       ((uint8_t *)nb->data)[26], ((uint8_t *)nb->data)[27],
	       ((uint8_t *)nb->data)[28], ((uint8_t *)nb->data)[29]);
	ts_netbuf_free(nb);
}
/* The card's configuration interrupt: QEMU's set_link off, then on (the
 * host's QMP, tests/build/test_net_run.py), reach the stack's link()
 * through a poll, and dev->link_up follows. */
static int wait_link(int up)
{
	uint64_t deadline = ts_time_deadline_in(WAIT_NS);

	while (!link_seen[up] && ts_sem_timedwait(&ready, deadline) == 0)
		while (ts_netdev_poll(dev, 16) == 16)
			;
	return link_seen[up];
}

TS_TEST(net_link, down_and_up)
{
	struct ts_netdev *d;

	if (!vfstest_net_link || strcmp(vfstest_net_link, "link"))
		TS_SKIP("the host does not turn the link off (argv[3] is not "
			"\"link\")");
	d = net();
	TS_REQUIRE(d->link_up);
	printf("net: waiting for the link to go down\n");
	TS_REQUIRE(wait_link(0));
	TS_EXPECT(!d->link_up);
	printf("net: link down; waiting for it to come up\n");
	TS_REQUIRE(wait_link(1));
	TS_EXPECT(d->link_up);
	printf("net: link up again\n");
}
#endif
