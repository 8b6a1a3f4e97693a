/* The socket layer's event hook (<ts/lwip.h>): lwIP's sockets.c is
 * compiled with netconn_new_with_proto_and_callback renamed to
 * ts_lwip_socket_netconn_new (Makefile.uk), so every netconn it makes
 * for a socket gets on_event() as its callback, which runs lwIP's own
 * (event_callback, static in sockets.c, which keeps the counts
 * lwip_poll() and lwip_select() read) and then the hook. Connections a
 * listening netconn accepts inherit its callback. No patch to lwIP. */
#include <lwip/api.h>
#include <lwip/priv/sockets_priv.h>
#include <ts/lwip.h>

static netconn_callback lwip_event_callback;
static ts_lwip_socket_event_fn socket_event_fn;

void ts_lwip_socket_set_event_fn(ts_lwip_socket_event_fn fn)
{
	socket_event_fn = fn;
}

static void on_event(struct netconn *conn, enum netconn_evt evt, u16_t len)
{
	ts_lwip_socket_event_fn fn = socket_event_fn;

	lwip_event_callback(conn, evt, len);
	/* A connection not accepted yet counts its events in
	 * conn->socket as negative numbers: no socket to tell. */
	if (fn && conn && conn->socket >= 0)
		fn(conn->socket + LWIP_SOCKET_OFFSET, (int)evt, len);
}

struct netconn *ts_lwip_socket_netconn_new(enum netconn_type type,
					   u8_t proto,
					   netconn_callback callback);

struct netconn *ts_lwip_socket_netconn_new(enum netconn_type type,
					   u8_t proto,
					   netconn_callback callback)
{
	/* Always sockets.c's event_callback. */
	lwip_event_callback = callback;
	return netconn_new_with_proto_and_callback(type, proto, on_event);
}
