/* httpreply: a small static HTTP/1.1 server on epoll, the reference for
 * what the network stack alone costs (bench/net). The same file builds
 * for the image (musl on Tessera) and for Linux (gcc, or static for the
 * Linux guest of bench/net):
 *
 *   httpreply [-a ADDRESS] [PORT]      (default: every address, port 80)
 *
 * GET / answers a small page, GET /bytes/N N bytes of http_pattern()
 * (N up to 1 GiB), HEAD the same heads; anything else 404 (unknown
 * path), 405 (other methods) or 400 (malformed). Connections stay open
 * (HTTP/1.1 keep-alive, requests pipelined or not) until the client
 * closes or asks for Connection: close. Port 0 takes a free port; the
 * port is said on "httpreply: listening on port N" once it accepts.
 *
 * Sockets are nonblocking and level-triggered: a connection is watched
 * for input until a reply is due, then for output until the reply is
 * sent (large bodies in pieces, never whole in memory). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* accept4 */
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include "http.h"

#define WHO "httpreply"
#define EVENTS 64
/* A multiple of the pattern's period, so a chunk at any offset is a
 * slice of one buffer. */
#define CHUNK (251 * 256)

struct conn {
	int fd;
	size_t in_len;		/* bytes of the next request(s) in in */
	struct http_reply reply;
	size_t head_sent;	/* of reply.head */
	uint64_t body_sent;	/* of the body */
	int replying;		/* a reply is being sent */
	unsigned events;	/* what epoll watches for */
	char in[HTTP_HEAD_MAX];
};

static unsigned char pattern[CHUNK + 251];

static __attribute__((noreturn)) void fail(const char *what)
{
	fprintf(stderr, WHO ": %s: %s\n", what, strerror(errno));
	exit(1);
}

static __attribute__((noreturn)) void usage(const char *why)
{
	fprintf(stderr, WHO ": %s\nusage: httpreply [-a ADDRESS] [PORT]\n", why);
	exit(2);
}

static int watch(int ep, int op, struct conn *c, unsigned events)
{
	struct epoll_event ev = { .events = events, .data.ptr = c };

	/* One call per change, not per request. */
	if (op == EPOLL_CTL_MOD && c->events == events)
		return 0;
	c->events = events;
	return epoll_ctl(ep, op, c->fd, &ev);
}

static void drop(int ep, struct conn *c)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	free(c);
}

/* Sends what the reply still owes: 1 when it is all sent, 0 when the
 * socket is full, -1 when the connection failed. */
static int send_reply(struct conn *c)
{
	struct http_reply *r = &c->reply;

	while (c->head_sent < r->head_len || c->body_sent < r->body_len) {
		const void *p;
		size_t n;
		ssize_t w;

		if (c->head_sent < r->head_len) {
			p = r->head + c->head_sent;
			n = r->head_len - c->head_sent;
		} else if (r->body) {
			p = r->body + c->body_sent;
			n = (size_t)(r->body_len - c->body_sent);
		} else {
			p = pattern + c->body_sent % 251;
			n = r->body_len - c->body_sent < CHUNK
				? (size_t)(r->body_len - c->body_sent) : CHUNK;
		}
		w = write(c->fd, p, n);
		if (w < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		if (c->head_sent < r->head_len)
			c->head_sent += (size_t)w;
		else
			c->body_sent += (uint64_t)w;
	}
	return 1;
}

/* Answers the requests in c->in, one at a time: returns 0 to keep the
 * connection, -1 to close it. */
static int serve(int ep, struct conn *c)
{
	for (;;) {
		long head;
		int sent;

		if (!c->replying) {
			head = http_request(c->in, c->in_len, &c->reply);
			if (!head)
				break;
			if (head > 0) {
				c->in_len -= (size_t)head;
				memmove(c->in, c->in + head, c->in_len);
			}
			c->replying = 1;
			c->head_sent = 0;
			c->body_sent = 0;
		}
		sent = send_reply(c);
		if (sent < 0)
			return -1;
		if (!sent)
			return watch(ep, EPOLL_CTL_MOD, c, EPOLLOUT);
		c->replying = 0;
		if (!c->reply.keep_alive) {
			/* Whatever came after is not read: the client
			 * learns of the close from the reply's header. */
			shutdown(c->fd, SHUT_WR);
			return -1;
		}
	}
	return watch(ep, EPOLL_CTL_MOD, c, EPOLLIN);
}

static int readable(int ep, struct conn *c)
{
	for (;;) {
		ssize_t n;

		if (c->in_len == sizeof(c->in))
			break;	/* http_request() answers 431 */
		n = read(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0)
			return -1;
		c->in_len += (size_t)n;
		if (c->in_len < sizeof(c->in))
			break;	/* read all there was: serve it */
	}
	return serve(ep, c);
}

static void accept_all(int ep, int ls)
{
	for (;;) {
		struct conn *c;
		int one = 1;
		int fd = accept4(ls, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			if (errno == EMFILE || errno == ENFILE ||
			    errno == ENOBUFS || errno == ENOMEM ||
			    errno == ECONNABORTED || errno == EINTR) {
				/* Keep serving the others; a refused
				 * client retries. */
				fprintf(stderr, WHO ": accept4: %s\n",
					strerror(errno));
				return;
			}
			fail("accept4");
		}
		/* Replies are written whole: no Nagle delay on their
		 * last segment. */
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		c = malloc(sizeof(*c));
		if (!c) {
			close(fd);
			continue;
		}
		c->fd = fd;
		c->in_len = 0;
		c->replying = 0;
		if (watch(ep, EPOLL_CTL_ADD, c, EPOLLIN)) {
			close(fd);
			free(c);
		}
	}
}

static int listener(const char *address, unsigned port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons((uint16_t)port) };
	socklen_t len = sizeof(sa);
	int one = 1, fd;

	if (inet_pton(AF_INET, address, &sa.sin_addr) != 1)
		usage("-a: not an IPv4 address");
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fail("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		fail("setsockopt SO_REUSEADDR");
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		fail("bind");
	if (listen(fd, 128))
		fail("listen");
	if (getsockname(fd, (struct sockaddr *)&sa, &len))
		fail("getsockname");
	printf(WHO ": listening on port %u\n", ntohs(sa.sin_port));
	fflush(stdout);
	return fd;
}

int main(int argc, char *argv[])
{
	const char *address = "0.0.0.0";
	struct epoll_event events[EVENTS];
	struct conn lconn;
	unsigned long port = 80;
	int ep, i = 1;

	if (i + 1 < argc && !strcmp(argv[i], "-a")) {
		address = argv[i + 1];
		i += 2;
	}
	if (i < argc) {
		char *end;

		errno = 0;
		port = strtoul(argv[i], &end, 10);
		if (errno || end == argv[i] || *end || port > 65535 ||
		    argv[i][0] == '-' || argv[i][0] == '+')
			usage("the port must be a number from 0 to 65535");
		i++;
	}
	if (i < argc)
		usage("too many arguments");
	/* A client that goes away mid-reply is an EPIPE, not the end. */
	signal(SIGPIPE, SIG_IGN);
	http_pattern(0, pattern, sizeof(pattern));
	lconn.fd = listener(address, (unsigned)port);
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		fail("epoll_create1");
	if (watch(ep, EPOLL_CTL_ADD, &lconn, EPOLLIN))
		fail("epoll_ctl");
	for (;;) {
		int n = epoll_wait(ep, events, EVENTS, -1);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail("epoll_wait");
		}
		for (int k = 0; k < n; k++) {
			struct conn *c = events[k].data.ptr;

			if (c == &lconn) {
				accept_all(ep, lconn.fd);
				continue;
			}
			if (events[k].events & (EPOLLERR | EPOLLHUP) &&
			    !(events[k].events & EPOLLIN)) {
				drop(ep, c);
				continue;
			}
			if ((c->replying ? serve(ep, c) : readable(ep, c)) < 0)
				drop(ep, c);
		}
	}
}
