/* lib/lwip's own interface, beside lwIP's APIs (<lwip/api.h> netconns,
 * <lwip/sockets.h> lwip_socket() and the rest, <lwip/tcp.h> raw TCP;
 * their headers are on every library's include path when lib/lwip is
 * selected). lib/lwip/README.md says how they are configured. */
#ifndef TS_LWIP_H
#define TS_LWIP_H

/* The socket layer's events (CONFIG_LIB_LWIP_SOCKET): fn(s, evt, len)
 * is called after lwIP's own socket bookkeeping for every event of
 * socket s (the number lwip_socket() or lwip_accept() returned): evt
 * is an enum netconn_evt of <lwip/api.h> (NETCONN_EVT_RCVPLUS: data,
 * a connection to accept or the end of input; NETCONN_EVT_SENDPLUS:
 * room to send; NETCONN_EVT_ERROR: an error), len the bytes concerned.
 * fn runs with lwIP's core lock held, in whichever thread drives lwIP
 * at the time: it must not block or call lwIP, only note the event and
 * wake waiters (ts_poll_notify()), which then ask lwip_poll() or
 * lwip_recv(..., MSG_DONTWAIT) what is ready. One function for all
 * sockets; NULL removes it. */
typedef void (*ts_lwip_socket_event_fn)(int s, int evt, unsigned int len);
void ts_lwip_socket_set_event_fn(ts_lwip_socket_event_fn fn);

#endif
