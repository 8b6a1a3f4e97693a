/* lwIP's options (lwip/opt.h reads this file first), from Kconfig.
 *
 * Read by lwIP's own files, compiled in the object cache with the
 * CONFIG_LIB_LWIP_* values as -D flags (Makefile.uk: they are part of
 * the cache entry's key), and by Tessera's files that include lwIP's
 * headers, where <ts/config.h> defines the same values. Anything here
 * that depends on the configuration must come from a CONFIG_LIB_LWIP_*
 * symbol, so that both see the same structures. */
#ifndef TS_LWIPOPTS_H
#define TS_LWIPOPTS_H

/* An OS: threads, the sequential APIs. */
#define NO_SYS				0
#define SYS_LIGHTWEIGHT_PROT		1
/* The core lock: an API call runs in the caller's thread holding it,
 * and the receive thread feeds frames in holding it, instead of a
 * message to the tcpip thread and a context switch each way (one CPU). */
#define LWIP_TCPIP_CORE_LOCKING		1
#define LWIP_TCPIP_CORE_LOCKING_INPUT	1
/* Checked at every core entry: lib/lwip/sys_arch.c. */
#define LWIP_ASSERT_CORE_LOCKED()	ts_lwip_assert_core_locked()
void ts_lwip_assert_core_locked(void);

/* Memory: lwIP's heap is lib/alloc's malloc (its statistics count
 * it); the fixed-size pools (connections, segments, pool buffers) stay
 * lwIP's own static arrays, so running out of one is an error lwIP
 * reports (ENOMEM, EMFILE) rather than a heap that grows. */
#define MEM_LIBC_MALLOC			1
#define MEMP_MEM_MALLOC			0
#define MEM_ALIGNMENT			8
#define LWIP_SUPPORT_CUSTOM_PBUF	1	/* received frames: the driver's buffers */
#define PBUF_POOL_SIZE			CONFIG_LIB_LWIP_PBUF_POOL
#define MEMP_NUM_PBUF			(2 * CONFIG_LIB_LWIP_NETCONNS + 16)

/* Connections. */
#define MEMP_NUM_NETCONN		CONFIG_LIB_LWIP_NETCONNS
#define MEMP_NUM_TCP_PCB		CONFIG_LIB_LWIP_NETCONNS
#define MEMP_NUM_TCP_PCB_LISTEN		CONFIG_LIB_LWIP_NETCONNS
#define MEMP_NUM_UDP_PCB		(CONFIG_LIB_LWIP_NETCONNS + 4)
#define MEMP_NUM_RAW_PCB		4
#define MEMP_NUM_NETBUF			(2 * CONFIG_LIB_LWIP_NETCONNS)
#define MEMP_NUM_TCPIP_MSG_API		(2 * CONFIG_LIB_LWIP_NETCONNS)
#define MEMP_NUM_TCPIP_MSG_INPKT	256
#define MEMP_NUM_SYS_TIMEOUT		(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 8)

/* TCP. */
#define LWIP_TCP			1
#define TCP_MSS				CONFIG_LIB_LWIP_TCP_MSS
#define TCP_WND				CONFIG_LIB_LWIP_TCP_WND
#define TCP_SND_BUF			CONFIG_LIB_LWIP_TCP_SND_BUF
#define TCP_SND_QUEUELEN		((4 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
#define MEMP_NUM_TCP_SEG		(TCP_SND_QUEUELEN + 2 * CONFIG_LIB_LWIP_NETCONNS)
#define TCP_LISTEN_BACKLOG		1
#define LWIP_TCP_KEEPALIVE		1
#define TCP_QUEUE_OOSEQ			1
#define LWIP_TCP_SACK_OUT		0
/* Every change of a connection's state, for its tracepoint
 * (lib/lwip/tcp_state.c; the call sites are patches/
 * 0001-tcp-state-change-hook.patch). */
/* pcb is a struct tcp_pcb, or a struct tcp_pcb_listen (LISTEN). */
void ts_lwip_tcp_state(void *pcb, int new_state);
#define LWIP_HOOK_TCP_STATE_CHANGE(pcb, new_state) \
	ts_lwip_tcp_state(pcb, new_state)

#define LWIP_UDP			1
#define LWIP_RAW			1
#define LWIP_ICMP			1
#define LWIP_BROADCAST_PINGS		0
#define LWIP_IGMP			1

/* IPv4, and IPv6 as configured. */
#define LWIP_IPV4			1
#define IP_REASSEMBLY			1
#define IP_FRAG				1
#define ARP_QUEUEING			1
#define ETHARP_SUPPORT_STATIC_ENTRIES	1
#ifdef CONFIG_LIB_LWIP_IPV6
#define LWIP_IPV6			1
#define LWIP_IPV6_AUTOCONFIG		1
/* 64-bit pointers do not fit in the 8 bytes of a fragment header. */
#define IPV6_FRAG_COPYHEADER		1
#define LWIP_IPV6_SEND_ROUTER_SOLICIT	1
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS	1
#define LWIP_ND6_ALLOW_RA_UPDATES	1
#else
#define LWIP_IPV6			0
#endif
#ifdef CONFIG_LIB_LWIP_DHCP
#define LWIP_DHCP			1
#define LWIP_DHCP_DOES_ACD_CHECK	0
#define DHCP_DOES_ARP_CHECK		0
#else
#define LWIP_DHCP			0
#endif
#ifdef CONFIG_LIB_LWIP_DNS
#define LWIP_DNS			1
#define DNS_MAX_SERVERS			3
/* api/netdb.c is left out (Makefile.uk): the C library has these. */
#define LWIP_DNS_API_DECLARE_STRUCTS	0
#define LWIP_DNS_API_DEFINE_ERRORS	0
#define LWIP_DNS_API_DECLARE_H_ERRNO	0
#else
#define LWIP_DNS			0
#endif
#define LWIP_RAND()			ts_lwip_rand()
unsigned int ts_lwip_rand(void);
#define LWIP_RANDOMIZE_INITIAL_LOCAL_PORTS 1

/* Interfaces: loopback (127.0.0.1, ::1) and the devices of lib/netdev;
 * per-interface checksum choice for devices that offload it; link and
 * status callbacks (the interface-up tracepoint, DHCP's wait). */
#define LWIP_NETIF_LOOPBACK		1
#define LWIP_HAVE_LOOPIF		1
#define LWIP_LOOPBACK_MAX_PBUFS		0
#define LWIP_NETIF_STATUS_CALLBACK	1
#define LWIP_NETIF_LINK_CALLBACK	1
#define LWIP_NETIF_HOSTNAME		1
#define LWIP_CHECKSUM_CTRL_PER_NETIF	1
#define LWIP_NETIF_TX_SINGLE_PBUF	0
#define LWIP_ETHERNET			1
#define ETH_PAD_SIZE			0
#define LWIP_SINGLE_NETIF		0

/* The sequential APIs: netconn always; sockets with musl. Socket
 * functions keep their lwip_ names (no POSIX names: the C library and
 * lib/socket have those). */
#define LWIP_NETCONN			1
#define LWIP_NETCONN_FULLDUPLEX		0
#ifdef CONFIG_LIB_LWIP_SOCKET
#define LWIP_SOCKET			1
#define LWIP_SOCKET_EXTERNAL_HEADERS	1
#define LWIP_SOCKET_EXTERNAL_HEADER_SOCKETS_H "ts_lwip_sockets.h"
#define LWIP_SOCKET_EXTERNAL_HEADER_INET_H "ts_lwip_inet.h"
#define LWIP_SOCKET_POLL		1
#define LWIP_SOCKET_SELECT		1
#define LWIP_SOCKET_OFFSET		0
#define LWIP_SO_RCVTIMEO		1
#define LWIP_SO_SNDTIMEO		1
#define LWIP_SO_RCVBUF			1
#define LWIP_SO_LINGER			1
#define SO_REUSE			1
#define LWIP_FIONREAD_LINUXMODE		1
#else
#define LWIP_SOCKET			0
#endif
#define LWIP_COMPAT_SOCKETS		0
#define LWIP_POSIX_SOCKETS_IO_NAMES	0
#define LWIP_ERRNO_STDINCLUDE		1

/* Threads: lib/sched's. The tcpip thread and the receive thread run
 * above the default priority so that frames are handled before the
 * program runs on. */
#define TCPIP_THREAD_NAME		"lwip-tcpip"
#define TCPIP_THREAD_STACKSIZE		16384
#define TCPIP_THREAD_PRIO		17
#define TCPIP_MBOX_SIZE			256
#define DEFAULT_THREAD_STACKSIZE	16384
#define DEFAULT_RAW_RECVMBOX_SIZE	64
#define DEFAULT_UDP_RECVMBOX_SIZE	64
#define DEFAULT_TCP_RECVMBOX_SIZE	64
#define DEFAULT_ACCEPTMBOX_SIZE		64

#define LWIP_STATS			0
#define LWIP_STATS_DISPLAY		0

#endif
