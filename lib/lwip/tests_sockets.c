/* Suite lwip_sockets: lwIP's socket API as a socket layer uses it
 * (CONFIG_LIB_LWIP_SOCKET): Linux's struct sockaddr_in, option numbers,
 * O_NONBLOCK and errno values go through unchanged, and the event hook
 * of <ts/lwip.h> hears of data and connections. Over 127.0.0.1. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <lwip/api.h>
#include <lwip/sockets.h>
#include <ts/lwip.h>
#include <ts/test.h>

static int events[64];

static void count_event(int s, int evt, unsigned int len)
{
	(void)len;
	if (s >= 0 && s < 64 && evt == NETCONN_EVT_RCVPLUS)
		events[s]++;
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

TS_TEST(lwip_sockets, linux_types_and_the_event_hook)
{
	struct sockaddr_in a = loopback(7010), peer;
	socklen_t len = sizeof(peer);
	struct pollfd pfd;
	int l, c, s, one = 1, got = 0;
	char buf[16];

	ts_lwip_socket_set_event_fn(count_event);
	l = lwip_socket(AF_INET, SOCK_STREAM, 0);
	TS_REQUIRE(l >= 0);
	TS_EXPECT_EQ(lwip_setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one,
				     sizeof(one)), 0);
	TS_REQUIRE_EQ(lwip_bind(l, (struct sockaddr *)&a, sizeof(a)), 0);
	TS_REQUIRE_EQ(lwip_listen(l, 4), 0);
	/* Nothing to accept yet: Linux's O_NONBLOCK and EAGAIN. */
	TS_EXPECT_EQ(lwip_fcntl(l, F_SETFL, O_NONBLOCK), 0);
	TS_EXPECT_EQ(lwip_accept(l, NULL, NULL), -1);
	TS_EXPECT(errno == EAGAIN || errno == EWOULDBLOCK);

	c = lwip_socket(AF_INET, SOCK_STREAM, 0);
	TS_REQUIRE(c >= 0);
	TS_EXPECT_EQ(lwip_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one,
				     sizeof(one)), 0);
	TS_REQUIRE_EQ(lwip_connect(c, (struct sockaddr *)&a, sizeof(a)), 0);
	/* The listener heard of the connection through the hook. */
	TS_EXPECT_GT(events[l], 0);
	pfd.fd = l;
	pfd.events = POLLIN;
	TS_EXPECT_EQ(lwip_poll(&pfd, 1, 1000), 1);
	s = lwip_accept(l, (struct sockaddr *)&peer, &len);
	TS_REQUIRE(s >= 0);
	TS_EXPECT_EQ(len, (socklen_t)sizeof(struct sockaddr_in));
	TS_EXPECT_EQ(peer.sin_family, AF_INET);
	TS_EXPECT_EQ(peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));

	TS_EXPECT_EQ(lwip_send(c, "hello", 5, 0), 5);
	pfd.fd = s;
	TS_EXPECT_EQ(lwip_poll(&pfd, 1, 1000), 1);
	TS_EXPECT_GT(events[s], 0);
	got = (int)lwip_recv(s, buf, sizeof(buf), MSG_DONTWAIT);
	TS_EXPECT_EQ(got, 5);
	TS_EXPECT(!memcmp(buf, "hello", 5));
	/* No more: Linux's MSG_DONTWAIT gives EAGAIN. */
	TS_EXPECT_EQ(lwip_recv(s, buf, sizeof(buf), MSG_DONTWAIT), -1);
	TS_EXPECT(errno == EAGAIN || errno == EWOULDBLOCK);

	ts_lwip_socket_set_event_fn(NULL);
	TS_EXPECT_EQ(lwip_close(s), 0);
	TS_EXPECT_EQ(lwip_close(c), 0);
	TS_EXPECT_EQ(lwip_close(l), 0);
}
