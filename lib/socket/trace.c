/* The socket calls' tracepoints: sock_socket, sock_bind, sock_connect,
 * sock_listen, sock_accept and sock_close, each with the descriptor and
 * the endpoints as text ("127.0.0.1:8080"), copied into the record (a
 * record has six 8-byte slots: an endpoint takes two or three, and a
 * longer one keeps its tail behind "...", the part with the port). */
#include <string.h>
#include <ts/trace.h>
#include "internal.h"

TS_TRACEPOINT(sock_socket, "%s %s = %ld", ts_trace_str8, ts_trace_str8,
	      long);
TS_TRACEPOINT(sock_bind, "fd %d %s%s%s = %ld", int, ts_trace_str8,
	      ts_trace_str8, ts_trace_str8, long);
TS_TRACEPOINT(sock_connect, "fd %d %s%s%s = %ld", int, ts_trace_str8,
	      ts_trace_str8, ts_trace_str8, long);
TS_TRACEPOINT(sock_listen, "fd %d backlog %d = %ld", int, int, long);
TS_TRACEPOINT(sock_accept, "fd %d = %ld peer %s%s%s", int, long,
	      ts_trace_str8, ts_trace_str8, ts_trace_str8);
TS_TRACEPOINT(sock_close, "fd %d %s %s%s - %s%s", int, ts_trace_str8,
	      ts_trace_str8, ts_trace_str8, ts_trace_str8, ts_trace_str8);

/* text in n slots: whole, or "..." and its last 8n-3 characters. */
static void slots(const char *text, ts_trace_str8 *s, unsigned int n)
{
	char buf[24];
	size_t len = strlen(text), room = 8 * n;

	memset(buf, 0, sizeof(buf));
	if (len <= room) {
		memcpy(buf, text, len);
	} else {
		memcpy(buf, "...", 3);
		memcpy(buf + 3, text + len - (room - 3), room - 3);
	}
	for (unsigned int i = 0; i < n; i++)
		s[i] = ts_trace_str(buf + 8 * i);
}

static void endpoint(struct ts_socket *s, int peer, ts_trace_str8 *out,
		     unsigned int n)
{
	struct sockaddr_storage a;
	socklen_t len = sizeof(a);
	char text[64];

	memset(&a, 0, sizeof(a));
	if (!s || !s->ops || !s->ops->getname ||
	    s->ops->getname(s, (struct sockaddr *)&a, &len, peer))
		len = 0;
	slots(ts_socket_addr_text(text, sizeof(text), (struct sockaddr *)&a,
				  len), out, n);
}

void sock_trace_socket(int family, int type, long r)
{
	if (!TS_TRACEPOINT_ENABLED(sock_socket))
		return;
	trace_sock_socket(ts_trace_str(ts_socket_family_name(family)),
			  ts_trace_str(ts_socket_type_name(type)), r);
}

void sock_trace_addr(int which, int fd, const struct sockaddr *a,
		     socklen_t len, long r)
{
	ts_trace_str8 s[3];
	char text[64];

	if (which == SOCK_TRACE_BIND ? !TS_TRACEPOINT_ENABLED(sock_bind) :
				       !TS_TRACEPOINT_ENABLED(sock_connect))
		return;
	slots(ts_socket_addr_text(text, sizeof(text), a, len), s, 3);
	if (which == SOCK_TRACE_BIND)
		trace_sock_bind(fd, s[0], s[1], s[2], r);
	else
		trace_sock_connect(fd, s[0], s[1], s[2], r);
}

void sock_trace_listen(int fd, int backlog, long r)
{
	trace_sock_listen(fd, backlog, r);
}

void sock_trace_accept(int fd, struct ts_socket *ns, long r)
{
	ts_trace_str8 s[3];

	if (!TS_TRACEPOINT_ENABLED(sock_accept))
		return;
	endpoint(ns, 1, s, 3);
	trace_sock_accept(fd, r, s[0], s[1], s[2]);
}

void sock_trace_release(struct ts_socket *s)
{
	ts_trace_str8 l[2], p[2];

	if (!TS_TRACEPOINT_ENABLED(sock_close))
		return;
	endpoint(s, 0, l, 2);
	endpoint(s, 1, p, 2);
	trace_sock_close(s->fd, ts_trace_str(ts_socket_type_name(s->type)),
			 l[0], l[1], p[0], p[1]);
}
