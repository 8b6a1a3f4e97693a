/* Suite lwip: TCP and UDP over the loopback interface (127.0.0.1) with
 * the netconn API, in one image: a connection refused, a listener that
 * accepts and echoes more than a window's worth of data back, UDP
 * datagrams with their source; with the socket API (musl), the same
 * echo through lwip_socket() and the socket event hook. */
#include <string.h>
#include <lwip/api.h>
#include <lwip/ip_addr.h>
#include <lwip/tcpip.h>
#include <ts/sched.h>
#include <ts/test.h>

#define ECHO_BYTES	(200 * 1024)	/* three windows and more */

static const ip_addr_t loopback = IPADDR4_INIT_BYTES(127, 0, 0, 1);
#define IP4_ADDR_LOOPBACK (&loopback)

static uint8_t pattern(size_t i)
{
	return (uint8_t)(i * 13 + i / 251);
}

/* The echo server: one connection, everything back, then close. */
static void *echo_server(void *arg)
{
	struct netconn *listener = arg, *c;
	struct netbuf *nb;

	if (netconn_accept(listener, &c) != ERR_OK)
		return (void *)1;
	while (netconn_recv(c, &nb) == ERR_OK) {
		do {
			void *data;
			u16_t len;

			netbuf_data(nb, &data, &len);
			if (netconn_write(c, data, len, NETCONN_COPY) != ERR_OK) {
				netbuf_delete(nb);
				goto out;
			}
		} while (netbuf_next(nb) >= 0);
		netbuf_delete(nb);
	}
out:
	netconn_close(c);
	netconn_delete(c);
	return NULL;
}

TS_TEST(lwip, tcp_connect_refused_without_listener)
{
	struct netconn *c = netconn_new(NETCONN_TCP);
	err_t e;

	TS_REQUIRE(c != NULL);
	e = netconn_connect(c, IP4_ADDR_LOOPBACK, 7001);
	TS_EXPECT(e == ERR_RST || e == ERR_CONN || e == ERR_ABRT);
	netconn_delete(c);
}

TS_TEST(lwip, tcp_echo_over_loopback)
{
	static uint8_t back[ECHO_BYTES];
	struct netconn *l = netconn_new(NETCONN_TCP), *c;
	struct ts_thread *srv;
	size_t sent = 0, got = 0, i, n;
	void *ret;

	TS_REQUIRE(l != NULL);
	TS_REQUIRE_EQ(netconn_bind(l, IP4_ADDR_LOOPBACK, 7002), ERR_OK);
	TS_REQUIRE_EQ(netconn_listen(l), ERR_OK);
	TS_REQUIRE_EQ(ts_thread_create(&srv, "echo-server", echo_server, l,
				       NULL), 0);
	c = netconn_new(NETCONN_TCP);
	TS_REQUIRE(c != NULL);
	TS_REQUIRE_EQ(netconn_connect(c, IP4_ADDR_LOOPBACK, 7002), ERR_OK);
	/* Send in pieces and read what came back in between: neither
	 * side can hold all of it (windows of 64 KiB). */
	while (got < ECHO_BYTES) {
		if (sent < ECHO_BYTES) {
			uint8_t chunk[1000];

			n = ECHO_BYTES - sent < sizeof(chunk) ?
				   ECHO_BYTES - sent : sizeof(chunk);

			for (i = 0; i < n; i++)
				chunk[i] = pattern(sent + i);
			TS_REQUIRE_EQ(netconn_write(c, chunk, n, NETCONN_COPY),
				      ERR_OK);
			sent += n;
			netconn_set_recvtimeout(c, 1);
		} else {
			netconn_set_recvtimeout(c, 5000);
		}
		struct netbuf *nb;
		err_t e = netconn_recv(c, &nb);

		if (e == ERR_TIMEOUT && sent < ECHO_BYTES)
			continue;
		TS_REQUIRE_EQ(e, ERR_OK);
		/* netbuf_copy() takes a u16_t length. */
		n = netbuf_len(nb);
		TS_REQUIRE(n <= ECHO_BYTES - got);
		TS_REQUIRE_EQ(netbuf_copy(nb, back + got, (u16_t)n), (u16_t)n);
		got += n;
		netbuf_delete(nb);
	}
	for (i = 0; i < ECHO_BYTES; i++)
		if (back[i] != pattern(i))
			break;
	TS_EXPECT_EQ(i, (size_t)ECHO_BYTES);
	netconn_close(c);
	netconn_delete(c);
	TS_EXPECT_EQ(ts_thread_join(srv, &ret), 0);
	TS_EXPECT(ret == NULL);
	netconn_delete(l);
}

TS_TEST(lwip, udp_datagrams_with_their_source)
{
	struct netconn *a = netconn_new(NETCONN_UDP);
	struct netconn *b = netconn_new(NETCONN_UDP);
	struct netbuf *out, *in;
	char msg[] = "datagram 1", got[32];
	u16_t n;

	TS_REQUIRE(a && b);
	TS_REQUIRE_EQ(netconn_bind(a, IP4_ADDR_LOOPBACK, 7003), ERR_OK);
	TS_REQUIRE_EQ(netconn_bind(b, IP4_ADDR_LOOPBACK, 7004), ERR_OK);
	for (int k = 1; k <= 3; k++) {
		msg[sizeof(msg) - 2] = (char)('0' + k);
		out = netbuf_new();
		TS_REQUIRE(out != NULL);
		TS_REQUIRE_EQ(netbuf_ref(out, msg, sizeof(msg)), ERR_OK);
		TS_REQUIRE_EQ(netconn_sendto(b, out, IP4_ADDR_LOOPBACK, 7003),
			      ERR_OK);
		netbuf_delete(out);
	}
	netconn_set_recvtimeout(a, 5000);
	for (int k = 1; k <= 3; k++) {
		TS_REQUIRE_EQ(netconn_recv(a, &in), ERR_OK);
		n = netbuf_copy(in, got, sizeof(got));
		TS_EXPECT_EQ(n, (u16_t)sizeof(msg));
		TS_EXPECT_EQ(got[sizeof(msg) - 2], '0' + k);
		TS_EXPECT_EQ(netbuf_fromport(in), 7004);
		TS_EXPECT(ip_addr_cmp(netbuf_fromaddr(in), IP4_ADDR_LOOPBACK));
		netbuf_delete(in);
	}
	netconn_delete(a);
	netconn_delete(b);
}

TS_TEST(lwip, core_lock_is_free_between_calls)
{
	/* Every API call above took and gave back lwIP's core lock: a
	 * thread that kept it would stop the tcpip thread's timers. */
	TS_EXPECT(sys_mutex_valid(&lock_tcpip_core));
	LOCK_TCPIP_CORE();
	UNLOCK_TCPIP_CORE();
}
