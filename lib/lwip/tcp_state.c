/* Tracepoint lwip_tcp_state: every change of a TCP connection's state,
 * from the hook lwIP calls just before it sets pcb->state
 * (LWIP_HOOK_TCP_STATE_CHANGE in lwipopts.h; the calls are added by
 * patches/0001-tcp-state-change-hook.patch), and when it frees a
 * connection (state CLOSED). States are named as netstat shortens
 * them, in at most 8 characters (a trace string's room). */
#include <lwip/tcp.h>
#include <lwip/priv/tcp_priv.h>
#include <ts/trace.h>

TS_TRACEPOINT(lwip_tcp_state,
	      "tcp %p %s -> %s local port %u remote %08x port %u",
	      void *, ts_trace_str8, ts_trace_str8, uint16_t, uint32_t,
	      uint16_t);

static const char *const state_name[] = {
	[CLOSED] = "CLOSED",	[LISTEN] = "LISTEN",
	[SYN_SENT] = "SYN_SENT",	[SYN_RCVD] = "SYN_RCVD",
	[ESTABLISHED] = "ESTAB",	[FIN_WAIT_1] = "FIN_WT1",
	[FIN_WAIT_2] = "FIN_WT2",	[CLOSE_WAIT] = "CLOSE_WT",
	[CLOSING] = "CLOSING",	[LAST_ACK] = "LAST_ACK",
	[TIME_WAIT] = "TIME_WT",
};

static const char *name_of(int state)
{
	if (state < 0 || state >= (int)(sizeof(state_name) /
					 sizeof(state_name[0])))
		return "?";
	return state_name[state];
}

void ts_lwip_tcp_state(void *p, int new_state)
{
	struct tcp_pcb *pcb = p;
	uint32_t remote = 0;
	uint16_t remote_port = 0;

	if (!TS_TRACEPOINT_ENABLED(lwip_tcp_state) || (int)pcb->state == new_state)
		return;
	/* A listening pcb (struct tcp_pcb_listen) shares only the common
	 * fields: no remote port. */
	if (pcb->state != LISTEN && new_state != (int)LISTEN)
		remote_port = pcb->remote_port;
#if LWIP_IPV4
	if (IP_IS_V4(&pcb->remote_ip))
		remote = lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(&pcb->remote_ip)));
#endif
	trace_lwip_tcp_state(pcb, ts_trace_str(name_of(pcb->state)),
			     ts_trace_str(name_of(new_state)),
			     pcb->local_port, remote, remote_port);
}
